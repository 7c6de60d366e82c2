#include "api/watch_reactor.h"

#include <spdlog/spdlog.h>

#include <set>

#include "api/status.h"
#include "domain/validation.h"
#include "store/incident_reads.h"

namespace hall::api {

// The state of one watch, shared with the feed (as a subscriber) and with
// in-flight log reads, so it outlives the reactor safely.
class WatchSession : public store::FeedSubscriber,
                     public std::enable_shared_from_this<WatchSession> {
 public:
  WatchSession(ServerCore* core, EventWireCache* wire, WatchReactor* reactor)
      : core_(core), wire_(wire), reactor_(reactor) {}

  void Begin(const domain::Principal& who, const v1::WatchRequest& req) {
    store::HallScope scope;
    if (auto s = domain::CheckCount("hall_ids", req.hall_ids_size(), domain::kMaxListItems))
      return Fail(*s);
    if (req.hall_ids().empty()) {
      scope = ScopeOf(who);
    } else {
      for (const auto& h : req.hall_ids()) {
        if (auto s = domain::CheckSlug("hall_ids", h)) return Fail(*s);
        if (auto s = domain::CheckScope(who, h)) return Fail(*s);
        scope.halls.push_back(h);
      }
    }
    if (req.after_seq() < 0) return Fail(Error::InvalidArgument("after_seq must not be negative"));
    {
      MutexLock lock(&mu_);
      scope_ = scope;
      halls_.insert(scope.halls.begin(), scope.halls.end());
      // A kiosk stands in a public hall: it follows only its own reports.
      if (who.is_kiosk()) only_reporter_kiosk_ = who.id;
      // A person watching has a desk open: alerts can reach them.
      if (!who.is_kiosk()) present_as_ = who.id;
      batches_ = req.batches();
      cursor_ = req.from_now() ? core_->feed->head() : req.after_seq();
      started_ = true;
    }
    spdlog::debug("watch: {} from seq {}", who.id, req.after_seq());
    if (!who.is_kiosk()) core_->presence->Enter(who.id);
    // Revoked while watching: the stream ends at once.
    std::weak_ptr<WatchSession> weak = shared_from_this();
    int handle = core_->streams->Add(who.id, [weak](const Error& e) {
      if (auto self = weak.lock()) self->Fail(e);
    });
    {
      MutexLock lock(&mu_);
      stream_handle_ = handle;
    }
    core_->feed->Subscribe(shared_from_this());
    bool gone;
    {
      MutexLock lock(&mu_);
      gone = reactor_ == nullptr;
    }
    if (gone) {  // the call ended while we were signing in
      core_->feed->Unsubscribe(this);
      core_->streams->Remove(handle);
      return;
    }
    Pump();
  }

  void Fail(const Error& e) {
    WatchReactor* r;
    {
      MutexLock lock(&mu_);
      if (finish_called_ || !reactor_) return;
      finish_called_ = true;
      r = reactor_;
    }
    r->Finish(ToGrpc(e));
  }

  void OnFeedAdvanced() override { Pump(); }

  void WriteDone(bool ok) {
    {
      MutexLock lock(&mu_);
      writing_ = false;
      if (!ok) cancelled_ = true;
    }
    Pump();
  }

  void Cancel() {
    {
      MutexLock lock(&mu_);
      cancelled_ = true;
    }
    Pump();
  }

  // The call is over: no more writes, and the desk is no longer open.
  void Detach() {
    std::string present;
    int handle = 0;
    {
      MutexLock lock(&mu_);
      reactor_ = nullptr;
      present.swap(present_as_);
      std::swap(handle, stream_handle_);
    }
    if (!present.empty()) core_->presence->Leave(present);
    if (handle) core_->streams->Remove(handle);
  }

  // Moves the stream forward: finish if cancelled, else write the next
  // event, else fetch from the log, else send the caught-up marker.
  void Pump() {
    WatchReactor* r = nullptr;
    bool finish = false;
    bool fetch = false;
    int64_t fetch_after = 0, fetch_upto = 0;
    {
      MutexLock lock(&mu_);
      if (!reactor_ || finish_called_ || writing_) return;
      if (cancelled_) {
        finish_called_ = true;
        finish = true;
        r = reactor_;
      } else if (started_) {
        if (pending_.empty() && !fetching_) {
          // Read on from the ring, skipping events outside the scope.
          for (int rounds = 0; rounds < 16 && pending_.empty(); ++rounds) {
            std::vector<store::EventPtr> got;
            int64_t cursor = cursor_;
            auto res = core_->feed->ReadAfter(
                cursor_, 64, 4096,
                [this](const v1::IncidentEvent& e) NO_THREAD_SAFETY_ANALYSIS {
                  return Keep(e);  // ReadAfter calls this here, under mu_
                },
                &got, &cursor);
            if (res == store::EventFeed::Read::kTooOld) {
              fetching_ = fetch = true;
              fetch_after = cursor_;
              fetch_upto = core_->feed->ring_first() - 1;
              break;
            }
            bool advanced = cursor != cursor_;
            cursor_ = cursor;
            for (auto& e : got) pending_.push_back(std::move(e));
            if (!advanced) break;
          }
        }
        if (pending_.size() > 1 && batches_) {
          // A backlog goes out in one message (one write, one TLS record)
          // rather than one write per event.
          std::vector<grpc::Slice> slices;
          size_t bytes = 0;
          while (!pending_.empty() && slices.size() < kBatchEvents && bytes < kBatchBytes) {
            slices.push_back(wire_->Slice(*pending_.front()));
            bytes += slices.back().size();
            pending_.pop_front();
          }
          out_ = EventWireCache::Batch(slices);
          writing_ = true;
          r = reactor_;
        } else if (!pending_.empty()) {
          out_ = wire_->Get(*pending_.front());
          pending_.pop_front();
          writing_ = true;
          r = reactor_;
        } else if (!fetching_ && !caught_up_sent_ && cursor_ >= core_->feed->head()) {
          out_ = EventWireCache::CaughtUp(cursor_);
          caught_up_sent_ = true;
          writing_ = true;
          r = reactor_;
        }
      }
    }
    if (finish) {
      r->Finish(grpc::Status::CANCELLED);
    } else if (r) {
      r->StartWrite(&out_);
    }
    if (fetch) FetchFromLog(fetch_after, fetch_upto);
  }

 private:
  // In scope: the caller's halls, and for a kiosk only its own reports.
  bool Keep(const v1::IncidentEvent& e) const REQUIRES(mu_) {
    if (!scope_.all && !halls_.count(e.hall_id())) return false;
    return only_reporter_kiosk_.empty() ||
           e.incident().reporter().kiosk_id() == only_reporter_kiosk_;
  }

  void FetchFromLog(int64_t after, int64_t upto) {
    auto self = shared_from_this();
    auto events = std::make_shared<std::vector<v1::IncidentEvent>>();
    auto covered = std::make_shared<int64_t>(after);
    store::HallScope scope;
    {
      MutexLock lock(&mu_);
      scope = scope_;
    }
    core_->workers->Submit(
        [=](store::PgConnection& conn) -> Status {
          *events = store::ReadLog(conn, scope, after, upto, 500, covered.get());
          return kOk;
        },
        [self, events, covered](Status s) {
          if (s) {
            // The database is away: end the stream; the client resumes from
            // its last seq when it reconnects.
            self->Fail(*s);
            return;
          }
          {
            MutexLock lock(&self->mu_);
            self->fetching_ = false;
            for (auto& e : *events) {
              if (!self->Keep(e)) continue;
              self->pending_.push_back(std::make_shared<const v1::IncidentEvent>(std::move(e)));
            }
            self->cursor_ = *covered;
          }
          self->Pump();
        });
  }

  // A batch's bounds: well under a client's 4 MiB message limit (events
  // are a few KiB), and small enough that a desk shows the first of a long
  // replay at once.
  static constexpr size_t kBatchEvents = 64;
  static constexpr size_t kBatchBytes = 256 * 1024;

  ServerCore* core_;
  EventWireCache* wire_;
  Mutex mu_;
  WatchReactor* reactor_ GUARDED_BY(mu_);  // null once done
  store::HallScope scope_ GUARDED_BY(mu_);
  std::set<std::string> halls_ GUARDED_BY(mu_);
  std::string only_reporter_kiosk_ GUARDED_BY(mu_);  // set for kiosks
  std::string present_as_ GUARDED_BY(mu_);           // the person counted present
  int stream_handle_ GUARDED_BY(mu_) = 0;            // in the stream registry
  int64_t cursor_ GUARDED_BY(mu_) = 0;               // last seq handled
  std::deque<store::EventPtr> pending_ GUARDED_BY(mu_);
  grpc::ByteBuffer out_;                  // the message in flight (one write at a time)
  bool batches_ GUARDED_BY(mu_) = false;  // the client reads EventBatch
  bool started_ GUARDED_BY(mu_) = false;
  bool writing_ GUARDED_BY(mu_) = false;
  bool fetching_ GUARDED_BY(mu_) = false;
  bool caught_up_sent_ GUARDED_BY(mu_) = false;
  bool cancelled_ GUARDED_BY(mu_) = false;
  bool finish_called_ GUARDED_BY(mu_) = false;
};

WatchReactor::WatchReactor(ServerCore* core, EventWireCache* wire, grpc::CallbackServerContext* ctx,
                           const grpc::ByteBuffer* bytes)
    : core_(core), session_(std::make_shared<WatchSession>(core, wire, this)) {
  // Decoded as every request is (proto/checked_decode.h): bytes that are
  // not a WatchRequest get INVALID_ARGUMENT with the reason.
  v1::WatchRequest request;
  grpc::ByteBuffer copy = *bytes;
  proto::CheckedDeserialize<v1::WatchRequest>(&copy, &request);
  if (auto bad = DecodeFailure()) {
    session_->Fail(*bad);
    return;
  }
  auto session = session_;
  core->auth->Authenticate(ctx, [session, request](Result<domain::Principal> p) {
    if (!p) return session->Fail(p.error());
    if (auto s = domain::CheckPermission(p.value(), domain::Permission::kRead))
      return session->Fail(*s);
    session->Begin(p.value(), request);
  });
}

void WatchReactor::OnWriteDone(bool ok) { session_->WriteDone(ok); }

void WatchReactor::OnCancel() { session_->Cancel(); }

void WatchReactor::OnDone() {
  // The feed may still hold the session for one dispatch; Detach makes
  // that harmless.
  session_->Detach();
  core_->feed->Unsubscribe(session_.get());
  delete this;
}

}  // namespace hall::api
