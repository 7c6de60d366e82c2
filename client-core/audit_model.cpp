#include "audit_model.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QDateTime>

#include "hall_client.h"
#include "labels.h"

namespace hall::client {

namespace {
QString AT(const char* s) { return QCoreApplication::translate("AuditLogModel", s); }

// Actions a reviewer should not miss: someone locked out or refused, a kiosk cut off.
bool isWarning(const std::string& action) {
  return action == "locked" || action == "permission_denied" || action == "kiosk_revoked" ||
         action == "playbooks_refused";
}
}  // namespace

AuditLogModel::AuditLogModel(QObject* parent) : QAbstractTableModel(parent) {}

int AuditLogModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const auto& e = m_entries[index.row()];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case AtColumn:
          return toDateTime(e.at()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ActionColumn:
          return auditActionName(qs(e.action()));
        case ActorColumn:
          if (!e.actor_name().empty()) return qs(e.actor_name());
          return e.actor_id().empty() ? AT(QT_TRANSLATE_NOOP("AuditLogModel", "（未知）"))
                                      : qs(e.actor_id());
        case SourceColumn:
          return qs(e.source_address());
        case TargetColumn:
          return qs(e.target());
        case HallColumn:
          return m_hallNames.value(qs(e.hall_id()), qs(e.hall_id()));
        case DetailColumn:
          return qs(e.detail());
      }
      return {};
    case Qt::ToolTipRole:
      // The whole text of a cut cell; the action's id under its name.
      if (index.column() == ActionColumn) return qs(e.action());
      return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
      if (index.column() == ActionColumn && isWarning(e.action()))
        return QBrush(QColor(0xc6, 0x28, 0x28));
      return {};
    case IdRole:
      return static_cast<qint64>(e.id());
    case ActionRole:
      return qs(e.action());
    case AtRole:
      return toMsecs(e.at());
  }
  return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case AtColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "时间"));
    case ActionColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "操作"));
    case ActorColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "操作人"));
    case SourceColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "来源地址"));
    case TargetColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "对象"));
    case HallColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "大厅"));
    case DetailColumn:
      return AT(QT_TRANSLATE_NOOP("AuditLogModel", "详情"));
  }
  return {};
}

QHash<int, QByteArray> AuditLogModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{IdRole, "auditId"}, {ActionRole, "action"}, {AtRole, "at"}});
  return names;
}

void AuditLogModel::setEntries(const std::vector<hall::v1::AuditEntry>& entries) {
  beginResetModel();
  m_entries = entries;
  endResetModel();
}

void AuditLogModel::appendEntries(const std::vector<hall::v1::AuditEntry>& entries) {
  if (entries.empty()) return;
  const int first = rowCount();
  beginInsertRows({}, first, first + static_cast<int>(entries.size()) - 1);
  m_entries.insert(m_entries.end(), entries.begin(), entries.end());
  endInsertRows();
}

const hall::v1::AuditEntry* AuditLogModel::entry(int row) const {
  return row >= 0 && row < rowCount() ? &m_entries[row] : nullptr;
}

void AuditLogModel::setHallNames(const QHash<QString, QString>& names) {
  m_hallNames = names;
  if (rowCount() > 0) emit dataChanged(index(0, HallColumn), index(rowCount() - 1, HallColumn));
}

void AuditLogModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace hall::client
