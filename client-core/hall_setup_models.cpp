#include "hall_setup_models.h"

#include <QBrush>
#include <QCoreApplication>
#include <QDateTime>
#include <algorithm>

#include "hall_client.h"
#include "labels.h"

namespace hall::client {

namespace v1 = hall::v1;

namespace {
QString T(const char* s) { return QCoreApplication::translate("HallSetup", s); }

QString when(const google::protobuf::Timestamp& t) {
  const QDateTime d = toDateTime(t);
  return d.isValid() ? d.toString(QStringLiteral("MM-dd HH:mm")) : QStringLiteral("—");
}

QString tiersText(const google::protobuf::RepeatedPtrField<std::string>& tiers) {
  QStringList names;
  for (const auto& t : tiers) names << tierName(qs(t));
  return names.join(QStringLiteral("、"));
}
}  // namespace

QString positionTitle(const v1::HallSetup& setup, const std::string& positionId, bool english) {
  for (const auto& p : setup.positions()) {
    if (p.id() == positionId)
      return qs(english && !p.title_en().empty() ? p.title_en() : p.title_zh());
  }
  return qs(positionId);
}

QString setupProblemText(const v1::SetupProblem& p, const v1::HallSetup& setup, bool english) {
  const std::string& kind = p.kind();
  if (kind == "roster_gap") {
    return T(QT_TRANSLATE_NOOP("HallSetup", "值班表空缺：%1 至 %2 无人值班"))
        .arg(when(p.from()), when(p.to()));
  }
  if (kind == "tier_empty") {
    return T(QT_TRANSLATE_NOOP("HallSetup", "%1：无人可通知（未设人员），上报将越过此级"))
        .arg(tierName(qs(p.tier())));
  }
  if (kind == "position_unfilled") {
    return T(QT_TRANSLATE_NOOP("HallSetup", "职位空缺：%1"))
        .arg(positionTitle(setup, p.position_id(), english));
  }
  if (kind == "contact_missing") {
    return T(QT_TRANSLATE_NOOP("HallSetup", "%1：未登记联系电话")).arg(partyName(qs(p.party())));
  }
  return qs(kind);
}

// ------------------------------------------------------------ base

HallSetupTable::HallSetupTable(QObject* parent) : QAbstractTableModel(parent) {}

int HallSetupTable::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : rows();
}

int HallSetupTable::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : columns();
}

QVariant HallSetupTable::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  switch (role) {
    case Qt::DisplayRole:
      return cell(index.row(), index.column());
    case Qt::ForegroundRole:
      return warning(index.row()) ? QVariant(QBrush(QColor(0xc6, 0x28, 0x28))) : QVariant();
    case KeyRole:
      return key(index.row());
    case WarningRole:
      return warning(index.row());
    case TierRole:
      return tier(index.row());
  }
  return {};
}

QVariant HallSetupTable::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columns())
    return {};
  return header(section);
}

QHash<int, QByteArray> HallSetupTable::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{KeyRole, "key"}, {WarningRole, "warning"}, {TierRole, "tier"}});
  return names;
}

QStringList HallSetupTable::keys() const {
  QStringList out;
  for (int i = 0; i < rows(); ++i) out << key(i);
  return out;
}

void HallSetupTable::setSetup(const v1::HallSetup& setup) {
  const QStringList before = keys();
  v1::HallSetup next = setup;
  // Same rows (same keys, same order): change in place; else reset.
  std::swap(m_setup, next);
  rebuild();
  const QStringList after = keys();
  if (before == after) {
    if (rows() > 0) emit dataChanged(index(0, 0), index(rows() - 1, columns() - 1));
    return;
  }
  std::swap(m_setup, next);
  rebuild();
  beginResetModel();
  m_setup = setup;
  rebuild();
  endResetModel();
}

void HallSetupTable::clear() { setSetup(v1::HallSetup()); }

void HallSetupTable::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  retranslate();
}

void HallSetupTable::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, columns() - 1);
  if (rows() > 0) emit dataChanged(index(0, 0), index(rows() - 1, columns() - 1));
}

QString HallSetupTable::keyAt(int row) const {
  return row >= 0 && row < rows() ? key(row) : QString();
}

int HallSetupTable::rowOfKey(const QString& k) const {
  for (int i = 0; i < rows(); ++i) {
    if (key(i) == k) return i;
  }
  return -1;
}

// ------------------------------------------------------------ on now

QString OnNowModel::header(int column) const {
  return column == TierColumn ? T(QT_TRANSLATE_NOOP("HallSetup", "层级"))
                              : T(QT_TRANSLATE_NOOP("HallSetup", "现在通知（●在线 ○离线）"));
}

QVariant OnNowModel::cell(int row, int column) const {
  const auto& t = m_setup.on_now(row);
  if (column == TierColumn) return tierName(qs(t.tier()));
  if (t.names_size() == 0) return T(QT_TRANSLATE_NOOP("HallSetup", "⚠ 无人"));
  QStringList people;
  for (int i = 0; i < t.names_size(); ++i) {
    const bool online = i < t.online_size() && t.online(i);
    people << QStringLiteral("%1 %2").arg(online ? QStringLiteral("●") : QStringLiteral("○"),
                                          qs(t.names(i)));
  }
  return people.join(QStringLiteral("　"));
}

QString OnNowModel::key(int row) const { return qs(m_setup.on_now(row).tier()); }

bool OnNowModel::warning(int row) const { return m_setup.on_now(row).person_ids_size() == 0; }

// ------------------------------------------------------------ positions

void PositionsModel::rebuild() {
  m_rows.clear();
  std::vector<bool> placed(m_setup.members_size(), false);
  for (int p = 0; p < m_setup.positions_size(); ++p) {
    Row r;
    r.position = p;
    r.tier = m_setup.positions(p).tier();
    for (int m = 0; m < m_setup.members_size(); ++m) {
      if (m_setup.members(m).position_id() == m_setup.positions(p).id()) {
        r.members.push_back(m);
        placed[m] = true;
      }
    }
    m_rows.push_back(std::move(r));
  }
  for (int m = 0; m < m_setup.members_size(); ++m) {
    if (placed[m]) continue;
    Row r;
    r.tier = m_setup.members(m).tier();
    r.members.push_back(m);
    m_rows.push_back(std::move(r));
  }
}

QStringList PositionsModel::personIds(int row) const {
  QStringList ids;
  if (row < 0 || row >= rows()) return ids;
  for (int m : m_rows[row].members) ids << qs(m_setup.members(m).person_id());
  return ids;
}

QString PositionsModel::header(int column) const {
  switch (column) {
    case PositionColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "职位"));
    case TierColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "层级"));
    case PeopleColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "人员"));
    case NotifyOnlyColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "仅知会"));
  }
  return {};
}

QVariant PositionsModel::cell(int row, int column) const {
  const Row& r = m_rows[row];
  const v1::OrgPosition* pos = r.position >= 0 ? &m_setup.positions(r.position) : nullptr;
  switch (column) {
    case PositionColumn:
      if (!pos) return T(QT_TRANSLATE_NOOP("HallSetup", "（不对应职位）"));
      return qs(english() && !pos->title_en().empty() ? pos->title_en() : pos->title_zh());
    case TierColumn:
      return tierName(qs(r.tier));
    case PeopleColumn: {
      QStringList names;
      for (int m : r.members) {
        const auto& member = m_setup.members(m);
        QString name = qs(member.person_name());
        if (!member.phone().empty()) name += QStringLiteral(" ") + qs(member.phone());
        names << name;
      }
      if (names.isEmpty()) {
        return warning(row) ? T(QT_TRANSLATE_NOOP("HallSetup", "⚠ 空缺"))
                            : T(QT_TRANSLATE_NOOP("HallSetup", "按值班表"));
      }
      return names.join(QStringLiteral("、"));
    }
    case NotifyOnlyColumn: {
      bool notify = pos && pos->notify_only();
      for (int m : r.members) notify = notify || m_setup.members(m).notify_only();
      return notify ? T(QT_TRANSLATE_NOOP("HallSetup", "仅知会")) : QString();
    }
  }
  return {};
}

QString PositionsModel::key(int row) const {
  const Row& r = m_rows[row];
  if (r.position >= 0) return qs(m_setup.positions(r.position).id());
  return QStringLiteral("member:") + qs(m_setup.members(r.members.front()).person_id()) +
         QLatin1Char('|') + qs(r.tier);
}

bool PositionsModel::warning(int row) const {
  const Row& r = m_rows[row];
  if (r.position < 0) return false;
  const std::string& id = m_setup.positions(r.position).id();
  for (const auto& p : m_setup.problems()) {
    if (p.kind() == "position_unfilled" && p.position_id() == id) return true;
  }
  return false;
}

QString PositionsModel::tier(int row) const { return qs(m_rows[row].tier); }

// ------------------------------------------------------------ shifts

void ShiftsModel::rebuild() {
  m_order.resize(m_setup.shifts_size());
  for (int i = 0; i < m_setup.shifts_size(); ++i) m_order[i] = i;
  std::stable_sort(m_order.begin(), m_order.end(), [this](int a, int b) {
    return toMsecs(m_setup.shifts(a).starts_at()) < toMsecs(m_setup.shifts(b).starts_at());
  });
}

QString ShiftsModel::header(int column) const {
  switch (column) {
    case PersonColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "值班人员"));
    case StartColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "开始"));
    case EndColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "结束"));
  }
  return {};
}

QVariant ShiftsModel::cell(int row, int column) const {
  const auto& s = m_setup.shifts(m_order[row]);
  switch (column) {
    case PersonColumn:
      return qs(s.person_name());
    case StartColumn:
      return when(s.starts_at());
    case EndColumn:
      return when(s.ends_at());
  }
  return {};
}

QString ShiftsModel::key(int row) const { return qs(m_setup.shifts(m_order[row]).id()); }

// ------------------------------------------------------------ contacts

void ContactsModel::rebuild() {
  m_missing.clear();
  for (const auto& p : m_setup.problems()) {
    if (p.kind() == "contact_missing") m_missing.push_back(p.party());
  }
}

const v1::Contact* ContactsModel::contact(int row) const {
  return row >= 0 && row < m_setup.contacts_size() ? &m_setup.contacts(row) : nullptr;
}

QString ContactsModel::header(int column) const {
  switch (column) {
    case PartyColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "外部单位"));
    case NameColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "名称"));
    case PhoneColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "电话"));
    case NoteColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "备注"));
  }
  return {};
}

QVariant ContactsModel::cell(int row, int column) const {
  if (const v1::Contact* c = contact(row)) {
    switch (column) {
      case PartyColumn:
        return partyName(qs(c->party()));
      case NameColumn:
        return qs(c->name());
      case PhoneColumn:
        return qs(c->phone());
      case NoteColumn:
        return qs(c->note());
    }
    return {};
  }
  const std::string& party = m_missing[row - m_setup.contacts_size()];
  if (column == PartyColumn) return partyName(qs(party));
  if (column == PhoneColumn) return T(QT_TRANSLATE_NOOP("HallSetup", "⚠ 未登记"));
  return {};
}

QString ContactsModel::key(int row) const {
  if (const v1::Contact* c = contact(row)) return qs(c->party());
  return qs(m_missing[row - m_setup.contacts_size()]);
}

// ------------------------------------------------------------ notifiers

QString NotifiersModel::header(int column) const {
  switch (column) {
    case NameColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "名称"));
    case UrlColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "地址（Webhook）"));
    case TiersColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "转发层级"));
    case ActiveColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "状态"));
  }
  return {};
}

QVariant NotifiersModel::cell(int row, int column) const {
  const auto& n = m_setup.notifiers(row);
  switch (column) {
    case NameColumn:
      return qs(n.name());
    case UrlColumn:
      return qs(n.url());
    case TiersColumn:
      return n.tiers().empty() ? T(QT_TRANSLATE_NOOP("HallSetup", "全部层级"))
                               : tiersText(n.tiers());
    case ActiveColumn:
      return n.active() ? T(QT_TRANSLATE_NOOP("HallSetup", "启用"))
                        : T(QT_TRANSLATE_NOOP("HallSetup", "停用"));
  }
  return {};
}

QString NotifiersModel::key(int row) const { return qs(m_setup.notifiers(row).id()); }

// ------------------------------------------------------------ planned outages

void PlannedOutagesModel::setCategoryNamer(std::function<QString(const QString&)> namer) {
  m_categoryNamer = std::move(namer);
  retranslate();
}

QString PlannedOutagesModel::header(int column) const {
  switch (column) {
    case CategoryColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "类别"));
    case ZoneColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "区域"));
    case WindowColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "时间"));
    case NoteColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "公告内容"));
    case ByColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "登记人"));
    case StateColumn:
      return T(QT_TRANSLATE_NOOP("HallSetup", "状态"));
  }
  return {};
}

QVariant PlannedOutagesModel::cell(int row, int column) const {
  const auto& o = m_setup.planned_outages(row);
  switch (column) {
    case CategoryColumn:
      return m_categoryNamer ? m_categoryNamer(qs(o.category())) : categoryName(qs(o.category()));
    case ZoneColumn:
      return o.zone().empty() ? T(QT_TRANSLATE_NOOP("HallSetup", "全大厅")) : qs(o.zone());
    case WindowColumn:
      return QStringLiteral("%1 — %2").arg(when(o.starts_at()), when(o.ends_at()));
    case NoteColumn:
      return qs(o.note());
    case ByColumn:
      return qs(o.created_by_name());
    case StateColumn:
      return o.cancelled() ? T(QT_TRANSLATE_NOOP("HallSetup", "已取消"))
                           : T(QT_TRANSLATE_NOOP("HallSetup", "已公告"));
  }
  return {};
}

QString PlannedOutagesModel::key(int row) const { return qs(m_setup.planned_outages(row).id()); }

// ------------------------------------------------------------ problems

QString SetupProblemsModel::header(int) const { return T(QT_TRANSLATE_NOOP("HallSetup", "问题")); }

QVariant SetupProblemsModel::cell(int row, int) const {
  return QStringLiteral("⚠ ") + setupProblemText(m_setup.problems(row), m_setup, english());
}

QString SetupProblemsModel::key(int row) const {
  const auto& p = m_setup.problems(row);
  return QStringLiteral("%1|%2|%3|%4|%5")
      .arg(qs(p.kind()), qs(p.tier()), qs(p.position_id()), qs(p.party()))
      .arg(toMsecs(p.from()));
}

}  // namespace hall::client
