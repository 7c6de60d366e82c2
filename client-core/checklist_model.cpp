#include "checklist_model.h"

#include <QBrush>
#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include "hall_client.h"
#include "labels.h"

namespace hall::client {

namespace v1 = hall::v1;

namespace {
QString T(const char* s) { return QCoreApplication::translate("ChecklistModel", s); }

const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGreen(0x2e, 0x7d, 0x32);
const QColor kGrey(0x75, 0x75, 0x75);
const QColor kOverdueBack(0xff, 0xeb, 0xee);
const QColor kCloseOutBack(0xed, 0xf1, 0xf7);

enum class IconKind { Pending, Done, Skipped, Overdue };

// A small state icon drawn once (no icon theme or glyph font needed).
QIcon stateIcon(IconKind kind) {
  static QHash<int, QIcon> cache;
  auto it = cache.constFind(int(kind));
  if (it != cache.constEnd()) return it.value();
  QPixmap pm(32, 32);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  QPen pen(Qt::white, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
  switch (kind) {
    case IconKind::Pending:
      p.setPen(QPen(QColor(0x54, 0x6e, 0x7a), 3));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(QRectF(4, 4, 24, 24));
      break;
    case IconKind::Done:
      p.setPen(Qt::NoPen);
      p.setBrush(kGreen);
      p.drawEllipse(QRectF(2, 2, 28, 28));
      p.setPen(pen);
      p.drawPolyline(QPolygonF({QPointF(9, 16.5), QPointF(14, 21.5), QPointF(23, 11)}));
      break;
    case IconKind::Skipped:
      p.setPen(Qt::NoPen);
      p.setBrush(kGrey);
      p.drawEllipse(QRectF(2, 2, 28, 28));
      p.setPen(pen);
      p.drawLine(QPointF(9, 16), QPointF(23, 16));
      break;
    case IconKind::Overdue:
      p.setPen(Qt::NoPen);
      p.setBrush(kRed);
      p.drawEllipse(QRectF(2, 2, 28, 28));
      p.setPen(pen);
      p.drawLine(QPointF(16, 8), QPointF(16, 18));
      p.drawPoint(QPointF(16, 24));
      break;
  }
  p.end();
  QIcon icon(pm);
  cache.insert(int(kind), icon);
  return icon;
}

QString timeText(const QDateTime& t, qint64 nowMs) {
  if (!t.isValid()) return {};
  const bool today = t.date() == QDateTime::fromMSecsSinceEpoch(nowMs).date();
  return t.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("MM-dd HH:mm"));
}
}  // namespace

bool isStepOverdue(const v1::ChecklistItem& item, qint64 nowMs) {
  if (item.state() != v1::STEP_STATE_PENDING || item.not_applicable()) return false;
  return item.overdue() || (item.has_due_at() && toMsecs(item.due_at()) < nowMs);
}

ChecklistProgress checklistProgress(const v1::Incident& incident, qint64 nowMs) {
  ChecklistProgress p;
  p.total = incident.checklist_size();
  for (const auto& it : incident.checklist()) {
    if (it.state() == v1::STEP_STATE_DONE || it.state() == v1::STEP_STATE_SKIPPED) ++p.handled;
    if (isStepOverdue(it, nowMs)) ++p.overdue;
  }
  return p;
}

ChecklistModel::ChecklistModel(QObject* parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  m_timer.setInterval(1000);
  connect(&m_timer, &QTimer::timeout, this, &ChecklistModel::tick);
  m_timer.start();
}

int ChecklistModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_incident.checklist_size();
}

int ChecklistModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

const v1::ChecklistItem* ChecklistModel::item(int row) const {
  return row >= 0 && row < m_incident.checklist_size() ? &m_incident.checklist(row) : nullptr;
}

int ChecklistModel::rowOf(const QString& stepId) const {
  for (int i = 0; i < m_incident.checklist_size(); ++i) {
    if (qs(m_incident.checklist(i).step_id()) == stepId) return i;
  }
  return -1;
}

QString ChecklistModel::stepText(const QString& stepId) const {
  const auto* it = item(rowOf(stepId));
  if (!it) return stepId;
  const std::string& t = m_english && !it->text_en().empty() ? it->text_en() : it->text_zh();
  return t.empty() ? stepId : qs(t);
}

int ChecklistModel::handledCount() const { return checklistProgress(m_incident, now()).handled; }
int ChecklistModel::overdueCount() const { return checklistProgress(m_incident, now()).overdue; }

bool ChecklistModel::missingTexts() const {
  for (const auto& it : m_incident.checklist()) {
    if (it.text_zh().empty() && it.text_en().empty()) return true;
  }
  return false;
}

// data() derives everything from one item at one "now"; each kind of role
// has its own helper below.
ChecklistModel::Cell ChecklistModel::cellAt(int row) const {
  const v1::ChecklistItem& it = m_incident.checklist(row);
  const qint64 nowMs = now();
  return Cell{it, nowMs, isStepOverdue(it, nowMs), !it.text_zh().empty() || !it.text_en().empty()};
}

QVariant ChecklistModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const Cell c = cellAt(index.row());
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole:
      return displayText(c, column);
    case Qt::ToolTipRole:
      return toolTip(c.item);
    case Qt::DecorationRole:
      return column == StateColumn ? stateDecoration(c) : QVariant();
    case Qt::BackgroundRole:
      return background(c);
    case Qt::ForegroundRole:
      return foreground(c, column);
    case Qt::FontRole:
      return font(c, column);
    default:
      return roleData(c, role);
  }
}

QString ChecklistModel::stateName(const Cell& c) const {
  return c.overdue ? T(QT_TRANSLATE_NOOP("ChecklistModel", "已超时"))
                   : stepStateName(c.item.state());
}

QVariant ChecklistModel::displayText(const Cell& c, int column) const {
  const v1::ChecklistItem& it = c.item;
  switch (column) {
    case StateColumn:
      return stateName(c);
    case StepColumn:
      return stepColumnText(it);
    case ResponsibleColumn:
      return responsibleName(qs(it.responsible()));
    case PartyColumn:
      return partyText(it);
    case DeadlineColumn:
      return deadlineText(c);
    case DoneColumn:
      return doneText(c);
    case CitationColumn:
      return qs(it.citation());
  }
  return {};
}

QString ChecklistModel::stepColumnText(const v1::ChecklistItem& it) const {
  QString s = stepText(qs(it.step_id()));
  if (it.close_out()) s = T(QT_TRANSLATE_NOOP("ChecklistModel", "【善后】")) + s;
  if (it.added_by() == "escalation") s = T(QT_TRANSLATE_NOOP("ChecklistModel", "【上报链】")) + s;
  if (!it.mandatory()) s += T(QT_TRANSLATE_NOOP("ChecklistModel", "（视情）"));
  if (!it.when_grades().empty()) {
    QStringList grades;
    for (const auto& g : it.when_grades()) grades << qs(g);
    s += T(QT_TRANSLATE_NOOP("ChecklistModel", "（仅适用于 %1 级）"))
             .arg(grades.join(QStringLiteral("、")));
    if (it.not_applicable()) s += T(QT_TRANSLATE_NOOP("ChecklistModel", "（当前定级不适用）"));
  }
  if (it.product_default()) s += T(QT_TRANSLATE_NOOP("ChecklistModel", "【产品默认】"));
  if (!it.from_category().empty()) {
    s += T(QT_TRANSLATE_NOOP("ChecklistModel", "（原类别：%1）"))
             .arg(categoryName(qs(it.from_category())));
  }
  return s;
}

QString ChecklistModel::deadlineText(const Cell& c) const {
  const v1::ChecklistItem& it = c.item;
  const QDateTime due = toDateTime(it.due_at());
  if (due.isValid()) {
    const QString t = timeText(due, c.nowMs);
    if (it.state() != v1::STEP_STATE_PENDING) return t;
    const qint64 left = (toMsecs(it.due_at()) - c.nowMs) / 1000;
    if (c.overdue) {
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "%1（已超时 %2）"))
          .arg(t, ageText(std::max<qint64>(1, -left)));
    }
    return T(QT_TRANSLATE_NOOP("ChecklistModel", "%1（剩余 %2）")).arg(t, ageText(left));
  }
  if (!it.after_step().empty() && it.deadline_minutes() > 0) {
    return T(QT_TRANSLATE_NOOP("ChecklistModel", "“%1”完成后 %2 分钟内"))
        .arg(stepText(qs(it.after_step())))
        .arg(it.deadline_minutes());
  }
  return QStringLiteral("—");
}

QString ChecklistModel::partyText(const v1::ChecklistItem& it) const {
  if (it.contact_party().empty()) return {};
  QString s = partyName(qs(it.contact_party()));
  if (const v1::Contact* c = contactFor(qs(it.contact_party()))) {
    s += QStringLiteral("\n☎ ") + qs(c->phone());
    if (!c->name().empty()) s += QStringLiteral(" ") + qs(c->name());
  } else if (!m_contacts.isEmpty()) {
    s += T(QT_TRANSLATE_NOOP("ChecklistModel", "\n⚠ 未登记号码"));
  }
  return s;
}

QString ChecklistModel::contactText(const v1::ContactRecord& c, qint64 nowMs) {
  // 张三 10:32 电话 110 · 回执 A123 · note (· 演练·未实际拨打)
  QString s = QStringLiteral("%1 %2 %3 %4")
                  .arg(qs(c.by_name()), timeText(toDateTime(c.at()), nowMs),
                       contactMethodName(c.method()), qs(c.number()));
  if (!c.reference().empty())
    s += T(QT_TRANSLATE_NOOP("ChecklistModel", " · 回执 %1")).arg(qs(c.reference()));
  if (!c.note().empty()) s += QStringLiteral(" · ") + qs(c.note());
  if (c.simulated()) s += T(QT_TRANSLATE_NOOP("ChecklistModel", " · 演练·未实际拨打"));
  return s;
}

QString ChecklistModel::doneText(const Cell& c) const {
  const v1::ChecklistItem& it = c.item;
  if (it.state() == v1::STEP_STATE_PENDING) return {};
  if (it.state() == v1::STEP_STATE_DONE && it.has_contact())
    return contactText(it.contact(), c.nowMs);
  QString s = QStringLiteral("%1 %2").arg(qs(it.done_by_name()),
                                          timeText(toDateTime(it.done_at()), c.nowMs));
  if (!it.note().empty()) {
    s += it.state() == v1::STEP_STATE_SKIPPED
             ? T(QT_TRANSLATE_NOOP("ChecklistModel", " · 原因：%1")).arg(qs(it.note()))
             : QStringLiteral(" · ") + qs(it.note());
  }
  return s;
}

QString ChecklistModel::toolTip(const v1::ChecklistItem& it) {
  QStringList lines;
  if (!it.text_zh().empty()) lines << qs(it.text_zh());
  if (!it.text_en().empty()) lines << qs(it.text_en());
  lines << (it.mandatory() ? T(QT_TRANSLATE_NOOP("ChecklistModel", "必须执行"))
                           : T(QT_TRANSLATE_NOOP("ChecklistModel", "视情执行")));
  if (!it.citation().empty())
    lines << T(QT_TRANSLATE_NOOP("ChecklistModel", "依据：%1")).arg(qs(it.citation()));
  if (!it.contact_party().empty()) {
    lines << T(QT_TRANSLATE_NOOP("ChecklistModel", "须联系外部单位：%1（选中后按 L 记录联系）"))
                 .arg(partyName(qs(it.contact_party())));
  }
  if (it.overdue()) lines << T(QT_TRANSLATE_NOOP("ChecklistModel", "服务器已记录此步骤超时"));
  if (it.product_default()) {
    lines << T(QT_TRANSLATE_NOOP("ChecklistModel", "产品默认：预案未规定，按相近预案补充"));
  }
  if (!it.note().empty()) lines << qs(it.note());
  return lines.join(QLatin1Char('\n'));
}

QVariant ChecklistModel::stateDecoration(const Cell& c) {
  if (c.overdue) return stateIcon(IconKind::Overdue);
  if (c.item.state() == v1::STEP_STATE_DONE) return stateIcon(IconKind::Done);
  if (c.item.state() == v1::STEP_STATE_SKIPPED) return stateIcon(IconKind::Skipped);
  return stateIcon(IconKind::Pending);
}

QVariant ChecklistModel::background(const Cell& c) {
  if (c.overdue) return QBrush(kOverdueBack);
  if (c.item.close_out()) return QBrush(kCloseOutBack);
  return {};
}

QVariant ChecklistModel::foreground(const Cell& c, int column) {
  if (c.overdue && (column == StateColumn || column == DeadlineColumn)) return QBrush(kRed);
  if (c.item.not_applicable()) return QBrush(kGrey);
  if (c.item.state() == v1::STEP_STATE_SKIPPED) return QBrush(kGrey);
  if (c.item.state() == v1::STEP_STATE_DONE && column == StateColumn) return QBrush(kGreen);
  if (!c.hasText && column == StepColumn) return QBrush(kGrey);
  return {};
}

QVariant ChecklistModel::font(const Cell& c, int column) {
  if (c.overdue && (column == StateColumn || column == DeadlineColumn)) {
    QFont f;
    f.setBold(true);
    return f;
  }
  if (c.item.state() == v1::STEP_STATE_SKIPPED && column == StepColumn) {
    QFont f;
    f.setStrikeOut(true);
    return f;
  }
  return {};
}

QVariant ChecklistModel::roleData(const Cell& c, int role) const {
  const v1::ChecklistItem& it = c.item;
  const bool hasDue = toDateTime(it.due_at()).isValid();
  switch (role) {
    case StepIdRole:
      return qs(it.step_id());
    case StateRole:
      return int(it.state());
    case StateNameRole:
      return stateName(c);
    case TextRole:
      return stepText(qs(it.step_id()));
    case TextZhRole:
      return qs(it.text_zh());
    case TextEnRole:
      return qs(it.text_en());
    case HasTextRole:
      return c.hasText;
    case ResponsibleRole:
      return qs(it.responsible());
    case ResponsibleNameRole:
      return responsibleName(qs(it.responsible()));
    case ContactPartyRole:
      return qs(it.contact_party());
    case ContactPartyNameRole:
      return it.contact_party().empty() ? QString() : partyName(qs(it.contact_party()));
    case MandatoryRole:
      return it.mandatory();
    case CitationRole:
      return qs(it.citation());
    case DueAtRole:
      return hasDue ? toMsecs(it.due_at()) : qint64(0);
    case RemainingSecondsRole:
      return hasDue ? QVariant((toMsecs(it.due_at()) - c.nowMs) / 1000) : QVariant();
    case OverdueRole:
      return c.overdue;
    case AfterStepRole:
      return qs(it.after_step());
    case DeadlineMinutesRole:
      return it.deadline_minutes();
    case DoneByRole:
      return qs(it.done_by_name());
    case DoneAtRole:
      return toDateTime(it.done_at());
    case NoteRole:
      return qs(it.note());
    case FromCategoryRole:
      return qs(it.from_category());
    case CloseOutRole:
      return it.close_out();
    case WhenGradesRole: {
      QStringList grades;
      for (const auto& g : it.when_grades()) grades << qs(g);
      return grades;
    }
    case NotApplicableRole:
      return it.not_applicable();
    case ProductDefaultRole:
      return it.product_default();
    case ServerOverdueRole:
      return it.overdue();
    case ContactNumberRole: {
      const v1::Contact* ct = contactFor(qs(it.contact_party()));
      return ct ? qs(ct->phone()) : QString();
    }
    case ContactNameRole: {
      const v1::Contact* ct = contactFor(qs(it.contact_party()));
      return ct ? qs(ct->name()) : QString();
    }
    case ContactRecordRole:
      if (!it.has_contact()) return {};
      return QVariantMap{{QStringLiteral("party"), qs(it.contact().party())},
                         {QStringLiteral("number"), qs(it.contact().number())},
                         {QStringLiteral("method"), int(it.contact().method())},
                         {QStringLiteral("reference"), qs(it.contact().reference())},
                         {QStringLiteral("note"), qs(it.contact().note())},
                         {QStringLiteral("by"), qs(it.contact().by_name())},
                         {QStringLiteral("at"), toDateTime(it.contact().at())},
                         {QStringLiteral("simulated"), it.contact().simulated()}};
    case AddedByRole:
      return qs(it.added_by());
  }
  return {};
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case StateColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "状态"));
    case StepColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "处置步骤"));
    case ResponsibleColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "责任人"));
    case PartyColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "联络单位"));
    case DeadlineColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "时限"));
    case DoneColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "执行情况"));
    case CitationColumn:
      return T(QT_TRANSLATE_NOOP("ChecklistModel", "依据"));
  }
  return {};
}

QHash<int, QByteArray> ChecklistModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{StepIdRole, "stepId"},
                {StateRole, "state"},
                {StateNameRole, "stateName"},
                {TextRole, "text"},
                {TextZhRole, "textZh"},
                {TextEnRole, "textEn"},
                {HasTextRole, "hasText"},
                {ResponsibleRole, "responsible"},
                {ResponsibleNameRole, "responsibleName"},
                {ContactPartyRole, "contactParty"},
                {ContactPartyNameRole, "contactPartyName"},
                {MandatoryRole, "mandatory"},
                {CitationRole, "citation"},
                {DueAtRole, "dueAt"},
                {RemainingSecondsRole, "remainingSeconds"},
                {OverdueRole, "overdue"},
                {AfterStepRole, "afterStep"},
                {DeadlineMinutesRole, "deadlineMinutes"},
                {DoneByRole, "doneBy"},
                {DoneAtRole, "doneAt"},
                {NoteRole, "note"},
                {FromCategoryRole, "fromCategory"},
                {CloseOutRole, "closeOut"},
                {WhenGradesRole, "whenGrades"},
                {NotApplicableRole, "notApplicable"},
                {ProductDefaultRole, "productDefault"},
                {ServerOverdueRole, "serverOverdue"},
                {ContactNumberRole, "contactNumber"},
                {ContactNameRole, "contactName"},
                {ContactRecordRole, "contact"},
                {AddedByRole, "addedBy"}});
  return names;
}

QString ChecklistModel::textKey(const v1::Incident& inc, const v1::ChecklistItem& it) const {
  // A step id is unique within one playbook only: two categories may both
  // have "report_police" with different words, so the category and the
  // playbook set version are part of the key.
  const std::string& category = it.from_category().empty() ? inc.category() : it.from_category();
  return qs(inc.playbook_version() + '|' + category + '|' + it.step_id());
}

bool ChecklistModel::absorbTexts(const v1::Incident& inc) {
  bool added = false;
  for (const auto& it : inc.checklist()) {
    if (it.text_zh().empty() && it.text_en().empty()) continue;
    const QString key = textKey(inc, it);
    auto found = m_texts.constFind(key);
    if (found != m_texts.constEnd() && found->zh == it.text_zh() && found->en == it.text_en() &&
        found->citation == it.citation()) {
      continue;
    }
    m_texts.insert(key, Texts{it.text_zh(), it.text_en(), it.citation()});
    added = true;
  }
  return added;
}

int ChecklistModel::fillTexts(v1::Incident* inc) const {
  int missing = 0;
  for (auto& it : *inc->mutable_checklist()) {
    if (!it.text_zh().empty() || !it.text_en().empty()) continue;
    auto found = m_texts.constFind(textKey(*inc, it));
    if (found == m_texts.constEnd()) {
      ++missing;
      continue;
    }
    it.set_text_zh(found->zh);
    it.set_text_en(found->en);
    it.set_citation(found->citation);
  }
  return missing;
}

void ChecklistModel::setIncident(const v1::Incident& incoming) {
  const QString id = qs(incoming.id());
  if (id.isEmpty()) {
    clear();
    return;
  }
  int missing = 0;
  if (id != m_incidentId) {
    beginResetModel();
    m_texts.clear();
    m_incidentId = id;
    m_incident = incoming;
    absorbTexts(m_incident);
    missing = fillTexts(&m_incident);
    m_lastSeq = incoming.last_seq();
    m_missingNotifiedSeq = -1;
    endResetModel();
    emit incidentChanged();
  } else {
    const bool newTexts = absorbTexts(incoming);
    if (incoming.last_seq() < m_lastSeq) {
      // An older copy (a reply that lost the race with the watch): its
      // texts are welcome, its state is not.
      if (newTexts) {
        fillTexts(&m_incident);
        emitAllChanged();
      }
      return;
    }
    v1::Incident next = incoming;
    missing = fillTexts(&next);
    bool sameSteps = next.checklist_size() == m_incident.checklist_size();
    for (int i = 0; sameSteps && i < next.checklist_size(); ++i) {
      sameSteps = next.checklist(i).step_id() == m_incident.checklist(i).step_id();
    }
    if (sameSteps) {
      m_incident = std::move(next);
      m_lastSeq = incoming.last_seq();
      emitAllChanged();
    } else {
      beginResetModel();
      m_incident = std::move(next);
      m_lastSeq = incoming.last_seq();
      endResetModel();
    }
  }
  updateProgress();
  // Once per state: a re-fetch that still lacks a text must not loop.
  if (missing > 0 && m_lastSeq > m_missingNotifiedSeq) {
    m_missingNotifiedSeq = m_lastSeq;
    emit textsMissing(id);
  }
}

void ChecklistModel::clear() {
  if (m_incidentId.isEmpty() && m_incident.checklist_size() == 0) return;
  beginResetModel();
  m_incident.Clear();
  m_texts.clear();
  m_incidentId.clear();
  m_lastSeq = -1;
  endResetModel();
  emit incidentChanged();
  updateProgress();
}

void ChecklistModel::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  retranslate();
  emit englishChanged();
}

void ChecklistModel::setClock(Clock clock) {
  m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); });
  tick();
}

void ChecklistModel::setContacts(const QHash<QString, v1::Contact>& contacts) {
  m_contacts = contacts;
  emitAllChanged();
}

const v1::Contact* ChecklistModel::contactFor(const QString& party) const {
  if (party.isEmpty()) return nullptr;
  auto it = m_contacts.constFind(party);
  return it == m_contacts.constEnd() ? nullptr : &it.value();
}

void ChecklistModel::tick() {
  // Every column may change with time (the overdue background spans the
  // row); a checklist is tens of rows, so one range is cheap.
  emitAllChanged();
  updateProgress();
}

void ChecklistModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  emitAllChanged();
}

void ChecklistModel::emitAllChanged() {
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ChecklistModel::updateProgress() {
  const auto p = checklistProgress(m_incident, now());
  if (p.handled == m_lastHandled && p.overdue == m_lastOverdue && p.total == m_lastTotal) return;
  m_lastTotal = p.total;
  m_lastHandled = p.handled;
  m_lastOverdue = p.overdue;
  emit progressChanged();
}

}  // namespace hall::client
