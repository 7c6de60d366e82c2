// hall-kiosk: the floor guide's full-screen alarm kiosk (报警终端).
//
//   hall-kiosk --kiosk-id kiosk-dongguan-1 --secret-file var/demo/kiosk-dongguan-1.secret
//              [--server HOST:PORT[,HOST:PORT…]] [--ca FILE] [--queue FILE] [--lang zh|en]
//              [--windowed] [--screenshot FILE [--screenshot-delay MS]] [--press CATEGORY]
//   hall-kiosk --secret-file var/kiosk.secret [--queue var/kiosk.sqlite] …
//     (a new kiosk: while the secret file does not exist it asks for the
//      enrollment code an admin issued on the desk, then keeps its
//      credential there and its kiosk id in the queue file)
#include <QtQml/qqmlextensionplugin.h>

#include <QCommandLineParser>
#include <QFont>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include "hall/grpc_runtime.h"
#include "kiosk_controller.h"
#include "labels.h"

Q_IMPORT_QML_PLUGIN(Hall_KioskPlugin)

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();
  QGuiApplication app(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("hall-kiosk"));
  QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));

  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("Hall incident kiosk (报警终端)"));
  cli.addHelpOption();
  QCommandLineOption server(QStringLiteral("server"),
                            QStringLiteral("server HOST:PORT, or several separated by commas "
                                           "(HOST1:PORT1,HOST2:PORT2): on losing one the "
                                           "client moves to the next"),
                            QStringLiteral("address"), QStringLiteral("127.0.0.1:7443"));
  QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("CA certificate (PEM)"),
                        QStringLiteral("file"), QStringLiteral("var/tls/ca.crt"));
  QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("zh or en"),
                          QStringLiteral("lang"), QStringLiteral("zh"));
  QCommandLineOption kioskId(QStringLiteral("kiosk-id"), QStringLiteral("this kiosk's id"),
                             QStringLiteral("id"));
  QCommandLineOption secret(QStringLiteral("secret-file"),
                            QStringLiteral("file holding the device secret"),
                            QStringLiteral("file"));
  QCommandLineOption queue(QStringLiteral("queue"),
                           QStringLiteral("local SQLite queue (default var/kiosk-<id>.sqlite)"),
                           QStringLiteral("file"));
  QCommandLineOption windowed(QStringLiteral("windowed"),
                              QStringLiteral("a window instead of full screen"));
  QCommandLineOption shot(QStringLiteral("screenshot"),
                          QStringLiteral("save a picture of the screen and quit"),
                          QStringLiteral("file"));
  QCommandLineOption shotDelay(QStringLiteral("screenshot-delay"),
                               QStringLiteral("wait before the picture (ms)"), QStringLiteral("ms"),
                               QStringLiteral("4000"));
  QCommandLineOption press(QStringLiteral("press"),
                           QStringLiteral("report CATEGORY at start (demo, screenshots)"),
                           QStringLiteral("category"));
  cli.addOptions({server, ca, lang, kioskId, secret, queue, windowed, shot, shotDelay, press});
  cli.process(app);
  if (!cli.isSet(secret)) {
    qCritical("hall-kiosk: --secret-file is required (see --help)");
    return 2;
  }

  hall::client::LanguageSwitcher language(QStringLiteral("kiosk"));
  hall::kiosk::KioskOptions options;
  options.server = cli.value(server);
  options.caFile = cli.value(ca);
  options.kioskId = cli.value(kioskId);
  options.secretFile = cli.value(secret);
  options.queueFile = cli.value(queue);
  hall::kiosk::KioskController controller(options);
  // Names the client has no translation of follow the language too.
  QObject::connect(&language, &hall::client::LanguageSwitcher::languageChanged, &controller,
                   [&] { controller.setLanguage(language.language()); });
  language.setLanguage(cli.value(lang));

  QQmlApplicationEngine engine;
  engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
  QObject::connect(&language, &hall::client::LanguageSwitcher::languageChanged, &engine,
                   &QQmlApplicationEngine::retranslate);
  engine.setInitialProperties(
      {{QStringLiteral("controller"), QVariant::fromValue(&controller)},
       {QStringLiteral("language"), QVariant::fromValue<QObject*>(&language)}});
  engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Hall/Kiosk/qml/Main.qml")));
  if (engine.rootObjects().isEmpty()) return 1;
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
  if (!cli.isSet(windowed) && !cli.isSet(shot)) window->showFullScreen();

  controller.start();
  if (cli.isSet(press)) controller.report(cli.value(press));

  if (cli.isSet(shot)) {
    const QString file = cli.value(shot);
    QTimer::singleShot(cli.value(shotDelay).toInt(), &app, [window, file] {
      if (!window->grabWindow().save(file)) {
        qCritical("hall-kiosk: cannot save %s", qPrintable(file));
        QCoreApplication::exit(1);
        return;
      }
      qInfo("hall-kiosk: screenshot saved to %s", qPrintable(file));
      QCoreApplication::quit();
    });
  }
  return app.exec();
}
