// Tests of the desk's window and session without a server: the login page
// refuses empty credentials, the connection state is shown, notes are
// checked before sending, the language switches, an unacknowledged panic
// on the board shows the banner and starts the alarm; checklist actions
// are refused before sending when a reason or a step is missing; notes are
// checked against the server's limit (ServerInfo.limits), not a copy; the
// actions shown follow the server's permissions (Principal.permissions);
// the simulated-clock banner; the role and party labels in both languages;
// the playbook page's rendering; the administration tab by role, its
// actions refused before sending when their input is wrong, and the QR code
// of an enrollment code.
#include "desk_window.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

#include "desk_session.h"
#include "labels.h"
#include "leadership_model.h"
#include "playbook_html.h"
#include "qr_image.h"

using namespace hall;

class DeskWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void loginRefusesEmptyCredentials() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    o.caFile = QStringLiteral("/nonexistent");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* error = window.findChild<QLabel*>(QStringLiteral("loginError"));
    QVERIFY(error);
    QTest::keyClick(window.findChild<QLineEdit*>(QStringLiteral("password")), Qt::Key_Return);
    QTRY_COMPARE(error->text(), QStringLiteral("请输入用户名和密码"));
    // A real attempt against no server: the server's unavailability is shown.
    window.findChild<QLineEdit*>(QStringLiteral("user"))->setText(QStringLiteral("duty"));
    window.findChild<QLineEdit*>(QStringLiteral("password"))->setText(QStringLiteral("secret"));
    QTest::keyClick(window.findChild<QLineEdit*>(QStringLiteral("password")), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(QStringLiteral("无法连接服务器")), 15000);
    auto* state = window.findChild<QLabel*>(QStringLiteral("connectionState"));
    QVERIFY(state->text().contains(QStringLiteral("正在重连")) ||
            state->text().contains(QStringLiteral("离线")));

    language.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(window.windowTitle(), QStringLiteral("Hall incident command desk · Duty desk"));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("loginError"))
                 ->parentWidget()
                 ->findChildren<QPushButton*>()
                 .first()
                 ->text(),
             QStringLiteral("Sign in"));
    language.setLanguage(QStringLiteral("zh"));
    QTRY_COMPARE(window.windowTitle(), QStringLiteral("政务服务大厅应急指挥台 · 值班台"));
  }

  void notesAreChecked() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    QCOMPARE(session.checkNote(QStringLiteral("  "), true), QStringLiteral("备注不能为空"));
    // The server has not said its limit yet: it checks alone.
    QVERIFY(session.checkNote(QString(5000, QLatin1Char('x')), true).isEmpty());
    v1::ServerInfo info;
    info.mutable_limits()->set_max_note_chars(300);
    info.mutable_limits()->set_max_summary_chars(100);
    session.client()->serverProfile()->update(info);
    QCOMPARE(session.maxNoteChars(), 300);
    QVERIFY(session.checkNote(QString(300, QLatin1Char('x')), true).isEmpty());
    QVERIFY(session.checkNote(QString(301, QLatin1Char('x')), true)
                .contains(QStringLiteral("最多 300 个字")));
    QVERIFY(session.checkNote(QString(), false).isEmpty());
    QVERIFY(session.checkSummary(QString(101, QLatin1Char('x')))
                .contains(QStringLiteral("最多 100 个字")));
    QSignalSpy done(&session, &desk::DeskSession::actionFinished);
    session.addNote(QStringLiteral("some-id"), QString());
    QCOMPARE(done.count(), 1);
    QCOMPARE(done[0][1].toBool(), false);
    QCOMPARE(done[0][2].toString(), QStringLiteral("备注不能为空"));
    session.raise(QStringLiteral("hall-a"), QStringLiteral("fire"), true,
                  QString(101, QLatin1Char('x')));
    QCOMPARE(done.count(), 2);
    QVERIFY(done[1][2].toString().contains(QStringLiteral("过长")));
    QCOMPARE(session.client()->callsInFlight(), 0);  // nothing was sent
  }

  // The desk needs "read"; the rest of what it shows follows the server's
  // permissions, not the desk's idea of a role.
  void actionsFollowPermissions() {
    v1::Principal guide;
    guide.set_role(v1::ROLE_FLOOR_GUIDE);
    QVERIFY(desk::DeskSession::refusal(guide).contains(QStringLiteral("无权查看事件")));
    guide.add_permissions("raise");
    guide.add_permissions("read");
    guide.add_permissions("note");
    QVERIFY(desk::DeskSession::refusal(guide).isEmpty());

    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    auto* ack = window.findChild<QPushButton*>(QStringLiteral("ackButton"));
    auto* note = window.findChild<QPushButton*>(QStringLiteral("noteButton"));
    auto* done = window.findChild<QPushButton*>(QStringLiteral("stepDoneButton"));
    auto* retriage = window.findChild<QPushButton*>(QStringLiteral("retriageButton"));
    QVERIFY(ack && note && done && retriage);

    // Notes only (a bureau observer, a floor guide): the rest is hidden.
    QSignalSpy changed(&session, &desk::DeskSession::permissionsChanged);
    session.setPrincipal(guide);
    QCOMPARE(changed.count(), 1);
    QVERIFY(session.may(QStringLiteral("note")));
    QVERIFY(!session.may(QStringLiteral("acknowledge")));
    QVERIFY(!session.readOnly());
    QVERIFY(ack->isHidden());
    QVERIFY(!note->isHidden());
    QVERIFY(done->isHidden());
    QVERIFY(retriage->isHidden());

    // A duty officer's permissions show them all.
    v1::Principal duty;
    duty.set_role(v1::ROLE_DUTY_OFFICER);
    for (const char* p : {"read", "acknowledge", "assign", "note", "resolve", "close", "reopen",
                          "checklist", "triage"}) {
      duty.add_permissions(p);
    }
    session.setPrincipal(duty);
    QVERIFY(!ack->isHidden());
    QVERIFY(!done->isHidden());
    QVERIFY(!retriage->isHidden());
    QVERIFY(!ack->isEnabled());  // nothing selected

    // Read only (an administrator): nothing to act with.
    v1::Principal admin;
    admin.set_role(v1::ROLE_ADMIN);
    admin.add_permissions("read");
    admin.add_permissions("admin_directory");
    session.setPrincipal(admin);
    QVERIFY(session.readOnly());
  }

  void leadershipViewOpensForLeadersAndFollowsTheBoard() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    auto* tabs = window.boardTabs();
    QVERIFY(tabs);

    v1::Principal duty;
    duty.set_role(v1::ROLE_DUTY_OFFICER);
    duty.add_permissions("read");
    session.setPrincipal(duty);
    QVERIFY(!tabs->isTabVisible(1));
    QCOMPARE(tabs->currentIndex(), 0);

    v1::Principal leader;
    leader.set_id("leader-1");
    leader.set_role(v1::ROLE_LEADERSHIP);
    leader.add_permissions("read");
    session.setPrincipal(leader);
    QVERIFY(tabs->isTabVisible(1));
    QCOMPARE(tabs->currentIndex(), 1);

    // Two incidents on the board: the one escalated to this leader first.
    auto event = [](const char* id, const char* hall, qint64 age) {
      v1::IncidentEvent e;
      static int64_t seq = 0;
      e.set_seq(++seq);
      auto* inc = e.mutable_incident();
      inc->set_id(id);
      inc->set_hall_id(hall);
      inc->set_category("fire");
      inc->set_severity(v1::SEVERITY_HIGH);
      inc->set_status(v1::INCIDENT_STATUS_REPORTED);
      inc->set_last_seq(seq);
      inc->mutable_reported_at()->set_seconds(QDateTime::currentSecsSinceEpoch() - age);
      e.set_incident_id(id);
      e.set_hall_id(hall);
      return e;
    };
    auto old = event("old", "yl-1", 600);
    auto mine = event("mine", "fr-1", 30);
    auto* esc = mine.mutable_incident()->mutable_escalation();
    esc->set_started(true);
    esc->add_alerts()->add_people()->set_person_id("leader-1");
    session.board()->applyEvents({old, mine});
    auto* view = window.leadershipView();
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->idAt(0), QStringLiteral("mine"));
    auto* counts = window.findChild<QLabel*>(QStringLiteral("leadershipCounts"));
    QVERIFY(counts->text().contains(QStringLiteral("待领导确认")));
    // Drills only: nothing; the counts say so.
    auto* drill = window.findChild<QComboBox*>(QStringLiteral("leadershipDrill"));
    drill->setCurrentIndex(drill->findData(2));
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("leadershipPerHall"))
                ->text()
                .contains(QStringLiteral("暂无")));
    language.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(tabs->tabText(1), QStringLiteral("Leadership view"));
    QCOMPARE(view->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Needs"));
  }

  void closeOutPanelShowsWhatIsStillNeededAndWhoMayApprove() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    v1::Principal duty;
    duty.set_id("duty-1");
    duty.set_role(v1::ROLE_DUTY_OFFICER);
    for (const char* p : {"read", "close_out", "close"}) duty.add_permissions(p);
    session.setPrincipal(duty);

    v1::IncidentEvent e;
    e.set_seq(1);
    e.set_incident_id("co-1");
    e.set_hall_id("hall-a");
    auto* inc = e.mutable_incident();
    inc->set_id("co-1");
    inc->set_hall_id("hall-a");
    inc->set_category("fire");
    inc->set_status(v1::INCIDENT_STATUS_RESOLVED);
    inc->set_last_seq(1);
    auto* st = inc->add_statements();
    st->set_id("s1");
    st->set_text("今日火情已处置");
    st->set_state(v1::STATEMENT_STATE_PENDING);
    st->set_drafted_by("duty-1");
    session.board()->applyEvents({e});
    session.select(QStringLiteral("co-1"));
    auto* panel = window.closeOutPanel();
    panel->refresh();
    auto* need = panel->findChild<QLabel*>(QStringLiteral("closeOutRequirements"));
    QVERIFY(need->text().contains(QStringLiteral("1 条通报待审批")));
    auto* list = panel->findChild<QListWidget*>(QStringLiteral("statements"));
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("待审批")));
    const auto buttons = panel->findChildren<QPushButton*>();
    auto button = [&](const QString& text) -> QPushButton* {
      for (auto* b : buttons)
        if (b->text() == text) return b;
      return nullptr;
    };
    QVERIFY(button(QStringLiteral("起草通报"))->isEnabled());
    QVERIFY(button(QStringLiteral("批准"))->isHidden());  // a duty officer does not approve
    // A summary with its required parts missing is refused before sending.
    QSignalSpy finished(&session, &desk::DeskSession::actionFinished);
    session.recordSummary(QStringLiteral("co-1"), v1::AfterActionSummary());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(1).toBool(), false);
    QVERIFY(finished.at(0).at(2).toString().contains(QStringLiteral("总结不完整")));

    v1::Principal leader;
    leader.set_id("leader-1");
    leader.set_role(v1::ROLE_LEADERSHIP);
    for (const char* p : {"read", "close_out", "approve_statement"}) leader.add_permissions(p);
    session.setPrincipal(leader);
    list->setCurrentRow(0);
    QVERIFY(!button(QStringLiteral("批准"))->isHidden());
    QVERIFY(button(QStringLiteral("批准"))->isEnabled());
  }

  void clockBannerShowsAcceleratedServer() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    QVERIFY(window.clockBanner()->isHidden());
    v1::ServerInfo info;
    info.set_clock_speed(60);
    session.client()->serverProfile()->update(info);
    QVERIFY(!window.clockBanner()->isHidden());
    QVERIFY2(window.clockBanner()->text().contains(QStringLiteral("模拟时钟 ×60")),
             qPrintable(window.clockBanner()->text()));
    language.setLanguage(QStringLiteral("en"));
    QTRY_VERIFY(window.clockBanner()->text().contains(QStringLiteral("Simulated clock ×60")));
    language.setLanguage(QStringLiteral("zh"));
    info.set_clock_speed(1);
    session.client()->serverProfile()->update(info);
    QVERIFY(window.clockBanner()->isHidden());
  }

  void checklistActionsAreCheckedBeforeSending() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    QSignalSpy done(&session, &desk::DeskSession::actionFinished);
    const QString id = QStringLiteral("some-id");
    session.skipStep(id, QStringLiteral("call_119"), QStringLiteral("  "));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("跳过步骤须填写原因"));
    session.completeStep(id, QString(), QString());
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请先在处置清单中选择一个步骤"));
    v1::ServerInfo info;
    info.mutable_limits()->set_max_note_chars(2000);
    session.client()->serverProfile()->update(info);
    session.completeStep(id, QStringLiteral("call_119"), QString(2001, QLatin1Char('x')));
    QVERIFY(done.last()[2].toString().contains(QStringLiteral("过长")));
    session.recategorize(id, QStringLiteral("explosion"), v1::SEVERITY_UNSPECIFIED, QString());
    QCOMPARE(done.last()[2].toString(), QStringLiteral("改类别须填写原因"));
    session.recategorize(id, QString(), v1::SEVERITY_UNSPECIFIED, QStringLiteral("原因"));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请选择新的事件类别"));
    session.updateMetric(id, QStringLiteral("petitioner_count"), -1);
    QCOMPARE(done.last()[2].toString(), QStringLiteral("指标值须在 0 到 10亿 之间"));
    QCOMPARE(done.count(), 6);
    for (const auto& call : done) QCOMPARE(call[1].toBool(), false);
    QCOMPARE(session.client()->callsInFlight(), 0);  // nothing was sent
  }

  // The chain actions check their input before sending: a reason for
  // 升级 / 交回下一级 / 定级, a step, a number and a method for 记录联系.
  void escalationActionsAreCheckedBeforeSending() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    QSignalSpy done(&session, &desk::DeskSession::actionFinished);
    const QString id = QStringLiteral("some-id");
    session.escalate(id, QStringLiteral(" "));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("升级须填写原因"));
    session.deescalate(id, QString());
    QCOMPARE(done.last()[2].toString(), QStringLiteral("交回下一级须填写原因"));
    session.escalate(QString(), QStringLiteral("原因"));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请先选择一个事件"));
    session.setGrade(id, QString(), QStringLiteral("原因"));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请选择级别"));
    session.setGrade(id, QStringLiteral("I"), QString());
    QCOMPARE(done.last()[2].toString(), QStringLiteral("定级须填写原因"));
    session.recordContact(id, QString(), QStringLiteral("110"), v1::CONTACT_METHOD_PHONE, {}, {});
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请先在处置清单中选择一个联系步骤"));
    session.recordContact(id, QStringLiteral("call_110"), QStringLiteral(" "),
                          v1::CONTACT_METHOD_PHONE, {}, {});
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请填写拨打的号码"));
    session.recordContact(id, QStringLiteral("call_110"), QStringLiteral("110"),
                          v1::CONTACT_METHOD_UNSPECIFIED, {}, {});
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请选择联系方式"));
    QCOMPARE(done.count(), 8);
    for (const auto& call : done) QCOMPARE(call[1].toBool(), false);
    QCOMPARE(session.client()->callsInFlight(), 0);  // nothing was sent
  }

  // Acknowledge also takes a later alert of an acknowledged incident's
  // chain; the chain's actions show by the "escalate" permission.
  void acknowledgeTakesALaterAlert() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    v1::Principal head;
    head.set_role(v1::ROLE_HALL_HEAD);
    for (const char* p : {"read", "acknowledge", "escalate", "checklist", "triage"})
      head.add_permissions(p);
    session.setPrincipal(head);
    v1::IncidentEvent e;
    e.set_seq(5);
    e.set_incident_id("i1");
    auto* inc = e.mutable_incident();
    inc->set_id("i1");
    inc->set_category("fire");
    inc->set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
    inc->set_last_seq(5);
    auto* es = inc->mutable_escalation();
    es->set_started(true);
    es->set_stages(2);
    es->set_stage(1);
    es->add_alerts()->set_stage(0);
    es->add_alerts()->set_stage(1);
    session.board()->applyEvents({e});
    window.selectRow(0);
    auto* ack = window.findChild<QPushButton*>(QStringLiteral("ackButton"));
    QVERIFY(!ack->isHidden());
    QVERIFY(ack->isEnabled());
    QCOMPARE(ack->text(), QStringLiteral("确认上报 (A)"));
    QVERIFY(desk::DeskSession::awaitsAcknowledgement(*inc));
    es->set_acknowledged(true);
    QVERIFY(!desk::DeskSession::awaitsAcknowledgement(*inc));
    auto* up = window.findChild<QPushButton*>(QStringLiteral("escalateButton"));
    auto* down = window.findChild<QPushButton*>(QStringLiteral("deescalateButton"));
    QVERIFY(up && down);
    QVERIFY(!up->isHidden());
    QVERIFY(!up->isEnabled());    // at the last stage
    QVERIFY(!down->isEnabled());  // not acknowledged yet
    v1::Principal guide;
    guide.add_permissions("read");
    session.setPrincipal(guide);
    QVERIFY(up->isHidden());
    QVERIFY(ack->isHidden());
  }

  void roleAndPartyLabels() {
    QCOMPARE(client::responsibleName(QStringLiteral("first_informed")),
             QStringLiteral("第一知情人"));
    QCOMPARE(client::responsibleName(QStringLiteral("leadership_group")),
             QStringLiteral("应急工作领导小组"));
    QCOMPARE(client::partyName(QStringLiteral("police")), QStringLiteral("公安/110"));
    QCOMPARE(client::partyName(QStringLiteral("elevator_maintenance")), QStringLiteral("电梯维保"));
    QCOMPARE(client::tierName(QStringLiteral("data_bureau")), QStringLiteral("数据管理局"));
    QCOMPARE(client::tierName(QStringLiteral("zone_leader")), QStringLiteral("包保负责人"));
    QCOMPARE(client::partyName(QStringLiteral("unknown_party")), QStringLiteral("unknown_party"));
    client::LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    QCOMPARE(client::responsibleName(QStringLiteral("first_informed")),
             QStringLiteral("First informed"));
    QCOMPARE(client::partyName(QStringLiteral("fire_service")),
             QStringLiteral("Fire service / 119"));
    QCOMPARE(client::eventKindName(v1::EVENT_KIND_STEP_DONE), QStringLiteral("Step done"));
    language.setLanguage(QStringLiteral("zh"));
    QCOMPARE(client::eventKindName(v1::EVENT_KIND_RECATEGORIZED), QStringLiteral("改类别"));
  }

  void playbookPageRendersEverySection() {
    v1::GetPlaybookResponse r;
    r.set_plan_id("jiaxiang");
    r.set_falls_back(true);
    auto* pb = r.mutable_playbook();
    pb->set_category("power_outage");
    pb->set_title_zh("突发电力故障");
    pb->set_default_severity(v1::SEVERITY_MEDIUM);
    auto* s1 = pb->add_steps();
    s1->set_id("contact_property");
    s1->set_text_zh("立即联系物业查找故障原因。");
    s1->set_responsible("duty_officer");
    s1->set_contact_party("property_management");
    s1->set_mandatory(true);
    s1->set_citation("嘉祥 四(一)1");
    auto* s2 = pb->add_steps();
    s2->set_id("report_office");
    s2->set_text_zh("报告应急办。");
    s2->set_responsible("first_informed");
    s2->mutable_deadline()->set_minutes(5);
    s2->mutable_deadline()->set_after_step("contact_property");
    s2->set_citation("嘉祥 四(一)1");
    auto* g = pb->add_grading();
    g->set_grade("II");
    g->set_metric("outage_minutes");
    g->set_above(20);
    g->set_at_most(60);
    g->set_severity(v1::SEVERITY_MEDIUM);
    g->set_text_zh("II级故障");
    auto* t = r.mutable_escalation()->add_tiers();
    t->set_tier("first_informed");
    t->set_ack_timeout_seconds(120);
    t->add_with_tiers("hall_head");
    t->add_notify_only("security");
    t->add_contact_parties("property_management");
    r.mutable_escalation()->add_tiers()->set_tier("police");
    r.mutable_escalation()->set_unresolved_remind_seconds(1800);
    r.mutable_close_out()->set_summary_required(true);
    r.mutable_close_out()->add_report_to("leadership_group");
    auto title = [](const QString& id) { return client::categoryName(id); };
    QTextDocument doc;
    doc.setHtml(desk::playbookHtml(r, nullptr, false, title));
    const QString text = doc.toPlainText();
    for (const char* want : {"突发电力故障",
                             "本预案未单列此类事件，适用一键报警通用处置。",
                             "立即联系物业查找故障原因。",
                             "值班人员",
                             "物业",
                             "嘉祥 四(一)1",
                             "“立即联系物业查找故障原因。”完成后 5 分钟内",
                             "必须",
                             "视情",
                             "20 < 中断时长（分钟） ≤ 60",
                             "II级故障",
                             "第一知情人 + 大厅负责人",
                             "2 分钟内未确认则上报下一级",
                             "知会：保安",
                             "须联系（记录拨打）：物业",
                             "确认后 30 分钟仍未处置完毕则提醒",
                             "公安/110",
                             "最后一级",
                             "须书面总结",
                             "总结报送：应急工作领导小组"}) {
      QVERIFY2(text.contains(QString::fromUtf8(want)), want);
    }

    v1::Plan plan;
    plan.set_name("海南 政务服务场所建设与管理规范");
    plan.set_short_name("海南");
    auto* list = plan.add_readiness();
    list->set_title_zh("急救箱");
    list->set_citation("海南 附录E");
    auto* item = list->add_items();
    item->set_text_zh("医用纱布");
    item->set_quantity("≥2 卷");
    doc.setHtml(desk::planHtml(plan, QStringLiteral("0123456789abcdef"), false, title));
    const QString overview = doc.toPlainText();
    for (const char* want :
         {"海南 政务服务场所建设与管理规范", "0123456789ab", "无（本预案只规定应急准备）",
          "应急准备清单", "急救箱", "医用纱布", "≥2 卷", "海南 附录E"}) {
      QVERIFY2(overview.contains(QString::fromUtf8(want)), want);
    }
    QVERIFY(!overview.contains(QStringLiteral("0123456789abc")));  // a short hash only
  }

  void panicRaisesBannerAndAlarm() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    v1::IncidentEvent e;
    e.set_seq(1);
    e.set_incident_id("p1");
    auto* inc = e.mutable_incident();
    inc->set_id("p1");
    inc->set_category("panic");
    inc->set_severity(v1::SEVERITY_CRITICAL);
    inc->set_status(v1::INCIDENT_STATUS_REPORTED);
    inc->set_last_seq(1);
    session.board()->applyEvents({e});
    QCOMPARE(window.filterModel()->rowCount(), 1);
    // Not signed in: the board is not shown and nothing sounds.
    QVERIFY(!window.alarm()->isActive());
  }

  // The administration tab shows by role (the server decides; the desk
  // only hides what it would refuse); its actions check their input and
  // send nothing when it is wrong.
  void adminTabChecksInputBeforeSending() {
    desk::DeskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");
    desk::DeskSession session(o);
    client::LanguageSwitcher language(QStringLiteral("desk"));
    desk::DeskWindow window(&session, &language);
    auto* page = window.adminPage();
    const int tab = window.tabs()->indexOf(page);
    QVERIFY(tab >= 0);
    QVERIFY(!window.tabs()->isTabVisible(tab));  // signed out

    v1::Principal duty;
    duty.set_role(v1::ROLE_DUTY_OFFICER);
    duty.add_permissions("read");
    duty.add_permissions("acknowledge");
    session.setPrincipal(duty);
    QVERIFY(!page->wanted());
    v1::Principal head;
    head.set_role(v1::ROLE_HALL_HEAD);
    head.add_permissions("read");
    head.add_permissions("manage_hall");
    session.setPrincipal(head);
    QVERIFY(page->admin()->mayReadAudit());
    QVERIFY(!page->pages()->isTabVisible(0));  // enrollment: admins only
    QVERIFY(page->pages()->isTabVisible(2));   // the audit log: reviewers too
    v1::Principal admin;
    admin.set_role(v1::ROLE_ADMIN);
    for (const char* p : {"read", "admin_directory", "manage_hall"}) admin.add_permissions(p);
    session.setPrincipal(admin);
    QVERIFY(page->pages()->isTabVisible(0) && page->pages()->isTabVisible(1));

    auto* a = page->admin();
    QSignalSpy done(a, &desk::AdminSession::finished);
    a->issueEnrollmentCode(QString(), QStringLiteral("p1"), QStringLiteral("kiosk-1"),
                           QStringLiteral("入口"));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请选择大厅"));
    a->issueEnrollmentCode(QStringLiteral("hall-a"), QString(), QStringLiteral("kiosk-1"),
                           QStringLiteral("入口"));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请选择终端所在位置"));
    for (const char* bad : {"", "Kiosk-1", "-kiosk", "终端1", "kiosk 1"}) {
      a->issueEnrollmentCode(QStringLiteral("hall-a"), QStringLiteral("p1"), QString::fromUtf8(bad),
                             QStringLiteral("入口"));
      QVERIFY2(done.last()[2].toString().startsWith(QStringLiteral("终端编号只能用")), bad);
    }
    a->issueEnrollmentCode(QStringLiteral("hall-a"), QStringLiteral("p1"),
                           QStringLiteral("kiosk-1"), QStringLiteral("  "));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请填写终端名称（如 一楼入口终端）"));
    a->issueEnrollmentCode(QStringLiteral("hall-a"), QStringLiteral("p1"),
                           QStringLiteral("kiosk-1"), QString(201, QLatin1Char('x')));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("终端名称过长：最多 200 个字"));
    a->revokeKiosk(QString(), QStringLiteral("丢失"));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("请选择要吊销的终端"));
    a->revokeKiosk(QStringLiteral("kiosk-1"), QStringLiteral(" "));
    QCOMPARE(done.last()[2].toString(), QStringLiteral("吊销终端须填写原因"));
    a->unlockSignIn(desk::AdminSession::UnlockAccount, QStringLiteral(" "));
    QCOMPARE(done.last()[2].toString(),
             QStringLiteral("请填写要解除锁定的账户、终端编号或来源地址"));
    desk::AuditQuery q;
    q.fromMs = 2000;
    q.toMs = 1000;
    a->loadAudit(q);
    QCOMPARE(done.last()[2].toString(), QStringLiteral("开始时间晚于结束时间"));
    QCOMPARE(done.count(), 13);
    for (const auto& call : done) QCOMPARE(call[1].toBool(), false);
    QCOMPARE(session.client()->callsInFlight(), 0);  // nothing was sent

    // The page shows the refusal in words.
    page->findChild<QPushButton*>(QStringLiteral("enrollIssue"))->click();
    QVERIFY(!page->result()->text().isEmpty());
  }

  // The enrollment code's QR picture: the quiet zone is white and the three
  // finder patterns sit in their corners (dark frame, light ring, dark
  // centre), at `scale` pixels a module.
  void enrollmentQrCode() {
    const QString text = QStringLiteral("hallkiosk:enroll?kiosk=kiosk-a-2&code=ABCD2345WXYZ");
    const int modules = desk::qrModules(text);
    QVERIFY(modules >= 21 && (modules - 17) % 4 == 0);  // a QR version's size
    const int scale = 4;
    const QImage image = desk::qrImage(text, scale);
    QCOMPARE(image.width(), (modules + 8) * scale);
    QCOMPARE(image.height(), image.width());
    auto dark = [&](int mx, int my) {
      return qGray(image.pixel((mx + 4) * scale + scale / 2, (my + 4) * scale + scale / 2)) < 128;
    };
    QVERIFY(qGray(image.pixel(1, 1)) > 128);  // quiet zone
    for (auto [ox, oy] : {std::pair{0, 0}, std::pair{modules - 7, 0}, std::pair{0, modules - 7}}) {
      QVERIFY(dark(ox, oy));
      QVERIFY(dark(ox + 6, oy + 6));
      QVERIFY(!dark(ox + 1, oy + 1));
      QVERIFY(dark(ox + 3, oy + 3));
    }
    QVERIFY(desk::qrModules(QString(400, QLatin1Char('x'))) > modules);  // longer text, bigger
  }
};

QTEST_MAIN(DeskWindowTest)
#include "desk_window_test.moc"
