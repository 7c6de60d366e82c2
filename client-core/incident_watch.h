// IncidentWatch (事件流): a live watch of the incident log that never loses
// its place.
//
// It runs IncidentService.Watch with the gRPC callback API (one
// ClientReadReactor per attempt). Events are gathered on the gRPC thread in
// a batch and handed to the Qt thread with one queued invocation per batch,
// then emitted as eventsReceived() in seq order. When the stream ends for
// any reason but stop(), the watch starts again after a backoff from the
// last seq it delivered (after_seq), so a desk sees no gap and no
// duplicate across a disconnect or a server restart; events at or below the
// last delivered seq are dropped should a server ever resend them.
//
// Thread-safety: a QObject of the GUI thread; call it from there. The
// reactor's gRPC threads touch only the shared batch (under its mutex).
// stop() and the destructor cancel the stream and wait for OnDone.
#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <vector>

#include "backoff.h"
#include "hall_client.h"

namespace hall::client {

class IncidentWatch : public QObject {
  Q_OBJECT
  Q_PROPERTY(qint64 lastSeq READ lastSeq NOTIFY lastSeqChanged)
  Q_PROPERTY(bool live READ isLive NOTIFY liveChanged)

 public:
  IncidentWatch(HallClient* client, QObject* parent = nullptr);
  ~IncidentWatch() override;

  // Starts watching `halls` (empty: every hall in scope) after `afterSeq`;
  // with `fromNow`, skips history and starts at the live head.
  void start(const QStringList& halls, qint64 afterSeq, bool fromNow = false);
  // Ends the stream (waits for the reactor to finish); no restart.
  void stop();
  bool isRunning() const { return m_wanted; }

  qint64 lastSeq() const { return m_lastSeq; }
  // True once the replay has caught up with the live log.
  bool isLive() const { return m_live; }
  // Counters for tests and diagnostics.
  int attempts() const { return m_attempts; }
  int duplicatesDropped() const { return m_duplicates; }

 signals:
  // A batch of new events, in seq order, each seq above every earlier one.
  void eventsReceived(const std::vector<hall::v1::IncidentEvent>& events);
  void caughtUp(qint64 seq);
  void lastSeqChanged();
  void liveChanged();
  // The stream ended with an error; it restarts by itself unless stopped.
  void streamError(const hall::client::RpcResult& result);

 private:
  struct Shared;
  class Reactor;
  void launch();
  void drain(const std::shared_ptr<Shared>& shared);
  void finished(const std::shared_ptr<Shared>& shared);
  void setLive(bool live);

  HallClient* m_client;
  QStringList m_halls;
  qint64 m_lastSeq = 0;
  bool m_fromNow = false;
  bool m_wanted = false;
  bool m_live = false;
  int m_attempts = 0;
  int m_duplicates = 0;
  Backoff m_backoff{300, 5000};
  QTimer m_restartTimer;
  std::shared_ptr<Shared> m_current;  // the attempt in flight, if any
};

}  // namespace hall::client
