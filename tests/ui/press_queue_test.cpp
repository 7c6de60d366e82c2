// Tests of the kiosk's durable press queue (press_queue.cpp): a press
// survives closing and reopening the file (a reboot), leaves the queue only
// when completed, and its report is kept.
#include "press_queue.h"

#include <QTemporaryDir>
#include <QTest>

using hall::kiosk::Press;
using hall::kiosk::PressQueue;
using hall::kiosk::Report;

class PressQueueTest : public QObject {
  Q_OBJECT

 private slots:
  // A damaged file (power cut, hand edit) decodes to safe values: the
  // stored watch position is never negative (the server would refuse it and
  // the kiosk would stop following its reports), a stored message that does
  // not parse is refused and left empty.
  void damagedValuesDecodeSafely() {
    QCOMPARE(hall::kiosk::storedSeq(QStringLiteral("-5")), 0);
    QCOMPARE(hall::kiosk::storedSeq(QStringLiteral("12abc")), 0);
    QCOMPARE(hall::kiosk::storedSeq(QString()), 0);
    QCOMPARE(hall::kiosk::storedSeq(QStringLiteral(" 42 ")), 42);
    hall::v1::RaiseIncidentRequest stored;
    stored.set_request_id("r-1");
    hall::v1::RaiseIncidentRequest back;
    QVERIFY(hall::kiosk::decodeStored(hall::kiosk::encodeStored(stored), &back));
    QCOMPARE(back.request_id(), std::string("r-1"));
    QVERIFY(!hall::kiosk::decodeStored(QStringLiteral("////"), &back));
    QCOMPARE(back.request_id(), std::string());
    // A row with too few or mistyped columns reads as empty values.
    const Press p = hall::kiosk::pressFromRow({QStringLiteral("r-2"), 17});
    QCOMPARE(p.requestId, QStringLiteral("r-2"));
    QCOMPARE(p.category, QStringLiteral("17"));
    QCOMPARE(p.headcount, 0);
  }
  void survivesReopen() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/kiosk.sqlite"));
    {
      PressQueue q;
      QVERIFY2(q.open(path), qPrintable(q.error()));
      for (int i = 0; i < 3; ++i) {
        Press p;
        p.requestId = QStringLiteral("req-%1").arg(i);
        p.category = QStringLiteral("fire");
        p.summary = QStringLiteral("说明 %1").arg(i);
        p.headcount = i;
        p.createdMs = 1000 + i;
        QVERIFY(q.enqueue(p));
      }
      q.recordAttempt(QStringLiteral("req-0"), QStringLiteral("unavailable"));
      q.setValue(QStringLiteral("hall_name"), QStringLiteral("东莞市民服务中心"));
    }
    PressQueue q;  // "after a reboot"
    QVERIFY(q.open(path));
    QCOMPARE(q.pendingCount(), 3);
    const auto pending = q.pending();
    QCOMPARE(pending[0].requestId, QStringLiteral("req-0"));
    QCOMPARE(pending[0].attempts, 1);
    QCOMPARE(pending[2].summary, QStringLiteral("说明 2"));
    QCOMPARE(q.value(QStringLiteral("hall_name")), QStringLiteral("东莞市民服务中心"));

    Report r;
    r.requestId = QStringLiteral("req-0");
    r.incidentId = QStringLiteral("inc-0");
    r.category = QStringLiteral("fire");
    r.status = 1;
    r.lastSeq = 7;
    QVERIFY(q.complete(QStringLiteral("req-0"), r));
    QCOMPARE(q.pendingCount(), 2);
    Report found;
    QVERIFY(q.findReport(QStringLiteral("inc-0"), &found));
    QCOMPARE(found.lastSeq, qint64(7));
    r.status = 2;
    r.acknowledgedBy = QStringLiteral("值班员");
    q.saveReport(r);
    QVERIFY(q.findReport(QStringLiteral("inc-0"), &found));
    QCOMPARE(found.acknowledgedBy, QStringLiteral("值班员"));
    QCOMPARE(q.recentReports(5).size(), 1);
  }

  // Several presses folded into one incident: each keeps its report (and
  // whether it folded); the incident's newest is the one found.
  void foldedPressesKeepTheirReports() {
    QTemporaryDir dir;
    PressQueue q;
    QVERIFY(q.open(dir.filePath(QStringLiteral("k.sqlite"))));
    for (int i = 0; i < 3; ++i) {
      Press p;
      p.requestId = QStringLiteral("press-%1").arg(i);
      p.category = QStringLiteral("panic");
      QVERIFY(q.enqueue(p));
      Report r;
      r.requestId = p.requestId;
      r.incidentId = QStringLiteral("inc-1");
      r.category = p.category;
      r.lastSeq = 10 + i;
      r.folded = i > 0;
      QVERIFY(q.complete(p.requestId, r));
    }
    Report found;
    QVERIFY(q.findReport(QStringLiteral("inc-1"), &found));
    QCOMPARE(found.requestId, QStringLiteral("press-2"));
    QVERIFY(found.folded);
    const auto recent = q.recentReports(5);
    QCOMPARE(recent.size(), 3);
    QVERIFY(!recent.last().folded);  // the first press made the incident
  }

  void refusesDuplicateRequestId() {
    QTemporaryDir dir;
    PressQueue q;
    QVERIFY(q.open(dir.filePath(QStringLiteral("k.sqlite"))));
    Press p;
    p.requestId = QStringLiteral("same");
    p.category = QStringLiteral("panic");
    QVERIFY(q.enqueue(p));
    QVERIFY(!q.enqueue(p));
    QCOMPARE(q.pendingCount(), 1);
  }
};

QTEST_MAIN(PressQueueTest)
#include "press_queue_test.moc"
