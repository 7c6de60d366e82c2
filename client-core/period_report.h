// The period report (周报 / 月报 / 季报) of a region or of one's halls: the
// period itself (weeks from Monday, months, quarters, in China Standard
// Time like the server's days), the shapes the dashboard charts draw from
// the server's Statistics, and the printed report — the charts, the tables,
// the incidents that breached a deadline and the open follow-ups — as HTML
// for Qt's text document (A4 PDF through writeReportPdf) and the breaches as
// CSV.
//
// Pure functions over the contract's messages; any thread.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include "hall/v1/report.pb.h"

namespace hall::client {

enum class PeriodKind { Week, Month, Quarter };

struct ReportPeriod {
  PeriodKind kind = PeriodKind::Month;
  QDate first;  // the first day
  QDate end;    // the day after the last
  // The period's bounds at 00:00 China Standard Time (UTC+8).
  QDateTime from() const;
  QDateTime to() const;
  // "2026年11月", "2026年第4季度", "2026-11-23 至 2026-11-29" (translated).
  QString title() const;
  // Into a ReportScope's from and to.
  void fill(hall::v1::ReportScope* scope) const;
};

// The week (from Monday), month or quarter that holds `day`.
ReportPeriod periodContaining(PeriodKind kind, QDate day);
// The period `by` periods later (negative: earlier).
ReportPeriod shiftPeriod(const ReportPeriod& p, int by);

// Incidents per day and event class over the whole period (days with none
// included, so a chart's axis is the calendar): counts[c][d] for
// classes[c] on days[d] ("11-02").
struct DayMatrix {
  QStringList days;
  QList<hall::v1::EventClass> classes;  // those with any incident, in enum order
  QVector<QVector<int>> counts;
};
DayMatrix dayMatrix(const hall::v1::Statistics& s, const ReportPeriod& p);
// The same in weeks of seven days from the first (a quarter's chart): each
// labelled with its first day.
DayMatrix foldWeeks(const DayMatrix& days);

// "≤ 5分钟", "> 24小时": the label of bucket i of a distribution;
// `compact` for a chart axis ("5分", ">24时").
QString bucketLabel(const hall::v1::Distribution& d, int i, bool compact = false);
// Where `seconds` falls on a bar chart of the distribution's buckets, in
// category units (bucket i spans [i - 0.5, i + 0.5]), interpolated inside
// its bucket; for drawing a target line.
double bucketPosition(const hall::v1::Distribution& d, qint64 seconds);
// "3分钟", "1小时30分钟" (translated).
QString durationText(qint64 seconds);
// on time / (on time + late + missed), 0..1; -1 when none is due yet.
double onTimeShare(const hall::v1::Statistics& s);

struct PeriodReportNames {
  QString scopeName;                  // 岳麓区 / 我的大厅
  QHash<QString, QString> hallNames;  // id → name
  QHash<QString, QString> planNames;  // id → 湖南
};

// The report as HTML; `charts` are image resource names (added to the
// document by the caller) drawn in order under their captions.
QString periodReportHtml(const hall::v1::Statistics& s, const ReportPeriod& p,
                         const PeriodReportNames& names,
                         const QList<std::pair<QString, QString>>& charts, qint64 printedAtMs);

// The breaches as CSV (UTF-8 with BOM): incident, hall, category, reported,
// kind, step, clause, late by.
QByteArray breachesCsv(const hall::v1::Statistics& s, const PeriodReportNames& names);

}  // namespace hall::client
