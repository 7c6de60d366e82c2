// Drill runs on screen and on paper (演练评估): how a run of DrillService
// reads — its state (演练进行中 / 已暂停 / 已结束 / 已停止 / 计划于 … 开始),
// its elapsed drill time, each expected response's outcome in words and
// colour (按时 / 迟 3分12秒 / 超时 / 未完成 / 待定) and deadline (the inject's
// fired time + within_seconds), the timeline merging injects and the drill's
// incidents — and the after-action record: the report as HTML for Qt's text
// document (printed to an A4 PDF through writeReportPdf, incident_report.h)
// and the score sheet as CSV.
//
// The labels go through QCoreApplication::translate ("DrillReport"), so they
// follow the installed translators (the UI's language); `english` / `lang`
// pick the contract's own texts (name_zh / name_en, text_zh / text_en).
// Everything is computed from the Drill the server sent: the outcomes,
// lateness and percent are the server's score (DrillScore), never
// recomputed here.
//
// Pure functions over the contract's messages; any thread (the PDF needs a
// QGuiApplication).
#pragma once

#include <QByteArray>
#include <QColor>
#include <QList>
#include <QString>
#include <functional>

#include "hall/v1/drill.pb.h"

namespace hall::client {

// True while the run is scheduled, running or paused (one per hall).
bool drillLive(const hall::v1::Drill& drill);
// True when the run is RUNNING with a starts_at after `nowMs` (the server's
// clock): scheduled, nothing injected yet.
bool drillScheduled(const hall::v1::Drill& drill, qint64 nowMs);
// The banner: 演练进行中 / 演练已暂停 / 演练已结束 / 演练已停止 /
// 演练计划于 MM-dd HH:mm 开始, in the UI language.
QString drillStateText(const hall::v1::Drill& drill, qint64 nowMs);
// The state alone, for a list: 进行中 / 已暂停 / 已结束 / 已停止 / 计划中.
QString drillStateName(const hall::v1::Drill& drill, qint64 nowMs);
// Drill time gone by, in seconds: from starts_at to now (running), to
// paused_at (paused) or to ended_at, less paused_seconds (taken as the
// pauses already over); 0 before the start. Never negative.
qint64 drillElapsedSeconds(const hall::v1::Drill& drill, qint64 nowMs);
// "12:05": minutes and seconds (hours when over an hour: "1:02:05").
QString drillClockText(qint64 seconds);

// The scenario's name in the language.
QString scenarioName(const hall::v1::DrillScenario& scenario, bool english);
// What is expected, in the language (the other one when this one is empty).
QString expectationText(const hall::v1::DrillExpectation& e, bool english);
// 按时 / 迟 3分12秒 / 超时 / 未完成 / 待定.
QString outcomeText(const hall::v1::ExpectationResult& r);
// on_time / late / missed / overdue / pending: the outcome for a spreadsheet.
QString outcomeCode(hall::v1::ExpectationResult::Outcome o);
// Green / amber / deep orange (overdue) / red / grey.
QColor outcomeColor(hall::v1::ExpectationResult::Outcome o);
// 报警 / 终端失联 / 指标变化 / 消息.
QString injectKindName(hall::v1::DrillInject::Kind k);

// The run of inject `injectId`, or nullptr when the drill has none.
const hall::v1::DrillInjectRun* findInjectRun(const hall::v1::Drill& drill,
                                              const std::string& injectId);
// The scenario's inject `injectId`, or nullptr.
const hall::v1::DrillInject* findInject(const hall::v1::DrillScenario& scenario,
                                        const std::string& injectId);
// When an expected response is due (ms since the epoch): the fired time of
// the inject it is about plus its within_seconds; 0 while that inject has
// not fired (or was skipped).
qint64 expectationDeadlineMs(const hall::v1::Drill& drill, const hall::v1::ExpectationResult& r);

// One line of a drill's timeline: an inject (fired, due, or skipped) or an
// incident of the drill.
struct DrillTimelineEntry {
  qint64 atMs = 0;     // fired / due / reported
  bool fired = false;  // an inject that fired, or an incident
  bool incident = false;
  QString incidentId;  // the incident (or the one the inject raised)
  QString text;        // "注入 · 报警 · outage：（演练）大厅全部停电"
};
// The injects (in the order of their times, due ones after the fired) and
// the drill's incidents, merged by time. `categoryNamer` names an incident's
// category (client::categoryName when empty).
QList<DrillTimelineEntry> drillTimeline(
    const hall::v1::Drill& drill, const std::function<QString(const QString&)>& categoryNamer = {});

struct DrillReportNames {
  QString hallName;        // the hall's name; its id when empty
  qint64 printedAtMs = 0;  // the time the report says it was printed (now when 0)
};

// The after-action report as HTML: the scenario (what it rehearses, its
// clause), the run (times, who, kiosks, why stopped), the score, each
// expected response with its deadline, outcome, lateness, time taken and
// clause, the timeline, and the review. `lang` "en" picks the contract's
// English texts.
QString buildDrillReportHtml(const hall::v1::Drill& drill, const QString& lang,
                             const DrillReportNames& names = {});
// Prints the report to an A4 PDF; false with *error when it cannot.
bool writeDrillPdf(const hall::v1::Drill& drill, const QString& lang, const QString& path,
                   QString* error, const DrillReportNames& names = {});

// The score sheet as CSV (UTF-8 with BOM): expectation_id, text, inject,
// deadline, outcome, late_seconds, took_seconds, citation — one row per
// expected response, in the order expected.
QByteArray drillCsv(const hall::v1::Drill& drill, const QString& lang = QStringLiteral("zh"));
// Writes drillCsv() to `path`; false with *error when it cannot.
bool writeDrillCsv(const hall::v1::Drill& drill, const QString& path, QString* error = nullptr,
                   const QString& lang = QStringLiteral("zh"));

}  // namespace hall::client
