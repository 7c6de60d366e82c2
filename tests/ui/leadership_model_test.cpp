// The leadership view's model: what needs a leader comes first, halls are
// grouped and ranked by their most pressing incident, filters narrow it and
// the counts describe what is shown; it follows the board live. Runs under
// QAbstractItemModelTester; time is injected.
#include "leadership_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include "incident_models.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
constexpr qint64 kNowMs = 1'800'000'000'000;
int64_t g_seq = 0;

v1::IncidentEvent Event(const std::string& id, const std::string& hall, qint64 ageSeconds,
                        v1::Severity severity = v1::SEVERITY_HIGH) {
  v1::IncidentEvent e;
  e.set_seq(++g_seq);
  e.set_incident_id(id);
  e.set_hall_id(hall);
  auto* inc = e.mutable_incident();
  inc->set_id(id);
  inc->set_hall_id(hall);
  inc->set_category("fire");
  inc->set_severity(severity);
  inc->set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
  inc->set_last_seq(e.seq());
  inc->mutable_reported_at()->set_seconds(kNowMs / 1000 - ageSeconds);
  return e;
}

// The chain's latest alert went to the leadership group (and to `person`).
void EscalateTo(v1::IncidentEvent* e, const std::string& person) {
  auto* esc = e->mutable_incident()->mutable_escalation();
  esc->set_started(true);
  auto* alert = esc->add_alerts();
  alert->add_tiers("leadership_group");
  alert->add_people()->set_person_id(person);
}
}  // namespace

class LeadershipModelTest : public QObject {
  Q_OBJECT

 private slots:
  void needsAreOrderedAndHallsRankedByTheirMostPressing() {
    IncidentBoardModel board;
    LeadershipModel model(&board);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow([] { return kNowMs; });
    model.setPersonId("me");

    auto old = Event("old", "hall-a", 3600);      // open, oldest
    auto graded = Event("graded", "hall-a", 60);  // graded
    graded.mutable_incident()->set_grade("II");
    auto mine = Event("mine", "hall-b", 30);  // escalated to me
    EscalateTo(&mine, "me");
    auto others = Event("others", "hall-c", 10);  // to the group, not me
    EscalateTo(&others, "someone-else");
    auto overdue = Event("overdue", "hall-c", 20);  // a mandatory step overdue
    auto* step = overdue.mutable_incident()->add_checklist();
    step->set_mandatory(true);
    step->set_state(v1::STEP_STATE_PENDING);
    step->mutable_due_at()->set_seconds(kNowMs / 1000 - 5);
    board.applyEvents({old, graded, mine, others, overdue});

    QCOMPARE(model.rowCount(), 5);
    QStringList order;
    for (int i = 0; i < model.rowCount(); ++i) order << model.idAt(i);
    // hall-b (escalated to me) first, then hall-c (to the group; its overdue
    // one after), then hall-a (graded before the merely old one).
    QCOMPARE(order, (QStringList{"mine", "others", "overdue", "graded", "old"}));
    QCOMPARE(model.data(model.index(0, LeadershipModel::NeedColumn)).toString(),
             QStringLiteral("已上报给我，待确认"));
    QCOMPARE(model.countOf(LeadershipModel::EscalatedToLeaders), 1);
    QCOMPARE(model.countsByHall().value("hall-c"), 2);

    // Acknowledged: it no longer needs me, and its hall drops down.
    mine.set_seq(++g_seq);
    mine.mutable_incident()->set_last_seq(mine.seq());
    mine.mutable_incident()->mutable_escalation()->set_acknowledged(true);
    board.applyEvents({mine});
    QCOMPARE(model.idAt(0), QStringLiteral("others"));
  }

  void filtersNarrowAndCountsFollow() {
    IncidentBoardModel board;
    LeadershipModel model(&board);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow([] { return kNowMs; });
    auto a = Event("a", "yl-1", 100, v1::SEVERITY_CRITICAL);
    auto b = Event("b", "yl-2", 200, v1::SEVERITY_LOW);
    auto c = Event("c", "fr-1", 300, v1::SEVERITY_HIGH);
    c.mutable_incident()->set_drill(true);
    c.mutable_incident()->set_summary("消防演练");
    board.applyEvents({a, b, c});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.countsBySeverity().value(v1::SEVERITY_CRITICAL), 1);

    model.setHalls({"yl-1", "yl-2"});  // a county's halls
    QCOMPARE(model.rowCount(), 2);
    model.setMinSeverity(v1::SEVERITY_HIGH);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), QStringLiteral("a"));
    model.setHalls({});
    model.setMinSeverity(0);
    model.setDrill(2);  // drills only
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(
        model.data(model.index(0, LeadershipModel::CategoryColumn)).toString().contains("演练"));
    model.setDrill(1);  // real only
    QCOMPARE(model.rowCount(), 2);
    model.setDrill(0);
    model.setText("消防");
    QCOMPARE(model.rowCount(), 1);
    model.setText({});
    model.setReportedRange((kNowMs / 1000 - 250) * 1000, 0);  // the last 250 s
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.countsByHall().keys(), (QList<QString>{"yl-1", "yl-2"}));
  }
};

QTEST_MAIN(LeadershipModelTest)
#include "leadership_model_test.moc"
