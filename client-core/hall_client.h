// HallClient (客户端连接): one signed-in connection to the hall server.
//
// It owns the TLS channel (trusting the given CA), the bearer token of the
// person or kiosk device, and the connection state the UI shows
// (connected 已连接 / reconnecting 正在重连 / offline 离线). Every unary RPC
// goes through call(): the gRPC callback API runs it, and its result is
// handed to the Qt thread with a queued invocation; the caller's handler
// runs there only if its receiver (a QPointer guard) is still alive.
// After a connection failure the client probes the server with backoff and
// emits reconnected() when it answers again, so watches and queues resume.
// The address may be a list ("hall1.example:7443,hall2.example:7443", each
// HOST:PORT, hostnames or IP literals): the client uses one server at a
// time and, when a call or probe on it fails for want of a connection
// (UNAVAILABLE, DEADLINE_EXCEEDED), moves to the next in the list, round
// the list for as long as none answers; it stays on the one that answers.
// Each server has its own channel (TLS checks each by its own name); a
// channel, once made, lives as long as the client, so a call or stream
// still open on a server left behind finishes there safely.
// It keeps what the server says of itself (limits, clock speed) in
// serverProfile(), re-read on every reconnect (fetchServerInfo()).
//
// Thread-safety: a QObject of the GUI thread. Call every method from that
// thread; handlers run on it. gRPC threads only post to it and touch the
// in-flight call registry (guarded by m_callsMutex). The destructor cancels
// every call in flight and waits for each to finish (OnDone) before the
// object dies, so a callback never reaches a destroyed object.
#pragma once

#include <grpcpp/grpcpp.h>

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "backoff.h"
#include "hall/v1/audit.grpc.pb.h"
#include "hall/v1/auth.grpc.pb.h"
#include "hall/v1/directory.grpc.pb.h"
#include "hall/v1/drill.grpc.pb.h"
#include "hall/v1/escalation.grpc.pb.h"
#include "hall/v1/incident.grpc.pb.h"
#include "hall/v1/playbook.grpc.pb.h"
#include "hall/v1/report.grpc.pb.h"
#include "server_profile.h"

namespace hall::client {

// std::string (UTF-8, as protobuf holds text) to QString and back.
inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string ss(const QString& s) { return s.toStdString(); }
// A protobuf timestamp as local date-time; invalid when unset.
QDateTime toDateTime(const google::protobuf::Timestamp& t);
qint64 toMsecs(const google::protobuf::Timestamp& t);

// The outcome of one RPC, as the GUI thread sees it.
struct RpcResult {
  grpc::StatusCode code = grpc::StatusCode::OK;
  QString message;  // the server's message (English, actionable)

  bool ok() const { return code == grpc::StatusCode::OK; }
  // True when the server could not be reached (nothing was decided).
  bool transient() const {
    return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED;
  }
  // A line to show a person: the server's message, or what went wrong.
  QString text() const;
  static RpcResult fromStatus(const grpc::Status& s);
};

class HallClient : public QObject {
  Q_OBJECT
  Q_PROPERTY(ConnectionState state READ state NOTIFY stateChanged)
  Q_PROPERTY(QString stateText READ stateText NOTIFY stateChanged)
  Q_PROPERTY(QString serverAddress READ serverAddress NOTIFY serverAddressChanged)
  Q_PROPERTY(QString currentAddress READ currentAddress NOTIFY currentAddressChanged)

 public:
  enum ConnectionState { Connected, Reconnecting, Offline };
  Q_ENUM(ConnectionState)

  // gRPC keepalive: ping after this long without traffic, and give up on
  // the connection when the answer takes longer than the timeout.
  static constexpr int kKeepaliveSeconds = 10;
  static constexpr int kKeepaliveTimeoutSeconds = 5;

  // Connects lazily to `address` (HOST:PORT, or several separated by commas:
  // the servers to fail over between) over TLS trusting the PEM CA in
  // `caFile`. A CA that cannot be read is reported by caError().
  HallClient(const QString& address, const QString& caFile, QObject* parent = nullptr);
  ~HallClient() override;

  ConnectionState state() const { return m_state; }
  QString stateText() const;
  static QString stateName(ConnectionState s);
  // The address as given (the whole list).
  QString serverAddress() const { return m_address; }
  // The server of the list in use now.
  QString currentAddress() const { return m_endpoints[m_current]->address; }
  // The servers of a list, in order (HOST:PORT each; blanks dropped).
  static QStringList splitAddresses(const QString& address);
  // Times the client moved to another server of its list.
  int failovers() const { return m_failovers; }
  QString caError() const { return m_caError; }

  // Points the client at another server or list (new channels; calls in
  // flight finish on the old ones).
  void setServerAddress(const QString& address);

  void setToken(const QString& token) { m_token = ss(token); }
  bool hasToken() const { return !m_token.empty(); }
  void clearToken() { m_token.clear(); }

  // The server's limits and clock speed; apps also feed it from their
  // Login replies (LoginResponse.server).
  ServerProfile* serverProfile() const { return m_profile; }
  // Reads the server's limits and clock speed (GetServerInfo, no sign-in
  // needed) into serverProfile(). Also done on every reconnect.
  void fetchServerInfo();

  // The stubs of the server in use now (valid as long as the client).
  hall::v1::AuthService::Stub* auth() { return m_endpoints[m_current]->auth.get(); }
  hall::v1::IncidentService::Stub* incidents() { return m_endpoints[m_current]->incidents.get(); }
  hall::v1::DirectoryService::Stub* directory() { return m_endpoints[m_current]->directory.get(); }
  hall::v1::PlaybookService::Stub* playbooks() { return m_endpoints[m_current]->playbooks.get(); }
  hall::v1::EscalationService::Stub* escalation() {
    return m_endpoints[m_current]->escalation.get();
  }
  hall::v1::AuditService::Stub* audit() { return m_endpoints[m_current]->audit.get(); }
  hall::v1::ReportService::Stub* reports() { return m_endpoints[m_current]->reports.get(); }
  hall::v1::DrillService::Stub* drills() { return m_endpoints[m_current]->drills.get(); }

  // A client context with the bearer token and a deadline `timeoutMs` away
  // (no deadline when 0). For streams, which manage their own contexts.
  void prepareContext(grpc::ClientContext* ctx, int timeoutMs) const;

  // Runs one unary RPC with the callback API. `handler` runs on the Qt
  // thread with the result and the response, unless `receiver` was
  // destroyed first. Example:
  //   client->call(client->incidents()->async(),
  //                &v1::IncidentService::Stub::async::AcknowledgeIncident,
  //                req, this, [](const RpcResult& r, const v1::IncidentResponse& resp) {…});
  template <class Async, class Req, class Resp>
  void call(Async* async,
            void (Async::*method)(grpc::ClientContext*, const Req*, Resp*,
                                  std::function<void(grpc::Status)>),
            const Req& request, QObject* receiver,
            std::function<void(const RpcResult&, const Resp&)> handler, int timeoutMs = 10000);

  // Connectivity bookkeeping, also used by streams: a reply (even an error
  // reply) proves the server is there; a transport failure starts probing.
  // A failure of a call made on the server in use now (its `generation`,
  // from generation() when the call started) moves to the next server of
  // the list; the outcome of a call made on a server left behind is
  // ignored; a failure without a generation (a stream's) only starts
  // probing, and the probe, a call, decides.
  void noteResult(const RpcResult& r);
  void noteResult(const RpcResult& r, quint64 generation);
  void noteSuccess();
  void noteFailure();
  void noteFailure(quint64 generation);
  // Changes whenever the client moves to another server.
  quint64 generation() const { return m_generation; }

  // Number of RPCs in flight (for tests and shutdown).
  int callsInFlight() const;
  // Cancels every call in flight and waits until each has finished.
  void cancelAll();

 signals:
  void stateChanged();
  void serverAddressChanged();
  // The client moved to another server of its list.
  void currentAddressChanged();
  // The server answers again after a failure: resume streams, flush queues.
  void reconnected();
  // The server refused the token (expired, logged out): sign in again.
  void authenticationRequired(const QString& message);

 private:
  struct CallToken;
  // One server of the list: its channel and stubs.
  struct Endpoint {
    QString address;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<hall::v1::AuthService::Stub> auth;
    std::unique_ptr<hall::v1::IncidentService::Stub> incidents;
    std::unique_ptr<hall::v1::DirectoryService::Stub> directory;
    std::unique_ptr<hall::v1::PlaybookService::Stub> playbooks;
    std::unique_ptr<hall::v1::EscalationService::Stub> escalation;
    std::unique_ptr<hall::v1::AuditService::Stub> audit;
    std::unique_ptr<hall::v1::ReportService::Stub> reports;
    std::unique_ptr<hall::v1::DrillService::Stub> drills;
  };
  std::unique_ptr<Endpoint> makeEndpoint(const QString& address) const;
  void makeChannels();
  void failOver();
  void setState(ConnectionState s);
  void scheduleProbe();
  void probe();
  void registerCall(grpc::ClientContext* ctx);
  void unregisterCall(grpc::ClientContext* ctx);

  ServerProfile* m_profile;  // owned (a child)
  QString m_address;
  QString m_caFile;
  QString m_caError;
  std::string m_caPem;
  std::string m_token;
  // The servers of the list (never empty) and the one in use. Endpoints
  // replaced by setServerAddress() are kept in m_retired: a call or stream
  // still running on one must not outlive its channel.
  std::vector<std::unique_ptr<Endpoint>> m_endpoints;
  std::vector<std::unique_ptr<Endpoint>> m_retired;
  size_t m_current = 0;
  quint64 m_generation = 0;
  int m_failovers = 0;

  ConnectionState m_state = Reconnecting;
  int m_failures = 0;
  Backoff m_probeBackoff{300, 5000};
  QTimer m_probeTimer;
  bool m_probing = false;

  mutable std::mutex m_callsMutex;
  std::condition_variable m_callsDone;
  std::set<grpc::ClientContext*> m_calls;  // GUARDED_BY(m_callsMutex)
};

template <class Async, class Req, class Resp>
void HallClient::call(Async* async,
                      void (Async::*method)(grpc::ClientContext*, const Req*, Resp*,
                                            std::function<void(grpc::Status)>),
                      const Req& request, QObject* receiver,
                      std::function<void(const RpcResult&, const Resp&)> handler, int timeoutMs) {
  struct Pending {
    grpc::ClientContext ctx;
    Req request;
    Resp response;
  };
  auto pending = std::make_shared<Pending>();
  pending->request = request;
  prepareContext(&pending->ctx, timeoutMs);
  registerCall(&pending->ctx);
  QPointer<QObject> guard(receiver);
  const quint64 generation = m_generation;
  // Runs on a gRPC thread: only post to the Qt thread, then unregister
  // (after which this HallClient may be destroyed).
  auto done = [this, pending, guard, generation,
               handler = std::move(handler)](grpc::Status status) {
    RpcResult result = RpcResult::fromStatus(status);
    QMetaObject::invokeMethod(
        this,
        [this, pending, guard, generation, handler, result] {
          noteResult(result, generation);
          if (guard && handler) handler(result, pending->response);
        },
        Qt::QueuedConnection);
    unregisterCall(&pending->ctx);
  };
  (async->*method)(&pending->ctx, &pending->request, &pending->response, std::move(done));
}

}  // namespace hall::client
