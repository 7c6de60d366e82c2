// Tests of the labels (labels.cpp): every category id and every kiosk button
// of the playbook set in this tree (playbooks/categories.textpb, read through
// protobuf's TextFormat) has a label of its own in Chinese (the source) and
// an English translation in client_core_en.ts; so has every tier, role and
// outside party the plans use (playbooks/<plan>.textpb: chains, steps,
// close-outs, organisation) and every escalation reason; unknown ids fall
// back to the id; the simulated-clock warning in both languages.
#include "labels.h"

#include <google/protobuf/text_format.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "hall/v1/playbook.pb.h"
#include "incident_models.h"

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

// Every plan of the set in this tree.
std::vector<v1::Plan> LoadPlans() {
  std::vector<v1::Plan> plans;
  QDir dir(QStringLiteral(HALL_SOURCE_DIR "/playbooks"));
  for (const QString& name : dir.entryList({QStringLiteral("*.textpb")})) {
    if (name == QLatin1String("categories.textpb")) continue;
    QFile f(dir.filePath(name));
    v1::Plan plan;
    if (f.open(QIODevice::ReadOnly) &&
        google::protobuf::TextFormat::ParseFromString(f.readAll().toStdString(), &plan)) {
      plans.push_back(std::move(plan));
    }
  }
  return plans;
}

// The tier, role and party ids a plan uses anywhere.
QSet<QString> TierAndPartyIds(const v1::Plan& plan) {
  QSet<QString> ids;
  auto add = [&ids](const std::string& id) {
    if (!id.empty()) ids.insert(QString::fromStdString(id));
  };
  auto chain = [&](const v1::EscalationPolicy& e) {
    add(e.immediate_tier());
    for (const auto& t : e.tiers()) {
      add(t.tier());
      for (const auto& w : t.with_tiers()) add(w);
      for (const auto& n : t.notify_only()) add(n);
      for (const auto& p : t.contact_parties()) add(p);
    }
  };
  auto steps = [&](const google::protobuf::RepeatedPtrField<v1::Step>& list) {
    for (const auto& s : list) {
      add(s.responsible());
      add(s.contact_party());
    }
  };
  auto closeOut = [&](const v1::CloseOut& c) {
    for (const auto& r : c.report_to()) add(r);
    steps(c.steps());
  };
  chain(plan.default_escalation());
  closeOut(plan.default_close_out());
  for (const auto& pb : plan.playbooks()) {
    chain(pb.escalation());
    steps(pb.steps());
    closeOut(pb.close_out());
  }
  for (const auto& pos : plan.organisation()) add(pos.tier());
  return ids;
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

  void everyTierAndPartyOfThePlansHasBothLanguages() {
    const std::vector<v1::Plan> plans = LoadPlans();
    QVERIFY2(plans.size() >= 5, "cannot read the plans in playbooks/");
    QSet<QString> ids;
    for (const auto& plan : plans) ids += TierAndPartyIds(plan);
    QVERIFY(ids.contains(QStringLiteral("offices_service_center")));
    QVERIFY(ids.contains(QStringLiteral("emergency_office")));
    QVERIFY(ids.contains(QStringLiteral("zone_leader")));
    QHash<QString, QString> zh;
    for (const QString& id : std::as_const(ids)) {
      const QString name = tierName(id);
      QVERIFY2(name != id && HasHan(name),
               qPrintable(QStringLiteral("tier/party without a Chinese label: ") + id));
      QVERIFY2(HasHan(tierShortName(id)), qPrintable(id));
      zh.insert(id, name);
    }
    QCOMPARE(tierName(QStringLiteral("offices_service_center")),
             QStringLiteral("机关事务服务中心"));
    QCOMPARE(tierName(QStringLiteral("emergency_office")), QStringLiteral("应急办"));
    QCOMPARE(tierName(QStringLiteral("zone_leader")), QStringLiteral("包保负责人"));
    QCOMPARE(tierShortName(QStringLiteral("leadership_group")), QStringLiteral("领导小组"));
    QCOMPARE(escalatedToText(QStringLiteral("leadership_group")), QStringLiteral("已上报领导小组"));
    const QStringList reasons = {QStringLiteral("start"),       QStringLiteral("timeout"),
                                 QStringLiteral("immediate"),   QStringLiteral("manual"),
                                 QStringLiteral("unreachable"), QStringLiteral("regrade"),
                                 QStringLiteral("unresolved"),  QStringLiteral("delivery_failed"),
                                 QStringLiteral("deescalate"),  QStringLiteral("reminder"),
                                 QStringLiteral("step_overdue")};
    for (const QString& r : reasons) {
      QVERIFY2(HasHan(escalationReasonText(r)), qPrintable(QStringLiteral("reason: ") + r));
    }

    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    for (const QString& id : std::as_const(ids)) {
      for (const QString& en : {tierName(id), tierShortName(id)}) {
        QVERIFY2(!en.isEmpty() && !HasHan(en) && en != id,
                 qPrintable(QStringLiteral("no English label for %1: %2").arg(id, en)));
      }
    }
    for (const QString& r : reasons) {
      const QString en = escalationReasonText(r);
      QVERIFY2(!HasHan(en) && en != r, qPrintable(QStringLiteral("reason %1: %2").arg(r, en)));
    }
    QCOMPARE(tierShortName(QStringLiteral("leadership_group")), QStringLiteral("Leadership group"));
    QCOMPARE(escalatedToText(QStringLiteral("leadership_group")),
             QStringLiteral("Reported to the leadership group"));
    language.setLanguage(QStringLiteral("zh"));
  }

  // Every kind of the contract's EventKind (read from the proto's own
  // descriptor, so a kind added later fails here until it has words) has a
  // name in both languages, and the timeline says each in words: a system
  // event of every kind reads with no Chinese left in English.
  void everyEventKindHasWordsInBothLanguages() {
    const auto* kinds = v1::EventKind_descriptor();
    QVERIFY(kinds->value_count() > 20);
    TimelineModel timeline;
    auto eventOf = [](v1::EventKind kind) {
      v1::IncidentEvent e;
      e.set_seq(7);
      e.set_incident_id("i1");
      e.set_kind(kind);
      e.set_actor_id("system");
      e.set_actor_name("系统");
      e.mutable_at()->set_seconds(1700000000);
      auto* inc = e.mutable_incident();
      inc->set_id("i1");
      inc->set_category("fire");
      inc->set_status(v1::INCIDENT_STATUS_REPORTED);
      inc->set_press_count(3);
      return e;
    };
    QHash<int, QString> zh;
    for (int i = 0; i < kinds->value_count(); ++i) {
      const auto kind = static_cast<v1::EventKind>(kinds->value(i)->number());
      if (kind == v1::EVENT_KIND_UNSPECIFIED) continue;
      const QString name = eventKindName(kind);
      QVERIFY2(HasHan(name) && name != eventKindName(v1::EVENT_KIND_UNSPECIFIED),
               kinds->value(i)->name().c_str());
      const QString line = timeline.describe(eventOf(kind));
      QVERIFY2(line.contains(name), qPrintable(line));
      zh.insert(kind, name);
    }
    QVERIFY(timeline.describe(eventOf(v1::EVENT_KIND_PRESS_FOLDED))
                .contains(QStringLiteral("第 3 次按下")));
    // The server's own resolve of a "kiosk went silent" alert says why.
    auto back = eventOf(v1::EVENT_KIND_RESOLVED);
    back.set_note("报警终端已恢复在线 / the kiosk is back online");
    back.mutable_incident()->set_subject_kiosk_id("kiosk-a");
    back.mutable_incident()->set_outcome(v1::OUTCOME_NO_ACTION);
    QVERIFY(timeline.describe(back).contains(QStringLiteral("终端已恢复在线，自动处置")));

    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    for (int i = 0; i < kinds->value_count(); ++i) {
      const auto kind = static_cast<v1::EventKind>(kinds->value(i)->number());
      if (kind == v1::EVENT_KIND_UNSPECIFIED) continue;
      const QString name = eventKindName(kind);
      QVERIFY2(!name.isEmpty() && !HasHan(name) && name != zh.value(kind),
               qPrintable(QStringLiteral("no English name for %1: %2")
                              .arg(QString::fromStdString(kinds->value(i)->name()), name)));
      const QString line = timeline.describe(eventOf(kind));
      QVERIFY2(!HasHan(line), qPrintable(line));
    }
    const QString backEn = timeline.describe(back);
    QVERIFY2(!HasHan(backEn) && backEn.contains(QStringLiteral("back online")), qPrintable(backEn));
    QVERIFY(timeline.describe(eventOf(v1::EVENT_KIND_PRESS_FOLDED))
                .contains(QStringLiteral("press 3")));
    language.setLanguage(QStringLiteral("zh"));
  }

  // Every audit action the contract names (the list in audit.proto's
  // AuditEntry.action comment) has words in both languages, and the desk's
  // filter offers each.
  void everyAuditActionHasWordsInBothLanguages() {
    QFile f(QStringLiteral(HALL_SOURCE_DIR "/proto/hall/v1/audit.proto"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString proto = QString::fromUtf8(f.readAll());
    const int start = proto.indexOf(QStringLiteral("message AuditEntry"));
    const int end = proto.indexOf(QStringLiteral("string action"), start);
    QVERIFY(start >= 0 && end > start);
    QStringList actions;
    static const QRegularExpression id(QStringLiteral("\\b[a-z]+(?:_[a-z]+)*\\b"));
    const QString comment = proto.mid(start, end - start);
    for (const QString& line : comment.split(QLatin1Char('\n'))) {
      if (!line.trimmed().startsWith(QStringLiteral("//"))) continue;
      auto it = id.globalMatch(line);
      while (it.hasNext()) {
        const QString word = it.next().captured();
        if (word.contains(QLatin1Char('_')) || word == QLatin1String("locked") ||
            word == QLatin1String("unlocked"))
          actions << word;
      }
    }
    QVERIFY2(actions.size() >= 15, qPrintable(actions.join(QLatin1Char(','))));
    const QStringList known = auditActions();
    QCOMPARE(QSet<QString>(actions.begin(), actions.end()),
             QSet<QString>(known.begin(), known.end()));
    QHash<QString, QString> zh;
    for (const QString& a : std::as_const(actions)) {
      QVERIFY2(HasHan(auditActionName(a)), qPrintable(a));
      zh.insert(a, auditActionName(a));
    }
    LanguageSwitcher language(QStringLiteral("desk"));
    language.setLanguage(QStringLiteral("en"));
    for (const QString& a : std::as_const(actions)) {
      const QString en = auditActionName(a);
      QVERIFY2(!HasHan(en) && en != a && !en.isEmpty(),
               qPrintable(QStringLiteral("no English for audit action %1: %2").arg(a, en)));
    }
    language.setLanguage(QStringLiteral("zh"));
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
