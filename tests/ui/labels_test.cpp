// Tests of the labels (labels.cpp): every category id and every kiosk button
// of the playbook set in this tree (playbooks/categories.textpb, read through
// protobuf's TextFormat) has a label of its own in Chinese (the source) and
// an English translation in client_core_en.ts; unknown ids fall back to the
// id; the simulated-clock warning in both languages.
#include "labels.h"

#include <google/protobuf/text_format.h>

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include "hall/v1/playbook.pb.h"

using namespace hall::client;
namespace v1 = hall::v1;

namespace {
v1::Taxonomy LoadTaxonomy() {
  QFile f(QStringLiteral(HALL_SOURCE_DIR "/playbooks/categories.textpb"));
  v1::Taxonomy t;
  if (!f.open(QIODevice::ReadOnly)) return t;
  const std::string text = f.readAll().toStdString();
  if (!google::protobuf::TextFormat::ParseFromString(text, &t)) t.Clear();
  return t;
}

bool HasHan(const QString& s) {
  static const QRegularExpression han(QStringLiteral("\\p{Han}"));
  return s.contains(han);
}
}  // namespace

class LabelsTest : public QObject {
  Q_OBJECT

 private slots:
  void everyCategoryAndButtonHasBothLanguages() {
    const v1::Taxonomy taxonomy = LoadTaxonomy();
    QVERIFY2(taxonomy.categories_size() > 0, "cannot read playbooks/categories.textpb");
    QStringList buttons;
    for (const auto& c : taxonomy.categories()) {
      for (const auto& b : c.kiosk_buttons()) buttons << QString::fromStdString(b);
    }
    QVERIFY(!buttons.isEmpty());

    QHash<QString, QString> zh;  // id → Chinese label
    for (const auto& c : taxonomy.categories()) {
      const QString id = QString::fromStdString(c.id());
      QVERIFY2(hasCategoryLabel(id), qPrintable(QStringLiteral("category without a label: ") + id));
      QVERIFY2(HasHan(categoryName(id)), qPrintable(id));
      zh.insert(QStringLiteral("c:") + id, categoryName(id));
    }
    for (const QString& b : std::as_const(buttons)) {
      QVERIFY2(!kioskButtonLabel(b).isEmpty(),
               qPrintable(QStringLiteral("kiosk button without a label: ") + b));
      QVERIFY2(HasHan(kioskButtonLabel(b)), qPrintable(b));
      zh.insert(QStringLiteral("b:") + b, kioskButtonLabel(b));
    }

    // English: every one translated (no Chinese left), none empty.
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    for (const auto& c : taxonomy.categories()) {
      const QString id = QString::fromStdString(c.id());
      const QString en = categoryName(id);
      QVERIFY2(!en.isEmpty() && !HasHan(en) && en != id,
               qPrintable(QStringLiteral("no English label for category %1: %2").arg(id, en)));
    }
    for (const QString& b : std::as_const(buttons)) {
      const QString en = kioskButtonLabel(b);
      QVERIFY2(!en.isEmpty() && !HasHan(en),
               qPrintable(QStringLiteral("no English label for button %1: %2").arg(b, en)));
    }
    language.setLanguage(QStringLiteral("zh"));
    QCOMPARE(categoryName(QStringLiteral("fire")), zh.value(QStringLiteral("c:fire")));
  }

  void unknownIdsFallBack() {
    QCOMPARE(categoryName(QStringLiteral("no_such")), QStringLiteral("no_such"));
    QVERIFY(!hasCategoryLabel(QStringLiteral("no_such")));
    QVERIFY(kioskButtonLabel(QStringLiteral("no_such_button")).isEmpty());
  }

  void clockSpeedInBothLanguages() {
    QVERIFY(clockSpeedText(60).contains(QStringLiteral("模拟时钟 ×60")));
    QVERIFY(clockSpeedText(2.5).contains(QStringLiteral("×2.5")));
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    QVERIFY2(clockSpeedText(60).contains(QStringLiteral("Simulated clock ×60")),
             qPrintable(clockSpeedText(60)));
    language.setLanguage(QStringLiteral("zh"));
  }
};

QTEST_MAIN(LabelsTest)
#include "labels_test.moc"
