#include "drill_report.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <algorithm>

#include "incident_report.h"
#include "labels.h"

namespace hall::client {
namespace {

QString T(const char* s) { return QCoreApplication::translate("DrillReport", s); }
QString Q(const std::string& s) { return QString::fromStdString(s); }
QString H(const QString& s) { return s.toHtmlEscaped(); }

qint64 Ms(const google::protobuf::Timestamp& t) {
  return static_cast<qint64>(t.seconds()) * 1000 + t.nanos() / 1000000;
}
bool Set(const google::protobuf::Timestamp& t) { return t.seconds() != 0 || t.nanos() != 0; }

QString When(qint64 ms, const QString& format = QStringLiteral("yyyy-MM-dd HH:mm:ss")) {
  if (ms <= 0) return QStringLiteral("—");
  return QDateTime::fromMSecsSinceEpoch(ms).toString(format);
}

QString Table() {
  return QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
}

}  // namespace

bool drillLive(const v1::Drill& d) {
  return d.state() == v1::DRILL_STATE_RUNNING || d.state() == v1::DRILL_STATE_PAUSED;
}

bool drillScheduled(const v1::Drill& d, qint64 nowMs) {
  return d.state() == v1::DRILL_STATE_RUNNING && Set(d.starts_at()) && Ms(d.starts_at()) > nowMs;
}

QString drillStateText(const v1::Drill& d, qint64 nowMs) {
  if (drillScheduled(d, nowMs)) {
    return T(QT_TRANSLATE_NOOP("DrillReport", "演练计划于 %1 开始"))
        .arg(When(Ms(d.starts_at()), QStringLiteral("MM-dd HH:mm")));
  }
  switch (d.state()) {
    case v1::DRILL_STATE_RUNNING:
      return T(QT_TRANSLATE_NOOP("DrillReport", "演练进行中"));
    case v1::DRILL_STATE_PAUSED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "演练已暂停"));
    case v1::DRILL_STATE_ENDED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "演练已结束"));
    case v1::DRILL_STATE_STOPPED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "演练已停止"));
    default:
      return T(QT_TRANSLATE_NOOP("DrillReport", "无进行中的演练"));
  }
}

QString drillStateName(const v1::Drill& d, qint64 nowMs) {
  if (drillScheduled(d, nowMs)) return T(QT_TRANSLATE_NOOP("DrillReport", "计划中"));
  switch (d.state()) {
    case v1::DRILL_STATE_RUNNING:
      return T(QT_TRANSLATE_NOOP("DrillReport", "进行中"));
    case v1::DRILL_STATE_PAUSED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "已暂停"));
    case v1::DRILL_STATE_ENDED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "已结束"));
    case v1::DRILL_STATE_STOPPED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "已停止"));
    default:
      return QStringLiteral("—");
  }
}

qint64 drillElapsedSeconds(const v1::Drill& d, qint64 nowMs) {
  if (!Set(d.starts_at())) return 0;
  qint64 until = nowMs;
  if (d.state() == v1::DRILL_STATE_PAUSED && Set(d.paused_at())) until = Ms(d.paused_at());
  if ((d.state() == v1::DRILL_STATE_ENDED || d.state() == v1::DRILL_STATE_STOPPED) &&
      Set(d.ended_at()))
    until = Ms(d.ended_at());
  const qint64 seconds = (until - Ms(d.starts_at())) / 1000 - d.paused_seconds();
  return std::max<qint64>(0, seconds);
}

QString drillClockText(qint64 seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds >= 3600) {
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
  }
  return QStringLiteral("%1:%2")
      .arg(seconds / 60, 2, 10, QLatin1Char('0'))
      .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString scenarioName(const v1::DrillScenario& s, bool english) {
  const std::string& name = english && !s.name_en().empty() ? s.name_en() : s.name_zh();
  return name.empty() ? Q(s.id()) : Q(name);
}

QString expectationText(const v1::DrillExpectation& e, bool english) {
  const std::string& text = english && !e.text_en().empty() ? e.text_en() : e.text_zh();
  if (!text.empty()) return Q(text);
  return e.text_en().empty() ? Q(e.id()) : Q(e.text_en());
}

QString outcomeText(const v1::ExpectationResult& r) {
  switch (r.outcome()) {
    case v1::ExpectationResult::OUTCOME_ON_TIME:
      return T(QT_TRANSLATE_NOOP("DrillReport", "按时"));
    case v1::ExpectationResult::OUTCOME_LATE:
      return T(QT_TRANSLATE_NOOP("DrillReport", "迟 %1")).arg(ageText(r.late_seconds()));
    case v1::ExpectationResult::OUTCOME_OVERDUE:
      return T(QT_TRANSLATE_NOOP("DrillReport", "超时"));
    case v1::ExpectationResult::OUTCOME_MISSED:
      return T(QT_TRANSLATE_NOOP("DrillReport", "未完成"));
    case v1::ExpectationResult::OUTCOME_PENDING:
    default:
      return T(QT_TRANSLATE_NOOP("DrillReport", "待定"));
  }
}

QString outcomeCode(v1::ExpectationResult::Outcome o) {
  switch (o) {
    case v1::ExpectationResult::OUTCOME_ON_TIME:
      return QStringLiteral("on_time");
    case v1::ExpectationResult::OUTCOME_LATE:
      return QStringLiteral("late");
    case v1::ExpectationResult::OUTCOME_OVERDUE:
      return QStringLiteral("overdue");
    case v1::ExpectationResult::OUTCOME_MISSED:
      return QStringLiteral("missed");
    default:
      return QStringLiteral("pending");
  }
}

QColor outcomeColor(v1::ExpectationResult::Outcome o) {
  switch (o) {
    case v1::ExpectationResult::OUTCOME_ON_TIME:
      return QColor(0x2e, 0x7d, 0x32);  // green
    case v1::ExpectationResult::OUTCOME_LATE:
      return QColor(0xf9, 0xa8, 0x25);  // amber
    case v1::ExpectationResult::OUTCOME_OVERDUE:
      return QColor(0xe6, 0x4a, 0x19);  // red-amber: late or missed to come
    case v1::ExpectationResult::OUTCOME_MISSED:
      return QColor(0xc6, 0x28, 0x28);  // red
    default:
      return QColor(0x9e, 0x9e, 0x9e);  // grey
  }
}

QString injectKindName(v1::DrillInject::Kind k) {
  switch (k) {
    case v1::DrillInject::KIND_PRESS:
      return T(QT_TRANSLATE_NOOP("DrillReport", "报警"));
    case v1::DrillInject::KIND_KIOSK_SILENT:
      return T(QT_TRANSLATE_NOOP("DrillReport", "终端失联"));
    case v1::DrillInject::KIND_METRIC:
      return T(QT_TRANSLATE_NOOP("DrillReport", "指标变化"));
    case v1::DrillInject::KIND_MESSAGE:
      return T(QT_TRANSLATE_NOOP("DrillReport", "消息"));
    default:
      return T(QT_TRANSLATE_NOOP("DrillReport", "注入"));
  }
}

const v1::DrillInjectRun* findInjectRun(const v1::Drill& d, const std::string& id) {
  for (const auto& run : d.injects())
    if (run.inject_id() == id) return &run;
  return nullptr;
}

const v1::DrillInject* findInject(const v1::DrillScenario& s, const std::string& id) {
  for (const auto& inject : s.injects())
    if (inject.id() == id) return &inject;
  return nullptr;
}

qint64 expectationDeadlineMs(const v1::Drill& d, const v1::ExpectationResult& r) {
  const v1::DrillInjectRun* run = findInjectRun(d, r.expectation().incident());
  if (!run || run->skipped() || !Set(run->fired_at())) return 0;
  return Ms(run->fired_at()) + static_cast<qint64>(r.expectation().within_seconds()) * 1000;
}

QList<DrillTimelineEntry> drillTimeline(const v1::Drill& d,
                                        const std::function<QString(const QString&)>& namer) {
  auto category = [&namer](const std::string& id) {
    return namer ? namer(Q(id)) : categoryName(Q(id));
  };
  QList<DrillTimelineEntry> out;
  for (const auto& run : d.injects()) {
    DrillTimelineEntry e;
    const v1::DrillInject* inject = findInject(d.scenario(), run.inject_id());
    e.fired = Set(run.fired_at());
    e.atMs = e.fired ? Ms(run.fired_at()) : Ms(run.due_at());
    e.incidentId = Q(run.incident_id());
    QString what;
    if (inject) {
      switch (inject->kind()) {
        case v1::DrillInject::KIND_PRESS:
          what = QStringLiteral("%1 · %2").arg(category(inject->category()), Q(inject->summary()));
          break;
        case v1::DrillInject::KIND_KIOSK_SILENT:
          what = Q(inject->place());
          break;
        case v1::DrillInject::KIND_METRIC:
          what =
              QStringLiteral("%1 = %2").arg(metricName(Q(inject->metric()))).arg(inject->value());
          break;
        case v1::DrillInject::KIND_MESSAGE:
          what = Q(inject->message());
          break;
        default:
          break;
      }
    }
    const QString state = run.skipped()
                              ? T(QT_TRANSLATE_NOOP("DrillReport", "未执行（演练已停止）"))
                          : e.fired ? T(QT_TRANSLATE_NOOP("DrillReport", "已注入"))
                                    : T(QT_TRANSLATE_NOOP("DrillReport", "预定"));
    e.text = T(QT_TRANSLATE_NOOP("DrillReport", "注入 %1 · %2 · %3 · %4"))
                 .arg(Q(run.inject_id()),
                      inject ? injectKindName(inject->kind()) : injectKindName({}), state, what);
    out << e;
  }
  for (const auto& inc : d.incidents()) {
    DrillTimelineEntry e;
    e.incident = true;
    e.fired = true;
    e.atMs = Ms(inc.reported_at());
    e.incidentId = Q(inc.id());
    QString who = Q(inc.reporter().display_name());
    if (!inc.reporter().kiosk_id().empty() && who.isEmpty()) who = Q(inc.reporter().kiosk_id());
    e.text = T(QT_TRANSLATE_NOOP("DrillReport", "事件 · %1 · %2 · %3"))
                 .arg(category(inc.category()), statusName(inc.status()),
                      inc.summary().empty() ? who : Q(inc.summary()));
    out << e;
  }
  // Fired things by time; what is still due after them, by its time.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.fired != b.fired) return a.fired;
    return a.atMs < b.atMs;
  });
  return out;
}

QString buildDrillReportHtml(const v1::Drill& d, const QString& lang,
                             const DrillReportNames& names) {
  const bool english = lang == QLatin1String("en");
  const v1::DrillScenario& s = d.scenario();
  const qint64 printed =
      names.printedAtMs > 0 ? names.printedAtMs : QDateTime::currentMSecsSinceEpoch();
  const QString hall = names.hallName.isEmpty() ? Q(d.hall_id()) : names.hallName;
  QString h;
  h += QStringLiteral(
      "<html><head><style>"
      "body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:10pt}"
      "h1{font-size:18pt;text-align:center} h3{font-size:12pt;margin-top:12pt}"
      "th,td{border:1px solid #555}"
      "th{background:#eee}</style></head><body>");
  h += QStringLiteral("<h1>%1</h1>").arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "演练评估报告"))));
  h += QStringLiteral("<p align=center>%1 · %2 · %3</p>")
           .arg(H(hall), H(scenarioName(s, english)),
                H(T(QT_TRANSLATE_NOOP("DrillReport", "编号 %1")).arg(Q(d.id()))));

  h += Table();
  auto pair = [&h](const char* k1, const QString& v1s, const char* k2, const QString& v2s) {
    h += reportRow({H(T(k1)), H(v1s), H(T(k2)), H(v2s)});
  };
  pair(QT_TRANSLATE_NOOP("DrillReport", "演练脚本"), scenarioName(s, english),
       QT_TRANSLATE_NOOP("DrillReport", "适用预案"), Q(s.plan_id()));
  h += reportRow({H(T(QT_TRANSLATE_NOOP("DrillReport", "演练内容"))), H(Q(s.rehearses())),
                  H(T(QT_TRANSLATE_NOOP("DrillReport", "依据"))), H(Q(s.citation()))});
  pair(QT_TRANSLATE_NOOP("DrillReport", "开始时间"), When(Ms(d.starts_at())),
       QT_TRANSLATE_NOOP("DrillReport", "结束时间"), When(Ms(d.ended_at())));
  pair(QT_TRANSLATE_NOOP("DrillReport", "状态"), drillStateName(d, printed),
       QT_TRANSLATE_NOOP("DrillReport", "组织者"), Q(d.started_by_name()));
  pair(QT_TRANSLATE_NOOP("DrillReport", "演练用时"),
       drillClockText(drillElapsedSeconds(d, printed)),
       QT_TRANSLATE_NOOP("DrillReport", "计划时长"), drillClockText(s.duration_seconds()));
  QStringList kiosks;
  for (const auto& k : d.kiosk_ids()) kiosks << Q(k);
  pair(QT_TRANSLATE_NOOP("DrillReport", "参演终端"),
       kiosks.isEmpty() ? T(QT_TRANSLATE_NOOP("DrillReport", "全部"))
                        : kiosks.join(QStringLiteral("、")),
       QT_TRANSLATE_NOOP("DrillReport", "停止原因"),
       d.stop_reason().empty() ? QStringLiteral("—") : Q(d.stop_reason()));
  h += QStringLiteral("</table>");

  // The score.
  const v1::DrillScore& score = d.score();
  h += QStringLiteral("<h3>%1</h3>").arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "一、评分"))));
  h += QStringLiteral("<p><b>%1</b>　%2</p>")
           .arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "得分 %1%")).arg(score.percent())),
                H(T(QT_TRANSLATE_NOOP("DrillReport",
                                      "按时 %1 · 迟 %2 · 未完成 %3 · 超时 %4 · 待定 %5%6"))
                      .arg(score.on_time())
                      .arg(score.late())
                      .arg(score.missed())
                      .arg(score.overdue())
                      .arg(score.pending())
                      .arg(score.final() ? T(QT_TRANSLATE_NOOP("DrillReport", "（最终）"))
                                         : T(QT_TRANSLATE_NOOP("DrillReport", "（进行中）")))));

  // Each expected response.
  h += QStringLiteral("<h3>%1</h3>")
           .arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "二、应有响应及完成情况"))));
  h += Table() + reportHeaderRow({{T(QT_TRANSLATE_NOOP("DrillReport", "应有响应")), 24},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "针对注入")), 17},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "时限")), 11},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "结果")), 9},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "迟（秒）")), 8},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "用时")), 9},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "依据条款")), 22}});
  for (const auto& r : score.results()) {
    const auto& e = r.expectation();
    const qint64 deadline = expectationDeadlineMs(d, r);
    const bool done = r.outcome() == v1::ExpectationResult::OUTCOME_ON_TIME ||
                      r.outcome() == v1::ExpectationResult::OUTCOME_LATE;
    h += reportRow(
        {H(expectationText(e, english)), H(Q(e.incident())),
         deadline > 0
             ? H(When(deadline, QStringLiteral("HH:mm:ss")))
             : H(T(QT_TRANSLATE_NOOP("DrillReport", "注入后 %1")).arg(ageText(e.within_seconds()))),
         QStringLiteral("<font color=\"%1\">%2</font>")
             .arg(outcomeColor(r.outcome()).name(), H(outcomeText(r))),
         r.outcome() == v1::ExpectationResult::OUTCOME_LATE ? QString::number(r.late_seconds())
                                                            : QString(),
         done ? H(ageText(r.took_seconds())) : QString(), H(Q(e.citation()))});
  }
  h += QStringLiteral("</table>");

  // The timeline.
  h += QStringLiteral("<h3>%1</h3>").arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "三、演练经过"))));
  h += Table() + reportHeaderRow({{T(QT_TRANSLATE_NOOP("DrillReport", "时间")), 12},
                                  {T(QT_TRANSLATE_NOOP("DrillReport", "事项")), 88}});
  for (const auto& e : drillTimeline(d)) {
    h += reportRow({H(When(e.atMs, QStringLiteral("HH:mm:ss"))), H(e.text)});
  }
  h += QStringLiteral("</table>");
  if (!d.last_message().empty()) {
    h += QStringLiteral("<p>%1</p>")
             .arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "最后消息：%1")).arg(Q(d.last_message()))));
  }

  // The review.
  h += QStringLiteral("<h3>%1</h3>").arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "四、演练总结"))));
  if (d.has_review()) {
    const v1::DrillReview& rv = d.review();
    h += Table();
    h += reportRow({H(T(QT_TRANSLATE_NOOP("DrillReport", "做得好的"))), H(Q(rv.went_well()))});
    h += reportRow({H(T(QT_TRANSLATE_NOOP("DrillReport", "不足之处"))), H(Q(rv.went_badly()))});
    QStringList items;
    for (const auto& i : rv.improvements()) items << QStringLiteral("<li>%1</li>").arg(H(Q(i)));
    h += reportRow({H(T(QT_TRANSLATE_NOOP("DrillReport", "改进措施"))),
                    items.isEmpty() ? QStringLiteral("—")
                                    : QStringLiteral("<ol>%1</ol>").arg(items.join(QString()))});
    h +=
        reportRow({H(T(QT_TRANSLATE_NOOP("DrillReport", "总结人"))),
                   H(Q(rv.reviewed_by_name()) + QStringLiteral(" ") + When(Ms(rv.reviewed_at())))});
    h += QStringLiteral("</table>");
  } else {
    h += QStringLiteral("<p>%1</p>").arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "尚未填写"))));
  }
  h += QStringLiteral("<p align=right>%1</p></body></html>")
           .arg(H(T(QT_TRANSLATE_NOOP("DrillReport", "打印时间：%1"))
                      .arg(When(printed, QStringLiteral("yyyy-MM-dd HH:mm")))));
  return h;
}

bool writeDrillPdf(const v1::Drill& d, const QString& lang, const QString& path, QString* error,
                   const DrillReportNames& names) {
  return writeReportPdf(buildDrillReportHtml(d, lang, names), path, error, {},
                        T(QT_TRANSLATE_NOOP("DrillReport", "演练评估报告")) +
                            QStringLiteral(" · ") +
                            scenarioName(d.scenario(), lang == QLatin1String("en")));
}

QByteArray drillCsv(const v1::Drill& d, const QString& lang) {
  const bool english = lang == QLatin1String("en");
  auto cell = [](QString s) {
    s.replace('"', QStringLiteral("\"\""));
    return '"' + s + '"';
  };
  QString out = QStringLiteral(
      "\uFEFFexpectation_id,text,inject,deadline,outcome,late_seconds,took_seconds,citation\n");
  for (const auto& r : d.score().results()) {
    const auto& e = r.expectation();
    const qint64 deadline = expectationDeadlineMs(d, r);
    const bool done = r.outcome() == v1::ExpectationResult::OUTCOME_ON_TIME ||
                      r.outcome() == v1::ExpectationResult::OUTCOME_LATE;
    out +=
        QStringList{cell(Q(e.id())),
                    cell(expectationText(e, english)),
                    cell(Q(e.incident())),
                    cell(deadline > 0 ? When(deadline) : QString()),
                    outcomeCode(r.outcome()),
                    QString::number(
                        r.outcome() == v1::ExpectationResult::OUTCOME_LATE ? r.late_seconds() : 0),
                    done ? QString::number(r.took_seconds()) : QString(),
                    cell(Q(e.citation()))}
            .join(',') +
        '\n';
  }
  return out.toUtf8();
}

bool writeDrillCsv(const v1::Drill& d, const QString& path, QString* error, const QString& lang) {
  QSaveFile f(path);
  const QByteArray csv = drillCsv(d, lang);
  if (!f.open(QIODevice::WriteOnly) || f.write(csv) != csv.size() || !f.commit()) {
    if (error) *error = f.errorString();
    return false;
  }
  return true;
}

}  // namespace hall::client
