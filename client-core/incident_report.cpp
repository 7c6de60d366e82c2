#include "incident_report.h"

#include <google/protobuf/util/json_util.h>

#include <QDateTime>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include "labels.h"

namespace hall::client {
namespace {

QString Q(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString When(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return QStringLiteral("—");
  return QDateTime::fromSecsSinceEpoch(ts.seconds())
      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString Section(const QString& title) { return QStringLiteral("<h3>%1</h3>").arg(title); }

QString StatementState(v1::StatementState s) {
  switch (s) {
    case v1::STATEMENT_STATE_PENDING:
      return QStringLiteral("待审批");
    case v1::STATEMENT_STATE_APPROVED:
      return QStringLiteral("已批准");
    case v1::STATEMENT_STATE_REFUSED:
      return QStringLiteral("已退回");
    default:
      return {};
  }
}

}  // namespace

QString incidentReportHtml(const v1::GetIncidentResponse& r, const ReportNames& names,
                           qint64 printedAtMs) {
  const v1::Incident& inc = r.incident();
  QString h;
  h += QStringLiteral(
      "<html><head><style>"
      "body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:10pt}"
      "h1{font-size:18pt;text-align:center} h3{font-size:12pt;margin-top:12pt}"
      "th,td{border:1px solid #555}"
      "th{background:#eee}</style></head><body>");
  h += QStringLiteral("<h1>突发事件处置报告%1</h1>")
           .arg(inc.drill() ? QStringLiteral("（演练）") : QString());
  h += QStringLiteral("<p align=center>%1 · 编号 %2</p>")
           .arg(names.hallName.toHtmlEscaped(), Q(inc.id()));
  h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
  h +=
      reportRow({QStringLiteral("大厅"), names.hallName.toHtmlEscaped(), QStringLiteral("适用预案"),
                 names.planTitle.isEmpty() ? Q(inc.plan_id()) : names.planTitle.toHtmlEscaped()});
  h += reportRow(
      {QStringLiteral("事件类别"), categoryName(QString::fromStdString(inc.category())),
       QStringLiteral("级别 / 分级"),
       severityName(inc.severity()) +
           (inc.grade().empty() ? QString() : QStringLiteral(" / %1级").arg(Q(inc.grade())))});
  h +=
      reportRow({QStringLiteral("地点"),
                 names.placeName.isEmpty() ? Q(inc.location_id()) : names.placeName.toHtmlEscaped(),
                 QStringLiteral("报告人"), Q(inc.reporter().display_name())});
  h += reportRow(
      {QStringLiteral("报告时间"), When(inc.reported_at()), QStringLiteral("确认时间"),
       When(inc.acknowledged_at()) + QStringLiteral(" ") + Q(inc.acknowledged_by_name())});
  h += reportRow({QStringLiteral("处置完毕"), When(inc.resolved_at()), QStringLiteral("关闭时间"),
                  When(inc.closed_at())});
  h += reportRow({QStringLiteral("状态"), statusName(inc.status()), QStringLiteral("处置结果"),
                  outcomeName(inc.outcome())});
  h += reportRow({QStringLiteral("事件说明"), Q(inc.summary()), QStringLiteral("报警次数"),
                  QString::number(std::max(1, inc.press_count()))});
  h += QStringLiteral("</table>");

  h += Section(QStringLiteral("一、处置清单"));
  h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">") +
       reportRow({QStringLiteral("步骤"), QStringLiteral("责任人"), QStringLiteral("状态"),
                  QStringLiteral("执行人 / 时间"), QStringLiteral("备注"), QStringLiteral("依据")},
                 true);
  for (const auto& it : inc.checklist()) {
    h += reportRow(
        {Q(it.text_zh()) + (it.close_out() ? QStringLiteral("【善后】") : QString()),
         responsibleName(QString::fromStdString(it.responsible())),
         stepStateName(it.state()) + (it.overdue() ? QStringLiteral("（曾超时）") : QString()),
         Q(it.done_by_name()) + QStringLiteral(" ") +
             (it.has_done_at() ? When(it.done_at()) : QString()),
         Q(it.note()), Q(it.citation())});
  }
  h += QStringLiteral("</table>");

  h += Section(QStringLiteral("二、上报与外部联系"));
  h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">") +
       reportRow({QStringLiteral("时间"), QStringLiteral("层级"), QStringLiteral("通知人员"),
                  QStringLiteral("原因"), QStringLiteral("依据")},
                 true);
  for (const auto& a : inc.escalation().alerts()) {
    QStringList tiers, people;
    for (const auto& t : a.tiers()) tiers << tierName(QString::fromStdString(t));
    for (const auto& p : a.people()) people << Q(p.name());
    h += reportRow({When(a.at()), tiers.join(QStringLiteral("、")),
                    people.join(QStringLiteral("、")), Q(a.reason()), Q(a.citation())});
  }
  for (const auto& it : inc.checklist()) {
    if (!it.has_contact()) continue;
    const auto& c = it.contact();
    h += reportRow({When(c.at()), partyName(QString::fromStdString(c.party())),
                    Q(c.by_name()) + QStringLiteral(" 拨打 ") + Q(c.number()),
                    c.simulated() ? QStringLiteral("演练（未实际拨打）") : Q(c.note()),
                    Q(it.citation())});
  }
  h += QStringLiteral("</table>");

  h += Section(QStringLiteral("三、对外通报（舆情）"));
  if (inc.statements().empty()) h += QStringLiteral("<p>无</p>");
  for (const auto& s : inc.statements()) {
    h += QStringLiteral("<p>【%1】%2<br/>起草：%3 %4；审批：%5 %6 %7</p>")
             .arg(StatementState(s.state()), Q(s.text()), Q(s.drafted_by_name()),
                  When(s.drafted_at()), Q(s.decided_by_name()),
                  s.has_decided_at() ? When(s.decided_at()) : QString(), Q(s.reason()));
  }

  h += Section(QStringLiteral("四、事后总结与报送"));
  if (inc.has_after_action()) {
    const auto& a = inc.after_action();
    h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    h += reportRow({QStringLiteral("事件原因"), Q(a.cause())});
    h += reportRow({QStringLiteral("处置经过"), Q(a.course())});
    h += reportRow(
        {QStringLiteral("损失及伤亡"), a.losses().empty() ? QStringLiteral("无") : Q(a.losses())});
    h += reportRow({QStringLiteral("做得好的"), Q(a.went_well())});
    h += reportRow({QStringLiteral("不足之处"), Q(a.went_badly())});
    h += reportRow({QStringLiteral("改进措施"), Q(a.improvements())});
    h += reportRow({QStringLiteral("填写人"),
                    Q(a.written_by_name()) + QStringLiteral(" ") + When(a.written_at())});
    h += QStringLiteral("</table>");
  } else {
    h += QStringLiteral("<p>尚未填写</p>");
  }
  for (const auto& f : inc.filings()) {
    h += QStringLiteral("<p>已报送：%1（%2 %3%4）</p>")
             .arg(tierName(QString::fromStdString(f.body())), Q(f.filed_by_name()),
                  When(f.filed_at()),
                  f.reference().empty() ? QString()
                                        : QStringLiteral("，回执 %1").arg(Q(f.reference())));
  }
  if (inc.has_handover()) {
    h += QStringLiteral("<p>转办：%1；反馈：%2（%3）</p>")
             .arg(Q(inc.handover().department()), Q(inc.handover().feedback()),
                  Q(inc.handover().by_name()));
  }
  for (const auto& f : inc.follow_ups()) {
    h += QStringLiteral("<p>改进事项：%1 — %2，期限 %3%4</p>")
             .arg(Q(f.text()), Q(f.owner()), When(f.due_at()),
                  f.done() ? QStringLiteral("（已完成）") : QString());
  }

  h += Section(QStringLiteral("五、处置时间线"));
  h += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">") +
       reportRow({QStringLiteral("时间"), QStringLiteral("事项"), QStringLiteral("操作人"),
                  QStringLiteral("说明")},
                 true);
  for (const auto& e : r.timeline()) {
    h += reportRow({When(e.at()), eventKindName(e.kind()), Q(e.actor_name()), Q(e.note())});
  }
  h += QStringLiteral("</table>");
  h += QStringLiteral("<p align=right>打印时间：%1</p></body></html>")
           .arg(QDateTime::fromMSecsSinceEpoch(printedAtMs)
                    .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
  return h;
}

QString reportRow(const QStringList& cells, bool header) {
  QString out = QStringLiteral("<tr>");
  for (const auto& c : cells)
    out += header ? QStringLiteral("<th>%1</th>").arg(c) : QStringLiteral("<td>%1</td>").arg(c);
  return out + QStringLiteral("</tr>");
}

QString reportHeaderRow(const QList<std::pair<QString, int>>& cells) {
  QString out = QStringLiteral("<tr>");
  for (const auto& [text, percent] : cells)
    out += QStringLiteral("<th width=\"%1%\">%2</th>").arg(percent).arg(text.toHtmlEscaped());
  return out + QStringLiteral("</tr>");
}

bool writeReportPdf(const QString& html, const QString& path, QString* error,
                    const QList<std::pair<QString, QImage>>& images, const QString& title) {
  QPdfWriter pdf(path);
  pdf.setPageSize(QPageSize(QPageSize::A4));
  pdf.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
  pdf.setResolution(300);
  pdf.setTitle(title.isEmpty() ? QStringLiteral("突发事件处置报告") : title);
  pdf.setCreator(QStringLiteral("政务服务大厅应急指挥台"));
  QTextDocument doc;
  for (const auto& [name, image] : images)
    doc.addResource(QTextDocument::ImageResource, QUrl(name), image);
  doc.setHtml(html);
  doc.print(&pdf);
  QFile f(path);
  if (!f.exists() || f.size() == 0) {
    if (error) *error = QStringLiteral("无法写入 %1").arg(path);
    return false;
  }
  return true;
}

QByteArray incidentTimelineCsv(const v1::GetIncidentResponse& r) {
  auto cell = [](QString s) {
    s.replace('"', QStringLiteral("\"\""));
    return '"' + s + '"';
  };
  QString out = QStringLiteral("\uFEFFseq,time,kind,actor,step,note\n");
  for (const auto& e : r.timeline()) {
    out += QStringList{QString::number(e.seq()),
                       cell(When(e.at())),
                       cell(eventKindName(e.kind())),
                       cell(QString::fromStdString(e.actor_name())),
                       cell(QString::fromStdString(e.step_id())),
                       cell(QString::fromStdString(e.note()))}
               .join(',') +
           '\n';
  }
  return out.toUtf8();
}

QByteArray incidentJson(const v1::GetIncidentResponse& r) {
  std::string json;
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = true;
  o.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(r, &json, o);
  return QByteArray::fromStdString(json);
}

}  // namespace hall::client
