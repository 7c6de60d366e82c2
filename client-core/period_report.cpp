#include "period_report.h"

#include <QCoreApplication>
#include <QTimeZone>
#include <algorithm>
#include <map>

#include "incident_report.h"
#include "labels.h"

namespace hall::client {
namespace {

QString T(const char* s) { return QCoreApplication::translate("PeriodReport", s); }
QString Q(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

const QTimeZone& ChinaTime() {
  static const QTimeZone kZone(8 * 3600);
  return kZone;
}

QString When(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0) return QStringLiteral("—");
  return QDateTime::fromSecsSinceEpoch(ts.seconds(), ChinaTime())
      .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString BreachKind(v1::Breach::Kind k) {
  switch (k) {
    case v1::Breach::KIND_ACK_LATE:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "确认超时"));
    case v1::Breach::KIND_UNACKNOWLEDGED:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "超时未确认"));
    case v1::Breach::KIND_STEP_LATE:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "步骤逾期完成"));
    case v1::Breach::KIND_STEP_MISSED:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "步骤逾期未完成"));
    default:
      return {};
  }
}

QString Name(const QHash<QString, QString>& names, const std::string& id) {
  const QString key = QString::fromStdString(id);
  return names.value(key, key);
}

QString Percent(int part, int whole) {
  if (whole <= 0) return QStringLiteral("—");
  return QStringLiteral("%1%").arg(100.0 * part / whole, 0, 'f', 1);
}

}  // namespace

QDateTime ReportPeriod::from() const { return QDateTime(first, QTime(0, 0), ChinaTime()); }
QDateTime ReportPeriod::to() const { return QDateTime(end, QTime(0, 0), ChinaTime()); }

QString ReportPeriod::title() const {
  switch (kind) {
    case PeriodKind::Week:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "%1 至 %2 周报"))
          .arg(first.toString(Qt::ISODate), end.addDays(-1).toString(Qt::ISODate));
    case PeriodKind::Month:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "%1年%2月 月报"))
          .arg(first.year())
          .arg(first.month());
    case PeriodKind::Quarter:
      return T(QT_TRANSLATE_NOOP("PeriodReport", "%1年第%2季度 季报"))
          .arg(first.year())
          .arg((first.month() - 1) / 3 + 1);
  }
  return {};
}

void ReportPeriod::fill(v1::ReportScope* scope) const {
  scope->mutable_from()->set_seconds(from().toSecsSinceEpoch());
  scope->mutable_to()->set_seconds(to().toSecsSinceEpoch());
}

ReportPeriod periodContaining(PeriodKind kind, QDate day) {
  ReportPeriod p;
  p.kind = kind;
  switch (kind) {
    case PeriodKind::Week:
      p.first = day.addDays(1 - day.dayOfWeek());  // Monday
      p.end = p.first.addDays(7);
      break;
    case PeriodKind::Month:
      p.first = QDate(day.year(), day.month(), 1);
      p.end = p.first.addMonths(1);
      break;
    case PeriodKind::Quarter:
      p.first = QDate(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
      p.end = p.first.addMonths(3);
      break;
  }
  return p;
}

ReportPeriod shiftPeriod(const ReportPeriod& p, int by) {
  switch (p.kind) {
    case PeriodKind::Week:
      return periodContaining(p.kind, p.first.addDays(7 * by));
    case PeriodKind::Month:
      return periodContaining(p.kind, p.first.addMonths(by));
    case PeriodKind::Quarter:
      return periodContaining(p.kind, p.first.addMonths(3 * by));
  }
  return p;
}

DayMatrix dayMatrix(const v1::Statistics& s, const ReportPeriod& p) {
  DayMatrix m;
  QHash<QString, int> dayIndex;
  for (QDate d = p.first; d < p.end; d = d.addDays(1)) {
    dayIndex.insert(d.toString(Qt::ISODate), static_cast<int>(m.days.size()));
    m.days << d.toString(QStringLiteral("MM-dd"));
  }
  std::map<int, QVector<int>> byClass;
  for (const auto& row : s.per_day()) {
    auto at = dayIndex.constFind(QString::fromStdString(row.day()));
    if (at == dayIndex.constEnd()) continue;  // outside the period shown
    auto& counts = byClass[row.event_class()];
    if (counts.isEmpty()) counts.resize(m.days.size());
    counts[*at] += row.count();
  }
  for (auto& [cls, counts] : byClass) {
    m.classes << static_cast<v1::EventClass>(cls);
    m.counts << counts;
  }
  return m;
}

DayMatrix foldWeeks(const DayMatrix& days) {
  DayMatrix w;
  w.classes = days.classes;
  w.counts.resize(days.classes.size());
  for (int d = 0; d < days.days.size(); d += 7) {
    w.days << days.days[d];
    for (int c = 0; c < days.classes.size(); ++c) {
      int sum = 0;
      for (int i = d; i < std::min<int>(d + 7, days.days.size()); ++i) sum += days.counts[c][i];
      w.counts[c] << sum;
    }
  }
  return w;
}

QString durationText(qint64 seconds) {
  if (seconds < 60) return T(QT_TRANSLATE_NOOP("PeriodReport", "%1秒")).arg(seconds);
  const qint64 minutes = seconds / 60;
  if (minutes < 60) return T(QT_TRANSLATE_NOOP("PeriodReport", "%1分钟")).arg(minutes);
  const qint64 hours = minutes / 60;
  if (minutes % 60 == 0) return T(QT_TRANSLATE_NOOP("PeriodReport", "%1小时")).arg(hours);
  return T(QT_TRANSLATE_NOOP("PeriodReport", "%1小时%2分钟")).arg(hours).arg(minutes % 60);
}

QString bucketLabel(const v1::Distribution& d, int i, bool compact) {
  if (i < 0 || i >= d.bucket_upper_seconds_size()) return {};
  const qint64 upper = d.bucket_upper_seconds(i);
  auto text = [compact](qint64 s) {
    if (!compact) return durationText(s);
    if (s < 3600) return T(QT_TRANSLATE_NOOP("PeriodReport", "%1分")).arg(s / 60);
    return T(QT_TRANSLATE_NOOP("PeriodReport", "%1时")).arg(s / 3600);
  };
  if (upper == 0) {
    const qint64 lower = i > 0 ? d.bucket_upper_seconds(i - 1) : 0;
    return (compact ? QStringLiteral(">%1") : QStringLiteral("> %1")).arg(text(lower));
  }
  return compact ? text(upper) : QStringLiteral("≤ %1").arg(text(upper));
}

double bucketPosition(const v1::Distribution& d, qint64 seconds) {
  const int n = d.bucket_upper_seconds_size();
  qint64 lower = 0;
  for (int i = 0; i < n; ++i) {
    const qint64 upper = d.bucket_upper_seconds(i);
    if (upper == 0 || seconds <= upper) {
      if (upper == 0) return i - 0.5;  // beyond the last bound: its left edge
      const double within = double(seconds - lower) / double(std::max<qint64>(1, upper - lower));
      return i - 0.5 + std::clamp(within, 0.0, 1.0);
    }
    lower = upper;
  }
  return n - 0.5;
}

double onTimeShare(const v1::Statistics& s) {
  const int due = s.steps_on_time() + s.steps_late() + s.steps_missed();
  return due == 0 ? -1.0 : double(s.steps_on_time()) / due;
}

QString periodReportHtml(const v1::Statistics& s, const ReportPeriod& p,
                         const PeriodReportNames& names,
                         const QList<std::pair<QString, QString>>& charts, qint64 printedAtMs) {
  QString h = QStringLiteral(
      "<html><head><style>"
      "body{font-family:'Noto Sans CJK SC','Noto Sans';font-size:9pt}"
      "h1{font-size:16pt;text-align:center}h3{font-size:11pt;margin-top:12px}"
      "table{border-collapse:collapse}td,th{border:1px solid #888;padding:3px}"
      "th{background:#eee}</style></head><body>");
  h += QStringLiteral("<h1>%1</h1>")
           .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "政务服务大厅突发事件统计报告")));
  h += QStringLiteral("<p align=center>%1</p>")
           .arg((names.scopeName.isEmpty() ? p.title()
                                           : names.scopeName + QStringLiteral(" · ") + p.title())
                    .toHtmlEscaped());

  // Summary.
  const auto& ack = s.time_to_acknowledge();
  const double share = onTimeShare(s);
  h += QStringLiteral(
           "<h3>%1</h3><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
           .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "一、总体情况")));
  h += reportRow({T(QT_TRANSLATE_NOOP("PeriodReport", "事件总数")),
                  T(QT_TRANSLATE_NOOP("PeriodReport", "仍未处置")),
                  T(QT_TRANSLATE_NOOP("PeriodReport", "按时确认")),
                  T(QT_TRANSLATE_NOOP("PeriodReport", "确认用时中位数")),
                  T(QT_TRANSLATE_NOOP("PeriodReport", "必做步骤按时完成")),
                  T(QT_TRANSLATE_NOOP("PeriodReport", "未计入的演练"))},
                 true);
  h += reportRow(
      {QString::number(s.total()), QString::number(s.open()),
       Percent(ack.within_target(), ack.with_target()),
       ack.measured() ? durationText(ack.median_seconds()) : QStringLiteral("—"),
       share < 0 ? QStringLiteral("—") : QStringLiteral("%1%").arg(share * 100, 0, 'f', 1),
       QString::number(s.drills_excluded())});
  h += QStringLiteral("</table>");

  // Charts.
  if (!charts.isEmpty()) {
    h += QStringLiteral("<h3>%1</h3>").arg(T(QT_TRANSLATE_NOOP("PeriodReport", "二、图表")));
    // Two charts a row, each half the text width, captioned below.
    h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">");
    for (int i = 0; i < charts.size(); ++i) {
      if (i % 2 == 0) h += QStringLiteral("<tr>");
      h += QStringLiteral("<td align=center width=\"50%\"><img src=\"%1\" width=250><br>%2</td>")
               .arg(charts[i].first, charts[i].second.toHtmlEscaped());
      if (i % 2 == 1 || i + 1 == charts.size()) h += QStringLiteral("</tr>");
    }
    h += QStringLiteral("</table>");
  }

  // Per hall.
  h += QStringLiteral(
           "<h3>%1</h3><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
           .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "三、各大厅事件")));
  h += reportRow(
      {T(QT_TRANSLATE_NOOP("PeriodReport", "大厅")), T(QT_TRANSLATE_NOOP("PeriodReport", "事件数")),
       T(QT_TRANSLATE_NOOP("PeriodReport", "仍未处置")),
       T(QT_TRANSLATE_NOOP("PeriodReport", "有超时"))},
      true);
  for (const auto& r : s.per_hall()) {
    h += reportRow(
        {r.label().empty() ? Name(names.hallNames, r.key()).toHtmlEscaped() : Q(r.label()),
         QString::number(r.count()), QString::number(r.open()), QString::number(r.breached())});
  }
  h += QStringLiteral("</table>");

  // Per class.
  h += QStringLiteral(
           "<h3>%1</h3><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
           .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "四、事件类别")));
  h += reportRow(
      {T(QT_TRANSLATE_NOOP("PeriodReport", "类别")), T(QT_TRANSLATE_NOOP("PeriodReport", "事件数")),
       T(QT_TRANSLATE_NOOP("PeriodReport", "有超时"))},
      true);
  for (const auto& r : s.per_class()) {
    h += reportRow(
        {eventClassName(static_cast<v1::EventClass>(QString::fromStdString(r.key()).toInt()))
             .toHtmlEscaped(),
         QString::number(r.count()), QString::number(r.breached())});
  }
  h += QStringLiteral("</table>");

  // Breaches.
  h +=
      QStringLiteral("<h3>%1</h3>").arg(T(QT_TRANSLATE_NOOP("PeriodReport", "五、超出时限的事件")));
  if (s.breaches_size() == 0) {
    h += QStringLiteral("<p>%1</p>").arg(T(QT_TRANSLATE_NOOP("PeriodReport", "本期无超时。")));
  } else {
    h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    // Column shares: the step text gets the most room, the times the least.
    h += reportHeaderRow({{T(QT_TRANSLATE_NOOP("PeriodReport", "报告时间")), 13},
                          {T(QT_TRANSLATE_NOOP("PeriodReport", "大厅")), 18},
                          {T(QT_TRANSLATE_NOOP("PeriodReport", "类别")), 10},
                          {T(QT_TRANSLATE_NOOP("PeriodReport", "超时情形")), 13},
                          {T(QT_TRANSLATE_NOOP("PeriodReport", "步骤")), 24},
                          {T(QT_TRANSLATE_NOOP("PeriodReport", "依据条款")), 12},
                          {T(QT_TRANSLATE_NOOP("PeriodReport", "超出")), 10}});
    for (const auto& b : s.breaches()) {
      QString kind = BreachKind(b.kind());
      if (b.drill()) kind += T(QT_TRANSLATE_NOOP("PeriodReport", "（演练）"));
      h += reportRow({When(b.reported_at()), Name(names.hallNames, b.hall_id()).toHtmlEscaped(),
                      categoryName(QString::fromStdString(b.category())).toHtmlEscaped(), kind,
                      Q(b.step_text_zh()), Q(b.citation()), durationText(b.late_seconds())});
    }
    h += QStringLiteral("</table>");
    if (s.breaches_truncated())
      h += QStringLiteral("<p>%1</p>")
               .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "（仅列出前500条，完整清单见CSV导出）")));
  }

  // Follow-ups.
  h += QStringLiteral("<h3>%1</h3>")
           .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "六、未完成的整改事项")));
  if (s.open_follow_ups_size() == 0) {
    h += QStringLiteral("<p>%1</p>").arg(T(QT_TRANSLATE_NOOP("PeriodReport", "无。")));
  } else {
    h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    h += reportRow({T(QT_TRANSLATE_NOOP("PeriodReport", "大厅")),
                    T(QT_TRANSLATE_NOOP("PeriodReport", "整改事项")),
                    T(QT_TRANSLATE_NOOP("PeriodReport", "责任人")),
                    T(QT_TRANSLATE_NOOP("PeriodReport", "期限"))},
                   true);
    for (const auto& o : s.open_follow_ups()) {
      h += reportRow({Name(names.hallNames, o.hall_id()).toHtmlEscaped(), Q(o.follow_up().text()),
                      Q(o.follow_up().owner()), When(o.follow_up().due_at())});
    }
    h += QStringLiteral("</table>");
  }
  h += QStringLiteral("<p align=right>%1</p></body></html>")
           .arg(T(QT_TRANSLATE_NOOP("PeriodReport", "统计时间：%1"))
                    .arg(QDateTime::fromMSecsSinceEpoch(printedAtMs, ChinaTime())
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
  return h;
}

QByteArray breachesCsv(const v1::Statistics& s, const PeriodReportNames& names) {
  auto cell = [](QString v) {
    v.replace('"', QStringLiteral("\"\""));
    return '"' + v + '"';
  };
  QString out =
      QStringLiteral("incident_id,hall,category,reported_at,kind,step,citation,late_seconds\n");
  for (const auto& b : s.breaches()) {
    out += QStringList{cell(QString::fromStdString(b.incident_id())),
                       cell(Name(names.hallNames, b.hall_id())),
                       cell(QString::fromStdString(b.category())),
                       cell(When(b.reported_at())),
                       cell(BreachKind(b.kind())),
                       cell(QString::fromStdString(b.step_text_zh())),
                       cell(QString::fromStdString(b.citation())),
                       QString::number(b.late_seconds())}
               .join(',') +
           '\n';
  }
  return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

}  // namespace hall::client
