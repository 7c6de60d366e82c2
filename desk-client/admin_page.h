// AdminPage (系统管理): the desk's tab for administrators and reviewers —
// 终端登记: issue a one-time enrollment code for a new kiosk at a place and
// show it as text and QR code with the time it expires (server clock),
// and revoke a kiosk with a reason; 解除登录锁定: lift the sign-in lock of
// an account, a kiosk or a source address; 审计日志: the security audit log
// filtered by action, time window and target, a page at a time. The first
// two show for people the server lets administer the directory; the audit
// log for admins, leadership, the bureau and hall heads (AdminSession).
// Input problems and the server's refusals show in words on the page.
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>

#include "admin_session.h"
#include "hall/v1/directory.pb.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace hall::desk {

class AdminPage : public QWidget {
  Q_OBJECT

 public:
  AdminPage(DeskSession* session, QWidget* parent = nullptr);

  AdminSession* admin() const { return m_admin; }
  QTabWidget* pages() const { return m_pages; }
  QLabel* result() const { return m_result; }
  QLabel* codeText() const { return m_codeText; }
  QLabel* qrLabel() const { return m_qr; }
  // Whether any part of the page is for the signed-in person.
  bool wanted() const;
  void retranslate();
  // Shows the pages the signed-in person may use (call when they change).
  void updatePermissions();
  // Fills the enrollment form and issues the code once the place list is
  // read (screenshots, demonstrations).
  void issueFor(const QString& hallId, const QString& locationId, const QString& kioskId,
                const QString& name);

 private:
  QWidget* buildEnrollPage();
  QWidget* buildUnlockPage();
  QWidget* buildAuditPage();
  void fillHalls();
  void showCode(const hall::v1::EnrollmentCode& code);
  void tickExpiry();
  void fillKiosks();
  void queryAudit();
  void updateAuditButtons();
  void onFinished(const QString& action, bool ok, const QString& message);

  DeskSession* m_session;
  AdminSession* m_admin;
  QTabWidget* m_pages = nullptr;
  QLabel* m_result = nullptr;
  // enrollment
  QLabel* m_enrollTitle = nullptr;
  QLabel* m_hallLabel = nullptr;
  QComboBox* m_hall = nullptr;
  QLabel* m_placeLabel = nullptr;
  QComboBox* m_place = nullptr;
  QLabel* m_kioskIdLabel = nullptr;
  QLineEdit* m_kioskId = nullptr;
  QLabel* m_nameLabel = nullptr;
  QLineEdit* m_name = nullptr;
  QPushButton* m_issue = nullptr;
  QLabel* m_codeText = nullptr;
  QLabel* m_qr = nullptr;
  QLabel* m_codeHelp = nullptr;
  QLabel* m_expiry = nullptr;
  QTimer* m_expiryTimer = nullptr;
  hall::v1::EnrollmentCode m_code;
  QString m_pendingPlace;  // issueFor()'s place, until the hall's places are read
  QLabel* m_revokeTitle = nullptr;
  QComboBox* m_revokeKiosk = nullptr;
  QLineEdit* m_revokeReason = nullptr;
  QPushButton* m_revoke = nullptr;
  // unlock
  QLabel* m_unlockHelp = nullptr;
  QComboBox* m_unlockKind = nullptr;
  QLineEdit* m_unlockWho = nullptr;
  QPushButton* m_unlock = nullptr;
  // audit
  QLabel* m_actionLabel = nullptr;
  QComboBox* m_action = nullptr;
  QLabel* m_fromLabel = nullptr;
  QDateTimeEdit* m_from = nullptr;
  QLabel* m_toLabel = nullptr;
  QDateTimeEdit* m_to = nullptr;
  QLineEdit* m_target = nullptr;
  QPushButton* m_query = nullptr;
  QTableView* m_auditView = nullptr;
  QPushButton* m_older = nullptr;
  QLabel* m_auditCount = nullptr;
};

}  // namespace hall::desk
