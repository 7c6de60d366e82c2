// The incident report (事件处置报告): one incident as an official record —
// header (hall, plan, category, grade, times), the checklist with who and
// when, the escalations and outside contacts, public statements and their
// approval, the after-action summary and its filings, and the timeline.
// As HTML for Qt's text document, printed to an A4 PDF (Chinese fonts
// embedded by Qt), and as CSV and JSON for spreadsheets and archives
// (松江 三.3 归档立存).
//
// Pure functions over the contract's messages; any thread (the PDF needs a
// QGuiApplication).
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

#include "hall/v1/incident.pb.h"

namespace hall::client {

struct ReportNames {
  QString hallName;   // 东莞市民服务中心
  QString planTitle;  // the plan's title
  QString placeName;  // the location's name
};

// The report as HTML (Chinese labels; the texts are the incident's own).
QString incidentReportHtml(const hall::v1::GetIncidentResponse& incident, const ReportNames& names,
                           qint64 printedAtMs);

// The reports' table rows (incident, period and drill reports): one row of
// cells given as HTML (escape text first), and a header row of plain texts
// with each column's share of the width in percent, so long texts wrap
// between words rather than inside them.
QString reportRow(const QStringList& cells, bool header = false);
QString reportHeaderRow(const QList<std::pair<QString, int>>& cells);

// Writes `html` as an A4 PDF to `path`; false (with *error) when it cannot.
// `images` are the resources its <img src> names (charts); `title` is the
// PDF's title (the incident report's when empty).
bool writeReportPdf(const QString& html, const QString& path, QString* error,
                    const QList<std::pair<QString, QImage>>& images = {},
                    const QString& title = QString());

// The timeline as CSV (UTF-8 with BOM, so spreadsheet programs read the
// Chinese): seq, time, kind, actor, step, note.
QByteArray incidentTimelineCsv(const hall::v1::GetIncidentResponse& incident);

// The incident and its timeline as JSON (the contract's JSON mapping).
QByteArray incidentJson(const hall::v1::GetIncidentResponse& incident);

}  // namespace hall::client
