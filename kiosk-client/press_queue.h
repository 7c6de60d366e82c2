// PressQueue (本地报警队列): the kiosk's durable local store, a SQLite file
// through QtSql. A press is written here (synchronous=FULL, so it is on
// disk) before it is sent, and leaves the queue only when the server has
// answered it; a reboot finds the queue as it was. The same file keeps the
// reports the desk has received (to show their progress after a restart),
// the bound hall and place names, and the watch position.
//
// Thread-safety: none; use from the thread that opened it (the GUI thread:
// each write is one small transaction of a few milliseconds).
#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "queue_codec.h"

namespace hall::kiosk {

class PressQueue {
 public:
  PressQueue() = default;
  ~PressQueue();
  PressQueue(const PressQueue&) = delete;
  PressQueue& operator=(const PressQueue&) = delete;

  // Opens (creating) the file at `path`. Returns false and sets error().
  bool open(const QString& path);
  bool isOpen() const;
  QString error() const { return m_error; }

  // Stores a new press durably. Returns false (and error()) on failure.
  bool enqueue(const Press& press);
  // Every queued press, oldest first.
  QList<Press> pending() const;
  int pendingCount() const;
  // Counts a failed attempt.
  void recordAttempt(const QString& requestId, const QString& error);
  // Moves a press out of the queue into the reports, in one transaction.
  bool complete(const QString& requestId, const Report& report);

  void saveReport(const Report& report);
  // The most recent reports, newest first.
  QList<Report> recentReports(int limit) const;
  // The newest report of an incident id, if any (several presses may have
  // folded into one incident).
  bool findReport(const QString& incidentId, Report* out) const;

  QString value(const QString& key, const QString& fallback = {}) const;
  void setValue(const QString& key, const QString& value);

 private:
  bool exec(const QString& sql);
  // Adds the columns later versions keep to a file an older one made.
  bool upgrade();
  QString m_connection;
  QString m_error;
};

}  // namespace hall::kiosk
