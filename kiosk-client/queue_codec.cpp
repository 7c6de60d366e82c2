#include "queue_codec.h"

#include <google/protobuf/message.h>

#include <QByteArray>

namespace hall::kiosk {

namespace {
QVariant at(const QVariantList& c, int i) { return i < c.size() ? c[i] : QVariant(); }
}  // namespace

Press pressFromRow(const QVariantList& c) {
  Press p;
  p.requestId = at(c, 0).toString();
  p.category = at(c, 1).toString();
  p.summary = at(c, 2).toString();
  p.headcount = at(c, 3).toInt();
  p.silent = at(c, 4).toBool();
  p.createdMs = at(c, 5).toLongLong();
  p.attempts = at(c, 6).toInt();
  p.lastError = at(c, 7).toString();
  p.drill = at(c, 8).toBool();
  return p;
}

Report reportFromRow(const QVariantList& c) {
  Report r;
  r.requestId = at(c, 0).toString();
  r.incidentId = at(c, 1).toString();
  r.category = at(c, 2).toString();
  r.silent = at(c, 3).toBool();
  r.status = at(c, 4).toInt();
  r.acknowledgedBy = at(c, 5).toString();
  r.acknowledgedMs = at(c, 6).toLongLong();
  r.reportedMs = at(c, 7).toLongLong();
  r.lastSeq = at(c, 8).toLongLong();
  r.error = at(c, 9).toString();
  const QString tiers = at(c, 10).toString();
  if (!tiers.isEmpty()) r.escalatedTiers = tiers.split(QLatin1Char(','), Qt::SkipEmptyParts);
  r.planned = at(c, 11).toBool();
  r.folded = at(c, 12).toBool();
  r.drill = at(c, 13).toBool();
  return r;
}

v1::RaiseIncidentRequest raiseRequestFor(const Press& p) {
  v1::RaiseIncidentRequest req;
  req.set_request_id(p.requestId.toStdString());
  req.set_category(p.category.toStdString());
  req.set_summary(p.summary.toStdString());
  req.set_headcount(p.headcount);
  req.set_silent(p.silent);
  req.set_drill(p.drill);
  return req;
}

QString encodeStored(const google::protobuf::Message& m) {
  return QString::fromLatin1(QByteArray::fromStdString(m.SerializeAsString()).toBase64());
}

bool decodeStored(const QString& text, google::protobuf::Message* m) {
  if (text.isEmpty()) return false;
  if (m->ParseFromString(QByteArray::fromBase64(text.toLatin1()).toStdString())) return true;
  m->Clear();
  return false;
}

qint64 storedSeq(const QString& text) {
  bool ok = false;
  qint64 seq = text.trimmed().toLongLong(&ok);
  return ok && seq > 0 ? seq : 0;
}

}  // namespace hall::kiosk
