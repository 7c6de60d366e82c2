#include "playbook_html.h"

#include <QCoreApplication>
#include <QStringList>

#include "hall_client.h"
#include "labels.h"

namespace hall::desk {

using client::qs;
namespace v1 = hall::v1;

namespace {
QString T(const char* s) { return QCoreApplication::translate("PlaybookHtml", s); }
QString esc(const QString& s) { return s.toHtmlEscaped(); }
QString esc(const std::string& s) { return qs(s).toHtmlEscaped(); }

QString pick(const std::string& zh, const std::string& en, bool english) {
  return qs(english && !en.empty() ? en : zh);
}

const char* kTable =
    "<table border='1' cellspacing='0' cellpadding='4' width='100%' "
    "style='border-color:#b0bec5;border-collapse:collapse'>";

QString header(const QStringList& cells) {
  QString h = QStringLiteral("<tr style='background:#eceff1'>");
  for (const QString& c : cells) h += QStringLiteral("<th align='left'>%1</th>").arg(esc(c));
  return h + QStringLiteral("</tr>");
}

// "（仅适用于 I 级）", "【产品默认】" after a step's text.
QString stepMarks(const v1::Step& s) {
  QString m;
  if (!s.when_grades().empty()) {
    QStringList g;
    for (const auto& grade : s.when_grades()) g << qs(grade);
    m += esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "（仅适用于 %1 级）"))
                 .arg(g.join(QStringLiteral("、"))));
  }
  if (s.product_default()) {
    m += QStringLiteral(" <span style='color:#6a1b9a'>%1</span>")
             .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "【产品默认】"))));
  }
  return m;
}

QString stepsTable(const google::protobuf::RepeatedPtrField<v1::Step>& steps,
                   const v1::Playbook& playbook, bool english) {
  QString h = QString::fromLatin1(kTable);
  h += header(
      {T(QT_TRANSLATE_NOOP("PlaybookHtml", "序号")), T(QT_TRANSLATE_NOOP("PlaybookHtml", "步骤")),
       T(QT_TRANSLATE_NOOP("PlaybookHtml", "责任人")), T(QT_TRANSLATE_NOOP("PlaybookHtml", "时限")),
       T(QT_TRANSLATE_NOOP("PlaybookHtml", "联络单位")),
       T(QT_TRANSLATE_NOOP("PlaybookHtml", "必须")), T(QT_TRANSLATE_NOOP("PlaybookHtml", "依据"))});
  int n = 0;
  for (const auto& s : steps) {
    const QString deadline = deadlineText(s, playbook, english);
    h += QStringLiteral(
             "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td></"
             "tr>")
             .arg(++n)
             .arg(esc(pick(s.text_zh(), s.text_en(), english)) + stepMarks(s),
                  esc(client::responsibleName(qs(s.responsible()))),
                  deadline.isEmpty() ? QStringLiteral("—")
                                     : QStringLiteral("<b>%1</b>").arg(esc(deadline)),
                  s.contact_party().empty() ? QString()
                                            : esc(client::partyName(qs(s.contact_party()))),
                  s.mandatory() ? T(QT_TRANSLATE_NOOP("PlaybookHtml", "必须"))
                                : T(QT_TRANSLATE_NOOP("PlaybookHtml", "视情")),
                  esc(s.citation()));
  }
  return h + QStringLiteral("</table>");
}

QString rangeText(const v1::GradingRule& r) {
  const QString metric = esc(client::metricName(qs(r.metric())));
  if (r.metric().empty()) return T(QT_TRANSLATE_NOOP("PlaybookHtml", "人工判定"));
  if (r.has_above() && r.has_at_most()) {
    return QStringLiteral("%1 &lt; %2 ≤ %3")
        .arg(QString::number(r.above()), metric, QString::number(r.at_most()));
  }
  if (r.has_above()) return QStringLiteral("%1 &gt; %2").arg(metric, QString::number(r.above()));
  if (r.has_at_most()) return QStringLiteral("%1 ≤ %2").arg(metric, QString::number(r.at_most()));
  return metric;
}

QString escalationHtml(const v1::EscalationPolicy& e) {
  if (e.tiers().empty() && e.immediate_tier().empty()) {
    return QStringLiteral("<p>%1</p>")
        .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "本预案未规定逐级上报。"))));
  }
  QString h = QStringLiteral("<ol>");
  for (const auto& t : e.tiers()) {
    QString when;
    if (t.ack_timeout_seconds() >= 60 && t.ack_timeout_seconds() % 60 == 0) {
      when = T(QT_TRANSLATE_NOOP("PlaybookHtml", "%1 分钟内未确认则上报下一级"))
                 .arg(t.ack_timeout_seconds() / 60);
    } else if (t.ack_timeout_seconds() > 0) {
      when = T(QT_TRANSLATE_NOOP("PlaybookHtml", "%1 秒内未确认则上报下一级"))
                 .arg(t.ack_timeout_seconds());
    } else {
      when = T(QT_TRANSLATE_NOOP("PlaybookHtml", "最后一级"));
    }
    // A stage alerts its tier and with_tiers together, informs its
    // notify-only tiers, and names the outside parties a person must call.
    QStringList tiers{client::tierName(qs(t.tier()))};
    for (const auto& w : t.with_tiers()) tiers << client::tierName(qs(w));
    QStringList extra;
    if (!t.notify_only().empty()) {
      QStringList n;
      for (const auto& w : t.notify_only()) n << client::tierName(qs(w));
      extra << T(QT_TRANSLATE_NOOP("PlaybookHtml", "知会：%1")).arg(n.join(QStringLiteral("、")));
    }
    if (!t.contact_parties().empty()) {
      QStringList n;
      for (const auto& p : t.contact_parties()) n << client::partyName(qs(p));
      extra << T(QT_TRANSLATE_NOOP("PlaybookHtml", "须联系（记录拨打）：%1"))
                   .arg(n.join(QStringLiteral("、")));
    }
    if (t.product_default()) extra << T(QT_TRANSLATE_NOOP("PlaybookHtml", "产品默认"));
    h += QStringLiteral("<li><b>%1</b> — %2 <span style='color:#607d8b'>（%3）</span>%4</li>")
             .arg(esc(tiers.join(QStringLiteral(" + "))), esc(when), esc(t.citation()),
                  extra.isEmpty()
                      ? QString()
                      : QStringLiteral("<br/>%1").arg(esc(extra.join(QStringLiteral("；")))));
  }
  h += QStringLiteral("</ol>");
  if (!e.immediate_tier().empty() && e.immediate_at() != v1::SEVERITY_UNSPECIFIED) {
    h += QStringLiteral("<p>%1</p>")
             .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "级别达到“%1”及以上时直接上报：%2"))
                          .arg(client::severityName(e.immediate_at()),
                               client::tierName(qs(e.immediate_tier())))));
  }
  QStringList unresolved;
  if (e.unresolved_remind_seconds() > 0) {
    unresolved << T(QT_TRANSLATE_NOOP("PlaybookHtml", "确认后 %1 分钟仍未处置完毕则提醒"))
                      .arg(e.unresolved_remind_seconds() / 60);
  }
  if (e.unresolved_escalate_seconds() > 0) {
    unresolved << T(QT_TRANSLATE_NOOP("PlaybookHtml", "%1 分钟仍未处置完毕则上报下一级"))
                      .arg(e.unresolved_escalate_seconds() / 60);
  }
  if (!unresolved.isEmpty())
    h += QStringLiteral("<p>%1</p>").arg(esc(unresolved.join(QStringLiteral("；"))));
  if (!e.citation().empty()) {
    QString cite = T(QT_TRANSLATE_NOOP("PlaybookHtml", "依据：%1")).arg(qs(e.citation()));
    if (e.product_default()) cite += T(QT_TRANSLATE_NOOP("PlaybookHtml", "（产品默认）"));
    h += QStringLiteral("<p style='color:#607d8b'>%1</p>").arg(esc(cite));
  }
  return h;
}

QString closeOutHtml(const v1::CloseOut& c, const v1::Playbook& playbook, bool english) {
  QStringList facts;
  if (c.summary_required()) facts << T(QT_TRANSLATE_NOOP("PlaybookHtml", "须书面总结"));
  if (!c.report_to().empty()) {
    QStringList to;
    for (const auto& r : c.report_to()) to << client::tierName(qs(r));
    facts
        << T(QT_TRANSLATE_NOOP("PlaybookHtml", "总结报送：%1")).arg(to.join(QStringLiteral("、")));
  }
  if (c.public_statement_needs_approval())
    facts << T(QT_TRANSLATE_NOOP("PlaybookHtml", "对外发布信息须经批准"));
  if (!c.citation().empty())
    facts << T(QT_TRANSLATE_NOOP("PlaybookHtml", "依据：%1")).arg(qs(c.citation()));
  QString h;
  if (!facts.isEmpty()) h += QStringLiteral("<p>%1</p>").arg(esc(facts.join(QStringLiteral("；"))));
  if (!c.steps().empty()) h += stepsTable(c.steps(), playbook, english);
  if (h.isEmpty())
    h = QStringLiteral("<p>%1</p>")
            .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "本预案未规定善后要求。"))));
  return h;
}

QString h3(const char* title) { return QStringLiteral("<h3>%1</h3>").arg(esc(T(title))); }
}  // namespace

QString deadlineText(const v1::Step& step, const v1::Playbook& playbook, bool english) {
  if (!step.has_deadline() || step.deadline().minutes() <= 0) return {};
  const int minutes = step.deadline().minutes();
  if (step.deadline().after_step().empty())
    return T(QT_TRANSLATE_NOOP("PlaybookHtml", "%1 分钟内")).arg(minutes);
  QString after = qs(step.deadline().after_step());
  for (const auto& s : playbook.steps()) {
    if (s.id() == step.deadline().after_step()) after = pick(s.text_zh(), s.text_en(), english);
  }
  return T(QT_TRANSLATE_NOOP("PlaybookHtml", "“%1”完成后 %2 分钟内")).arg(after).arg(minutes);
}

QString planHtml(const v1::Plan& plan, const QString& setVersion, bool english,
                 const CategoryTitle& categoryTitle) {
  QString h = QStringLiteral("<h2>%1</h2>")
                  .arg(esc(english && !plan.name_en().empty() ? plan.name_en() : plan.name()));
  if (english && !plan.name_en().empty()) h += QStringLiteral("<p>%1</p>").arg(esc(plan.name()));
  auto row = [](const char* k, const QString& v) {
    return QStringLiteral(
               "<tr><td style='color:#607d8b;padding-right:16px'>%1</td><td>%2</td></tr>")
        .arg(esc(T(k)), v.isEmpty() ? QStringLiteral("—") : esc(v));
  };
  h += QStringLiteral("<table cellpadding='2'>");
  h += row(QT_TRANSLATE_NOOP("PlaybookHtml", "简称"), qs(plan.short_name()));
  h += row(QT_TRANSLATE_NOOP("PlaybookHtml", "发布机关"), qs(plan.issuing_body()));
  h += row(QT_TRANSLATE_NOOP("PlaybookHtml", "文号"), qs(plan.document_number()));
  h += row(QT_TRANSLATE_NOOP("PlaybookHtml", "发布日期"), qs(plan.issued_on()));
  h += row(QT_TRANSLATE_NOOP("PlaybookHtml", "预案集版本"), setVersion.left(12));
  QStringList covered;
  for (const auto& p : plan.playbooks()) covered << categoryTitle(qs(p.category()));
  h += row(QT_TRANSLATE_NOOP("PlaybookHtml", "单列处置措施的事件"),
           covered.isEmpty() ? T(QT_TRANSLATE_NOOP("PlaybookHtml", "无（本预案只规定应急准备）"))
                             : covered.join(QStringLiteral("、")));
  h += QStringLiteral("</table>");

  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "默认逐级上报"));
  h += escalationHtml(plan.default_escalation());
  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "默认善后"));
  h += closeOutHtml(plan.default_close_out(), v1::Playbook(), english);

  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "应急准备清单"));
  if (plan.readiness().empty()) {
    h += QStringLiteral("<p>%1</p>")
             .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "本预案未列应急准备清单。"))));
  }
  for (const auto& list : plan.readiness()) {
    h += QStringLiteral("<h4>%1 <span style='color:#607d8b;font-weight:normal'>（%2）</span></h4>")
             .arg(esc(pick(list.title_zh(), list.title_en(), english)), esc(list.citation()));
    h += QString::fromLatin1(kTable);
    h += header({T(QT_TRANSLATE_NOOP("PlaybookHtml", "项目")),
                 T(QT_TRANSLATE_NOOP("PlaybookHtml", "数量")),
                 T(QT_TRANSLATE_NOOP("PlaybookHtml", "依据"))});
    for (const auto& item : list.items()) {
      h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
               .arg(esc(pick(item.text_zh(), item.text_en(), english)), esc(item.quantity()),
                    esc(item.citation()));
    }
    h += QStringLiteral("</table>");
  }
  return h;
}

QString playbookHtml(const v1::GetPlaybookResponse& r, const v1::Plan* plan, bool english,
                     const CategoryTitle& categoryTitle) {
  const v1::Playbook& pb = r.playbook();
  QString h = QStringLiteral("<h2>%1</h2>").arg(esc(pick(pb.title_zh(), pb.title_en(), english)));
  QStringList facts;
  if (plan) facts << T(QT_TRANSLATE_NOOP("PlaybookHtml", "预案：%1")).arg(qs(plan->short_name()));
  facts
      << T(QT_TRANSLATE_NOOP("PlaybookHtml", "事件类别：%1")).arg(categoryTitle(qs(pb.category())));
  facts << T(QT_TRANSLATE_NOOP("PlaybookHtml", "默认级别：%1"))
               .arg(client::severityName(pb.default_severity()));
  if (!pb.citation().empty())
    facts << T(QT_TRANSLATE_NOOP("PlaybookHtml", "依据：%1")).arg(qs(pb.citation()));
  h +=
      QStringLiteral("<p style='color:#455a64'>%1</p>").arg(esc(facts.join(QStringLiteral(" · "))));
  if (pb.product_default()) {
    h += QStringLiteral(
             "<table width='100%' cellpadding='8'><tr><td style='background:#f3e5f5;color:#6a1b9a'>"
             "<b>%1</b></td></tr></table>")
             .arg(esc(T(QT_TRANSLATE_NOOP(
                 "PlaybookHtml",
                 "产品默认：本预案未规定此类事件的处置，按相近预案补充（见依据）。"))));
  }
  if (r.falls_back()) {
    h += QStringLiteral(
             "<table width='100%' cellpadding='8'><tr><td style='background:#fff3e0;color:#e65100'>"
             "<b>%1</b></td></tr></table>")
             .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml",
                                          "本预案未单列此类事件，适用一键报警通用处置。"))));
  }
  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "处置步骤"));
  h += stepsTable(pb.steps(), pb, english);

  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "分级"));
  if (pb.grading().empty()) {
    h += QStringLiteral("<p>%1</p>")
             .arg(esc(T(QT_TRANSLATE_NOOP("PlaybookHtml", "本预案未对此类事件分级。"))));
  } else {
    h += QString::fromLatin1(kTable);
    h += header(
        {T(QT_TRANSLATE_NOOP("PlaybookHtml", "分级")), T(QT_TRANSLATE_NOOP("PlaybookHtml", "条件")),
         T(QT_TRANSLATE_NOOP("PlaybookHtml", "级别")), T(QT_TRANSLATE_NOOP("PlaybookHtml", "说明")),
         T(QT_TRANSLATE_NOOP("PlaybookHtml", "依据"))});
    for (const auto& g : pb.grading()) {
      h += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
               .arg(esc(g.grade()), rangeText(g), esc(client::severityName(g.severity())),
                    esc(pick(g.text_zh(), g.text_en(), english)), esc(g.citation()));
    }
    h += QStringLiteral("</table>");
  }
  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "逐级上报"));
  h += escalationHtml(r.escalation());
  h += h3(QT_TRANSLATE_NOOP("PlaybookHtml", "善后"));
  h += closeOutHtml(r.close_out(), pb, english);
  return h;
}

}  // namespace hall::desk
