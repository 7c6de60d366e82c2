#include "hall_client.h"

#include <QCoreApplication>
#include <QFile>

namespace hall::client {

QDateTime toDateTime(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return {};
  return QDateTime::fromMSecsSinceEpoch(toMsecs(t));
}

qint64 toMsecs(const google::protobuf::Timestamp& t) {
  return static_cast<qint64>(t.seconds()) * 1000 + t.nanos() / 1000000;
}

RpcResult RpcResult::fromStatus(const grpc::Status& s) {
  RpcResult r;
  r.code = s.error_code();
  r.message = qs(s.error_message());
  return r;
}

QString RpcResult::text() const {
  switch (code) {
    case grpc::StatusCode::OK:
      return {};
    case grpc::StatusCode::UNAVAILABLE:
      return QCoreApplication::translate("HallClient", "无法连接服务器（%1）").arg(message);
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return QCoreApplication::translate("HallClient", "服务器响应超时");
    case grpc::StatusCode::CANCELLED:
      return QCoreApplication::translate("HallClient", "操作已取消");
    case grpc::StatusCode::ABORTED:
      return QCoreApplication::translate("HallClient", "该事件刚被他人修改，请查看后重试（%1）")
          .arg(message);
    default:
      return message.isEmpty()
                 ? QCoreApplication::translate("HallClient", "服务器错误（代码 %1）").arg(int(code))
                 : message;
  }
}

HallClient::HallClient(const QString& address, const QString& caFile, QObject* parent)
    : QObject(parent), m_profile(new ServerProfile(this)), m_address(address), m_caFile(caFile) {
  QFile f(caFile);
  if (f.open(QIODevice::ReadOnly)) {
    m_caPem = f.readAll().toStdString();
  } else {
    m_caError = tr("无法读取CA证书 %1：%2").arg(caFile, f.errorString());
  }
  m_probeTimer.setSingleShot(true);
  connect(&m_probeTimer, &QTimer::timeout, this, &HallClient::probe);
  makeChannels();
}

HallClient::~HallClient() { cancelAll(); }

QStringList HallClient::splitAddresses(const QString& address) {
  QStringList out;
  for (const QString& part : address.split(QLatin1Char(','))) {
    if (!part.trimmed().isEmpty()) out << part.trimmed();
  }
  if (out.isEmpty()) out << address.trimmed();  // one (empty) address: calls fail clearly
  return out;
}

void HallClient::makeChannels() {
  for (auto& e : m_endpoints) m_retired.push_back(std::move(e));
  m_endpoints.clear();
  for (const QString& a : splitAddresses(m_address)) m_endpoints.push_back(makeEndpoint(a));
  m_current = 0;
  ++m_generation;
}

void HallClient::failOver() {
  if (m_endpoints.size() < 2) return;
  m_current = (m_current + 1) % m_endpoints.size();
  ++m_generation;
  ++m_failovers;
  emit currentAddressChanged();
}

std::unique_ptr<HallClient::Endpoint> HallClient::makeEndpoint(const QString& address) const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = m_caPem;
  grpc::ChannelArguments args;
  // Come back quickly after a server restart; a desk must not wait minutes.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 300);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 300);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 3000);
  // Each client its own connection (two clients in one test process must
  // not share one that a server restart breaks for both at once).
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  // Keepalive: a link that dies silently (a cable pulled, a switch gone,
  // a NAT that forgot us) is noticed within ~kKeepaliveSeconds +
  // kKeepaliveTimeoutSeconds, not at the next call — so a desk's watch
  // reconnects and the banner says so, and a kiosk knows it is cut off.
  // Pings go even with no call open (an idle kiosk); the server allows it.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, kKeepaliveSeconds * 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, kKeepaliveTimeoutSeconds * 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // A board's ListIncidents page (500 incidents, checklist texts included)
  // can pass gRPC's 4 MiB default.
  args.SetMaxReceiveMessageSize(64 << 20);
  auto e = std::make_unique<Endpoint>();
  e->address = address;
  // Its own target per server, so TLS checks each server's certificate
  // against its own name (a hostname works as well as an IP literal).
  e->channel = grpc::CreateCustomChannel(ss(address), grpc::SslCredentials(ssl), args);
  e->auth = hall::v1::AuthService::NewStub(e->channel);
  e->incidents = hall::v1::IncidentService::NewStub(e->channel);
  e->directory = hall::v1::DirectoryService::NewStub(e->channel);
  e->playbooks = hall::v1::PlaybookService::NewStub(e->channel);
  e->escalation = hall::v1::EscalationService::NewStub(e->channel);
  e->audit = hall::v1::AuditService::NewStub(e->channel);
  e->reports = hall::v1::ReportService::NewStub(e->channel);
  e->drills = hall::v1::DrillService::NewStub(e->channel);
  return e;
}

void HallClient::setServerAddress(const QString& address) {
  if (address == m_address) return;
  m_address = address;
  m_profile->clear();
  makeChannels();
  emit serverAddressChanged();
  emit currentAddressChanged();
}

QString HallClient::stateName(ConnectionState s) {
  switch (s) {
    case Connected:
      return tr("已连接");
    case Reconnecting:
      return tr("正在重连…");
    case Offline:
      return tr("离线");
  }
  return {};
}

QString HallClient::stateText() const { return stateName(m_state); }

void HallClient::prepareContext(grpc::ClientContext* ctx, int timeoutMs) const {
  if (!m_token.empty()) ctx->AddMetadata("authorization", "Bearer " + m_token);
  if (timeoutMs > 0) {
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs));
  }
}

void HallClient::noteResult(const RpcResult& r) { noteResult(r, 0); }

void HallClient::noteResult(const RpcResult& r, quint64 generation) {
  if (r.code == grpc::StatusCode::CANCELLED) return;  // ours; says nothing
  if (r.transient()) {
    noteFailure(generation);
    return;
  }
  // A reply from a server left behind says nothing of the one in use.
  if (generation != 0 && generation != m_generation) return;
  noteSuccess();
  if (r.code == grpc::StatusCode::UNAUTHENTICATED && hasToken()) {
    emit authenticationRequired(r.message);
  }
}

void HallClient::noteSuccess() {
  m_failures = 0;
  m_probeBackoff.reset();
  m_probeTimer.stop();
  bool wasDown = m_state != Connected;
  setState(Connected);
  if (wasDown) {
    fetchServerInfo();  // it may have restarted with other limits or speed
    emit reconnected();
  }
}

void HallClient::fetchServerInfo() {
  call(auth()->async(), &hall::v1::AuthService::Stub::async::GetServerInfo,
       hall::v1::GetServerInfoRequest(), this,
       std::function<void(const RpcResult&, const hall::v1::ServerInfo&)>(
           [this](const RpcResult& r, const hall::v1::ServerInfo& info) {
             if (r.ok()) m_profile->update(info);
           }),
       5000);
}

void HallClient::noteFailure() { noteFailure(0); }

void HallClient::noteFailure(quint64 generation) {
  // A call left on a server we already moved away from says nothing of the
  // one in use (it may be answering well).
  if (generation != 0 && generation != m_generation) return;
  // The server in use did not answer: try the next of the list (once per
  // server, however many calls were in flight on it when it went).
  if (generation != 0) failOver();
  ++m_failures;
  // Three failures in a row (a few seconds of trying) is "offline".
  setState(m_failures >= 3 ? Offline : Reconnecting);
  scheduleProbe();
}

void HallClient::setState(ConnectionState s) {
  if (s == m_state) return;
  m_state = s;
  emit stateChanged();
}

void HallClient::scheduleProbe() {
  if (m_probing || m_probeTimer.isActive()) return;
  m_probeTimer.start(m_probeBackoff.nextDelayMs());
}

void HallClient::probe() {
  // WhoAmI answers even without a valid token (UNAUTHENTICATED), which is
  // enough to know the server is there again.
  m_probing = true;
  call(auth()->async(), &hall::v1::AuthService::Stub::async::WhoAmI, hall::v1::WhoAmIRequest(),
       this,
       std::function<void(const RpcResult&, const hall::v1::WhoAmIResponse&)>(
           [this](const RpcResult& r, const hall::v1::WhoAmIResponse& resp) {
             m_probing = false;
             if (r.ok() && resp.has_server()) m_profile->update(resp.server());
             if (r.transient()) scheduleProbe();  // noteResult already counted it
           }),
       3000);
}

void HallClient::registerCall(grpc::ClientContext* ctx) {
  std::lock_guard lock(m_callsMutex);
  m_calls.insert(ctx);
}

void HallClient::unregisterCall(grpc::ClientContext* ctx) {
  std::lock_guard lock(m_callsMutex);
  m_calls.erase(ctx);
  if (m_calls.empty()) m_callsDone.notify_all();
}

int HallClient::callsInFlight() const {
  std::lock_guard lock(m_callsMutex);
  return static_cast<int>(m_calls.size());
}

void HallClient::cancelAll() {
  std::unique_lock lock(m_callsMutex);
  for (auto* ctx : m_calls) ctx->TryCancel();
  m_callsDone.wait(lock, [this] { return m_calls.empty(); });
}

}  // namespace hall::client
