// hall-desk: the duty officer's desk (值班台).
//
//   hall-desk [--server HOST:PORT[,HOST:PORT…]] [--ca FILE] [--lang zh|en]
//             [--user NAME --password-file FILE]
//             [--screenshot FILE [--screenshot-delay MS]] [--select-row N]
//             [--select-incident ID [--select-step STEP] [--detail-tab
//             checklist|chain|timeline|closeout]]
//             [--show-playbook CATEGORY] [--show-setup PAGE] [--size WIDTHxHEIGHT]
//             [--show-admin PAGE [--enroll HALL/PLACE/KIOSK/NAME]]
//             [--show-dashboard week|month|quarter]
//             [--show-floor-plan HALL]
//             [--show-drills [--drill-hall HALL] [--edit-injects]]
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QFont>
#include <QPushButton>
#include <QTimeZone>
#include <QTimer>

#include "desk_session.h"
#include "desk_window.h"
#include "drill_console_view.h"
#include "drill_inject_editor.h"
#include "hall/grpc_runtime.h"
#include "labels.h"

int main(int argc, char** argv) {
  hall::proto::ConfigureGrpcRuntime();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("hall-desk"));
  QFont font(QStringLiteral("Noto Sans CJK SC"));
  font.setPointSize(11);
  QApplication::setFont(font);

  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("Hall incident desk (值班台)"));
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
  QCommandLineOption user(QStringLiteral("user"), QStringLiteral("sign in as NAME at start"),
                          QStringLiteral("name"));
  QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                  QStringLiteral("file holding the password"),
                                  QStringLiteral("file"));
  QCommandLineOption shot(QStringLiteral("screenshot"),
                          QStringLiteral("save a picture of the window and quit"),
                          QStringLiteral("file"));
  QCommandLineOption shotDelay(QStringLiteral("screenshot-delay"),
                               QStringLiteral("wait before the picture (ms)"), QStringLiteral("ms"),
                               QStringLiteral("5000"));
  QCommandLineOption select(QStringLiteral("select-row"),
                            QStringLiteral("select this board row once loaded"),
                            QStringLiteral("row"));
  QCommandLineOption selectIncident(QStringLiteral("select-incident"),
                                    QStringLiteral("select this incident once loaded"),
                                    QStringLiteral("id"));
  QCommandLineOption selectStep(
      QStringLiteral("select-step"),
      QStringLiteral("with --select-incident: select this checklist step"), QStringLiteral("step"));
  QCommandLineOption showPlaybook(QStringLiteral("show-playbook"),
                                  QStringLiteral("open the playbooks tab at this category"),
                                  QStringLiteral("category"));
  QCommandLineOption detailTab(
      QStringLiteral("detail-tab"),
      QStringLiteral("with --select-incident: show the checklist, chain, timeline or closeout tab"),
      QStringLiteral("tab"));
  QCommandLineOption showSetup(QStringLiteral("show-setup"),
                               QStringLiteral("open the roster & contacts tab at this page (0-4)"),
                               QStringLiteral("page"));
  QCommandLineOption showAdmin(QStringLiteral("show-admin"),
                               QStringLiteral("open the administration tab at this page (0-2)"),
                               QStringLiteral("page"));
  QCommandLineOption enroll(
      QStringLiteral("enroll"),
      QStringLiteral("with --show-admin 0: issue a code for HALL/PLACE/KIOSK/NAME (screenshots)"),
      QStringLiteral("spec"));
  QCommandLineOption showDashboard(
      QStringLiteral("show-dashboard"),
      QStringLiteral("open the statistics tab on this period: week, month or quarter"),
      QStringLiteral("period"));
  QCommandLineOption showFloorPlan(QStringLiteral("show-floor-plan"),
                                   QStringLiteral("open the board's floor plan tab at this hall"),
                                   QStringLiteral("hall"));
  QCommandLineOption showDrills(
      QStringLiteral("show-drills"),
      QStringLiteral("open the drills tab (its hall's live or latest drill)"));
  QCommandLineOption drillHall(QStringLiteral("drill-hall"),
                               QStringLiteral("with --show-drills: the hall to show"),
                               QStringLiteral("hall"));
  QCommandLineOption editInjects(
      QStringLiteral("edit-injects"),
      QStringLiteral("with --show-drills and --screenshot: open 编排注入 on the scenario shown, "
                     "check it and capture the editor"));
  QCommandLineOption size(QStringLiteral("size"),
                          QStringLiteral("window size for --screenshot (default 1920x1080)"),
                          QStringLiteral("WxH"), QStringLiteral("1920x1080"));
  cli.addOptions({server,
                  ca,
                  lang,
                  user,
                  passwordFile,
                  shot,
                  shotDelay,
                  select,
                  selectIncident,
                  selectStep,
                  detailTab,
                  showPlaybook,
                  showSetup,
                  showAdmin,
                  enroll,
                  showDashboard,
                  showFloorPlan,
                  showDrills,
                  drillHall,
                  editInjects,
                  size});
  cli.process(app);

  hall::client::LanguageSwitcher language(QStringLiteral("desk"));
  language.setLanguage(cli.value(lang));
  hall::desk::DeskOptions options;
  options.server = cli.value(server);
  options.caFile = cli.value(ca);
  hall::desk::DeskSession session(options);
  hall::desk::DeskWindow window(&session, &language);
  if (cli.isSet(shot)) {
    const QStringList wh = cli.value(size).split(QLatin1Char('x'));
    window.resize(wh.value(0).toInt() > 0 ? wh.value(0).toInt() : 1920,
                  wh.value(1).toInt() > 0 ? wh.value(1).toInt() : 1080);
    window.show();
  } else {
    window.showMaximized();
  }

  if (cli.isSet(user)) {
    QFile f(cli.value(passwordFile));
    if (!f.open(QIODevice::ReadOnly)) {
      qCritical("hall-desk: cannot read --password-file %s", qPrintable(cli.value(passwordFile)));
      return 2;
    }
    session.login(cli.value(user), QString::fromUtf8(f.readAll().trimmed()));
  }
  if (cli.isSet(select)) {
    QObject::connect(session.watch(), &hall::client::IncidentWatch::caughtUp, &window,
                     [&window, row = cli.value(select).toInt()] {
                       QTimer::singleShot(300, &window, [&window, row] { window.selectRow(row); });
                     });
  }
  if (cli.isSet(selectIncident)) {
    QObject::connect(session.watch(), &hall::client::IncidentWatch::caughtUp, &window,
                     [&window, id = cli.value(selectIncident), tab = cli.value(detailTab)] {
                       QTimer::singleShot(300, &window, [&window, id, tab] {
                         window.selectIncident(id);
                         if (tab == QLatin1String("chain")) {
                           window.detailTabs()->setCurrentWidget(window.chainPanel());
                         } else if (tab == QLatin1String("timeline")) {
                           window.detailTabs()->setCurrentIndex(2);
                         } else if (tab == QLatin1String("closeout")) {
                           window.detailTabs()->setCurrentWidget(window.closeOutPanel());
                         }
                       });
                     });
  }
  if (cli.isSet(selectStep)) {
    QObject::connect(
        session.checklist(), &QAbstractItemModel::modelReset, &window,
        [&window, step = cli.value(selectStep)] { window.checklistPanel()->selectStep(step); });
  }
  if (cli.isSet(showPlaybook)) {
    QObject::connect(&session, &hall::desk::DeskSession::categoriesChanged, &window,
                     [&window, category = cli.value(showPlaybook)] {
                       window.tabs()->setCurrentWidget(window.playbookPage());
                       window.playbookPage()->showCategory(category);
                     });
  }
  if (cli.isSet(showSetup)) {
    QObject::connect(&session, &hall::desk::DeskSession::hallsChanged, &window,
                     [&window, page = cli.value(showSetup).toInt()] {
                       window.tabs()->setCurrentWidget(window.setupPage());
                       window.setupPage()->pages()->setCurrentIndex(page);
                     });
  }
  if (cli.isSet(showAdmin)) {
    QObject::connect(
        &session, &hall::desk::DeskSession::hallsChanged, &window,
        [&window, page = cli.value(showAdmin).toInt(), spec = cli.value(enroll)] {
          window.tabs()->setCurrentWidget(window.adminPage());
          window.adminPage()->pages()->setCurrentIndex(page);
          if (page == 2) {
            auto* query = window.adminPage()->findChild<QPushButton*>(QStringLiteral("auditQuery"));
            if (query) query->click();
          }
          const QStringList parts = spec.split(QLatin1Char('/'));
          if (page == 0 && parts.size() == 4)
            window.adminPage()->issueFor(parts[0], parts[1], parts[2], parts[3]);
        },
        Qt::SingleShotConnection);  // one code, once the halls are known
  }
  if (cli.isSet(showDashboard)) {
    QObject::connect(
        &session, &hall::desk::DeskSession::hallsChanged, &window,
        [&window, period = cli.value(showDashboard)] {
          using hall::client::PeriodKind;
          const PeriodKind kind = period == QLatin1String("week")      ? PeriodKind::Week
                                  : period == QLatin1String("quarter") ? PeriodKind::Quarter
                                                                       : PeriodKind::Month;
          window.dashboard()->setPeriod(hall::client::periodContaining(
              kind, QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date()));
          window.boardTabs()->setCurrentWidget(window.dashboard());
        },
        Qt::SingleShotConnection);
  }
  if (cli.isSet(showFloorPlan)) {
    QObject::connect(&session, &hall::desk::DeskSession::hallsChanged, &window,
                     [&window, hall = cli.value(showFloorPlan)] {
                       window.boardTabs()->setCurrentWidget(window.floorPlanView());
                       window.floorPlanView()->showHall(hall);
                     });
  }
  if (cli.isSet(showDrills)) {
    QObject::connect(
        &session, &hall::desk::DeskSession::hallsChanged, &window,
        [&window, hall = cli.value(drillHall)] {
          window.boardTabs()->setCurrentWidget(window.drillConsole());
          if (!hall.isEmpty()) window.drillConsole()->showHall(hall);
        },
        Qt::SingleShotConnection);
  }
  if (cli.isSet(shot) && cli.isSet(editInjects)) {
    // The editor is a dialog of its own: capture it once checked.
    const QString file = cli.value(shot);
    QTimer::singleShot(cli.value(shotDelay).toInt(), &app, [&window, file] {
      hall::desk::DrillInjectEditor* editor = window.drillConsole()->editInjects();
      if (!editor) {
        qCritical("hall-desk: no scenario to edit (not a drill coordinator?)");
        QCoreApplication::exit(1);
        return;
      }
      QObject::connect(editor, &hall::desk::DrillInjectEditor::checkFinished, editor,
                       [editor, file] {
                         QTimer::singleShot(300, editor, [editor, file] {
                           const bool saved = editor->grab().save(file);
                           if (!saved) qCritical("hall-desk: cannot save %s", qPrintable(file));
                           QCoreApplication::exit(saved ? 0 : 1);
                         });
                       });
      editor->check();
    });
  } else if (cli.isSet(shot)) {
    const QString file = cli.value(shot);
    QTimer::singleShot(cli.value(shotDelay).toInt(), &app, [&window, file] {
      if (!window.grab().save(file)) {
        qCritical("hall-desk: cannot save %s", qPrintable(file));
        QCoreApplication::exit(1);
        return;
      }
      qInfo("hall-desk: screenshot saved to %s", qPrintable(file));
      QCoreApplication::quit();
    });
  }
  return app.exec();
}
