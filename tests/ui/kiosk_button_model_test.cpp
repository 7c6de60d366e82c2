// Tests of the kiosk's quick-report buttons (kiosk_button_model.cpp) under
// QAbstractItemModelTester: the buttons of the server's taxonomy in its
// order, the panic button kept out of the rows (it stays the hold button)
// but telling which category it raises, a button the client has no label
// for shown by its category's name in the UI language, a new category with
// a button appearing when the taxonomy is taken again; and the controller
// keeping the taxonomy and the server's limits across a restart without a
// server.
#include "kiosk_button_model.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "kiosk_controller.h"
#include "labels.h"

using hall::kiosk::KioskButtonModel;
using hall::kiosk::KioskController;
namespace v1 = hall::v1;

namespace {
v1::Category* Add(v1::Taxonomy* t, const std::string& id, const std::string& zh,
                  const std::string& en, std::initializer_list<const char*> buttons) {
  auto* c = t->add_categories();
  c->set_id(id);
  c->set_name_zh(zh);
  c->set_name_en(en);
  c->set_default_severity(v1::SEVERITY_MEDIUM);
  for (const char* b : buttons) c->add_kiosk_buttons(b);
  return c;
}

v1::Taxonomy Basic() {
  v1::Taxonomy t;
  Add(&t, "panic", "一键报警（未分类紧急报警）", "Panic alarm", {"panic"});
  Add(&t, "fire", "火灾/火情", "Fire", {"fire"});
  Add(&t, "explosion", "爆炸", "Explosion", {});
  Add(&t, "medical_emergency", "突发疾病/受伤", "Sudden illness or injury", {"medical"});
  Add(&t, "other", "其他", "Other", {"other"});
  return t;
}

QStringList Column(const QAbstractItemModel& m, int role) {
  QStringList out;
  for (int r = 0; r < m.rowCount(); ++r) out << m.index(r, 0).data(role).toString();
  return out;
}
}  // namespace

class KioskButtonModelTest : public QObject {
  Q_OBJECT

 private slots:
  void buttonsComeFromTheTaxonomy() {
    KioskButtonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.panicCategory(), QStringLiteral("panic"));
    model.setTaxonomy(Basic());
    // In the taxonomy's order, without the panic button.
    QCOMPARE(
        Column(model, KioskButtonModel::ButtonIdRole),
        (QStringList{QStringLiteral("fire"), QStringLiteral("medical"), QStringLiteral("other")}));
    QCOMPARE(Column(model, KioskButtonModel::CategoryRole),
             (QStringList{QStringLiteral("fire"), QStringLiteral("medical_emergency"),
                          QStringLiteral("other")}));
    // The client's short labels where it has them.
    QCOMPARE(Column(model, KioskButtonModel::LabelRole),
             (QStringList{QStringLiteral("火情"), QStringLiteral("突发疾病/受伤"),
                          QStringLiteral("其他")}));
    QCOMPARE(model.categoryOf(QStringLiteral("medical")), QStringLiteral("medical_emergency"));
    QCOMPARE(model.categoryOf(QStringLiteral("panic")), QStringLiteral("panic"));
    QVERIFY(model.categoryOf(QStringLiteral("no_such")).isEmpty());
    QCOMPARE(model.roleNames().value(KioskButtonModel::LabelRole), QByteArray("label"));
  }

  void newButtonShowsByItsCategoryName() {
    KioskButtonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTaxonomy(Basic());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy counts(&model, &KioskButtonModel::countChanged);
    // The playbook set gains a category with a button no client knows.
    v1::Taxonomy more = Basic();
    auto* lift =
        Add(&more, "elevator_entrapment_x", "电梯困人（新增）", "Lift entrapment (new)", {"lift"});
    // Panic moves to another category id too.
    more.mutable_categories(0)->clear_kiosk_buttons();
    lift->add_kiosk_buttons("panic");
    QSignalSpy panic(&model, &KioskButtonModel::panicCategoryChanged);
    model.setTaxonomy(more);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(counts.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(3, 0).data(KioskButtonModel::ButtonIdRole).toString(),
             QStringLiteral("lift"));
    QCOMPARE(model.index(3, 0).data(KioskButtonModel::LabelRole).toString(),
             QStringLiteral("电梯困人（新增）"));
    QCOMPARE(model.categoryName(QStringLiteral("elevator_entrapment_x")),
             QStringLiteral("电梯困人（新增）"));
    QCOMPARE(panic.count(), 1);
    QCOMPARE(model.panicCategory(), QStringLiteral("elevator_entrapment_x"));

    // English: the taxonomy's English name; known ones translated.
    hall::client::LanguageSwitcher language(QStringLiteral("kiosk"));
    language.setLanguage(QStringLiteral("en"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setEnglish(true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(3, 0).data(KioskButtonModel::LabelRole).toString(),
             QStringLiteral("Lift entrapment (new)"));
    QCOMPARE(model.index(0, 0).data(KioskButtonModel::LabelRole).toString(),
             QStringLiteral("Fire"));
    language.setLanguage(QStringLiteral("zh"));
    model.setEnglish(false);

    // The same buttons again (a rename only): updated in place, no reset.
    more.mutable_categories(1)->set_name_zh("火灾");
    model.setTaxonomy(more);
    QCOMPARE(resets.count(), 1);
  }

  // A kiosk that starts without its server still offers the buttons and
  // checks notes against the limits it was last given.
  void controllerKeepsTaxonomyAndLimits() {
    QTemporaryDir dir;
    hall::kiosk::KioskOptions o;
    o.server = QStringLiteral("127.0.0.1:1");  // nothing listens there
    o.caFile = QStringLiteral("/nonexistent-ca.crt");
    o.kioskId = QStringLiteral("kiosk-test");
    o.secretFile = dir.filePath(QStringLiteral("none.secret"));
    o.queueFile = dir.filePath(QStringLiteral("queue.sqlite"));
    {
      KioskController kiosk(o);
      QVERIFY(kiosk.start());
      QCOMPARE(kiosk.buttons()->rowCount(), 0);
      // Nothing known: only the server checks the note's length.
      QVERIFY(kiosk.validateReport(QString(5000, QLatin1Char('x')), 0).isEmpty());
      QVERIFY(!kiosk.validateReport(QString(), -1).isEmpty());
      kiosk.setTaxonomy(Basic());
      v1::ServerInfo info;
      info.mutable_limits()->set_max_summary_chars(300);
      info.mutable_limits()->set_max_headcount(50);
      info.mutable_limits()->set_withdraw_window_seconds(90);
      info.set_clock_speed(30);
      info.set_server_time_unix_ms(123);
      QSignalSpy server(&kiosk, &KioskController::serverChanged);
      kiosk.server()->update(info);
      QCOMPARE(server.count(), 1);
      QCOMPARE(kiosk.maxNoteChars(), 300);
      QVERIFY(kiosk.clockAccelerated());
      QVERIFY(kiosk.clockText().contains(QStringLiteral("×30")));
      QVERIFY(kiosk.validateReport(QString(300, QLatin1Char('x')), 50).isEmpty());
      QVERIFY(
          kiosk.validateReport(QString(301, QLatin1Char('x')), 0).contains(QStringLiteral("过长")));
      QVERIFY(!kiosk.validateReport(QString(), 51).isEmpty());
      QCOMPARE(kiosk.currentCategoryName(), QString());
    }
    KioskController again(o);
    QVERIFY(again.start());
    QCOMPARE(again.buttons()->rowCount(), 3);
    QCOMPARE(again.maxNoteChars(), 300);
    QCOMPARE(again.withdrawWindowSeconds(), 90);
    QVERIFY(
        again.validateReport(QString(301, QLatin1Char('x')), 0).contains(QStringLiteral("过长")));
    // A press is queued with the category its button raises.
    QCOMPARE(again.report(again.buttons()->categoryOf(QStringLiteral("medical"))), QString());
    QCOMPARE(again.currentCategory(), QStringLiteral("medical_emergency"));
    QCOMPARE(again.currentCategoryName(), QStringLiteral("突发疾病/受伤"));
  }
};

QTEST_MAIN(KioskButtonModelTest)
#include "kiosk_button_model_test.moc"
