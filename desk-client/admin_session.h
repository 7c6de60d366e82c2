// AdminSession (系统管理): the desk's administration actions, without
// widgets — kiosk enrollment codes (IssueEnrollmentCode: a one-time,
// short-lived code for a kiosk at a place, shown as text and QR code),
// revoking a kiosk (RevokeKiosk, reason required), lifting a sign-in lock
// early (UnlockSignIn: an account, a kiosk or a source address), and the
// security audit log (AuditService.ListAudit) read into an AuditLogModel
// page by page, filtered by action, hall and target on the server and by a
// time window here (ListAudit has no time filter: pages come newest first,
// so reading stops at the window's start).
//
// Each action checks its input first (a message, nothing sent) and ends in
// finished(action, ok, message). Who may do what is the server's decision:
// mayAdminister() / mayReadAudit() only hide what it would refuse.
//
// Thread-safety: a QObject of the GUI thread; results arrive there through
// HallClient's queued hand-off.
#pragma once

#include <QObject>
#include <QStringList>
#include <vector>

#include "audit_model.h"
#include "desk_session.h"
#include "hall/v1/directory.pb.h"

namespace hall::desk {

struct AuditQuery {
  QStringList actions;  // empty: every action
  QString hallId;       // empty: every hall in scope
  QString target;       // empty: any
  qint64 fromMs = 0;    // 0: no start
  qint64 toMs = 0;      // 0: up to now
};

class AdminSession : public QObject {
  Q_OBJECT

 public:
  enum UnlockKind { UnlockAccount, UnlockKiosk, UnlockAddress };
  Q_ENUM(UnlockKind)

  explicit AdminSession(DeskSession* session, QObject* parent = nullptr);

  client::AuditLogModel* audit() const { return m_audit; }
  // The signed-in person may issue codes, revoke kiosks and lift locks
  // (Principal.permissions "admin_directory").
  bool mayAdminister() const;
  // The signed-in person's role reads the audit log (admin: all of it;
  // leadership, bureau, hall head: their halls).
  bool mayReadAudit() const;

  // Reads the places of `hallId` (ListLocations); locationsLoaded follows.
  void loadLocations(const QString& hallId);
  void issueEnrollmentCode(const QString& hallId, const QString& locationId, const QString& kioskId,
                           const QString& name);
  void revokeKiosk(const QString& kioskId, const QString& reason);
  void unlockSignIn(UnlockKind kind, const QString& who);

  // Reads the newest entries matching `query` into audit() (replacing it);
  // loadOlderAudit() adds the next older page.
  void loadAudit(const AuditQuery& query);
  void loadOlderAudit();
  bool hasOlderAudit() const { return !m_auditDone; }
  bool auditLoading() const { return m_auditLoading; }
  // Rows a page shows (the server is asked for bigger pages, so that a
  // time window far back is reached in few calls).
  static constexpr int kAuditPageRows = 100;
  static constexpr int kServerPageSize = 200;

 signals:
  void finished(const QString& action, bool ok, const QString& message);
  void codeIssued(const hall::v1::EnrollmentCode& code);
  void locationsLoaded(const QString& hallId, const std::vector<hall::v1::Location>& locations);
  // auditLoading() / hasOlderAudit() / the rows changed.
  void auditChanged();

 private:
  // Reads server pages from m_auditToken until a page of rows is found,
  // the window's start is passed, or the log ends.
  void readAuditPage(int generation, std::vector<hall::v1::AuditEntry> found, int calls);
  void fail(const QString& action, const QString& message);

  DeskSession* m_session;
  client::AuditLogModel* m_audit;  // a child
  AuditQuery m_query;
  std::string m_auditToken;
  bool m_auditDone = true;
  bool m_auditLoading = false;
  bool m_auditAppend = false;
  int m_auditGeneration = 0;  // bumped per query; older replies are dropped
};

}  // namespace hall::desk
