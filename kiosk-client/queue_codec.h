// What the kiosk's queue file holds, decoded into the kiosk's values: the
// rows of queued presses and of reports, the messages kept in its key-value
// table, and the raise a queued press becomes. Kept apart from the SQLite
// handling (press_queue.cpp) and QtCore-only, so the decoding can be tested
// and fuzzed (tests/fuzz/press_queue_fuzzer.cpp) without QtSql: a queue
// file damaged by a power cut or a hand edit must never crash the kiosk.
//
// Pure functions; thread-safe.
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

#include "hall/v1/incident.pb.h"

namespace google::protobuf {
class Message;
}

namespace hall::kiosk {

struct Press {
  QString requestId;  // client-made UUID; every retry reuses it
  QString category;   // Category.id
  QString summary;
  int headcount = 0;
  bool silent = false;
  qint64 createdMs = 0;
  int attempts = 0;
  QString lastError;
  // A drill press (演练上报), armed on purpose for this one press: raised
  // with RaiseIncidentRequest.drill. Every other press is real.
  bool drill = false;
};

// A press the server has answered: the incident it made, as last seen.
struct Report {
  QString requestId;
  QString incidentId;
  QString category;
  bool silent = false;
  int status = 0;  // hall::v1::IncidentStatus
  QString acknowledgedBy;
  qint64 acknowledgedMs = 0;
  qint64 reportedMs = 0;
  qint64 lastSeq = 0;
  QString error;  // when the server refused the press: its message
  // The internal tiers of the highest stage the chain escalated it to
  // beyond the first (e.g. "leadership_group"); empty while not escalated.
  QStringList escalatedTiers;
  bool planned = false;  // raised inside an announced planned outage
  // The server folded this press into the reporter's open incident of the
  // same kind (RaiseIncidentResponse.folded): "已并入正在处理的报警".
  bool folded = false;
  bool drill = false;  // sent as a drill press (演练上报)
};

// A press from the columns of its row, in the order request_id, category,
// summary, headcount, silent, created_ms, attempts, last_error, drill.
// Missing or mistyped columns read as empty or 0 (a real press).
Press pressFromRow(const QVariantList& columns);
// A report from the columns of its row, in the order request_id,
// incident_id, category, silent, status, ack_by, ack_ms, reported_ms,
// last_seq, error, escalated_tiers (comma-separated), planned, folded,
// drill.
Report reportFromRow(const QVariantList& columns);

// The raise a queued press becomes (the kiosk's hall and place are the
// server's to fill in). The same request id on every retry.
v1::RaiseIncidentRequest raiseRequestFor(const Press& press);

// A message as the key-value table keeps it: base64 of its wire bytes.
QString encodeStored(const google::protobuf::Message& m);
// Parses what encodeStored wrote. Returns false when `text` is empty or not
// a message of m's type.
bool decodeStored(const QString& text, google::protobuf::Message* m);

// The stored watch position: the number, or 0 (watch from the live head)
// when it is absent, not a number or negative — the server refuses a
// negative position, and a kiosk must not stop watching over a bad file.
qint64 storedSeq(const QString& text);

}  // namespace hall::kiosk
