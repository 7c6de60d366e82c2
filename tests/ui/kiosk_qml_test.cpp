// QML tests of the kiosk (qml/tst_*.qml), offscreen. The screen gets a real
// KioskController whose server is unreachable and whose queue is a fresh
// temporary SQLite file, so offline behaviour is the real one.
#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include "kiosk_controller.h"

Q_IMPORT_QML_PLUGIN(Hall_KioskPlugin)

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
  }

 private:
  QTemporaryDir m_dir;
  hall::kiosk::KioskController* m_controller = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)
#include "kiosk_qml_test.moc"
