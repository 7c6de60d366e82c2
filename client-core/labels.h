// Labels (显示名称): what the contract's ids and enums are called on screen,
// in the current language, and their colours; plus LanguageSwitcher, which
// installs the translations (Chinese is the source language, English comes
// from the *_en.ts files) and switches at run time.
//
// Thread-safety: the label functions are reentrant (they read the installed
// translators); LanguageSwitcher is a QObject of the GUI thread.
#pragma once

#include <QColor>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>
#include <memory>
#include <vector>

#include "hall/v1/common.pb.h"
#include "hall/v1/incident.pb.h"
#include "hall/v1/playbook.pb.h"

namespace hall::client {

// Display name of a category id (Category.id of playbooks/categories.textpb);
// the id itself when unknown.
QString categoryName(const QString& id);
// True when categoryName() has a label of its own for `id`.
bool hasCategoryLabel(const QString& id);
// The short label of a kiosk quick-report button (Category.kiosk_buttons:
// panic, fire, conflict, …), or "" when the client has none — then show the
// category's own name from the taxonomy. Which category a button raises,
// and which buttons exist, come from the server (ListCategories), not here.
QString kioskButtonLabel(const QString& buttonId);

// "模拟时钟 ×60 — 演示/演练加速": the warning every screen shows while the
// server runs on an accelerated clock (ServerInfo.clock_speed > 1).
QString clockSpeedText(double speed);

QString statusName(hall::v1::IncidentStatus s);
QString severityName(hall::v1::Severity s);
// 事件类别: the class of a category, as the plans group them.
QString eventClassName(hall::v1::EventClass c);
QColor severityColor(hall::v1::Severity s);
QString outcomeName(hall::v1::Outcome o);
QString eventKindName(hall::v1::EventKind k);
QString roleName(hall::v1::Role r);
// Who does a playbook step (Step.responsible: first_informed, duty_officer,
// …) and the outside party it contacts (Step.contact_party: police,
// fire_service, …), as the plans name them; the id itself when unknown.
QString responsibleName(const QString& roleId);
QString partyName(const QString& partyId);
// An escalation tier: one of the roles above or an outside party.
QString tierName(const QString& tierId);
// A tier's short name for dense places (领导小组, 应急办 …); tierName()
// for anything else.
QString tierShortName(const QString& tierId);
// Why a stage was alerted (AlertRecord.reason: start, timeout, immediate,
// manual, unreachable, regrade, unresolved, delivery_failed, deescalate,
// reminder, step_overdue) in words; the id itself when unknown.
QString escalationReasonText(const QString& reason);
// "已上报领导小组" / "Reported to the leadership group": what the kiosk
// says of a press the chain escalated to `tierId`.
QString escalatedToText(const QString& tierId);
// 电话 / 当面 / 短信 / 对讲; "" for UNSPECIFIED.
QString contactMethodName(hall::v1::ContactMethod m);
QString stepStateName(hall::v1::StepState s);
// A grading metric (outage_minutes, petitioner_count, injured_count).
QString metricName(const QString& metric);
// An audit log action (AuditEntry.action: sign_in, sign_in_failed, locked,
// unlocked, permission_denied, enrollment_issued, kiosk_enrolled,
// kiosk_revoked, person_changed, kiosk_changed, hall_changed,
// location_changed, playbooks_reloaded, playbooks_refused, signed_out) in
// words; the id itself when unknown. auditActions() lists the known ones.
QString auditActionName(const QString& action);
QStringList auditActions();
// "3分12秒" / "3 min 12 s": an age, for a ticking column.
QString ageText(qint64 seconds);

// Which incidents are an alarm that must not be missed: not yet
// acknowledged, and a panic or of critical severity.
bool isAlarm(const hall::v1::Incident& inc);
bool isOpen(hall::v1::IncidentStatus s);

class LanguageSwitcher : public QObject {
  Q_OBJECT
  Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

 public:
  // `appCatalog` is the app's own catalogue name (desk, kiosk); the shared
  // catalogue client_core is always loaded too.
  explicit LanguageSwitcher(const QString& appCatalog, QObject* parent = nullptr);
  ~LanguageSwitcher() override;
  QString language() const { return m_language; }
  // "zh" (the default) or "en"; anything else is ignored. Installs or removes
  // the translators; Qt then sends LanguageChange to every widget.
  Q_INVOKABLE void setLanguage(const QString& language);

 signals:
  void languageChanged();

 private:
  QString m_appCatalog;
  QString m_language = QStringLiteral("zh");
  std::vector<std::unique_ptr<QTranslator>> m_translators;
};

}  // namespace hall::client
