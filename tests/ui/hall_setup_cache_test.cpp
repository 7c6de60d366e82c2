// Tests of HallSetupCache's ordering (hall_setup_cache.cpp): answers that
// cross keep the newer set-up shown. A failed write re-reads the hall; when
// that read's answer (an older version) comes back after the next write's
// answer, the write's set-up stays. After a reconnect the next answer is
// taken whatever its version (a restored database may hold lower ones).
//
// Against a fake EscalationService in-process over TLS that holds each
// GetHallSetup until the test answers it with the version it chooses, so
// the crossing happens every run, in the order the test sets.
#include "hall_setup_cache.h"

#include <grpcpp/grpcpp.h>

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <deque>
#include <mutex>

#include "hall/v1/escalation.grpc.pb.h"
#include "hall_client.h"

namespace v1 = hall::v1;
using hall::client::HallClient;
using hall::desk::HallSetupCache;

namespace {

// Reads wait for answerRead(); writes answer at once with writeVersion, or
// are refused while failWrites is set.
class FakeEscalation final : public v1::EscalationService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetHallSetup(grpc::CallbackServerContext* ctx,
                                         const v1::GetHallSetupRequest* req,
                                         v1::HallSetup* resp) override {
    std::lock_guard lock(m_mu);
    resp->set_hall_id(req->hall_id());
    m_held.push_back({ctx->DefaultReactor(), resp});
    return m_held.back().reactor;
  }
  grpc::ServerUnaryReactor* UpsertContact(grpc::CallbackServerContext* ctx,
                                          const v1::UpsertContactRequest* req,
                                          v1::HallSetupResponse* resp) override {
    std::lock_guard lock(m_mu);
    auto* reactor = ctx->DefaultReactor();
    if (failWrites) {
      reactor->Finish({grpc::StatusCode::FAILED_PRECONDITION, "the number is refused"});
      return reactor;
    }
    resp->mutable_setup()->set_hall_id(req->contact().hall_id());
    resp->mutable_setup()->set_version(writeVersion);
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  int heldReads() {
    std::lock_guard lock(m_mu);
    return static_cast<int>(m_held.size());
  }
  // Answers the oldest read still held with `version`.
  void answerRead(int64_t version) {
    std::lock_guard lock(m_mu);
    Held h = m_held.front();
    m_held.pop_front();
    h.setup->set_version(version);
    h.reactor->Finish(grpc::Status::OK);
  }
  void releaseAll() {
    while (heldReads() > 0) answerRead(0);
  }

  std::atomic<int64_t> writeVersion{0};
  std::atomic<bool> failWrites{false};

 private:
  struct Held {
    grpc::ServerUnaryReactor* reactor;
    v1::HallSetup* setup;
  };
  std::mutex m_mu;
  std::deque<Held> m_held;
};

}  // namespace

class HallSetupCacheTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QCOMPARE(
        QProcess::execute(QStringLiteral(HALL_SOURCE_DIR "/scripts/make-certs.sh"), {m_dir.path()}),
        0);
    auto read = [&](const char* name) {
      QFile f(m_dir.filePath(QString::fromLatin1(name)));
      return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
    };
    grpc::SslServerCredentialsOptions tls;
    tls.pem_key_cert_pairs.push_back({read("server.key"), read("server.crt")});
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(tls), &port);
    builder.RegisterService(&m_fake);
    m_server = builder.BuildAndStart();
    QVERIFY(m_server && port > 0);
    m_client = std::make_unique<HallClient>(QStringLiteral("127.0.0.1:%1").arg(port),
                                            m_dir.filePath(QStringLiteral("ca.crt")));
    m_client->setToken(QStringLiteral("test-token"));
    // Connected before the tests start: the first answer after a failure
    // or at start counts as a reconnect, which the tests make themselves.
    m_client->fetchServerInfo();  // unimplemented here: an answer all the same
    QTRY_COMPARE(m_client->state(), HallClient::Connected);
  }
  void cleanupTestCase() {
    m_fake.releaseAll();
    m_client->cancelAll();
    m_client.reset();
    m_server->Shutdown();
  }

  void aStaleReadAfterAWriteKeepsTheWrite() {
    HallSetupCache cache(m_client.get());
    QSignalSpy changed(&cache, &HallSetupCache::changed);
    cache.load(QStringLiteral("hall-x"));
    QTRY_COMPARE(m_fake.heldReads(), 1);
    m_fake.answerRead(3);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(cache.setup(QStringLiteral("hall-x"))->version(), 3);

    // A refused write re-reads the hall; the next write succeeds before
    // that read answers.
    QSignalSpy finished(&cache, &HallSetupCache::writeFinished);
    m_fake.failWrites = true;
    cache.upsertContact(contact());
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!finished.at(0).at(1).toBool());
    QTRY_COMPARE(m_fake.heldReads(), 1);  // the re-read, held
    m_fake.failWrites = false;
    m_fake.writeVersion = 5;
    cache.upsertContact(contact());
    QTRY_COMPARE(finished.count(), 2);
    QVERIFY(finished.at(1).at(1).toBool());
    QCOMPARE(cache.setup(QStringLiteral("hall-x"))->version(), 5);

    // The re-read answers now, with the version it read before the write.
    m_fake.answerRead(4);
    settle();
    QCOMPARE(cache.setup(QStringLiteral("hall-x"))->version(), 5);

    // A newer read is taken.
    cache.reloadAll();
    QTRY_COMPARE(m_fake.heldReads(), 1);
    m_fake.answerRead(6);
    QTRY_COMPARE(cache.setup(QStringLiteral("hall-x"))->version(), 6);
  }

  void afterAReconnectAnOlderVersionIsTaken() {
    HallSetupCache cache(m_client.get());
    cache.load(QStringLiteral("hall-y"));
    QTRY_COMPARE(m_fake.heldReads(), 1);
    m_fake.answerRead(9);
    QTRY_VERIFY(cache.setup(QStringLiteral("hall-y")) != nullptr);
    QCOMPARE(cache.setup(QStringLiteral("hall-y"))->version(), 9);

    // Another server, on a database restored from before version 9.
    emit m_client->reconnected();
    QTRY_COMPARE(m_fake.heldReads(), 1);
    m_fake.answerRead(2);
    QTRY_COMPARE(cache.setup(QStringLiteral("hall-y"))->version(), 2);

    // Only the first answer after the reconnect: an older one after it is
    // stale again.
    cache.reloadAll();
    QTRY_COMPARE(m_fake.heldReads(), 1);
    m_fake.answerRead(1);
    settle();
    QCOMPARE(cache.setup(QStringLiteral("hall-y"))->version(), 2);
  }

 private:
  static v1::Contact contact() {
    v1::Contact c;
    c.set_hall_id("hall-x");
    c.set_party("police");
    c.set_phone("110");
    return c;
  }
  // Every answer has come back and its handler has run on this thread
  // (HallClient posts the handler before it counts the call finished).
  void settle() {
    QTRY_COMPARE(m_client->callsInFlight(), 0);
    QCoreApplication::sendPostedEvents();
  }

  QTemporaryDir m_dir;
  FakeEscalation m_fake;
  std::unique_ptr<grpc::Server> m_server;
  std::unique_ptr<HallClient> m_client;
};

QTEST_GUILESS_MAIN(HallSetupCacheTest)
#include "hall_setup_cache_test.moc"
