// Tests of the hall set-up tables (hall_setup_models.cpp): who each tier
// reaches now, positions and who fills them (unfilled ones from the
// server's problems), the roster in time order, contacts with the parties
// that lack a number, notifiers, planned outages, and the problems in words
// (Chinese and English). Every model runs under QAbstractItemModelTester,
// also across a second set-up that changes the rows.
#include "hall_setup_models.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include "labels.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
constexpr qint64 kT0 = 1'700'000'000;  // seconds

v1::HallSetup Setup() {
  v1::HallSetup s;
  s.set_hall_id("hall-j");
  s.set_plan_id("jiaxiang");
  s.set_version(7);
  auto* leader = s.add_positions();
  leader->set_id("group_leader");
  leader->set_tier("leadership_group");
  leader->set_title_zh("组长");
  leader->set_title_en("Group leader");
  auto* office = s.add_positions();
  office->set_id("office_director");
  office->set_tier("emergency_office");
  office->set_title_zh("应急办主任");
  office->set_title_en("Emergency office director");
  auto* m = s.add_members();
  m->set_person_id("p-leader");
  m->set_person_name("王组长");
  m->set_tier("leadership_group");
  m->set_position_id("group_leader");
  m->set_phone("13900000001");
  auto* head = s.add_members();
  head->set_person_id("p-head");
  head->set_person_name("李科长");
  head->set_tier("hall_head");
  for (int i : {1, 0}) {  // out of order on purpose
    auto* sh = s.add_shifts();
    sh->set_id("s" + std::to_string(i));
    sh->set_person_name(i == 0 ? "值班员甲" : "值班员乙");
    sh->mutable_starts_at()->set_seconds(kT0 + i * 43200);
    sh->mutable_ends_at()->set_seconds(kT0 + (i + 1) * 43200);
  }
  auto* c = s.add_contacts();
  c->set_party("police");
  c->set_name("城区派出所");
  c->set_phone("110");
  auto* n = s.add_notifiers();
  n->set_id("n1");
  n->set_name("短信网关");
  n->set_url("https://sms.example/alerts");
  n->add_tiers("leadership_group");
  n->set_active(true);
  auto* o = s.add_planned_outages();
  o->set_id("o1");
  o->set_category("power_outage");
  o->set_note("供电公司检修");
  o->set_created_by_name("李科长");
  o->mutable_starts_at()->set_seconds(kT0);
  o->mutable_ends_at()->set_seconds(kT0 + 7200);
  auto* now = s.add_on_now();
  now->set_tier("leadership_group");
  now->add_person_ids("p-leader");
  now->add_names("王组长");
  now->add_online(true);
  s.add_on_now()->set_tier("emergency_office");  // nobody
  auto* gap = s.add_problems();
  gap->set_kind("roster_gap");
  gap->set_tier("duty_officer");
  gap->mutable_from()->set_seconds(kT0 + 86400);
  gap->mutable_to()->set_seconds(kT0 + 86400 + 43200);
  auto* empty = s.add_problems();
  empty->set_kind("tier_empty");
  empty->set_tier("emergency_office");
  auto* unfilled = s.add_problems();
  unfilled->set_kind("position_unfilled");
  unfilled->set_tier("emergency_office");
  unfilled->set_position_id("office_director");
  auto* missing = s.add_problems();
  missing->set_kind("contact_missing");
  missing->set_party("local_government");
  return s;
}

template <class M>
QString Cell(const M& m, int row, int column) {
  return m.index(row, column).data().toString();
}
}  // namespace

class HallSetupModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void tablesShowTheSetUp() {
    OnNowModel onNow;
    PositionsModel positions;
    ShiftsModel shifts;
    ContactsModel contacts;
    NotifiersModel notifiers;
    PlannedOutagesModel outages;
    SetupProblemsModel problems;
    using Tester = QAbstractItemModelTester;
    const auto mode = Tester::FailureReportingMode::QtTest;
    Tester t1(&onNow, mode), t2(&positions, mode), t3(&shifts, mode), t4(&contacts, mode),
        t5(&notifiers, mode), t6(&outages, mode), t7(&problems, mode);
    const v1::HallSetup setup = Setup();
    for (HallSetupTable* m : std::initializer_list<HallSetupTable*>{
             &onNow, &positions, &shifts, &contacts, &notifiers, &outages, &problems}) {
      m->setSetup(setup);
    }

    QCOMPARE(onNow.rowCount(), 2);
    QCOMPARE(Cell(onNow, 0, OnNowModel::PeopleColumn), QStringLiteral("● 王组长"));
    QVERIFY(!onNow.index(0, 0).data(HallSetupTable::WarningRole).toBool());
    QCOMPARE(Cell(onNow, 1, OnNowModel::PeopleColumn), QStringLiteral("⚠ 无人"));
    QVERIFY(onNow.index(1, 0).data(HallSetupTable::WarningRole).toBool());

    QCOMPARE(positions.rowCount(), 3);  // two positions, the hall head without one
    QCOMPARE(Cell(positions, 0, PositionsModel::PositionColumn), QStringLiteral("组长"));
    QCOMPARE(Cell(positions, 0, PositionsModel::PeopleColumn),
             QStringLiteral("王组长 13900000001"));
    QCOMPARE(Cell(positions, 1, PositionsModel::PeopleColumn), QStringLiteral("⚠ 空缺"));
    QVERIFY(positions.index(1, 0).data(HallSetupTable::WarningRole).toBool());
    QCOMPARE(Cell(positions, 2, PositionsModel::TierColumn), QStringLiteral("大厅负责人"));
    QCOMPARE(positions.personIds(2), QStringList{QStringLiteral("p-head")});
    QCOMPARE(positions.index(0, 0).data(HallSetupTable::KeyRole).toString(),
             QStringLiteral("group_leader"));

    QCOMPARE(shifts.rowCount(), 2);
    QCOMPARE(Cell(shifts, 0, ShiftsModel::PersonColumn), QStringLiteral("值班员甲"));  // by start
    QCOMPARE(shifts.keyAt(1), QStringLiteral("s1"));

    QCOMPARE(contacts.rowCount(), 2);
    QCOMPARE(Cell(contacts, 0, ContactsModel::PartyColumn), QStringLiteral("公安/110"));
    QCOMPARE(Cell(contacts, 0, ContactsModel::PhoneColumn), QStringLiteral("110"));
    QCOMPARE(Cell(contacts, 1, ContactsModel::PartyColumn), QStringLiteral("属地党委政府"));
    QCOMPARE(Cell(contacts, 1, ContactsModel::PhoneColumn), QStringLiteral("⚠ 未登记"));
    QVERIFY(contacts.contact(1) == nullptr);
    QCOMPARE(contacts.rowOfKey(QStringLiteral("local_government")), 1);

    QCOMPARE(Cell(notifiers, 0, NotifiersModel::TiersColumn), QStringLiteral("应急工作领导小组"));
    QCOMPARE(Cell(notifiers, 0, NotifiersModel::ActiveColumn), QStringLiteral("启用"));
    QCOMPARE(Cell(outages, 0, PlannedOutagesModel::ZoneColumn), QStringLiteral("全大厅"));
    QCOMPARE(Cell(outages, 0, PlannedOutagesModel::CategoryColumn), QStringLiteral("停电"));
    QCOMPARE(Cell(outages, 0, PlannedOutagesModel::StateColumn), QStringLiteral("已公告"));

    QCOMPARE(problems.rowCount(), 4);
    QVERIFY(Cell(problems, 0, 0).startsWith(QStringLiteral("⚠ 值班表空缺：")));
    QVERIFY(Cell(problems, 0, 0).endsWith(QStringLiteral("无人值班")));
    QVERIFY(Cell(problems, 1, 0).contains(QStringLiteral("应急办：无人可通知")));
    QCOMPARE(Cell(problems, 2, 0), QStringLiteral("⚠ 职位空缺：应急办主任"));
    QCOMPARE(Cell(problems, 3, 0), QStringLiteral("⚠ 属地党委政府：未登记联系电话"));

    // English: titles from the plan, words translated.
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    problems.setEnglish(true);
    positions.setEnglish(true);
    QCOMPARE(Cell(positions, 0, PositionsModel::PositionColumn), QStringLiteral("Group leader"));
    QVERIFY2(Cell(problems, 2, 0).contains(QStringLiteral("Emergency office director")),
             qPrintable(Cell(problems, 2, 0)));
    QVERIFY2(Cell(problems, 0, 0).contains(QStringLiteral("nobody on duty")),
             qPrintable(Cell(problems, 0, 0)));
    language.setLanguage(QStringLiteral("zh"));

    // A write's answer: the position filled, a contact added — rows change.
    v1::HallSetup next = setup;
    auto* m = next.add_members();
    m->set_person_id("p-office");
    m->set_person_name("赵主任");
    m->set_tier("emergency_office");
    m->set_position_id("office_director");
    next.mutable_problems()->DeleteSubrange(1, 2);
    next.mutable_contacts(0)->set_phone("0537-110");
    for (HallSetupTable* t : std::initializer_list<HallSetupTable*>{
             &onNow, &positions, &shifts, &contacts, &notifiers, &outages, &problems}) {
      t->setSetup(next);
    }
    QCOMPARE(Cell(positions, 1, PositionsModel::PeopleColumn), QStringLiteral("赵主任"));
    QCOMPARE(problems.rowCount(), 2);
    QCOMPARE(Cell(contacts, 0, ContactsModel::PhoneColumn), QStringLiteral("0537-110"));
    for (HallSetupTable* t : std::initializer_list<HallSetupTable*>{
             &onNow, &positions, &shifts, &contacts, &notifiers, &outages, &problems}) {
      t->clear();
      QCOMPARE(t->rowCount(), 0);
    }
  }
};

QTEST_MAIN(HallSetupModelsTest)
#include "hall_setup_models_test.moc"
