#include "close_out_panel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "desk_session.h"
#include "hall_client.h"
#include "incident_report.h"
#include "labels.h"

namespace hall::desk {

namespace v1 = hall::v1;
using client::qs;
using client::ss;

namespace {

const v1::Incident* Selected(DeskSession* s) {
  return s->selected().isEmpty() ? nullptr : s->board()->incident(s->selected());
}

QString StatementStateName(v1::StatementState st) {
  switch (st) {
    case v1::STATEMENT_STATE_PENDING:
      return CloseOutPanel::tr("待审批");
    case v1::STATEMENT_STATE_APPROVED:
      return CloseOutPanel::tr("已批准");
    case v1::STATEMENT_STATE_REFUSED:
      return CloseOutPanel::tr("已退回");
    default:
      return {};
  }
}

// A modal form; true when the person pressed OK.
bool RunForm(QWidget* parent, const QString& title, QFormLayout* form) {
  QDialog dialog(parent);
  dialog.setWindowTitle(title);
  auto* v = new QVBoxLayout(&dialog);
  v->addLayout(form);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  v->addWidget(buttons);
  dialog.resize(560, dialog.sizeHint().height());
  return dialog.exec() == QDialog::Accepted;
}

}  // namespace

CloseOutPanel::CloseOutPanel(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  setObjectName(QStringLiteral("closeOutPanel"));
  m_requirements = new QLabel(this);
  m_requirements->setObjectName(QStringLiteral("closeOutRequirements"));
  m_requirements->setWordWrap(true);
  m_requirements->setTextFormat(Qt::RichText);
  m_statementsTitle = new QLabel(this);
  m_statements = new QListWidget(this);
  m_statements->setObjectName(QStringLiteral("statements"));
  m_statements->setWordWrap(true);
  m_draft = new QPushButton(this);
  m_approve = new QPushButton(this);
  m_refuse = new QPushButton(this);
  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("afterActionSummary"));
  m_summary->setWordWrap(true);
  m_writeSummary = new QPushButton(this);
  m_file = new QPushButton(this);
  m_handOver = new QPushButton(this);
  m_followUpsTitle = new QLabel(this);
  m_followUps = new QListWidget(this);
  m_followUps->setObjectName(QStringLiteral("followUps"));
  m_addFollowUp = new QPushButton(this);
  m_followUpDone = new QPushButton(this);
  m_export = new QPushButton(this);
  m_export->setObjectName(QStringLiteral("exportReport"));
  m_exportResult = new QLabel(this);
  m_exportResult->setObjectName(QStringLiteral("exportResult"));
  m_exportResult->setWordWrap(true);

  auto* v = new QVBoxLayout(this);
  v->addWidget(m_requirements);
  v->addWidget(m_statementsTitle);
  v->addWidget(m_statements, 1);
  auto* sb = new QHBoxLayout;
  sb->addWidget(m_draft);
  sb->addWidget(m_approve);
  sb->addWidget(m_refuse);
  sb->addStretch(1);
  v->addLayout(sb);
  v->addWidget(m_summary);
  auto* db = new QHBoxLayout;
  db->addWidget(m_writeSummary);
  db->addWidget(m_file);
  db->addWidget(m_handOver);
  db->addStretch(1);
  v->addLayout(db);
  v->addWidget(m_followUpsTitle);
  v->addWidget(m_followUps, 1);
  auto* fb = new QHBoxLayout;
  fb->addWidget(m_addFollowUp);
  fb->addWidget(m_followUpDone);
  fb->addStretch(1);
  fb->addWidget(m_exportResult, 2);
  fb->addWidget(m_export);
  v->addLayout(fb);

  connect(m_draft, &QPushButton::clicked, this, &CloseOutPanel::draft);
  connect(m_approve, &QPushButton::clicked, this, [this] { decide(true); });
  connect(m_refuse, &QPushButton::clicked, this, [this] { decide(false); });
  connect(m_writeSummary, &QPushButton::clicked, this, &CloseOutPanel::writeSummary);
  connect(m_file, &QPushButton::clicked, this, &CloseOutPanel::file);
  connect(m_handOver, &QPushButton::clicked, this, &CloseOutPanel::handOver);
  connect(m_addFollowUp, &QPushButton::clicked, this, &CloseOutPanel::addFollowUp);
  connect(m_followUpDone, &QPushButton::clicked, this, &CloseOutPanel::markFollowUpDone);
  connect(m_export, &QPushButton::clicked, this, &CloseOutPanel::exportReport);
  connect(m_statements, &QListWidget::currentRowChanged, this, [this] { refresh(); });
  connect(session->board(), &client::IncidentBoardModel::incidentChanged, this,
          [this](const QString& id) {
            if (id == m_session->selected()) refresh();
          });
  connect(session, &DeskSession::selectedPlaybookChanged, this, &CloseOutPanel::refresh);
  connect(session, &DeskSession::permissionsChanged, this, &CloseOutPanel::refresh);
  retranslate();
}

void CloseOutPanel::refresh() {
  const v1::Incident* inc = Selected(m_session);
  const auto* pb = m_session->selectedPlaybook();
  const bool open = inc && inc->status() != v1::INCIDENT_STATUS_CLOSED &&
                    inc->status() != v1::INCIDENT_STATUS_WITHDRAWN;
  const bool may = open && m_session->may(QStringLiteral("close_out"));
  const bool mayDecide = open && m_session->may(QStringLiteral("approve_statement"));

  // What the plan still requires before closing.
  QStringList need, done;
  if (inc && pb && pb->close_out().summary_required()) {
    (inc->has_after_action() ? done : need) << tr("事后总结");
    for (const auto& body : pb->close_out().report_to()) {
      bool filed = false;
      for (const auto& f : inc->filings()) filed |= f.body() == body;
      (filed ? done : need) << tr("报送%1").arg(client::tierName(qs(body)));
    }
  }
  int pending = 0;
  if (inc) {
    for (const auto& st : inc->statements()) pending += st.state() == v1::STATEMENT_STATE_PENDING;
  }
  if (pending) need << tr("%1 条通报待审批").arg(pending);
  if (!inc) {
    m_requirements->setText(tr("请先选择一个事件"));
  } else if (need.isEmpty()) {
    m_requirements->setText(tr("<b>善后要求已满足</b>（另需完成处置清单中的必做善后步骤）%1")
                                .arg(done.isEmpty() ? QString() : "：" + done.join(tr("、"))));
  } else {
    m_requirements->setText(
        tr("<span style='color:#b71c1c'><b>关闭前尚需：</b>%1</span>%2")
            .arg(need.join(tr("、")),
                 done.isEmpty() ? QString() : tr("；已完成：%1").arg(done.join(tr("、")))) +
        (pb && !pb->close_out().citation().empty()
             ? QStringLiteral("（%1）").arg(qs(pb->close_out().citation()))
             : QString()));
  }

  const int keep = m_statements->currentRow();
  {
    QSignalBlocker block(m_statements);
    m_statements->clear();
    if (inc) {
      for (const auto& st : inc->statements()) {
        QString line =
            QStringLiteral("[%1] %2 — %3")
                .arg(StatementStateName(st.state()), qs(st.text()), qs(st.drafted_by_name()));
        if (!st.decided_by_name().empty())
          line += tr("；%1：%2").arg(qs(st.decided_by_name()), qs(st.reason()));
        auto* item = new QListWidgetItem(line, m_statements);
        item->setData(Qt::UserRole, qs(st.id()));
        item->setData(Qt::UserRole + 1, st.state() == v1::STATEMENT_STATE_PENDING);
      }
    }
    m_statements->setCurrentRow(std::min(keep, m_statements->count() - 1));
  }
  const auto* current = m_statements->currentItem();
  const bool pendingSelected = current && current->data(Qt::UserRole + 1).toBool();
  m_draft->setEnabled(may);
  m_approve->setVisible(m_session->may(QStringLiteral("approve_statement")));
  m_refuse->setVisible(m_approve->isVisible());
  m_approve->setEnabled(mayDecide && pendingSelected);
  m_refuse->setEnabled(mayDecide && pendingSelected);

  if (inc && inc->has_after_action()) {
    const auto& s = inc->after_action();
    m_summary->setText(
        tr("总结（%1）：原因：%2；经过：%3；改进：%4")
            .arg(qs(s.written_by_name()), qs(s.cause()), qs(s.course()), qs(s.improvements())));
  } else {
    m_summary->setText(tr("尚未填写事后总结"));
  }
  if (inc && inc->has_handover())
    m_summary->setText(m_summary->text() + "\n" +
                       tr("已转办：%1（反馈：%2）")
                           .arg(qs(inc->handover().department()), qs(inc->handover().feedback())));
  m_writeSummary->setEnabled(may);
  m_file->setEnabled(may && inc && inc->has_after_action());
  m_handOver->setEnabled(may);

  m_followUps->clear();
  if (inc) {
    for (const auto& f : inc->follow_ups()) {
      const QString due = QDateTime::fromSecsSinceEpoch(f.due_at().seconds())
                              .toString(QStringLiteral("yyyy-MM-dd"));
      auto* item =
          new QListWidgetItem(QStringLiteral("%1 %2 — %3，%4")
                                  .arg(f.done() ? QStringLiteral("✔") : QStringLiteral("○"),
                                       qs(f.text()), qs(f.owner()), due),
                              m_followUps);
      item->setData(Qt::UserRole, qs(f.id()));
    }
  }
  m_addFollowUp->setEnabled(may);
  m_followUpDone->setEnabled(may && m_followUps->count() > 0);
  m_export->setEnabled(inc != nullptr);
}

void CloseOutPanel::exportReport() {
  const QString id = m_session->selected();
  if (id.isEmpty()) return;
  QString filter;
  // Named by the id's random tail: ids are time-ordered, so incidents of
  // the same minute share their first digits.
  QString path = QFileDialog::getSaveFileName(
      this, tr("导出事件报告"), QStringLiteral("事件报告-%1.pdf").arg(id.right(12)),
      tr("PDF 报告 (*.pdf);;时间线 CSV (*.csv);;JSON 归档 (*.json)"), &filter);
  if (path.isEmpty()) return;
  m_exportResult->setText(tr("正在导出……"));
  v1::GetIncidentRequest req;
  req.set_incident_id(ss(id));
  auto* c = m_session->client();
  c->call(
      c->incidents()->async(), &v1::IncidentService::Stub::async::GetIncident, req, this,
      std::function<void(const client::RpcResult&, const v1::GetIncidentResponse&)>(
          [this, path](const client::RpcResult& r, const v1::GetIncidentResponse& resp) {
            if (!r.ok()) return m_exportResult->setText(r.text());
            const v1::Incident& inc = resp.incident();
            const QString hall = qs(inc.hall_id());
            QString error;
            bool ok = false;
            if (path.endsWith(QLatin1String(".csv")) || path.endsWith(QLatin1String(".json"))) {
              QFile f(path);
              ok = f.open(QIODevice::WriteOnly) &&
                   f.write(path.endsWith(QLatin1String(".csv")) ? client::incidentTimelineCsv(resp)
                                                                : client::incidentJson(resp)) > 0;
              if (!ok) error = f.errorString();
            } else {
              const auto* plan = m_session->plan(hall);
              client::ReportNames names{m_session->hallName(hall),
                                        plan ? qs(plan->name()) : QString(),
                                        m_session->board()->locationName(qs(inc.location_id()))};
              ok = client::writeReportPdf(
                  client::incidentReportHtml(resp, names, QDateTime::currentMSecsSinceEpoch()),
                  path, &error);
            }
            m_exportResult->setText(ok ? tr("已导出：%1").arg(path)
                                       : tr("导出失败：%1").arg(error));
          }));
}

void CloseOutPanel::draft() {
  auto* form = new QFormLayout;
  auto* text = new QPlainTextEdit;
  auto* audience = new QLineEdit;
  audience->setPlaceholderText(tr("媒体、公众、当事群众……"));
  form->addRow(tr("通报内容"), text);
  form->addRow(tr("对象"), audience);
  if (!RunForm(this, tr("起草对外通报（舆情）"), form)) return;
  m_session->draftStatement(m_session->selected(), text->toPlainText(), audience->text());
}

void CloseOutPanel::decide(bool approve) {
  const auto* item = m_statements->currentItem();
  if (!item) return;
  QString reason;
  if (!approve) {
    bool ok = false;
    reason = QInputDialog::getText(this, tr("退回通报"), tr("退回理由（必填）"), QLineEdit::Normal,
                                   QString(), &ok);
    if (!ok) return;
  }
  m_session->decideStatement(m_session->selected(), item->data(Qt::UserRole).toString(), approve,
                             reason);
}

void CloseOutPanel::writeSummary() {
  const v1::Incident* inc = Selected(m_session);
  v1::AfterActionSummary s = inc ? inc->after_action() : v1::AfterActionSummary();
  auto* form = new QFormLayout;
  auto field = [form](const QString& label, const std::string& value) {
    auto* e = new QPlainTextEdit(qs(value));
    e->setFixedHeight(56);
    form->addRow(label, e);
    return e;
  };
  auto* cause = field(tr("事件原因"), s.cause());
  auto* course = field(tr("处置经过"), s.course());
  auto* losses = field(tr("损失及伤亡"), s.losses());
  auto* well = field(tr("做得好的"), s.went_well());
  auto* badly = field(tr("不足之处"), s.went_badly());
  auto* improve = field(tr("改进措施"), s.improvements());
  if (!RunForm(this, tr("事后总结"), form)) return;
  v1::AfterActionSummary out;
  out.set_cause(ss(cause->toPlainText().trimmed()));
  out.set_course(ss(course->toPlainText().trimmed()));
  out.set_losses(ss(losses->toPlainText().trimmed()));
  out.set_went_well(ss(well->toPlainText().trimmed()));
  out.set_went_badly(ss(badly->toPlainText().trimmed()));
  out.set_improvements(ss(improve->toPlainText().trimmed()));
  m_session->recordSummary(m_session->selected(), out);
}

void CloseOutPanel::file() {
  auto* form = new QFormLayout;
  auto* body = new QComboBox;
  body->setEditable(true);
  if (const auto* pb = m_session->selectedPlaybook()) {
    for (const auto& b : pb->close_out().report_to()) body->addItem(client::tierName(qs(b)), qs(b));
  }
  auto* method = new QComboBox;
  method->addItem(tr("电话"), int(v1::CONTACT_METHOD_PHONE));
  method->addItem(tr("当面"), int(v1::CONTACT_METHOD_IN_PERSON));
  method->addItem(tr("书面/信息"), int(v1::CONTACT_METHOD_MESSAGE));
  auto* reference = new QLineEdit;
  form->addRow(tr("报送单位"), body);
  form->addRow(tr("方式"), method);
  form->addRow(tr("回执编号"), reference);
  if (!RunForm(this, tr("记录总结报送（备案）"), form)) return;
  QString id = body->currentData().toString();
  if (id.isEmpty() || body->currentText() != body->itemText(body->currentIndex()))
    id = body->currentText();
  m_session->recordFiling(m_session->selected(), id,
                          static_cast<v1::ContactMethod>(method->currentData().toInt()),
                          reference->text());
}

void CloseOutPanel::handOver() {
  auto* form = new QFormLayout;
  auto* department = new QLineEdit;
  auto* note = new QPlainTextEdit;
  note->setFixedHeight(56);
  auto* feedback = new QPlainTextEdit;
  feedback->setFixedHeight(56);
  form->addRow(tr("承办部门"), department);
  form->addRow(tr("转办说明"), note);
  form->addRow(tr("向当事人的反馈"), feedback);
  if (!RunForm(this, tr("转办"), form)) return;
  m_session->handOver(m_session->selected(), department->text(), note->toPlainText(),
                      feedback->toPlainText());
}

void CloseOutPanel::addFollowUp() {
  auto* form = new QFormLayout;
  auto* text = new QLineEdit;
  auto* owner = new QLineEdit;
  auto* due = new QDateEdit(QDate::currentDate().addDays(14));
  due->setCalendarPopup(true);
  form->addRow(tr("改进事项"), text);
  form->addRow(tr("责任人"), owner);
  form->addRow(tr("期限"), due);
  if (!RunForm(this, tr("添加改进事项"), form)) return;
  m_session->upsertFollowUp(m_session->selected(), QString(), text->text(), owner->text(),
                            QDateTime(due->date(), QTime(18, 0)).toMSecsSinceEpoch(), false);
}

void CloseOutPanel::markFollowUpDone() {
  const auto* item = m_followUps->currentItem();
  if (!item) return;
  m_session->upsertFollowUp(m_session->selected(), item->data(Qt::UserRole).toString(), QString(),
                            QString(), 0, true);
}

void CloseOutPanel::retranslate() {
  m_statementsTitle->setText(tr("对外通报（舆情，须领导小组或数据管理局批准）"));
  m_draft->setText(tr("起草通报"));
  m_approve->setText(tr("批准"));
  m_refuse->setText(tr("退回"));
  m_writeSummary->setText(tr("填写总结"));
  m_file->setText(tr("记录报送"));
  m_handOver->setText(tr("转办"));
  m_followUpsTitle->setText(tr("改进事项"));
  m_addFollowUp->setText(tr("添加改进事项"));
  m_followUpDone->setText(tr("标记完成"));
  m_export->setText(tr("导出报告…"));
  refresh();
}

void CloseOutPanel::changeEvent(QEvent* e) {
  if (e->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(e);
}

}  // namespace hall::desk
