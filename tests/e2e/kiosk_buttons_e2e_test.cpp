// The kiosk's buttons are the server's, end to end: a kiosk shows the
// quick-report buttons of the playbook set's taxonomy (ListCategories);
// when a category with a kiosk button is added to the set and the set is
// reloaded, the kiosk shows it and a press on it raises that category.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "hall/v1/playbook.grpc.pb.h"
#include "kiosk_controller.h"
#include "support/test_database.h"
#include "support/test_server.h"

using namespace hall;
using kiosk::KioskController;

class KioskButtonsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // A copy of the playbook set this test may change.
    QDir source(QStringLiteral(HALL_SOURCE_DIR "/playbooks"));
    m_playbooks = m_dir.filePath(QStringLiteral("playbooks"));
    QVERIFY(QDir().mkpath(m_playbooks));
    for (const QString& f : source.entryList({QStringLiteral("*.textpb")}, QDir::Files)) {
      QVERIFY(QFile::copy(source.filePath(f), m_playbooks + QLatin1Char('/') + f));
    }
    m_db = std::make_unique<testing::TestDatabase>();
    testing::SeedBasic(m_db->conninfo());
    m_server =
        std::make_unique<testing::TestServer>(m_db->conninfo(), 3600, m_playbooks.toStdString());
    QFile secret(m_dir.filePath(QStringLiteral("kiosk-a.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(testing::kKioskSecret);
  }

  // The playbook set gains a category and the equipment button moves to
  // it; after a reload the kiosk's button raises the new category.
  void addedCategoryTakesAButtonAfterReload() {
    KioskController kiosk(kioskOptions());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.buttons()->count() > 0, 10000);
    const int before = kiosk.buttons()->count();
    QCOMPARE(kiosk.buttons()->categoryOf(QStringLiteral("equipment")),
             QStringLiteral("equipment_fault"));

    QString text = readCategories();
    QVERIFY(text.contains(QStringLiteral("kiosk_buttons: \"equipment\"\n")));
    text.replace(QStringLiteral("kiosk_buttons: \"equipment\"\n"), QString());
    text += QStringLiteral(
        "categories {\n"
        "  id: \"lift_fault_test\"\n"
        "  name_zh: \"电梯故障（测试）\"\n"
        "  name_en: \"Lift fault (test)\"\n"
        "  event_class: EVENT_CLASS_FACILITY\n"
        "  kiosk_buttons: \"equipment\"\n"
        "  default_severity: SEVERITY_MEDIUM\n"
        "}\n");
    writeCategories(text);
    const grpc::Status reloaded = reload();
    QVERIFY2(reloaded.ok(), reloaded.error_message().c_str());

    // The kiosk notices the new set (every heartbeat asks) and shows it:
    // the button now last, in the taxonomy's order, raising the new category.
    kiosk.checkPlaybookSet();
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.buttons()->categoryOf(QStringLiteral("equipment")),
                              QStringLiteral("lift_fault_test"), 10000);
    QCOMPARE(kiosk.buttons()->count(), before);
    const QModelIndex last = kiosk.buttons()->index(before - 1, 0);
    QCOMPARE(last.data(kiosk::KioskButtonModel::ButtonIdRole).toString(),
             QStringLiteral("equipment"));
    QCOMPARE(kiosk.report(kiosk.buttons()->categoryOf(QStringLiteral("equipment"))), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QCOMPARE(kiosk.currentCategory(), QStringLiteral("lift_fault_test"));
    QCOMPARE(kiosk.currentCategoryName(), QStringLiteral("电梯故障（测试）"));
  }

  // A category with a button id of its own: the server takes any
  // well-formed id (one category per button), and the kiosk shows it by the
  // category's name (no client knows the id).
  void addedCategoryWithANewButtonShowsAfterReload() {
    KioskController kiosk(kioskOptions());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.signedIn(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.buttons()->count() > 0, 10000);
    const int before = kiosk.buttons()->count();

    writeCategories(readCategories() + QStringLiteral("categories {\n"
                                                      "  id: \"lift_entrapment_test\"\n"
                                                      "  name_zh: \"电梯困人（测试）\"\n"
                                                      "  name_en: \"Lift entrapment (test)\"\n"
                                                      "  event_class: EVENT_CLASS_FACILITY\n"
                                                      "  kiosk_buttons: \"lift\"\n"
                                                      "  default_severity: SEVERITY_MEDIUM\n"
                                                      "}\n"));
    const grpc::Status reloaded = reload();
    QVERIFY2(reloaded.ok(), reloaded.error_message().c_str());

    kiosk.checkPlaybookSet();
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.buttons()->count(), before + 1, 10000);
    const QModelIndex last = kiosk.buttons()->index(before, 0);
    QCOMPARE(last.data(kiosk::KioskButtonModel::ButtonIdRole).toString(), QStringLiteral("lift"));
    QCOMPARE(last.data(kiosk::KioskButtonModel::LabelRole).toString(),
             QStringLiteral("电梯困人（测试）"));
    QCOMPARE(kiosk.report(kiosk.buttons()->categoryOf(QStringLiteral("lift"))), QString());
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.currentStage(), int(KioskController::Delivered), 10000);
    QCOMPARE(kiosk.currentCategory(), QStringLiteral("lift_entrapment_test"));
  }

  void cleanupTestCase() {
    m_server.reset();
    m_db.reset();
  }

 private:
  kiosk::KioskOptions kioskOptions() const {
    kiosk::KioskOptions o;
    o.server = QString::fromStdString(m_server->address());
    o.caFile = QString::fromStdString(testing::TestCerts::Get().ca);
    o.kioskId = QStringLiteral("kiosk-a");
    o.secretFile = m_dir.filePath(QStringLiteral("kiosk-a.secret"));
    o.queueFile = m_dir.filePath(QStringLiteral("queue.sqlite"));
    return o;
  }
  QString readCategories() const {
    QFile f(m_playbooks + QStringLiteral("/categories.textpb"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
  }
  void writeCategories(const QString& text) const {
    QFile f(m_playbooks + QStringLiteral("/categories.textpb"));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(text.toUtf8());
  }
  // ReloadPlaybooks as the administrator, through the contract.
  grpc::Status reload() const {
    testing::Client admin(testing::MakeChannel(m_server->port()));
    if (auto s = admin.Login("admin"); !s.ok()) return s;
    auto playbooks = v1::PlaybookService::NewStub(testing::MakeChannel(m_server->port()));
    v1::PlaybookSetInfo set;
    auto ctx = admin.Ctx();
    return playbooks->ReloadPlaybooks(ctx.get(), v1::ReloadPlaybooksRequest(), &set);
  }

  QTemporaryDir m_dir;
  QString m_playbooks;
  std::unique_ptr<testing::TestDatabase> m_db;
  std::unique_ptr<testing::TestServer> m_server;
};

QTEST_MAIN(KioskButtonsTest)
#include "kiosk_buttons_e2e_test.moc"
