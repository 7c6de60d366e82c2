// ServerProfile (服务器参数): what the server told this client about itself
// (hall.v1.ServerInfo) — the limits it enforces on input, the speed of its
// clock, and its clock's "now" — so the clients check input against the
// server's numbers and show a simulated clock, instead of keeping copies of
// their own.
//
// It is filled from GetServerInfo, Login and WhoAmI replies (update()) and
// from kiosk heartbeats (updateClock()). Until the first of these arrives
// known() is false and every limit reads 0, which means "not known": the
// caller then leaves the check to the server.
//
// Thread-safety: a QObject of the GUI thread; HallClient feeds it there.
#pragma once

#include <QObject>
#include <functional>

#include "hall/v1/common.pb.h"

namespace hall::client {

class ServerProfile : public QObject {
  Q_OBJECT
  Q_PROPERTY(bool known READ known NOTIFY changed)
  Q_PROPERTY(double clockSpeed READ clockSpeed NOTIFY changed)
  Q_PROPERTY(bool accelerated READ accelerated NOTIFY changed)
  Q_PROPERTY(int maxNoteChars READ maxNoteChars NOTIFY changed)
  Q_PROPERTY(int maxSummaryChars READ maxSummaryChars NOTIFY changed)
  Q_PROPERTY(int maxHeadcount READ maxHeadcount NOTIFY changed)
  Q_PROPERTY(int withdrawWindowSeconds READ withdrawWindowSeconds NOTIFY changed)
  Q_PROPERTY(int heartbeatIntervalSeconds READ heartbeatIntervalSeconds NOTIFY changed)

 public:
  using Clock = std::function<qint64()>;  // msecs since the epoch

  explicit ServerProfile(QObject* parent = nullptr);

  // Takes the server's own account of itself. Emits changed() when anything
  // the clients use differs.
  void update(const hall::v1::ServerInfo& info);
  // A heartbeat's clock speed and server time (0 = not sent).
  void updateClock(double speed, qint64 serverTimeMs);
  // Forgets everything (another server).
  void clear();

  bool known() const { return m_known; }
  const hall::v1::ServerInfo& info() const { return m_info; }
  const hall::v1::Limits& limits() const { return m_info.limits(); }

  // 1 in service; above 1 every time-out of the server fires that many
  // times sooner. Never below 1 here (an unset or odd value reads 1).
  double clockSpeed() const;
  bool accelerated() const { return clockSpeed() > 1.0; }

  // The limits; 0 while unknown.
  int maxNoteChars() const { return limits().max_note_chars(); }
  int maxSummaryChars() const { return limits().max_summary_chars(); }
  int maxHeadcount() const { return limits().max_headcount(); }
  int withdrawWindowSeconds() const { return limits().withdraw_window_seconds(); }
  int heartbeatIntervalSeconds() const { return limits().heartbeat_interval_seconds(); }

  // The server clock's now, estimated from its last report and the time
  // passed here since (at the server's clock speed); the local clock while
  // the server has not said.
  qint64 serverNowMs() const;
  // Replaces the local clock (tests); the default is the system clock.
  void setLocalClock(Clock clock);

 signals:
  void changed();

 private:
  hall::v1::ServerInfo m_info;
  bool m_known = false;
  qint64 m_serverTimeMs = 0;  // the server's now, as last reported
  qint64 m_localAtMs = 0;     // the local clock when it was reported
  Clock m_clock;
};

}  // namespace hall::client
