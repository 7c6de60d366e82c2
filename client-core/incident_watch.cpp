#include "incident_watch.h"

#include <QPointer>
#include <condition_variable>
#include <mutex>

namespace hall::client {

// What one stream attempt shares between its reactor (gRPC threads) and the
// watch (Qt thread). Outlives both through shared ownership.
struct IncidentWatch::Shared {
  grpc::ClientContext ctx;
  hall::v1::WatchRequest request;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<hall::v1::IncidentEvent> batch;  // GUARDED_BY(mu)
  qint64 caughtUpAt = -1;                      // GUARDED_BY(mu)
  bool drainPosted = false;                    // GUARDED_BY(mu)
  bool done = false;                           // GUARDED_BY(mu)
  grpc::Status status;                         // GUARDED_BY(mu)
};

// One Watch call. Deletes itself in OnDone, after telling the watch.
class IncidentWatch::Reactor : public grpc::ClientReadReactor<hall::v1::WatchResponse> {
 public:
  Reactor(IncidentWatch* watch, std::shared_ptr<Shared> shared)
      : m_watch(watch), m_shared(std::move(shared)) {}

  void start(hall::v1::IncidentService::Stub* stub) {
    stub->async()->Watch(&m_shared->ctx, &m_shared->request, this);
    StartRead(&m_msg);
    StartCall();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream is over; OnDone follows
    bool post = false;
    {
      std::lock_guard lock(m_shared->mu);
      if (m_msg.has_event()) {
        m_shared->batch.push_back(std::move(*m_msg.mutable_event()));
      } else if (m_msg.has_batch()) {
        for (auto& e : *m_msg.mutable_batch()->mutable_events())
          m_shared->batch.push_back(std::move(e));
      } else {
        m_shared->caughtUpAt = m_msg.caught_up_at_seq();
      }
      if (!m_shared->drainPosted) m_shared->drainPosted = post = true;
    }
    if (post) {
      // m_watch is alive: its destructor waits for our OnDone.
      QPointer<IncidentWatch> guard(m_watch);
      auto shared = m_shared;
      QMetaObject::invokeMethod(
          m_watch,
          [guard, shared] {
            if (guard) guard->drain(shared);
          },
          Qt::QueuedConnection);
    }
    m_msg.Clear();
    StartRead(&m_msg);
  }

  void OnDone(const grpc::Status& status) override {
    QPointer<IncidentWatch> guard(m_watch);
    auto shared = m_shared;
    {
      std::lock_guard lock(shared->mu);
      shared->status = status;
    }
    QMetaObject::invokeMethod(
        m_watch,
        [guard, shared] {
          if (guard) guard->finished(shared);
        },
        Qt::QueuedConnection);
    {
      std::lock_guard lock(shared->mu);
      shared->done = true;
      shared->cv.notify_all();
    }
    delete this;  // touches only our own members; `shared` keeps the state
  }

 private:
  IncidentWatch* m_watch;
  std::shared_ptr<Shared> m_shared;
  hall::v1::WatchResponse m_msg;
};

IncidentWatch::IncidentWatch(HallClient* client, QObject* parent)
    : QObject(parent), m_client(client) {
  m_restartTimer.setSingleShot(true);
  connect(&m_restartTimer, &QTimer::timeout, this, &IncidentWatch::launch);
  // When the server is back, do not wait out the rest of the backoff.
  connect(m_client, &HallClient::reconnected, this, [this] {
    if (m_wanted && !m_current && m_restartTimer.isActive()) {
      m_restartTimer.stop();
      launch();
    }
  });
}

IncidentWatch::~IncidentWatch() { stop(); }

void IncidentWatch::start(const QStringList& halls, qint64 afterSeq, bool fromNow) {
  stop();
  m_halls = halls;
  m_lastSeq = afterSeq;
  m_fromNow = fromNow;
  m_wanted = true;
  m_backoff.reset();
  setLive(false);
  emit lastSeqChanged();
  launch();
}

void IncidentWatch::stop() {
  m_wanted = false;
  m_restartTimer.stop();
  if (auto shared = std::exchange(m_current, nullptr)) {
    std::unique_lock lock(shared->mu);
    shared->ctx.TryCancel();
    shared->cv.wait(lock, [&] { return shared->done; });
  }
  setLive(false);
}

void IncidentWatch::launch() {
  if (!m_wanted || m_current) return;
  auto shared = std::make_shared<Shared>();
  m_client->prepareContext(&shared->ctx, 0);
  // Resume after the last delivered seq; from_now only for a first start
  // that asked to skip history.
  shared->request.set_after_seq(m_lastSeq);
  shared->request.set_from_now(m_fromNow && m_lastSeq == 0);
  shared->request.set_batches(true);
  for (const auto& h : m_halls) shared->request.add_hall_ids(ss(h));
  m_current = shared;
  ++m_attempts;
  auto* reactor = new Reactor(this, shared);
  reactor->start(m_client->incidents());
}

void IncidentWatch::drain(const std::shared_ptr<Shared>& shared) {
  std::vector<hall::v1::IncidentEvent> batch;
  qint64 caughtUpAt;
  {
    std::lock_guard lock(shared->mu);
    batch.swap(shared->batch);
    caughtUpAt = std::exchange(shared->caughtUpAt, -1);
    shared->drainPosted = false;
  }
  if (batch.empty() && caughtUpAt < 0) return;
  // Something arrived: the server is there and this stream works.
  m_client->noteSuccess();
  m_backoff.reset();
  std::vector<hall::v1::IncidentEvent> fresh;
  fresh.reserve(batch.size());
  for (auto& e : batch) {
    if (e.seq() <= m_lastSeq) {
      ++m_duplicates;
      continue;
    }
    m_lastSeq = e.seq();
    fresh.push_back(std::move(e));
  }
  if (!fresh.empty()) {
    emit lastSeqChanged();
    emit eventsReceived(fresh);
  }
  if (caughtUpAt >= 0) {
    if (caughtUpAt > m_lastSeq) {  // from_now: start at the head
      m_lastSeq = caughtUpAt;
      emit lastSeqChanged();
    }
    setLive(true);
    emit caughtUp(caughtUpAt);
  }
}

void IncidentWatch::finished(const std::shared_ptr<Shared>& shared) {
  drain(shared);                    // anything still in the batch comes first
  if (shared != m_current) return;  // an attempt stop() already ended
  m_current.reset();
  grpc::Status status;
  {
    std::lock_guard lock(shared->mu);
    status = shared->status;
  }
  setLive(false);
  if (!m_wanted) return;
  RpcResult r = RpcResult::fromStatus(status);
  if (!r.ok()) {
    m_client->noteResult(r);
    emit streamError(r);
  } else {
    m_client->noteFailure();  // the server ended the stream: it is going away
  }
  m_restartTimer.start(m_backoff.nextDelayMs());
}

void IncidentWatch::setLive(bool live) {
  if (m_live == live) return;
  m_live = live;
  emit liveChanged();
}

}  // namespace hall::client
