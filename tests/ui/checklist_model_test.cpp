// Tests of ChecklistModel (checklist_model.cpp) under QAbstractItemModelTester:
// texts kept across events that carry none, a re-fetch asked for (once) when
// a step's text was never seen, older copies not undoing newer state,
// overdue and remaining time against an injected clock, the 善后 / 原类别
// markers, the language switch; and the board's progress column.
#include "checklist_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "incident_models.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
constexpr qint64 kStartMs = 1'760'000'000'000;  // the incident's report time

void SetMs(google::protobuf::Timestamp* t, qint64 ms) {
  t->set_seconds(ms / 1000);
  t->set_nanos(int(ms % 1000) * 1000000);
}

v1::ChecklistItem Item(const std::string& id, const std::string& zh, int dueMinutes = 0,
                       bool closeOut = false) {
  v1::ChecklistItem it;
  it.set_step_id(id);
  it.set_text_zh(zh);
  it.set_text_en("EN " + id);
  it.set_citation("东莞 B." + id);
  it.set_responsible("duty_officer");
  it.set_mandatory(true);
  it.set_state(v1::STEP_STATE_PENDING);
  it.set_close_out(closeOut);
  if (dueMinutes > 0) {
    it.set_deadline_minutes(dueMinutes);
    SetMs(it.mutable_due_at(), kStartMs + dueMinutes * 60'000LL);
  }
  return it;
}

// A fire incident as GetIncident returns it: every text present.
v1::Incident Full(const std::string& id = "i1", int64_t seq = 1) {
  v1::Incident inc;
  inc.set_id(id);
  inc.set_hall_id("hall-a");
  inc.set_category("fire");
  inc.set_playbook_version("v1");
  inc.set_status(v1::INCIDENT_STATUS_ACKNOWLEDGED);
  inc.set_last_seq(seq);
  SetMs(inc.mutable_reported_at(), kStartMs);
  *inc.add_checklist() = Item("call_119", "拨打119报警", 5);
  auto police = Item("report_police", "报告公安");
  police.set_contact_party("police");
  police.set_mandatory(false);
  *inc.add_checklist() = police;
  auto wait = Item("evacuate", "疏散群众");
  wait.set_after_step("call_119");
  wait.set_deadline_minutes(10);
  *inc.add_checklist() = wait;
  *inc.add_checklist() = Item("summary", "书面总结", 0, true);
  return inc;
}

// The same incident as a watch event carries it: no texts, no citations.
v1::Incident Compact(v1::Incident inc) {
  for (auto& it : *inc.mutable_checklist()) {
    it.clear_text_zh();
    it.clear_text_en();
    it.clear_citation();
  }
  return inc;
}

QString Cell(const ChecklistModel& m, int row, int column, int role = Qt::DisplayRole) {
  return m.data(m.index(row, column), role).toString();
}
}  // namespace

class ChecklistModelTest : public QObject {
  Q_OBJECT

 private slots:
  void showsFullCopyWithMarkers() {
    ChecklistModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = kStartMs + 60'000;
    m.setClock([&now] { return now; });
    QSignalSpy missing(&m, &ChecklistModel::textsMissing);
    m.setIncident(Full());
    QCOMPARE(m.rowCount(), 4);
    QCOMPARE(m.columnCount(), int(ChecklistModel::ColumnCount));
    QCOMPARE(missing.count(), 0);
    QCOMPARE(Cell(m, 0, ChecklistModel::StepColumn), QStringLiteral("拨打119报警"));
    QCOMPARE(Cell(m, 0, ChecklistModel::CitationColumn), QStringLiteral("东莞 B.call_119"));
    QCOMPARE(Cell(m, 0, ChecklistModel::ResponsibleColumn), QStringLiteral("值班人员"));
    QCOMPARE(Cell(m, 1, ChecklistModel::PartyColumn), QStringLiteral("公安/110"));
    QCOMPARE(Cell(m, 1, ChecklistModel::StepColumn), QStringLiteral("报告公安（视情）"));
    QCOMPARE(Cell(m, 3, ChecklistModel::StepColumn), QStringLiteral("【善后】书面总结"));
    QVERIFY(m.data(m.index(3, 0), ChecklistModel::CloseOutRole).toBool());
    // A deadline that waits for another step says so.
    QCOMPARE(Cell(m, 2, ChecklistModel::DeadlineColumn),
             QStringLiteral("“拨打119报警”完成后 10 分钟内"));
    QCOMPARE(Cell(m, 3, ChecklistModel::DeadlineColumn), QStringLiteral("—"));
    QCOMPARE(m.data(m.index(0, 0), ChecklistModel::RemainingSecondsRole).toLongLong(), 240);
    QVERIFY(Cell(m, 0, ChecklistModel::DeadlineColumn).contains(QStringLiteral("剩余 4分00秒")));

    m.setEnglish(true);
    QCOMPARE(Cell(m, 0, ChecklistModel::StepColumn), QStringLiteral("EN call_119"));
    QCOMPARE(m.stepText(QStringLiteral("report_police")), QStringLiteral("EN report_police"));
  }

  void overdueFollowsTheClock() {
    ChecklistModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = kStartMs + 4 * 60'000;
    m.setClock([&now] { return now; });
    m.setIncident(Full());
    QCOMPARE(m.overdueCount(), 0);
    QVERIFY(!m.data(m.index(0, 0), ChecklistModel::OverdueRole).toBool());
    QCOMPARE(Cell(m, 0, ChecklistModel::StateColumn), QStringLiteral("待办"));

    QSignalSpy progress(&m, &ChecklistModel::progressChanged);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    now = kStartMs + 6 * 60'000 + 5'000;  // one minute five past the 5-minute deadline
    m.tick();
    QCOMPARE(progress.count(), 1);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(m.overdueCount(), 1);
    QVERIFY(m.data(m.index(0, 0), ChecklistModel::OverdueRole).toBool());
    QCOMPARE(Cell(m, 0, ChecklistModel::StateColumn), QStringLiteral("已超时"));
    QCOMPARE(m.data(m.index(0, 0), ChecklistModel::StateNameRole).toString(),
             QStringLiteral("已超时"));
    QVERIFY(Cell(m, 0, ChecklistModel::DeadlineColumn).contains(QStringLiteral("已超时 1分05秒")));
    QCOMPARE(m.data(m.index(0, 1), Qt::BackgroundRole).value<QBrush>().color(),
             QColor(0xff, 0xeb, 0xee));
    QCOMPARE(m.data(m.index(0, 0), ChecklistModel::RemainingSecondsRole).toLongLong(), -65);

    // Done, it is no longer overdue (even though its due time has passed).
    v1::Incident done = Compact(Full("i1", 2));
    auto* it = done.mutable_checklist(0);
    it->set_state(v1::STEP_STATE_DONE);
    it->set_done_by_name("值班员甲");
    SetMs(it->mutable_done_at(), now);
    it->set_note("已报警");
    m.setIncident(done);
    QCOMPARE(m.overdueCount(), 0);
    QCOMPARE(m.handledCount(), 1);
    QCOMPARE(Cell(m, 0, ChecklistModel::StateColumn), QStringLiteral("已完成"));
    QVERIFY(Cell(m, 0, ChecklistModel::DoneColumn).startsWith(QStringLiteral("值班员甲 ")));
    QVERIFY(Cell(m, 0, ChecklistModel::DoneColumn).endsWith(QStringLiteral(" · 已报警")));
    // The board shows the same progress.
    QCOMPARE(checklistProgress(done, now).handled, 1);
    QCOMPARE(checklistProgress(done, now).total, 4);
    QCOMPARE(checklistProgress(Full(), now).overdue, 1);
  }

  void eventWithoutTextsKeepsTexts() {
    ChecklistModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy missing(&m, &ChecklistModel::textsMissing);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    m.setIncident(Full("i1", 1));
    QCOMPARE(reset.count(), 1);

    v1::Incident ev = Compact(Full("i1", 2));
    ev.mutable_checklist(1)->set_state(v1::STEP_STATE_SKIPPED);
    ev.mutable_checklist(1)->set_note("现场无治安情况");
    ev.mutable_checklist(1)->set_done_by_name("值班员甲");
    m.setIncident(ev);
    QCOMPARE(reset.count(), 1);  // the same steps: updated in place
    QCOMPARE(missing.count(), 0);
    QVERIFY(!m.missingTexts());
    QCOMPARE(Cell(m, 1, ChecklistModel::StepColumn), QStringLiteral("报告公安（视情）"));
    QCOMPARE(Cell(m, 1, ChecklistModel::CitationColumn), QStringLiteral("东莞 B.report_police"));
    QCOMPARE(Cell(m, 1, ChecklistModel::StateColumn), QStringLiteral("已跳过"));
    QVERIFY(
        Cell(m, 1, ChecklistModel::DoneColumn).endsWith(QStringLiteral("原因：现场无治安情况")));

    // An older copy (an action's reply that lost the race) does not undo it.
    m.setIncident(Full("i1", 1));
    QCOMPARE(m.data(m.index(1, 0), ChecklistModel::StateRole).toInt(), int(v1::STEP_STATE_SKIPPED));
    QCOMPARE(m.lastSeq(), 2);
  }

  void recategorizedEventAsksForTextsOnce() {
    ChecklistModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy missing(&m, &ChecklistModel::textsMissing);
    m.setIncident(Full("i1", 1));

    // Re-triaged to explosion elsewhere: a new playbook, one step shared by
    // id but worded differently, the done step kept from the old category.
    v1::Incident full = Full("i1", 5);
    full.set_category("explosion");
    full.clear_checklist();
    *full.add_checklist() = Item("call_119", "立即拨打119并说明爆炸情况", 5);
    *full.add_checklist() = Item("cordon", "设置警戒区");
    auto kept = Item("report_police", "报告公安");
    kept.set_state(v1::STEP_STATE_DONE);
    kept.set_done_by_name("值班员甲");
    kept.set_from_category("fire");
    *full.add_checklist() = kept;

    m.setIncident(Compact(full));  // the watch event
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(missing.count(), 1);
    QCOMPARE(missing[0][0].toString(), QStringLiteral("i1"));
    QVERIFY(m.missingTexts());
    // Never the fire wording for the explosion's call_119; the id meanwhile.
    QCOMPARE(Cell(m, 0, ChecklistModel::StepColumn), QStringLiteral("call_119"));
    QVERIFY(!m.data(m.index(0, 0), ChecklistModel::HasTextRole).toBool());
    QCOMPARE(Cell(m, 1, ChecklistModel::StepColumn), QStringLiteral("cordon"));
    // The kept step's text is known from its old category.
    QCOMPARE(Cell(m, 2, ChecklistModel::StepColumn), QStringLiteral("报告公安（原类别：火情）"));

    // The same state again (no new seq) does not ask twice.
    m.setIncident(Compact(full));
    QCOMPARE(missing.count(), 1);

    // The re-fetch (GetIncident) fills them in.
    m.setIncident(full);
    QVERIFY(!m.missingTexts());
    QCOMPARE(missing.count(), 1);
    QCOMPARE(Cell(m, 0, ChecklistModel::StepColumn), QStringLiteral("立即拨打119并说明爆炸情况"));
    QCOMPARE(Cell(m, 1, ChecklistModel::CitationColumn), QStringLiteral("东莞 B.cordon"));

    // Later events of the new category need nothing more.
    v1::Incident later = Compact(full);
    later.set_last_seq(6);
    later.mutable_checklist(1)->set_state(v1::STEP_STATE_DONE);
    m.setIncident(later);
    QCOMPARE(missing.count(), 1);
    QCOMPARE(Cell(m, 1, ChecklistModel::StepColumn), QStringLiteral("设置警戒区"));
  }

  void anotherIncidentResets() {
    ChecklistModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&m, &ChecklistModel::incidentChanged);
    m.setIncident(Full("i1"));
    // Texts of i1 are not lent to i2 (its own copy must bring them).
    QSignalSpy missing(&m, &ChecklistModel::textsMissing);
    m.setIncident(Compact(Full("i2")));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m.incidentId(), QStringLiteral("i2"));
    QCOMPARE(missing.count(), 1);
    m.clear();
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.incidentId(), QString());
  }

  void boardShowsProgressAndOverdue() {
    IncidentBoardModel board;
    QAbstractItemModelTester tester(&board, QAbstractItemModelTester::FailureReportingMode::QtTest);
    v1::IncidentEvent e;
    e.set_seq(1);
    *e.mutable_incident() = Compact(Full());  // reported long ago: call_119 is overdue
    e.mutable_incident()->mutable_checklist(1)->set_state(v1::STEP_STATE_DONE);
    board.applyEvents({e});
    const QModelIndex cell = board.index(0, IncidentBoardModel::ChecklistColumn);
    QCOMPARE(cell.data().toString(), QStringLiteral("1/4 · 超时1"));
    QCOMPARE(cell.data(IncidentBoardModel::StepsHandledRole).toInt(), 1);
    QCOMPARE(cell.data(IncidentBoardModel::StepsTotalRole).toInt(), 4);
    QCOMPARE(cell.data(IncidentBoardModel::StepsOverdueRole).toInt(), 1);
    QCOMPARE(cell.data(Qt::BackgroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
  }
};

QTEST_MAIN(ChecklistModelTest)
#include "checklist_model_test.moc"
