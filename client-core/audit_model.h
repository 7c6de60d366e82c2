// AuditLogModel (审计日志): entries of the server's append-only security
// audit log (AuditService.ListAudit) as a table, newest first — when, what
// (the action in words), who and from where, to what, which hall, and the
// detail. The desk's audit view feeds it page by page; it keeps nothing
// of the server's rules.
//
// Thread-safety: like every Qt item model, GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "hall/v1/audit.pb.h"

namespace hall::client {

class AuditLogModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    AtColumn,
    ActionColumn,
    ActorColumn,
    SourceColumn,
    TargetColumn,
    HallColumn,
    DetailColumn,
    ColumnCount
  };
  enum Role {
    IdRole = Qt::UserRole + 1,
    ActionRole,  // the action's id (sign_in, kiosk_revoked …)
    AtRole,      // msecs since the epoch
  };
  explicit AuditLogModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the rows (one reset) / adds an older page at the end.
  void setEntries(const std::vector<hall::v1::AuditEntry>& entries);
  void appendEntries(const std::vector<hall::v1::AuditEntry>& entries);
  void clear() { setEntries({}); }
  const hall::v1::AuditEntry* entry(int row) const;
  // Hall names by id, shown instead of the id.
  void setHallNames(const QHash<QString, QString>& names);
  void retranslate();

 private:
  std::vector<hall::v1::AuditEntry> m_entries;
  QHash<QString, QString> m_hallNames;
};

}  // namespace hall::client
