#include "press_queue.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace hall::kiosk {

namespace {
// The row's columns, in the order of the query's SELECT list.
QVariantList columnsOf(const QSqlQuery& q, int count) {
  QVariantList out;
  for (int i = 0; i < count; ++i) out << q.value(i);
  return out;
}
Report reportFrom(const QSqlQuery& q) { return reportFromRow(columnsOf(q, 14)); }
constexpr const char* kReportColumns =
    "request_id, incident_id, category, silent, status, ack_by, ack_ms, reported_ms, last_seq, "
    "error, escalated_tiers, planned, folded, drill";
}  // namespace

PressQueue::~PressQueue() {
  if (m_connection.isEmpty()) return;
  {
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.close();
  }
  QSqlDatabase::removeDatabase(m_connection);
}

bool PressQueue::open(const QString& path) {
  QFileInfo info(path);
  QDir().mkpath(info.absolutePath());
  m_connection =
      QStringLiteral("press-queue-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
  db.setDatabaseName(path);
  if (!db.open()) {
    m_error = db.lastError().text();
    return false;
  }
  // WAL + FULL: a committed press survives a power cut.
  return exec(QStringLiteral("PRAGMA journal_mode=WAL")) &&
         exec(QStringLiteral("PRAGMA synchronous=FULL")) &&
         exec(QStringLiteral(
             "CREATE TABLE IF NOT EXISTS presses (request_id TEXT PRIMARY KEY, category TEXT NOT "
             "NULL,"
             " summary TEXT NOT NULL, headcount INTEGER NOT NULL, silent INTEGER NOT NULL,"
             " created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error "
             "TEXT)")) &&
         exec(QStringLiteral(
             "CREATE TABLE IF NOT EXISTS reports (request_id TEXT PRIMARY KEY, incident_id TEXT,"
             " category TEXT, silent INTEGER, status INTEGER, ack_by TEXT, ack_ms INTEGER,"
             " reported_ms INTEGER, last_seq INTEGER, error TEXT, created_ms INTEGER)")) &&
         exec(QStringLiteral("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT)")) &&
         upgrade();
}

bool PressQueue::upgrade() {
  // A queue file from before escalation (#9) lacks the reports' escalation
  // columns; SQLite adds a column in place, keeping every row.
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  QStringList columns;
  if (q.exec(QStringLiteral("PRAGMA table_info(reports)"))) {
    while (q.next()) columns << q.value(1).toString();
  }
  if (!columns.contains(QLatin1String("escalated_tiers")) &&
      !exec(QStringLiteral("ALTER TABLE reports ADD COLUMN escalated_tiers TEXT"))) {
    return false;
  }
  if (!columns.contains(QLatin1String("planned")) &&
      !exec(QStringLiteral("ALTER TABLE reports ADD COLUMN planned INTEGER NOT NULL DEFAULT 0"))) {
    return false;
  }
  // … and one from before press folding (#10) the folded flag.
  if (!columns.contains(QLatin1String("folded")) &&
      !exec(QStringLiteral("ALTER TABLE reports ADD COLUMN folded INTEGER NOT NULL DEFAULT 0"))) {
    return false;
  }
  // … and one from before drill runs the drill flag, on presses and reports
  // (a press queued by an older version is real).
  if (!columns.contains(QLatin1String("drill")) &&
      !exec(QStringLiteral("ALTER TABLE reports ADD COLUMN drill INTEGER NOT NULL DEFAULT 0"))) {
    return false;
  }
  QStringList pressColumns;
  if (q.exec(QStringLiteral("PRAGMA table_info(presses)"))) {
    while (q.next()) pressColumns << q.value(1).toString();
  }
  if (!pressColumns.contains(QLatin1String("drill")) &&
      !exec(QStringLiteral("ALTER TABLE presses ADD COLUMN drill INTEGER NOT NULL DEFAULT 0"))) {
    return false;
  }
  return true;
}

bool PressQueue::isOpen() const {
  return !m_connection.isEmpty() && QSqlDatabase::database(m_connection, false).isOpen();
}

bool PressQueue::exec(const QString& sql) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  if (!q.exec(sql)) {
    m_error = q.lastError().text();
    return false;
  }
  return true;
}

bool PressQueue::enqueue(const Press& p) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral(
      "INSERT INTO presses (request_id, category, summary, headcount, silent, created_ms, drill)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)"));
  q.addBindValue(p.requestId);
  q.addBindValue(p.category);
  q.addBindValue(p.summary.isNull() ? QStringLiteral("")
                                    : p.summary);  // a null QString binds as NULL
  q.addBindValue(p.headcount);
  q.addBindValue(p.silent ? 1 : 0);
  q.addBindValue(p.createdMs);
  q.addBindValue(p.drill ? 1 : 0);
  if (!q.exec()) {
    m_error = q.lastError().text();
    return false;
  }
  return true;
}

QList<Press> PressQueue::pending() const {
  QList<Press> out;
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.exec(QStringLiteral(
      "SELECT request_id, category, summary, headcount, silent, created_ms, attempts, last_error,"
      " drill FROM presses ORDER BY created_ms, rowid"));
  while (q.next()) {
    Press p = pressFromRow(columnsOf(q, 9));
    out << p;
  }
  return out;
}

int PressQueue::pendingCount() const {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  if (q.exec(QStringLiteral("SELECT count(*) FROM presses")) && q.next()) return q.value(0).toInt();
  return 0;
}

void PressQueue::recordAttempt(const QString& requestId, const QString& error) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral(
      "UPDATE presses SET attempts = attempts + 1, last_error = ? WHERE request_id = ?"));
  q.addBindValue(error);
  q.addBindValue(requestId);
  q.exec();
}

bool PressQueue::complete(const QString& requestId, const Report& report) {
  QSqlDatabase db = QSqlDatabase::database(m_connection, false);
  db.transaction();
  QSqlQuery del(db);
  del.prepare(QStringLiteral("DELETE FROM presses WHERE request_id = ?"));
  del.addBindValue(requestId);
  if (!del.exec()) {
    m_error = del.lastError().text();
    db.rollback();
    return false;
  }
  saveReport(report);
  return db.commit();
}

void PressQueue::saveReport(const Report& r) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral(
      "INSERT INTO reports (request_id, incident_id, category, silent, status, ack_by, ack_ms,"
      " reported_ms, last_seq, error, created_ms, escalated_tiers, planned, folded, drill)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (request_id) DO UPDATE SET incident_id = excluded.incident_id,"
      " status = excluded.status, ack_by = excluded.ack_by, ack_ms = excluded.ack_ms,"
      " reported_ms = excluded.reported_ms, last_seq = excluded.last_seq, error = excluded.error,"
      " escalated_tiers = excluded.escalated_tiers, planned = excluded.planned,"
      " folded = excluded.folded, drill = excluded.drill"));
  q.addBindValue(r.requestId);
  q.addBindValue(r.incidentId);
  q.addBindValue(r.category);
  q.addBindValue(r.silent ? 1 : 0);
  q.addBindValue(r.status);
  q.addBindValue(r.acknowledgedBy);
  q.addBindValue(r.acknowledgedMs);
  q.addBindValue(r.reportedMs);
  q.addBindValue(r.lastSeq);
  q.addBindValue(r.error);
  q.addBindValue(QDateTime::currentMSecsSinceEpoch());
  q.addBindValue(r.escalatedTiers.join(QLatin1Char(',')));
  q.addBindValue(r.planned ? 1 : 0);
  q.addBindValue(r.folded ? 1 : 0);
  q.addBindValue(r.drill ? 1 : 0);
  if (!q.exec()) m_error = q.lastError().text();
}

QList<Report> PressQueue::recentReports(int limit) const {
  QList<Report> out;
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("SELECT %1 FROM reports ORDER BY created_ms DESC, rowid DESC LIMIT ?")
                .arg(QLatin1String(kReportColumns)));
  q.addBindValue(limit);
  if (q.exec()) {
    while (q.next()) out << reportFrom(q);
  }
  return out;
}

bool PressQueue::findReport(const QString& incidentId, Report* out) const {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("SELECT %1 FROM reports WHERE incident_id = ?"
                           " ORDER BY created_ms DESC, rowid DESC LIMIT 1")
                .arg(QLatin1String(kReportColumns)));
  q.addBindValue(incidentId);
  if (q.exec() && q.next()) {
    *out = reportFrom(q);
    return true;
  }
  return false;
}

QString PressQueue::value(const QString& key, const QString& fallback) const {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("SELECT value FROM kv WHERE key = ?"));
  q.addBindValue(key);
  if (q.exec() && q.next()) return q.value(0).toString();
  return fallback;
}

void PressQueue::setValue(const QString& key, const QString& value) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(
      QStringLiteral("INSERT INTO kv (key, value) VALUES (?, ?)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  q.addBindValue(key);
  q.addBindValue(value);
  q.exec();
}

}  // namespace hall::kiosk
