#include "server_profile.h"

#include <google/protobuf/util/message_differencer.h>

#include <QDateTime>

namespace hall::client {

namespace {
qint64 systemNow() { return QDateTime::currentMSecsSinceEpoch(); }
}  // namespace

ServerProfile::ServerProfile(QObject* parent) : QObject(parent), m_clock(systemNow) {}

void ServerProfile::update(const hall::v1::ServerInfo& info) {
  if (info.server_time_unix_ms() > 0) {
    m_serverTimeMs = info.server_time_unix_ms();
    m_localAtMs = m_clock();
  }
  // The server's time moves on every call; only the rest is news.
  hall::v1::ServerInfo incoming = info;
  incoming.clear_server_time_unix_ms();
  if (m_known && google::protobuf::util::MessageDifferencer::Equals(incoming, m_info)) return;
  m_info = std::move(incoming);
  m_known = true;
  emit changed();
}

void ServerProfile::updateClock(double speed, qint64 serverTimeMs) {
  if (serverTimeMs > 0) {
    m_serverTimeMs = serverTimeMs;
    m_localAtMs = m_clock();
  }
  if (speed <= 0 || speed == m_info.clock_speed()) return;
  m_info.set_clock_speed(speed);
  emit changed();
}

void ServerProfile::clear() {
  const bool was = m_known || m_info.clock_speed() != 0;
  m_info.Clear();
  m_known = false;
  m_serverTimeMs = 0;
  m_localAtMs = 0;
  if (was) emit changed();
}

double ServerProfile::clockSpeed() const {
  const double s = m_info.clock_speed();
  return s > 1.0 ? s : 1.0;
}

qint64 ServerProfile::serverNowMs() const {
  const qint64 local = m_clock();
  if (m_serverTimeMs <= 0) return local;
  return m_serverTimeMs + static_cast<qint64>(double(local - m_localAtMs) * clockSpeed());
}

void ServerProfile::setLocalClock(Clock clock) {
  const qint64 before = serverNowMs();
  m_clock = clock ? std::move(clock) : Clock(systemNow);
  // Keep the estimate continuous across the swap.
  if (m_serverTimeMs > 0) {
    m_serverTimeMs = before;
    m_localAtMs = m_clock();
  }
}

}  // namespace hall::client
