#include "admin_page.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "labels.h"
#include "qr_image.h"

namespace hall::desk {

using client::qs;
namespace v1 = hall::v1;

namespace {
// Time windows of the audit view; Custom uses the two date-time fields.
enum Range { LastHour, LastDay, LastWeek, Everything, Custom };

QLabel* boldLabel(QWidget* parent) {
  auto* l = new QLabel(parent);
  QFont f = l->font();
  f.setBold(true);
  f.setPointSize(f.pointSize() + 2);
  l->setFont(f);
  return l;
}
}  // namespace

AdminPage::AdminPage(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_admin(new AdminSession(session, this)) {
  auto* v = new QVBoxLayout(this);
  m_pages = new QTabWidget(this);
  m_pages->setObjectName(QStringLiteral("adminPages"));
  m_pages->addTab(buildEnrollPage(), QString());
  m_pages->addTab(buildUnlockPage(), QString());
  m_pages->addTab(buildAuditPage(), QString());
  m_result = new QLabel(this);
  m_result->setObjectName(QStringLiteral("adminResult"));
  m_result->setWordWrap(true);
  m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(m_pages, 1);
  v->addWidget(m_result);

  connect(m_admin, &AdminSession::finished, this, &AdminPage::onFinished);
  connect(m_admin, &AdminSession::codeIssued, this, &AdminPage::showCode);
  connect(m_admin, &AdminSession::auditChanged, this, &AdminPage::updateAuditButtons);
  connect(m_admin, &AdminSession::locationsLoaded, this,
          [this](const QString& hallId, const std::vector<v1::Location>& locations) {
            if (hallId != m_hall->currentData().toString()) return;  // another hall meanwhile
            m_place->clear();
            for (const auto& l : locations) m_place->addItem(qs(l.name()), qs(l.id()));
            if (!m_pendingPlace.isEmpty()) {
              m_place->setCurrentIndex(std::max(0, m_place->findData(m_pendingPlace)));
              m_pendingPlace.clear();
              m_issue->click();
            }
          });
  connect(session, &DeskSession::hallsChanged, this, &AdminPage::fillHalls);
  connect(session, &DeskSession::signedInChanged, this, [this] {
    m_code.Clear();
    m_codeText->clear();
    m_qr->clear();
    m_expiry->clear();
    m_result->clear();
    updatePermissions();
  });
  connect(session, &DeskSession::permissionsChanged, this, &AdminPage::updatePermissions);
  auto* kiosks = session->kiosks();
  connect(kiosks, &QAbstractItemModel::modelReset, this, &AdminPage::fillKiosks);
  connect(kiosks, &QAbstractItemModel::rowsInserted, this, &AdminPage::fillKiosks);
  connect(kiosks, &QAbstractItemModel::rowsRemoved, this, &AdminPage::fillKiosks);
  retranslate();
  updatePermissions();
}

QWidget* AdminPage::buildEnrollPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  m_enrollTitle = boldLabel(page);
  auto* grid = new QGridLayout;
  m_hallLabel = new QLabel(page);
  m_hall = new QComboBox(page);
  m_hall->setObjectName(QStringLiteral("enrollHall"));
  m_placeLabel = new QLabel(page);
  m_place = new QComboBox(page);
  m_place->setObjectName(QStringLiteral("enrollPlace"));
  m_place->setMinimumWidth(160);
  m_kioskIdLabel = new QLabel(page);
  m_kioskId = new QLineEdit(page);
  m_kioskId->setObjectName(QStringLiteral("enrollKioskId"));
  m_nameLabel = new QLabel(page);
  m_name = new QLineEdit(page);
  m_name->setObjectName(QStringLiteral("enrollName"));
  m_issue = new QPushButton(page);
  m_issue->setObjectName(QStringLiteral("enrollIssue"));
  grid->addWidget(m_hallLabel, 0, 0);
  grid->addWidget(m_hall, 0, 1);
  grid->addWidget(m_placeLabel, 0, 2);
  grid->addWidget(m_place, 0, 3);
  grid->addWidget(m_kioskIdLabel, 1, 0);
  grid->addWidget(m_kioskId, 1, 1);
  grid->addWidget(m_nameLabel, 1, 2);
  grid->addWidget(m_name, 1, 3);
  grid->addWidget(m_issue, 1, 4);
  grid->setColumnStretch(1, 1);
  grid->setColumnStretch(3, 1);

  // The code: its QR picture beside it in large letters, and when it expires.
  auto* codeRow = new QHBoxLayout;
  m_qr = new QLabel(page);
  m_qr->setObjectName(QStringLiteral("enrollQr"));
  m_qr->setFixedSize(232, 232);
  m_qr->setAlignment(Qt::AlignCenter);
  auto* codeCol = new QVBoxLayout;
  m_codeText = new QLabel(page);
  m_codeText->setObjectName(QStringLiteral("enrollCode"));
  m_codeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont mono(QStringLiteral("Noto Sans Mono CJK SC"));
  mono.setPointSize(font().pointSize() + 16);
  mono.setBold(true);
  m_codeText->setFont(mono);
  m_expiry = new QLabel(page);
  m_expiry->setObjectName(QStringLiteral("enrollExpiry"));
  m_codeHelp = new QLabel(page);
  m_codeHelp->setWordWrap(true);
  codeCol->addWidget(m_codeText);
  codeCol->addWidget(m_expiry);
  codeCol->addWidget(m_codeHelp);
  codeCol->addStretch(1);
  codeRow->addWidget(m_qr);
  codeRow->addLayout(codeCol, 1);

  auto* line = new QFrame(page);
  line->setFrameShape(QFrame::HLine);
  m_revokeTitle = boldLabel(page);
  auto* revokeRow = new QHBoxLayout;
  m_revokeKiosk = new QComboBox(page);
  m_revokeKiosk->setObjectName(QStringLiteral("revokeKiosk"));
  m_revokeKiosk->setMinimumWidth(220);
  m_revokeReason = new QLineEdit(page);
  m_revokeReason->setObjectName(QStringLiteral("revokeReason"));
  m_revoke = new QPushButton(page);
  m_revoke->setObjectName(QStringLiteral("revokeButton"));
  m_revoke->setStyleSheet(QStringLiteral("color:#b71c1c;font-weight:bold"));
  revokeRow->addWidget(m_revokeKiosk);
  revokeRow->addWidget(m_revokeReason, 1);
  revokeRow->addWidget(m_revoke);

  v->addWidget(m_enrollTitle);
  v->addLayout(grid);
  v->addLayout(codeRow);
  v->addWidget(line);
  v->addWidget(m_revokeTitle);
  v->addLayout(revokeRow);
  v->addStretch(1);

  m_expiryTimer = new QTimer(this);
  m_expiryTimer->setInterval(1000);
  connect(m_expiryTimer, &QTimer::timeout, this, &AdminPage::tickExpiry);
  connect(m_hall, &QComboBox::currentIndexChanged, this, [this] {
    m_place->clear();
    m_admin->loadLocations(m_hall->currentData().toString());
  });
  connect(m_issue, &QPushButton::clicked, this, [this] {
    m_admin->issueEnrollmentCode(m_hall->currentData().toString(),
                                 m_place->currentData().toString(), m_kioskId->text(),
                                 m_name->text());
  });
  connect(m_revoke, &QPushButton::clicked, this, [this] {
    m_admin->revokeKiosk(m_revokeKiosk->currentData().toString(), m_revokeReason->text());
  });
  return page;
}

QWidget* AdminPage::buildUnlockPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  m_unlockHelp = new QLabel(page);
  m_unlockHelp->setWordWrap(true);
  auto* row = new QHBoxLayout;
  m_unlockKind = new QComboBox(page);
  m_unlockKind->setObjectName(QStringLiteral("unlockKind"));
  m_unlockWho = new QLineEdit(page);
  m_unlockWho->setObjectName(QStringLiteral("unlockWho"));
  m_unlock = new QPushButton(page);
  m_unlock->setObjectName(QStringLiteral("unlockButton"));
  row->addWidget(m_unlockKind);
  row->addWidget(m_unlockWho, 1);
  row->addWidget(m_unlock);
  v->addWidget(m_unlockHelp);
  v->addLayout(row);
  v->addStretch(1);
  connect(m_unlock, &QPushButton::clicked, this, [this] {
    m_admin->unlockSignIn(
        static_cast<AdminSession::UnlockKind>(m_unlockKind->currentData().toInt()),
        m_unlockWho->text());
  });
  connect(m_unlockWho, &QLineEdit::returnPressed, m_unlock, &QPushButton::click);
  return page;
}

QWidget* AdminPage::buildAuditPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  auto* row = new QHBoxLayout;
  m_actionLabel = new QLabel(page);
  m_action = new QComboBox(page);
  m_action->setObjectName(QStringLiteral("auditAction"));
  m_fromLabel = new QLabel(page);
  m_from = new QDateTimeEdit(page);
  m_from->setObjectName(QStringLiteral("auditFrom"));
  m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
  m_from->setCalendarPopup(true);
  m_toLabel = new QLabel(page);
  m_to = new QDateTimeEdit(page);
  m_to->setObjectName(QStringLiteral("auditTo"));
  m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
  m_to->setCalendarPopup(true);
  m_target = new QLineEdit(page);
  m_target->setObjectName(QStringLiteral("auditTarget"));
  m_query = new QPushButton(page);
  m_query->setObjectName(QStringLiteral("auditQuery"));
  // Two rows, so the page never forces the desk wider than a 1366 screen.
  auto* row2 = new QHBoxLayout;
  row->addWidget(m_actionLabel);
  row->addWidget(m_action, 1);
  row->addWidget(m_fromLabel);
  row->addWidget(m_from);
  row->addWidget(m_toLabel);
  row->addWidget(m_to);
  row2->addWidget(m_target, 1);
  row2->addWidget(m_query);
  m_auditView = new QTableView(page);
  m_auditView->setObjectName(QStringLiteral("auditLog"));
  m_auditView->setModel(m_admin->audit());
  m_auditView->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_auditView->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_auditView->verticalHeader()->setVisible(false);
  m_auditView->horizontalHeader()->setStretchLastSection(true);
  m_auditView->setWordWrap(false);
  // Who did it gets the room; a cut cell shows its whole text as a tooltip.
  m_auditView->setColumnWidth(client::AuditLogModel::AtColumn, 150);
  m_auditView->setColumnWidth(client::AuditLogModel::ActionColumn, 120);
  m_auditView->setColumnWidth(client::AuditLogModel::ActorColumn, 220);
  m_auditView->setColumnWidth(client::AuditLogModel::SourceColumn, 90);
  m_auditView->setColumnWidth(client::AuditLogModel::TargetColumn, 150);
  m_auditView->setColumnWidth(client::AuditLogModel::HallColumn, 130);
  auto* bottom = new QHBoxLayout;
  m_auditCount = new QLabel(page);
  m_auditCount->setObjectName(QStringLiteral("auditCount"));
  m_older = new QPushButton(page);
  m_older->setObjectName(QStringLiteral("auditOlder"));
  bottom->addWidget(m_auditCount, 1);
  bottom->addWidget(m_older);
  v->addLayout(row);
  v->addLayout(row2);
  v->addWidget(m_auditView, 1);
  v->addLayout(bottom);
  // The last day by default; the window is the server's clock.
  const QDateTime now =
      QDateTime::fromMSecsSinceEpoch(m_session->client()->serverProfile()->serverNowMs());
  m_from->setDateTime(now.addDays(-1));
  m_to->setDateTime(now.addSecs(3600));
  connect(m_query, &QPushButton::clicked, this, &AdminPage::queryAudit);
  connect(m_target, &QLineEdit::returnPressed, this, &AdminPage::queryAudit);
  connect(m_older, &QPushButton::clicked, m_admin, &AdminSession::loadOlderAudit);
  return page;
}

void AdminPage::issueFor(const QString& hallId, const QString& locationId, const QString& kioskId,
                         const QString& name) {
  m_pages->setCurrentIndex(0);
  m_kioskId->setText(kioskId);
  m_name->setText(name);
  m_pendingPlace = locationId;
  const int at = m_hall->findData(hallId);
  if (at >= 0 && at != m_hall->currentIndex()) {
    m_hall->setCurrentIndex(at);  // reads its places, then issues
  } else {
    m_admin->loadLocations(hallId);
  }
}

bool AdminPage::wanted() const { return m_admin->mayAdminister() || m_admin->mayReadAudit(); }

void AdminPage::updatePermissions() {
  const bool admin = m_admin->mayAdminister();
  m_pages->setTabVisible(0, admin);
  m_pages->setTabVisible(1, admin);
  m_pages->setTabVisible(2, m_admin->mayReadAudit());
  if (admin) fillHalls();
  fillKiosks();
  updateAuditButtons();
}

void AdminPage::fillHalls() {
  const QString current = m_hall->currentData().toString();
  QSignalBlocker block(m_hall);
  m_hall->clear();
  for (const QString& id : m_session->hallIds()) m_hall->addItem(m_session->hallName(id), id);
  const int at = m_hall->findData(current);
  m_hall->setCurrentIndex(at >= 0 ? at : 0);
  if (m_admin->mayAdminister() && m_hall->currentData().toString() != current) {
    m_place->clear();
    m_admin->loadLocations(m_hall->currentData().toString());
  }
}

void AdminPage::fillKiosks() {
  const QString current = m_revokeKiosk->currentData().toString();
  m_revokeKiosk->clear();
  auto* model = m_session->kiosks();
  for (int row = 0; row < model->rowCount(); ++row) {
    const QModelIndex i = model->index(row, client::KioskStatusModel::NameColumn);
    const QString id = i.data(client::KioskStatusModel::KioskIdRole).toString();
    m_revokeKiosk->addItem(QStringLiteral("%1（%2）").arg(i.data().toString(), id), id);
  }
  const int at = m_revokeKiosk->findData(current);
  if (at >= 0) m_revokeKiosk->setCurrentIndex(at);
}

void AdminPage::showCode(const v1::EnrollmentCode& code) {
  m_code = code;
  const QString text = qs(code.code());
  // Groups of four are easier to read out and to type.
  QStringList groups;
  for (int i = 0; i < text.size(); i += 4) groups << text.mid(i, 4);
  m_codeText->setText(groups.join(QLatin1Char('-')));
  QString error;
  const QImage image = qrImage(qs(code.qr_text()), 5, &error);
  if (image.isNull()) {
    m_qr->setText(tr("无法生成二维码：%1").arg(error));
  } else {
    m_qr->setPixmap(QPixmap::fromImage(image).scaled(m_qr->size(), Qt::KeepAspectRatio,
                                                     Qt::FastTransformation));
  }
  m_qr->setToolTip(qs(code.qr_text()));
  m_expiryTimer->start();
  tickExpiry();
}

void AdminPage::tickExpiry() {
  if (m_code.code().empty()) {
    m_expiryTimer->stop();
    return;
  }
  // The server's clock decides when the code expires.
  const qint64 left =
      (client::toMsecs(m_code.expires_at()) - m_session->client()->serverProfile()->serverNowMs()) /
      1000;
  if (left <= 0) {
    m_expiry->setText(tr("登记码已过期，请重新生成"));
    m_expiry->setStyleSheet(QStringLiteral("color:#c62828;font-weight:bold"));
    m_qr->setEnabled(false);
    m_codeText->setStyleSheet(QStringLiteral("color:#9e9e9e"));
    m_expiryTimer->stop();
    return;
  }
  m_qr->setEnabled(true);
  m_codeText->setStyleSheet(QString());
  m_expiry->setStyleSheet(QStringLiteral("font-weight:bold"));
  m_expiry->setText(
      tr("终端 %1 · 有效至 %2（还剩 %3）")
          .arg(qs(m_code.kiosk_id()),
               client::toDateTime(m_code.expires_at()).toString(QStringLiteral("HH:mm:ss")),
               client::ageText(left)));
}

void AdminPage::queryAudit() {
  AuditQuery q;
  const QString action = m_action->currentData().toString();
  if (!action.isEmpty()) q.actions << action;
  q.target = m_target->text().trimmed();
  q.fromMs = m_from->dateTime().toMSecsSinceEpoch();
  q.toMs = m_to->dateTime().toMSecsSinceEpoch();
  m_admin->loadAudit(q);
}

void AdminPage::updateAuditButtons() {
  m_query->setEnabled(!m_admin->auditLoading());
  m_older->setEnabled(!m_admin->auditLoading() && m_admin->hasOlderAudit());
  const int n = m_admin->audit()->rowCount();
  m_auditCount->setText(m_admin->auditLoading() ? tr("正在读取…")
                        : m_admin->hasOlderAudit() ? tr("显示 %1 条（还有更早的记录）").arg(n)
                                                   : tr("显示 %1 条（已到时间范围的开头）").arg(n));
}

void AdminPage::onFinished(const QString& action, bool ok, const QString& message) {
  if (action == QLatin1String("audit") && ok) return;  // the count says it
  m_result->setText(message);
  m_result->setStyleSheet(ok ? QStringLiteral("color:#2e7d32;font-weight:bold")
                             : QStringLiteral("color:#c62828;font-weight:bold"));
  if (ok && action == QLatin1String("revoke")) m_revokeReason->clear();
  if (ok && action == QLatin1String("unlock")) m_unlockWho->clear();
}

void AdminPage::retranslate() {
  m_pages->setTabText(0, tr("终端登记"));
  m_pages->setTabText(1, tr("解除登录锁定"));
  m_pages->setTabText(2, tr("审计日志"));
  m_enrollTitle->setText(tr("为新终端生成一次性登记码"));
  m_hallLabel->setText(tr("大厅："));
  m_placeLabel->setText(tr("位置："));
  m_kioskIdLabel->setText(tr("终端编号："));
  m_kioskId->setPlaceholderText(tr("如 kiosk-jiaxiang-2"));
  m_nameLabel->setText(tr("名称："));
  m_name->setPlaceholderText(tr("如 二楼不动产区终端"));
  m_issue->setText(tr("生成登记码"));
  m_codeHelp->setText(
      tr("在新终端首次启动时输入此登记码，或用扫码枪扫描左侧二维码。登记码只能使用一次，"
         "过期后请重新生成；登记后终端即绑定到所选位置。"));
  m_revokeTitle->setText(tr("吊销终端（立即断开它在所有服务器上的登录与连接）"));
  m_revokeReason->setPlaceholderText(tr("吊销原因（必填，如 设备丢失）"));
  m_revoke->setText(tr("吊销"));
  m_unlockHelp->setText(
      tr("多次登录失败后，账户、终端或来源地址会被暂时锁定，时间逐次加长。"
         "确认是本人后，可在此提前解除锁定；每次解除都记入审计日志。"));
  {
    const int kind = m_unlockKind->currentIndex();
    m_unlockKind->clear();
    m_unlockKind->addItem(tr("账户（用户名）"), int(AdminSession::UnlockAccount));
    m_unlockKind->addItem(tr("终端编号"), int(AdminSession::UnlockKiosk));
    m_unlockKind->addItem(tr("来源地址"), int(AdminSession::UnlockAddress));
    m_unlockKind->setCurrentIndex(std::max(0, kind));
  }
  m_unlockWho->setPlaceholderText(tr("如 duty.jiaxiang、kiosk-jiaxiang-1 或 10.0.0.8"));
  m_unlock->setText(tr("解除锁定"));
  m_actionLabel->setText(tr("操作："));
  {
    const QString action = m_action->currentData().toString();
    m_action->clear();
    m_action->addItem(tr("全部"), QString());
    for (const QString& a : client::auditActions())
      m_action->addItem(client::auditActionName(a), a);
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
  }
  m_fromLabel->setText(tr("从"));
  m_toLabel->setText(tr("至"));
  m_target->setPlaceholderText(tr("对象（用户名、终端编号…，可空）"));
  m_query->setText(tr("查询"));
  m_older->setText(tr("更早的记录"));
  m_admin->audit()->retranslate();
  updateAuditButtons();
  tickExpiry();
}

}  // namespace hall::desk
