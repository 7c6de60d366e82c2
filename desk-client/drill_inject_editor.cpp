#include "drill_inject_editor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

#include "desk_session.h"
#include "drill_report.h"
#include "hall_client.h"
#include "labels.h"

namespace hall::desk {

namespace v1 = hall::v1;
using client::qs;
using client::RpcResult;
using client::ss;

namespace {

enum Column { kAt, kKind, kWhat, kWhere, kText, kColumns };

// The grading metrics a metric inject may change (playbook_set's list).
const char* const kMetrics[] = {"outage_minutes", "petitioner_count", "injured_count"};

const v1::DrillInject::Kind kKinds[] = {
    v1::DrillInject::KIND_PRESS, v1::DrillInject::KIND_KIOSK_SILENT, v1::DrillInject::KIND_METRIC,
    v1::DrillInject::KIND_MESSAGE};

}  // namespace

DrillInjectEditor::DrillInjectEditor(DeskSession* session, const QString& hallId,
                                     const v1::DrillScenario& base, bool english, QWidget* parent)
    : QDialog(parent), m_session(session), m_hallId(hallId), m_base(base), m_english(english) {
  setObjectName(QStringLiteral("drillInjectEditor"));
  setWindowTitle(tr("编排注入"));
  m_injects.assign(base.injects().begin(), base.injects().end());
  buildUi();
  rebuildTable();
}

void DrillInjectEditor::buildUi() {
  m_name = new QLineEdit(this);
  m_name->setObjectName(QStringLiteral("injectEditorName"));
  const QString prefix = tr("手工编排：");
  const QString baseName = qs(m_base.name_zh());
  m_name->setText(baseName.startsWith(prefix) ? baseName : prefix + baseName);
  m_name->setMaxLength(100);
  connect(m_name, &QLineEdit::textEdited, this, [this] { edited(); });
  m_minutes = new QSpinBox(this);
  m_minutes->setObjectName(QStringLiteral("injectEditorMinutes"));
  m_minutes->setRange(1, 240);
  m_minutes->setSuffix(tr(" 分钟"));
  m_minutes->setValue(std::max(1, (m_base.duration_seconds() + 59) / 60));
  connect(m_minutes, &QSpinBox::valueChanged, this, [this] { rebuildTable(); });
  auto* form = new QFormLayout;
  form->addRow(tr("名称"), m_name);
  form->addRow(tr("时长"), m_minutes);
  auto* basedOn = new QLabel(
      tr("基于「%1」· 依据 %2").arg(client::scenarioName(m_base, m_english), qs(m_base.citation())),
      this);
  basedOn->setStyleSheet(QStringLiteral("color:#607d8b"));
  form->addRow(QString(), basedOn);

  m_table = new QTableWidget(0, kColumns, this);
  m_table->setObjectName(QStringLiteral("injectEditorTable"));
  m_table->setHorizontalHeaderLabels(
      {tr("时间（秒）"), tr("类型"), tr("类别 / 指标"), tr("地点 / 对应报警"), tr("内容 / 数值")});
  m_table->verticalHeader()->hide();
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->horizontalHeader()->setSectionResizeMode(kText, QHeaderView::Stretch);
  m_table->setColumnWidth(kAt, 90);
  m_table->setColumnWidth(kKind, 100);
  m_table->setColumnWidth(kWhat, 150);
  m_table->setColumnWidth(kWhere, 150);

  m_add = new QPushButton(tr("添加注入"), this);
  m_add->setObjectName(QStringLiteral("injectEditorAdd"));
  m_remove = new QPushButton(tr("删除所选"), this);
  m_remove->setObjectName(QStringLiteral("injectEditorRemove"));
  m_check = new QPushButton(tr("检查"), this);
  m_check->setObjectName(QStringLiteral("injectEditorCheck"));
  connect(m_add, &QPushButton::clicked, this, [this] {
    addInject(defaultInject(v1::DrillInject::KIND_PRESS,
                            m_injects.empty() ? 0 : m_injects.back().at_seconds()));
  });
  connect(m_remove, &QPushButton::clicked, this, [this] {
    const int row = m_table->currentRow();
    if (row >= 0) removeInject(row);
  });
  connect(m_check, &QPushButton::clicked, this, &DrillInjectEditor::check);
  auto* rowButtons = new QHBoxLayout;
  rowButtons->addWidget(m_add);
  rowButtons->addWidget(m_remove);
  rowButtons->addStretch(1);
  rowButtons->addWidget(m_check);

  m_result = new QTextBrowser(this);
  m_result->setObjectName(QStringLiteral("injectEditorResult"));
  m_result->setMaximumHeight(170);

  auto* box = new QDialogButtonBox(this);
  m_use = box->addButton(tr("使用此编排"), QDialogButtonBox::AcceptRole);
  m_use->setObjectName(QStringLiteral("injectEditorUse"));
  box->addButton(QDialogButtonBox::Cancel)->setText(tr("取消"));
  connect(box, &QDialogButtonBox::accepted, this, [this] {
    if (m_clean) accept();
  });
  connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_table, 1);
  layout->addLayout(rowButtons);
  layout->addWidget(m_result);
  layout->addWidget(box);
  resize(920, 620);
  edited();
}

QStringList DrillInjectEditor::placeRoles() const {
  // A place's role is its id after "<hall>-" (how the server finds it).
  QStringList out;
  const QString prefix = m_hallId + QLatin1Char('-');
  for (const auto& loc : m_session->locations()) {
    if (qs(loc.hall_id()) != m_hallId) continue;
    const QString id = qs(loc.id());
    out << (id.startsWith(prefix) ? id.mid(prefix.size()) : id);
  }
  out.sort();
  return out;
}

QStringList DrillInjectEditor::pressIdsBefore(int row) const {
  QStringList out;
  for (int i = 0; i < row && i < injectCount(); ++i)
    if (m_injects[i].kind() == v1::DrillInject::KIND_PRESS) out << qs(m_injects[i].id());
  return out;
}

QString DrillInjectEditor::freshId() const {
  for (int n = 1;; ++n) {
    const std::string id = "inject_" + std::to_string(n);
    if (std::none_of(m_injects.begin(), m_injects.end(),
                     [&](const v1::DrillInject& in) { return in.id() == id; }))
      return qs(id);
  }
}

v1::DrillInject DrillInjectEditor::defaultInject(v1::DrillInject::Kind kind, int atSeconds) const {
  v1::DrillInject in;
  in.set_kind(kind);
  in.set_at_seconds(atSeconds);
  if (kind == v1::DrillInject::KIND_PRESS) in.set_category("fire");
  if (kind == v1::DrillInject::KIND_METRIC) in.set_metric(kMetrics[0]);
  if (kind == v1::DrillInject::KIND_PRESS || kind == v1::DrillInject::KIND_KIOSK_SILENT) {
    const QStringList places = placeRoles();
    if (!places.isEmpty()) in.set_place(ss(places.first()));
  }
  return in;
}

void DrillInjectEditor::addInject(const v1::DrillInject& inject) {
  v1::DrillInject in = inject;
  if (in.id().empty()) in.set_id(ss(freshId()));
  m_injects.push_back(std::move(in));
  rebuildTable();
  m_table->selectRow(injectCount() - 1);
}

void DrillInjectEditor::setInject(int row, const v1::DrillInject& inject) {
  if (row < 0 || row >= injectCount()) return;
  const std::string id = m_injects[row].id();
  m_injects[row] = inject;
  m_injects[row].set_id(id);
  rebuildTable();
}

void DrillInjectEditor::removeInject(int row) {
  if (row < 0 || row >= injectCount()) return;
  m_injects.erase(m_injects.begin() + row);
  rebuildTable();
}

void DrillInjectEditor::rebuildTable() {
  // Rows in time order (a stable sort keeps the order of equal times).
  std::stable_sort(m_injects.begin(), m_injects.end(),
                   [](const v1::DrillInject& a, const v1::DrillInject& b) {
                     return a.at_seconds() < b.at_seconds();
                   });
  const int keep = m_table->currentRow();
  m_table->setRowCount(injectCount());
  for (int row = 0; row < injectCount(); ++row) fillRow(row);
  if (keep >= 0 && keep < injectCount()) m_table->selectRow(keep);
  m_remove->setEnabled(injectCount() > 0);
  edited();
}

void DrillInjectEditor::rebuildLater() {
  // Not from inside the signal of a cell widget the rebuild replaces.
  QMetaObject::invokeMethod(
      this, [this] { rebuildTable(); }, Qt::QueuedConnection);
}

void DrillInjectEditor::fillRow(int row) {
  const v1::DrillInject& in = m_injects[row];
  const auto kind = in.kind();

  auto* at = new QSpinBox;
  at->setRange(0, m_minutes->value() * 60);
  at->setValue(in.at_seconds());
  at->setToolTip(tr("开始后 %1").arg(client::drillClockText(in.at_seconds())));
  connect(at, &QSpinBox::editingFinished, this, [this, row, at] {
    if (row >= injectCount() || m_injects[row].at_seconds() == at->value()) return;
    m_injects[row].set_at_seconds(at->value());
    rebuildLater();  // the rows move into time order
  });
  m_table->setCellWidget(row, kAt, at);

  auto* kindBox = new QComboBox;
  for (auto k : kKinds) kindBox->addItem(client::injectKindName(k), static_cast<int>(k));
  kindBox->setCurrentIndex(std::max(0, kindBox->findData(static_cast<int>(kind))));
  connect(kindBox, &QComboBox::activated, this, [this, row, kindBox] {
    v1::DrillInject next =
        defaultInject(static_cast<v1::DrillInject::Kind>(kindBox->currentData().toInt()),
                      m_injects[row].at_seconds());
    next.set_id(m_injects[row].id());
    m_injects[row] = next;
    rebuildLater();  // the row's cells change with its kind
  });
  m_table->setCellWidget(row, kKind, kindBox);

  // Column 2: the category of a press, the metric of a metric change.
  auto* what = new QComboBox;
  if (kind == v1::DrillInject::KIND_PRESS) {
    for (const auto& c : m_session->categories())
      what->addItem(m_session->categoryTitle(qs(c.id()), m_english), qs(c.id()));
    int i = what->findData(qs(in.category()));
    if (i < 0) {
      what->addItem(qs(in.category()), qs(in.category()));
      i = what->count() - 1;
    }
    what->setCurrentIndex(i);
    connect(what, &QComboBox::activated, this, [this, row, what] {
      m_injects[row].set_category(ss(what->currentData().toString()));
      edited();
    });
  } else if (kind == v1::DrillInject::KIND_METRIC) {
    for (const char* m : kMetrics) what->addItem(client::metricName(QLatin1String(m)), m);
    what->setCurrentIndex(std::max(0, what->findData(qs(in.metric()))));
    connect(what, &QComboBox::activated, this, [this, row, what] {
      m_injects[row].set_metric(ss(what->currentData().toString()));
      edited();
    });
  } else {
    what->setEnabled(false);
  }
  m_table->setCellWidget(row, kWhat, what);

  // Column 3: the place of a press or a silent kiosk (a role of the hall,
  // or typed), the earlier press whose incident a metric changes.
  auto* where = new QComboBox;
  if (kind == v1::DrillInject::KIND_PRESS || kind == v1::DrillInject::KIND_KIOSK_SILENT) {
    where->setEditable(true);
    where->addItems(placeRoles());
    where->setCurrentText(qs(in.place()));
    connect(where, &QComboBox::currentTextChanged, this, [this, row](const QString& t) {
      m_injects[row].set_place(ss(t.trimmed()));
      edited();
    });
  } else if (kind == v1::DrillInject::KIND_METRIC) {
    where->addItems(pressIdsBefore(row));
    where->setCurrentText(qs(in.incident()));
    if (in.incident().empty() && where->count() > 0)
      m_injects[row].set_incident(ss(where->currentText()));
    connect(where, &QComboBox::activated, this, [this, row, where] {
      m_injects[row].set_incident(ss(where->currentText()));
      edited();
    });
  } else {
    where->setEnabled(false);
  }
  m_table->setCellWidget(row, kWhere, where);

  // Column 4: what the reporter says, the message's text, the new value.
  auto* text = new QLineEdit;
  if (kind == v1::DrillInject::KIND_METRIC) {
    text->setText(QString::number(in.value()));
    text->setValidator(new QIntValidator(0, 1000000, text));
    connect(text, &QLineEdit::textEdited, this, [this, row](const QString& t) {
      m_injects[row].set_value(t.trimmed().toLongLong());
      edited();
    });
  } else if (kind == v1::DrillInject::KIND_MESSAGE || kind == v1::DrillInject::KIND_PRESS) {
    text->setMaxLength(500);
    text->setText(qs(kind == v1::DrillInject::KIND_MESSAGE ? in.message() : in.summary()));
    text->setPlaceholderText(kind == v1::DrillInject::KIND_MESSAGE ? tr("发给全体参演人员的消息")
                                                                   : tr("报告人所述（演练）"));
    connect(text, &QLineEdit::textEdited, this, [this, row, kind](const QString& t) {
      if (kind == v1::DrillInject::KIND_MESSAGE)
        m_injects[row].set_message(ss(t));
      else
        m_injects[row].set_summary(ss(t));
      edited();
    });
  } else {
    text->setEnabled(false);
  }
  m_table->setCellWidget(row, kText, text);
}

v1::DrillScenario DrillInjectEditor::scenario() const {
  v1::DrillScenario s = m_base;
  const std::string baseId = m_base.id();
  std::string id = baseId.rfind("hand_", 0) == 0 ? baseId : "hand_" + baseId;
  s.set_id(id.substr(0, 64));
  // Its runs count toward the file scenario's cadence.
  s.set_based_on(m_base.based_on().empty() ? baseId : m_base.based_on());
  s.set_name_zh(ss(m_name->text().trimmed()));
  const std::string en = "Hand-built: ";
  if (m_base.name_en().rfind(en, 0) != 0) s.set_name_en(en + m_base.name_en());
  s.set_duration_seconds(m_minutes->value() * 60);
  s.clear_hall_ids();
  s.clear_injects();
  for (const auto& in : m_injects) *s.add_injects() = in;
  // The author's responses whose press is still there.
  s.clear_expectations();
  for (const auto& e : m_base.expectations()) {
    for (const auto& in : m_injects) {
      if (in.id() == e.incident() && in.kind() == v1::DrillInject::KIND_PRESS) {
        *s.add_expectations() = e;
        break;
      }
    }
  }
  return s;
}

void DrillInjectEditor::edited() {
  ++m_generation;
  m_clean = false;
  m_use->setEnabled(false);
  m_result->setHtml(
      tr("<p style='color:#607d8b'>修改后请点击「检查」：服务器按开始演练时的规则"
         "检查这份编排，并列出应有响应。</p>"));
}

void DrillInjectEditor::check() {
  const int generation = m_generation;
  m_check->setEnabled(false);
  m_result->setHtml(tr("<p>正在检查……</p>"));
  m_session->checkDrillScenario(
      m_hallId, scenario(), this,
      [this, generation](const RpcResult& r, const v1::ScenarioForHall& checked) {
        m_check->setEnabled(true);
        if (generation != m_generation) return;  // edited meanwhile: check again
        if (!r.ok()) {
          m_result->setHtml(QStringLiteral("<p style='color:#b71c1c'><b>%1</b><br>%2</p>")
                                .arg(tr("不能使用："), r.text().toHtmlEscaped()));
          emit checkFinished();
          return;
        }
        m_checked = checked;
        m_clean = true;
        m_use->setEnabled(true);
        QString h = QStringLiteral("<p style='color:#2e7d32'><b>%1</b></p><ol>")
                        .arg(tr("检查通过：%1 项注入，%2 项应有响应")
                                 .arg(checked.scenario().injects_size())
                                 .arg(checked.expected_size()));
        for (const auto& e : checked.expected())
          h +=
              QStringLiteral("<li><b>%1</b> · %2 <span style='color:#607d8b'>· %3 · %4</span></li>")
                  .arg(qs(e.incident()).toHtmlEscaped(),
                       client::expectationText(e, m_english).toHtmlEscaped(),
                       client::ageText(e.within_seconds()), qs(e.citation()).toHtmlEscaped());
        m_result->setHtml(h + QStringLiteral("</ol>"));
        emit checkFinished();
      });
}

QString DrillInjectEditor::resultText() const { return m_result->toPlainText(); }

}  // namespace hall::desk
