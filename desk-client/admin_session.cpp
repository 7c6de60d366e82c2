#include "admin_session.h"

#include <QRegularExpression>

namespace hall::desk {

using client::qs;
using client::RpcResult;
using client::ss;
namespace v1 = hall::v1;

namespace {
// docs/operations.md: ids are [a-z0-9][a-z0-9-]*, at most 64 characters;
// names at most 200.
bool isSlug(const QString& id) {
  static const QRegularExpression slug(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
  return slug.match(id).hasMatch();
}
constexpr int kMaxNameChars = 200;
// A server call read at most this many pages for one page of rows.
constexpr int kMaxAuditCalls = 20;
}  // namespace

AdminSession::AdminSession(DeskSession* session, QObject* parent)
    : QObject(parent), m_session(session), m_audit(new client::AuditLogModel(this)) {
  connect(session, &DeskSession::signedInChanged, this, [this] {
    ++m_auditGeneration;
    m_auditLoading = false;
    m_auditDone = true;
    m_audit->clear();
    emit auditChanged();
  });
}

bool AdminSession::mayAdminister() const {
  return m_session->may(QStringLiteral("admin_directory"));
}

bool AdminSession::mayReadAudit() const {
  if (!m_session->may(QStringLiteral("read"))) return false;  // signed out
  switch (m_session->role()) {
    case v1::ROLE_ADMIN:
    case v1::ROLE_LEADERSHIP:
    case v1::ROLE_BUREAU:
    case v1::ROLE_HALL_HEAD:
      return true;
    default:
      return false;
  }
}

void AdminSession::fail(const QString& action, const QString& message) {
  emit finished(action, false, message);
}

void AdminSession::loadLocations(const QString& hallId) {
  if (hallId.isEmpty()) return;
  v1::ListLocationsRequest req;
  req.set_hall_id(ss(hallId));
  auto* client = m_session->client();
  client->call(
      client->directory()->async(), &v1::DirectoryService::Stub::async::ListLocations, req, this,
      std::function<void(const RpcResult&, const v1::ListLocationsResponse&)>(
          [this, hallId](const RpcResult& r, const v1::ListLocationsResponse& resp) {
            if (!r.ok()) {
              fail(QStringLiteral("locations"), tr("无法读取位置：%1").arg(r.text()));
              return;
            }
            emit locationsLoaded(hallId, {resp.locations().begin(), resp.locations().end()});
          }));
}

void AdminSession::issueEnrollmentCode(const QString& hallId, const QString& locationId,
                                       const QString& kioskId, const QString& name) {
  const QString action = QStringLiteral("enroll");
  if (hallId.isEmpty()) return fail(action, tr("请选择大厅"));
  if (locationId.isEmpty()) return fail(action, tr("请选择终端所在位置"));
  const QString id = kioskId.trimmed();
  if (!isSlug(id)) {
    return fail(action, tr("终端编号只能用小写字母、数字和连字符，以字母或数字开头，最多 64 个字符"
                           "（如 kiosk-hall-3）"));
  }
  const QString title = name.trimmed();
  if (title.isEmpty()) return fail(action, tr("请填写终端名称（如 一楼入口终端）"));
  if (title.size() > kMaxNameChars)
    return fail(action, tr("终端名称过长：最多 %1 个字").arg(kMaxNameChars));
  v1::IssueEnrollmentCodeRequest req;
  req.set_hall_id(ss(hallId));
  req.set_location_id(ss(locationId));
  req.set_kiosk_id(ss(id));
  req.set_name(ss(title));
  auto* client = m_session->client();
  client->call(client->directory()->async(),
               &v1::DirectoryService::Stub::async::IssueEnrollmentCode, req, this,
               std::function<void(const RpcResult&, const v1::EnrollmentCode&)>(
                   [this, action, id](const RpcResult& r, const v1::EnrollmentCode& code) {
                     if (!r.ok()) return fail(action, tr("生成登记码失败：%1").arg(r.text()));
                     emit codeIssued(code);
                     emit finished(action, true, tr("已为终端 %1 生成登记码").arg(id));
                   }));
}

void AdminSession::revokeKiosk(const QString& kioskId, const QString& reason) {
  const QString action = QStringLiteral("revoke");
  if (kioskId.isEmpty()) return fail(action, tr("请选择要吊销的终端"));
  if (reason.trimmed().isEmpty()) return fail(action, tr("吊销终端须填写原因"));
  if (QString problem = m_session->checkNote(reason, true); !problem.isEmpty())
    return fail(action, problem);
  v1::RevokeKioskRequest req;
  req.set_kiosk_id(ss(kioskId));
  req.set_reason(ss(reason.trimmed()));
  auto* client = m_session->client();
  client->call(
      client->directory()->async(), &v1::DirectoryService::Stub::async::RevokeKiosk, req, this,
      std::function<void(const RpcResult&, const v1::KioskResponse&)>(
          [this, action, kioskId](const RpcResult& r, const v1::KioskResponse&) {
            if (!r.ok()) return fail(action, tr("吊销失败：%1").arg(r.text()));
            m_session->refreshKiosks();
            emit finished(action, true, tr("已吊销终端 %1：它的登录与连接已全部终止").arg(kioskId));
          }));
}

void AdminSession::unlockSignIn(UnlockKind kind, const QString& who) {
  const QString action = QStringLiteral("unlock");
  const QString value = who.trimmed();
  if (value.isEmpty()) return fail(action, tr("请填写要解除锁定的账户、终端编号或来源地址"));
  v1::UnlockSignInRequest req;
  switch (kind) {
    case UnlockAccount:
      req.set_username(ss(value));
      break;
    case UnlockKiosk:
      req.set_kiosk_id(ss(value));
      break;
    case UnlockAddress:
      req.set_address(ss(value));
      break;
  }
  auto* client = m_session->client();
  client->call(client->auth()->async(), &v1::AuthService::Stub::async::UnlockSignIn, req, this,
               std::function<void(const RpcResult&, const v1::UnlockSignInResponse&)>(
                   [this, action, value](const RpcResult& r, const v1::UnlockSignInResponse& resp) {
                     if (!r.ok()) return fail(action, tr("解除锁定失败：%1").arg(r.text()));
                     emit finished(action, true,
                                   resp.was_locked() ? tr("已解除 %1 的登录锁定").arg(value)
                                                     : tr("%1 当前未被锁定，无需解除").arg(value));
                   }));
}

void AdminSession::loadAudit(const AuditQuery& query) {
  if (query.fromMs > 0 && query.toMs > 0 && query.fromMs > query.toMs) {
    return fail(QStringLiteral("audit"), tr("开始时间晚于结束时间"));
  }
  m_query = query;
  m_auditToken.clear();
  m_auditDone = false;
  m_auditAppend = false;
  m_auditLoading = true;
  emit auditChanged();
  readAuditPage(++m_auditGeneration, {}, 0);
}

void AdminSession::loadOlderAudit() {
  if (m_auditDone || m_auditLoading) return;
  m_auditAppend = true;
  m_auditLoading = true;
  emit auditChanged();
  readAuditPage(m_auditGeneration, {}, 0);
}

void AdminSession::readAuditPage(int generation, std::vector<v1::AuditEntry> found, int calls) {
  v1::ListAuditRequest req;
  for (const QString& a : std::as_const(m_query.actions)) req.add_actions(ss(a));
  req.set_hall_id(ss(m_query.hallId));
  req.set_target(ss(m_query.target.trimmed()));
  req.mutable_page()->set_page_size(kServerPageSize);
  req.mutable_page()->set_page_token(m_auditToken);
  auto* client = m_session->client();
  client->call(client->audit()->async(), &v1::AuditService::Stub::async::ListAudit, req, this,
               std::function<void(const RpcResult&, const v1::ListAuditResponse&)>(
                   [this, generation, found = std::move(found), calls](
                       const RpcResult& r, const v1::ListAuditResponse& resp) mutable {
                     if (generation != m_auditGeneration) return;  // a newer query
                     if (!r.ok()) {
                       m_auditLoading = false;
                       emit auditChanged();
                       return fail(QStringLiteral("audit"),
                                   tr("无法读取审计日志：%1").arg(r.text()));
                     }
                     bool passedStart = false;
                     for (const auto& e : resp.entries()) {
                       const qint64 at = client::toMsecs(e.at());
                       if (m_query.toMs > 0 && at > m_query.toMs) continue;
                       if (m_query.fromMs > 0 && at < m_query.fromMs) {
                         passedStart = true;  // newest first: the rest are older still
                         break;
                       }
                       found.push_back(e);
                     }
                     m_auditToken = resp.next_page_token();
                     m_auditDone = passedStart || m_auditToken.empty();
                     if (!m_auditDone && static_cast<int>(found.size()) < kAuditPageRows &&
                         calls + 1 < kMaxAuditCalls) {
                       readAuditPage(generation, std::move(found), calls + 1);
                       return;
                     }
                     if (m_auditAppend) {
                       m_audit->appendEntries(found);
                     } else {
                       m_audit->setEntries(found);
                     }
                     m_audit->setHallNames([this] {
                       QHash<QString, QString> names;
                       for (const QString& h : m_session->hallIds())
                         names.insert(h, m_session->hallName(h));
                       return names;
                     }());
                     m_auditLoading = false;
                     emit auditChanged();
                     emit finished(QStringLiteral("audit"), true,
                                   tr("审计日志：显示 %1 条").arg(m_audit->rowCount()));
                   }));
}

}  // namespace hall::desk
