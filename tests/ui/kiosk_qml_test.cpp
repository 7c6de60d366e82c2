// QML tests of the kiosk (qml/tst_*.qml), offscreen. The screen gets a real
// KioskController whose server is unreachable and whose queue is a fresh
// temporary SQLite file, so offline behaviour is the real one. What the
// server would have said is fed in through `kioskTest` (KioskTestHelper):
// (`enrollController` is a second one with no credential yet)
// the playbook set's taxonomy (playbooks/categories.textpb, plus a category
// whose button no client has a label for), the limits, the clock speed and
// a heartbeat's drill notice.
#include <QtQml/qqmlextensionplugin.h>
#include <google/protobuf/text_format.h>

#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest>

#include "kiosk_controller.h"

Q_IMPORT_QML_PLUGIN(Hall_KioskPlugin)

namespace v1 = hall::v1;

// What the tests tell the controller in place of the server.
class KioskTestHelper : public QObject {
  Q_OBJECT

 public:
  explicit KioskTestHelper(hall::kiosk::KioskController* controller, QObject* parent = nullptr)
      : QObject(parent), m_controller(controller) {}

  // The taxonomy of the playbook set in this tree, with one more category
  // whose button ("lift") no client has a label for.
  Q_INVOKABLE bool loadTaxonomy() {
    QFile f(QStringLiteral(HALL_SOURCE_DIR "/playbooks/categories.textpb"));
    v1::Taxonomy t;
    if (!f.open(QIODevice::ReadOnly) ||
        !google::protobuf::TextFormat::ParseFromString(f.readAll().toStdString(), &t)) {
      return false;
    }
    auto* c = t.add_categories();
    c->set_id("lift_entrapment_test");
    c->set_name_zh("电梯困人（测试）");
    c->set_name_en("Lift entrapment (test)");
    c->add_kiosk_buttons("lift");
    m_controller->setTaxonomy(t);
    return true;
  }
  // The server's limits.
  Q_INVOKABLE void setLimits(int maxSummaryChars, int withdrawWindowSeconds) {
    v1::ServerInfo info = m_controller->server()->info();
    info.mutable_limits()->set_max_summary_chars(maxSummaryChars);
    info.mutable_limits()->set_max_note_chars(2000);
    info.mutable_limits()->set_max_headcount(100000);
    info.mutable_limits()->set_withdraw_window_seconds(withdrawWindowSeconds);
    m_controller->server()->update(info);
  }
  // A heartbeat's clock speed.
  Q_INVOKABLE void setClockSpeed(double speed) { m_controller->server()->updateClock(speed, 0); }
  // A heartbeat's drill notice (drillId "" = none).
  Q_INVOKABLE void heartbeatDrill(const QString& drillId, const QString& nameZh,
                                  const QString& nameEn, const QString& message, bool paused) {
    v1::HeartbeatResponse resp;
    resp.set_clock_speed(m_controller->server()->clockSpeed());
    resp.set_drill_id(drillId.toStdString());
    resp.set_drill_name_zh(nameZh.toStdString());
    resp.set_drill_name_en(nameEn.toStdString());
    resp.set_drill_message(message.toStdString());
    resp.set_drill_paused(paused);
    m_controller->applyHeartbeat(resp);
  }

 private:
  hall::kiosk::KioskController* m_controller;
};

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    QFile secret(m_dir.filePath(QStringLiteral("kiosk.secret")));
    secret.open(QIODevice::WriteOnly);
    secret.write("kiosk-secret-123\n");
    secret.close();
    hall::kiosk::KioskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");  // nothing listens there
    o.caFile = QStringLiteral("/nonexistent-ca.crt");
    o.kioskId = QStringLiteral("kiosk-test");
    o.secretFile = secret.fileName();
    o.queueFile = m_dir.filePath(QStringLiteral("queue.sqlite"));
    m_controller = new hall::kiosk::KioskController(o, this);
    m_controller->start();
    engine->rootContext()->setContextProperty(QStringLiteral("kioskController"), m_controller);
    engine->rootContext()->setContextProperty(QStringLiteral("kioskTest"),
                                              new KioskTestHelper(m_controller, this));
    // A new kiosk: no secret file yet, so it asks for its enrollment code.
    hall::kiosk::KioskOptions fresh = o;
    fresh.kioskId.clear();
    fresh.secretFile = m_dir.filePath(QStringLiteral("new/kiosk.secret"));
    fresh.queueFile = m_dir.filePath(QStringLiteral("new/queue.sqlite"));
    auto* enroll = new hall::kiosk::KioskController(fresh, this);
    enroll->start();
    engine->rootContext()->setContextProperty(QStringLiteral("enrollController"), enroll);
  }

 private:
  QTemporaryDir m_dir;
  hall::kiosk::KioskController* m_controller = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)
#include "kiosk_qml_test.moc"
