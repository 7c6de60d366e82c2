#include "labels.h"

#include <QCoreApplication>
#include <QHash>
#include <QLibraryInfo>

namespace hall::client {

namespace {
QString T(const char* s) { return QCoreApplication::translate("Labels", s); }

struct CategoryLabel {
  const char* id;
  const char* name;  // source (Chinese); English in client_core_en.ts
};
// Short names of playbooks/categories.textpb for a dense board.
constexpr CategoryLabel kCategories[] = {
    {"panic", QT_TRANSLATE_NOOP("Labels", "一键报警")},
    {"fire", QT_TRANSLATE_NOOP("Labels", "火情")},
    {"conflict", QT_TRANSLATE_NOOP("Labels", "冲突/纠纷")},
    {"medical_emergency", QT_TRANSLATE_NOOP("Labels", "突发疾病/受伤")},
    {"equipment_fault", QT_TRANSLATE_NOOP("Labels", "设备故障")},
    {"crowding", QT_TRANSLATE_NOOP("Labels", "大厅拥堵")},
    {"suspicious_object", QT_TRANSLATE_NOOP("Labels", "可疑物品")},
    {"power_outage", QT_TRANSLATE_NOOP("Labels", "停电")},
    {"water_outage", QT_TRANSLATE_NOOP("Labels", "停水")},
    {"other", QT_TRANSLATE_NOOP("Labels", "其他")},
    {"explosion", QT_TRANSLATE_NOOP("Labels", "爆炸")},
    {"gas_leak", QT_TRANSLATE_NOOP("Labels", "毒气/燃气泄漏")},
    {"violent_attack", QT_TRANSLATE_NOOP("Labels", "行凶伤人")},
    {"public_security_incident", QT_TRANSLATE_NOOP("Labels", "治安事件")},
    {"extreme_behavior", QT_TRANSLATE_NOOP("Labels", "极端行为")},
    {"stampede", QT_TRANSLATE_NOOP("Labels", "踩踏")},
    {"electric_shock", QT_TRANSLATE_NOOP("Labels", "触电")},
    {"group_petition", QT_TRANSLATE_NOOP("Labels", "集体上访")},
    {"service_complaint", QT_TRANSLATE_NOOP("Labels", "服务投诉")},
    {"illegal_touting", QT_TRANSLATE_NOOP("Labels", "非法揽客")},
    {"pet_in_hall", QT_TRANSLATE_NOOP("Labels", "宠物进入大厅")},
    {"begging_peddling", QT_TRANSLATE_NOOP("Labels", "乞讨/强卖")},
    {"traffic_blockage", QT_TRANSLATE_NOOP("Labels", "门前交通堵塞")},
    {"public_opinion", QT_TRANSLATE_NOOP("Labels", "负面舆情")},
    {"epidemic", QT_TRANSLATE_NOOP("Labels", "传染病疫情")},
    {"food_poisoning", QT_TRANSLATE_NOOP("Labels", "食物中毒")},
    {"queue_system_failure", QT_TRANSLATE_NOOP("Labels", "排队叫号系统故障")},
    {"elevator_entrapment", QT_TRANSLATE_NOOP("Labels", "电梯故障/困人")},
    {"water_leak", QT_TRANSLATE_NOOP("Labels", "漏水/渗水")},
    {"drainage_backflow", QT_TRANSLATE_NOOP("Labels", "下水道堵塞")},
    {"hvac_fault", QT_TRANSLATE_NOOP("Labels", "空调故障")},
    {"glass_breakage", QT_TRANSLATE_NOOP("Labels", "玻璃破碎")},
    {"network_outage", QT_TRANSLATE_NOOP("Labels", "网络中断")},
    {"information_system_fault", QT_TRANSLATE_NOOP("Labels", "信息系统故障")},
    {"cyber_attack", QT_TRANSLATE_NOOP("Labels", "网络攻击")},
    {"severe_weather", QT_TRANSLATE_NOOP("Labels", "恶劣天气")},
    {"earthquake", QT_TRANSLATE_NOOP("Labels", "地震")},
    {"flood", QT_TRANSLATE_NOOP("Labels", "洪水/水灾")},
};
}  // namespace

QString categoryName(const QString& id) {
  static const QHash<QString, const char*> byId = [] {
    QHash<QString, const char*> h;
    for (const auto& c : kCategories) h.insert(QString::fromLatin1(c.id), c.name);
    return h;
  }();
  auto it = byId.constFind(id);
  return it == byId.constEnd() ? id : T(it.value());
}

bool hasCategoryLabel(const QString& id) { return categoryName(id) != id; }

namespace {
// Short labels for the kiosk's big buttons (a guide reads them at a glance).
constexpr CategoryLabel kKioskButtons[] = {
    {"panic", QT_TRANSLATE_NOOP("Labels", "一键报警")},
    {"fire", QT_TRANSLATE_NOOP("Labels", "火情")},
    {"conflict", QT_TRANSLATE_NOOP("Labels", "冲突/纠纷")},
    {"medical", QT_TRANSLATE_NOOP("Labels", "突发疾病/受伤")},
    {"equipment", QT_TRANSLATE_NOOP("Labels", "设备故障")},
    {"crowding", QT_TRANSLATE_NOOP("Labels", "大厅拥堵")},
    {"suspicious", QT_TRANSLATE_NOOP("Labels", "可疑物品")},
    {"utility_outage", QT_TRANSLATE_NOOP("Labels", "停电/停水")},
    {"other", QT_TRANSLATE_NOOP("Labels", "其他")},
};
}  // namespace

QString kioskButtonLabel(const QString& buttonId) {
  for (const auto& b : kKioskButtons) {
    if (buttonId == QLatin1String(b.id)) return T(b.name);
  }
  return {};
}

QString clockSpeedText(double speed) {
  const QString factor = QString::number(speed, 'g', 4);
  return T(QT_TRANSLATE_NOOP("Labels", "模拟时钟 ×%1 — 演示/演练加速，所有时限按此倍速到期"))
      .arg(factor);
}

QString statusName(hall::v1::IncidentStatus s) {
  switch (s) {
    case hall::v1::INCIDENT_STATUS_REPORTED:
      return T(QT_TRANSLATE_NOOP("Labels", "待确认"));
    case hall::v1::INCIDENT_STATUS_ACKNOWLEDGED:
      return T(QT_TRANSLATE_NOOP("Labels", "已确认"));
    case hall::v1::INCIDENT_STATUS_RESOLVED:
      return T(QT_TRANSLATE_NOOP("Labels", "已处置"));
    case hall::v1::INCIDENT_STATUS_CLOSED:
      return T(QT_TRANSLATE_NOOP("Labels", "已关闭"));
    case hall::v1::INCIDENT_STATUS_WITHDRAWN:
      return T(QT_TRANSLATE_NOOP("Labels", "已撤回"));
    default:
      return T(QT_TRANSLATE_NOOP("Labels", "未知"));
  }
}

QString eventClassName(hall::v1::EventClass c) {
  switch (c) {
    case hall::v1::EVENT_CLASS_SERVICE_ORDER:
      return T(QT_TRANSLATE_NOOP("Labels", "办事秩序类"));
    case hall::v1::EVENT_CLASS_PUBLIC_SAFETY:
      return T(QT_TRANSLATE_NOOP("Labels", "公共安全事件"));
    case hall::v1::EVENT_CLASS_NATURAL_DISASTER:
      return T(QT_TRANSLATE_NOOP("Labels", "恶劣天气及自然灾害"));
    case hall::v1::EVENT_CLASS_PUBLIC_HEALTH:
      return T(QT_TRANSLATE_NOOP("Labels", "公共卫生事件"));
    case hall::v1::EVENT_CLASS_NETWORK_INFORMATION:
      return T(QT_TRANSLATE_NOOP("Labels", "网络信息安全"));
    case hall::v1::EVENT_CLASS_FACILITY:
      return T(QT_TRANSLATE_NOOP("Labels", "设施设备故障"));
    default:
      return T(QT_TRANSLATE_NOOP("Labels", "未分类"));
  }
}

QString severityName(hall::v1::Severity s) {
  switch (s) {
    case hall::v1::SEVERITY_LOW:
      return T(QT_TRANSLATE_NOOP("Labels", "一般"));
    case hall::v1::SEVERITY_MEDIUM:
      return T(QT_TRANSLATE_NOOP("Labels", "较大"));
    case hall::v1::SEVERITY_HIGH:
      return T(QT_TRANSLATE_NOOP("Labels", "重大"));
    case hall::v1::SEVERITY_CRITICAL:
      return T(QT_TRANSLATE_NOOP("Labels", "特别重大"));
    default:
      return T(QT_TRANSLATE_NOOP("Labels", "未定级"));
  }
}

QColor severityColor(hall::v1::Severity s) {
  switch (s) {
    case hall::v1::SEVERITY_LOW:
      return QColor(0x2e, 0x7d, 0x32);  // green
    case hall::v1::SEVERITY_MEDIUM:
      return QColor(0xf9, 0xa8, 0x25);  // amber
    case hall::v1::SEVERITY_HIGH:
      return QColor(0xef, 0x6c, 0x00);  // orange
    case hall::v1::SEVERITY_CRITICAL:
      return QColor(0xc6, 0x28, 0x28);  // red
    default:
      return QColor(0x75, 0x75, 0x75);
  }
}

QString outcomeName(hall::v1::Outcome o) {
  switch (o) {
    case hall::v1::OUTCOME_HANDLED:
      return T(QT_TRANSLATE_NOOP("Labels", "已处置"));
    case hall::v1::OUTCOME_FALSE_ALARM:
      return T(QT_TRANSLATE_NOOP("Labels", "误报"));
    case hall::v1::OUTCOME_HANDED_OVER:
      return T(QT_TRANSLATE_NOOP("Labels", "转办"));
    case hall::v1::OUTCOME_NO_ACTION:
      return T(QT_TRANSLATE_NOOP("Labels", "无需处置"));
    default:
      return {};
  }
}

QString eventKindName(hall::v1::EventKind k) {
  switch (k) {
    case hall::v1::EVENT_KIND_RAISED:
      return T(QT_TRANSLATE_NOOP("Labels", "报告"));
    case hall::v1::EVENT_KIND_ACKNOWLEDGED:
      return T(QT_TRANSLATE_NOOP("Labels", "确认"));
    case hall::v1::EVENT_KIND_ASSIGNED:
      return T(QT_TRANSLATE_NOOP("Labels", "指派"));
    case hall::v1::EVENT_KIND_NOTE_ADDED:
      return T(QT_TRANSLATE_NOOP("Labels", "备注"));
    case hall::v1::EVENT_KIND_RESOLVED:
      return T(QT_TRANSLATE_NOOP("Labels", "处置完毕"));
    case hall::v1::EVENT_KIND_CLOSED:
      return T(QT_TRANSLATE_NOOP("Labels", "关闭"));
    case hall::v1::EVENT_KIND_REOPENED:
      return T(QT_TRANSLATE_NOOP("Labels", "重新打开"));
    case hall::v1::EVENT_KIND_WITHDRAWN:
      return T(QT_TRANSLATE_NOOP("Labels", "撤回"));
    case hall::v1::EVENT_KIND_STEP_DONE:
      return T(QT_TRANSLATE_NOOP("Labels", "完成步骤"));
    case hall::v1::EVENT_KIND_STEP_SKIPPED:
      return T(QT_TRANSLATE_NOOP("Labels", "跳过步骤"));
    case hall::v1::EVENT_KIND_RECATEGORIZED:
      return T(QT_TRANSLATE_NOOP("Labels", "改类别"));
    case hall::v1::EVENT_KIND_METRIC_UPDATED:
      return T(QT_TRANSLATE_NOOP("Labels", "更新指标"));
    case hall::v1::EVENT_KIND_ESCALATED:
      return T(QT_TRANSLATE_NOOP("Labels", "上报"));
    case hall::v1::EVENT_KIND_DEESCALATED:
      return T(QT_TRANSLATE_NOOP("Labels", "交回下一级"));
    case hall::v1::EVENT_KIND_ALERT_ACKNOWLEDGED:
      return T(QT_TRANSLATE_NOOP("Labels", "确认上报"));
    case hall::v1::EVENT_KIND_STEP_OVERDUE:
      return T(QT_TRANSLATE_NOOP("Labels", "步骤超时"));
    case hall::v1::EVENT_KIND_REGRADED:
      return T(QT_TRANSLATE_NOOP("Labels", "定级"));
    case hall::v1::EVENT_KIND_REMINDED:
      return T(QT_TRANSLATE_NOOP("Labels", "提醒"));
    case hall::v1::EVENT_KIND_CONTACT_RECORDED:
      return T(QT_TRANSLATE_NOOP("Labels", "联系外部单位"));
    case hall::v1::EVENT_KIND_NOTIFICATION:
      return T(QT_TRANSLATE_NOOP("Labels", "通知"));
    case hall::v1::EVENT_KIND_PLANNED:
      return T(QT_TRANSLATE_NOOP("Labels", "计划内"));
    case hall::v1::EVENT_KIND_PRESS_FOLDED:
      return T(QT_TRANSLATE_NOOP("Labels", "再次按下"));
    case hall::v1::EVENT_KIND_STATEMENT_DRAFTED:
      return T(QT_TRANSLATE_NOOP("Labels", "起草通报"));
    case hall::v1::EVENT_KIND_STATEMENT_APPROVED:
      return T(QT_TRANSLATE_NOOP("Labels", "批准通报"));
    case hall::v1::EVENT_KIND_STATEMENT_REFUSED:
      return T(QT_TRANSLATE_NOOP("Labels", "退回通报"));
    case hall::v1::EVENT_KIND_SUMMARY_RECORDED:
      return T(QT_TRANSLATE_NOOP("Labels", "事后总结"));
    case hall::v1::EVENT_KIND_FILED:
      return T(QT_TRANSLATE_NOOP("Labels", "总结报送"));
    case hall::v1::EVENT_KIND_HANDED_OVER:
      return T(QT_TRANSLATE_NOOP("Labels", "转办"));
    case hall::v1::EVENT_KIND_FOLLOW_UP_CHANGED:
      return T(QT_TRANSLATE_NOOP("Labels", "改进事项"));
    default:
      return T(QT_TRANSLATE_NOOP("Labels", "未知"));
  }
}

QString roleName(hall::v1::Role r) {
  switch (r) {
    case hall::v1::ROLE_FLOOR_GUIDE:
      return T(QT_TRANSLATE_NOOP("Labels", "大厅引导员"));
    case hall::v1::ROLE_WINDOW_STAFF:
      return T(QT_TRANSLATE_NOOP("Labels", "窗口人员"));
    case hall::v1::ROLE_SECURITY:
      return T(QT_TRANSLATE_NOOP("Labels", "保安"));
    case hall::v1::ROLE_DUTY_OFFICER:
      return T(QT_TRANSLATE_NOOP("Labels", "值班人员"));
    case hall::v1::ROLE_HALL_HEAD:
      return T(QT_TRANSLATE_NOOP("Labels", "大厅负责人"));
    case hall::v1::ROLE_LEADERSHIP:
      return T(QT_TRANSLATE_NOOP("Labels", "应急工作领导小组"));
    case hall::v1::ROLE_BUREAU:
      return T(QT_TRANSLATE_NOOP("Labels", "数据管理局"));
    case hall::v1::ROLE_DRILL_COORDINATOR:
      return T(QT_TRANSLATE_NOOP("Labels", "演练组织者"));
    case hall::v1::ROLE_ADMIN:
      return T(QT_TRANSLATE_NOOP("Labels", "系统管理员"));
    case hall::v1::ROLE_KIOSK:
      return T(QT_TRANSLATE_NOOP("Labels", "报警终端"));
    default:
      return T(QT_TRANSLATE_NOOP("Labels", "未知"));
  }
}

namespace {
struct IdLabel {
  const char* id;
  const char* name;  // source (Chinese); English in client_core_en.ts
};
// Step.responsible ids (docs/playbooks.md A.5).
constexpr IdLabel kResponsible[] = {
    {"first_informed", QT_TRANSLATE_NOOP("Labels", "第一知情人")},
    {"first_responder", QT_TRANSLATE_NOOP("Labels", "第一处置人")},
    {"duty_officer", QT_TRANSLATE_NOOP("Labels", "值班人员")},
    {"hall_head", QT_TRANSLATE_NOOP("Labels", "大厅负责人")},
    {"floor_guide", QT_TRANSLATE_NOOP("Labels", "大厅引导员")},
    {"window_staff", QT_TRANSLATE_NOOP("Labels", "窗口人员")},
    {"security", QT_TRANSLATE_NOOP("Labels", "保安")},
    {"property_management", QT_TRANSLATE_NOOP("Labels", "物业")},
    {"leadership_group", QT_TRANSLATE_NOOP("Labels", "应急工作领导小组")},
    {"emergency_office", QT_TRANSLATE_NOOP("Labels", "应急办")},
    {"zone_leader", QT_TRANSLATE_NOOP("Labels", "包保负责人")},
    {"drill_coordinator", QT_TRANSLATE_NOOP("Labels", "演练组织者")},
    {"it_support_staff", QT_TRANSLATE_NOOP("Labels", "技术人员")},
    {"all_staff", QT_TRANSLATE_NOOP("Labels", "全体人员")},
};
// Step.contact_party ids, the outside parties.
constexpr IdLabel kParties[] = {
    {"police", QT_TRANSLATE_NOOP("Labels", "公安/110")},
    {"police_post", QT_TRANSLATE_NOOP("Labels", "警务室")},
    {"fire_service", QT_TRANSLATE_NOOP("Labels", "消防/119")},
    {"ambulance", QT_TRANSLATE_NOOP("Labels", "急救/120")},
    {"data_bureau", QT_TRANSLATE_NOOP("Labels", "数据管理局")},
    {"local_government", QT_TRANSLATE_NOOP("Labels", "属地党委政府")},
    {"emergency_management", QT_TRANSLATE_NOOP("Labels", "应急管理部门")},
    {"power_utility", QT_TRANSLATE_NOOP("Labels", "供电部门")},
    {"water_utility", QT_TRANSLATE_NOOP("Labels", "供水部门")},
    {"property_management", QT_TRANSLATE_NOOP("Labels", "物业")},
    {"it_support", QT_TRANSLATE_NOOP("Labels", "技术部门")},
    {"petitions_office", QT_TRANSLATE_NOOP("Labels", "信访部门")},
    {"disease_control", QT_TRANSLATE_NOOP("Labels", "疾控中心")},
    {"cyberspace_office", QT_TRANSLATE_NOOP("Labels", "网信办")},
    {"relief_station", QT_TRANSLATE_NOOP("Labels", "救助站")},
    // 松江's 机关服务三中心 and 嘉祥's 县机关事务服务中心 (docs/playbooks.md A.5):
    // a name that fits both; the hall's contact list has the unit's own name.
    {"offices_service_center", QT_TRANSLATE_NOOP("Labels", "机关事务服务中心")},
    {"elevator_maintenance", QT_TRANSLATE_NOOP("Labels", "电梯维保")},
    {"media", QT_TRANSLATE_NOOP("Labels", "媒体")},
};

template <size_t N>
const char* findLabel(const IdLabel (&table)[N], const QString& id) {
  for (const auto& l : table) {
    if (id == QLatin1String(l.id)) return l.name;
  }
  return nullptr;
}
}  // namespace

QString responsibleName(const QString& roleId) {
  const char* n = findLabel(kResponsible, roleId);
  return n ? T(n) : roleId;
}

QString partyName(const QString& partyId) {
  const char* n = findLabel(kParties, partyId);
  return n ? T(n) : partyId;
}

QString tierName(const QString& tierId) {
  if (const char* n = findLabel(kResponsible, tierId)) return T(n);
  return partyName(tierId);
}

QString tierShortName(const QString& tierId) {
  // Dense places (a board cell, the kiosk's card) name a tier briefly.
  static constexpr IdLabel kShort[] = {
      {"first_responder", QT_TRANSLATE_NOOP("Labels", "第一处置人")},
      {"duty_officer", QT_TRANSLATE_NOOP("Labels", "值班人员")},
      {"hall_head", QT_TRANSLATE_NOOP("Labels", "大厅负责人")},
      {"leadership_group", QT_TRANSLATE_NOOP("Labels", "领导小组")},
      {"emergency_office", QT_TRANSLATE_NOOP("Labels", "应急办")},
      {"zone_leader", QT_TRANSLATE_NOOP("Labels", "包保负责人")},
      {"security", QT_TRANSLATE_NOOP("Labels", "保安")},
  };
  if (const char* n = findLabel(kShort, tierId)) return T(n);
  return tierName(tierId);
}

QString escalationReasonText(const QString& reason) {
  static constexpr IdLabel kReasons[] = {
      {"start", QT_TRANSLATE_NOOP("Labels", "事件上报，上报链启动")},
      {"timeout", QT_TRANSLATE_NOOP("Labels", "上一级超时未确认")},
      {"immediate", QT_TRANSLATE_NOOP("Labels", "重大事件，立即上报")},
      {"manual", QT_TRANSLATE_NOOP("Labels", "人工升级")},
      {"unreachable", QT_TRANSLATE_NOOP("Labels", "上一级无人可接收，立即上报")},
      {"regrade", QT_TRANSLATE_NOOP("Labels", "定级升高")},
      {"unresolved", QT_TRANSLATE_NOOP("Labels", "确认后长时间未处置完毕")},
      {"delivery_failed", QT_TRANSLATE_NOOP("Labels", "通知发送失败")},
      {"deescalate", QT_TRANSLATE_NOOP("Labels", "上一级交回")},
      {"reminder", QT_TRANSLATE_NOOP("Labels", "未处置完毕提醒")},
      {"step_overdue", QT_TRANSLATE_NOOP("Labels", "处置步骤超时")},
  };
  if (const char* n = findLabel(kReasons, reason)) return T(n);
  return reason;
}

QString escalatedToText(const QString& tierId) {
  // Whole sentences: English needs its article and case per tier.
  static constexpr IdLabel kReported[] = {
      {"first_responder", QT_TRANSLATE_NOOP("Labels", "已上报第一处置人")},
      {"duty_officer", QT_TRANSLATE_NOOP("Labels", "已上报值班人员")},
      {"hall_head", QT_TRANSLATE_NOOP("Labels", "已上报大厅负责人")},
      {"leadership_group", QT_TRANSLATE_NOOP("Labels", "已上报领导小组")},
      {"emergency_office", QT_TRANSLATE_NOOP("Labels", "已上报应急办")},
      {"zone_leader", QT_TRANSLATE_NOOP("Labels", "已上报包保负责人")},
      {"security", QT_TRANSLATE_NOOP("Labels", "已上报保安")},
  };
  if (const char* n = findLabel(kReported, tierId)) return T(n);
  return T(QT_TRANSLATE_NOOP("Labels", "已上报%1")).arg(tierName(tierId));
}

QString contactMethodName(hall::v1::ContactMethod m) {
  switch (m) {
    case hall::v1::CONTACT_METHOD_PHONE:
      return T(QT_TRANSLATE_NOOP("Labels", "电话"));
    case hall::v1::CONTACT_METHOD_IN_PERSON:
      return T(QT_TRANSLATE_NOOP("Labels", "当面"));
    case hall::v1::CONTACT_METHOD_MESSAGE:
      return T(QT_TRANSLATE_NOOP("Labels", "短信"));
    case hall::v1::CONTACT_METHOD_RADIO:
      return T(QT_TRANSLATE_NOOP("Labels", "对讲"));
    default:
      return {};
  }
}

QString stepStateName(hall::v1::StepState s) {
  switch (s) {
    case hall::v1::STEP_STATE_PENDING:
      return T(QT_TRANSLATE_NOOP("Labels", "待办"));
    case hall::v1::STEP_STATE_DONE:
      return T(QT_TRANSLATE_NOOP("Labels", "已完成"));
    case hall::v1::STEP_STATE_SKIPPED:
      return T(QT_TRANSLATE_NOOP("Labels", "已跳过"));
    default:
      return T(QT_TRANSLATE_NOOP("Labels", "未知"));
  }
}

QString metricName(const QString& metric) {
  if (metric == QLatin1String("outage_minutes"))
    return T(QT_TRANSLATE_NOOP("Labels", "中断时长（分钟）"));
  if (metric == QLatin1String("petitioner_count"))
    return T(QT_TRANSLATE_NOOP("Labels", "上访人数"));
  if (metric == QLatin1String("injured_count")) return T(QT_TRANSLATE_NOOP("Labels", "受伤人数"));
  return metric;
}

QString ageText(qint64 seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds < 60) return T(QT_TRANSLATE_NOOP("Labels", "%1秒")).arg(seconds);
  if (seconds < 3600) {
    return T(QT_TRANSLATE_NOOP("Labels", "%1分%2秒"))
        .arg(seconds / 60)
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
  }
  if (seconds < 86400) {
    return T(QT_TRANSLATE_NOOP("Labels", "%1小时%2分"))
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60);
  }
  return T(QT_TRANSLATE_NOOP("Labels", "%1天")).arg(seconds / 86400);
}

QStringList auditActions() {
  return {QStringLiteral("sign_in"),
          QStringLiteral("sign_in_failed"),
          QStringLiteral("locked"),
          QStringLiteral("unlocked"),
          QStringLiteral("permission_denied"),
          QStringLiteral("enrollment_issued"),
          QStringLiteral("kiosk_enrolled"),
          QStringLiteral("kiosk_revoked"),
          QStringLiteral("person_changed"),
          QStringLiteral("kiosk_changed"),
          QStringLiteral("hall_changed"),
          QStringLiteral("location_changed"),
          QStringLiteral("region_changed"),
          QStringLiteral("floor_plan_changed"),
          QStringLiteral("drill_started"),
          QStringLiteral("drill_paused"),
          QStringLiteral("drill_resumed"),
          QStringLiteral("drill_stopped"),
          QStringLiteral("drill_reviewed"),
          QStringLiteral("playbooks_reloaded"),
          QStringLiteral("playbooks_refused"),
          QStringLiteral("signed_out")};
}

QString auditActionName(const QString& action) {
  static const QHash<QString, const char*> names = {
      {QStringLiteral("sign_in"), QT_TRANSLATE_NOOP("Labels", "登录")},
      {QStringLiteral("sign_in_failed"), QT_TRANSLATE_NOOP("Labels", "登录失败")},
      {QStringLiteral("locked"), QT_TRANSLATE_NOOP("Labels", "登录被锁定")},
      {QStringLiteral("unlocked"), QT_TRANSLATE_NOOP("Labels", "解除锁定")},
      {QStringLiteral("permission_denied"), QT_TRANSLATE_NOOP("Labels", "越权被拒")},
      {QStringLiteral("enrollment_issued"), QT_TRANSLATE_NOOP("Labels", "生成终端登记码")},
      {QStringLiteral("kiosk_enrolled"), QT_TRANSLATE_NOOP("Labels", "终端登记")},
      {QStringLiteral("kiosk_revoked"), QT_TRANSLATE_NOOP("Labels", "吊销终端")},
      {QStringLiteral("person_changed"), QT_TRANSLATE_NOOP("Labels", "人员变更")},
      {QStringLiteral("kiosk_changed"), QT_TRANSLATE_NOOP("Labels", "终端变更")},
      {QStringLiteral("hall_changed"), QT_TRANSLATE_NOOP("Labels", "大厅变更")},
      {QStringLiteral("location_changed"), QT_TRANSLATE_NOOP("Labels", "位置变更")},
      {QStringLiteral("region_changed"), QT_TRANSLATE_NOOP("Labels", "区划变更")},
      {QStringLiteral("floor_plan_changed"), QT_TRANSLATE_NOOP("Labels", "平面图变更")},
      {QStringLiteral("drill_started"), QT_TRANSLATE_NOOP("Labels", "演练开始")},
      {QStringLiteral("drill_paused"), QT_TRANSLATE_NOOP("Labels", "演练暂停")},
      {QStringLiteral("drill_resumed"), QT_TRANSLATE_NOOP("Labels", "演练继续")},
      {QStringLiteral("drill_stopped"), QT_TRANSLATE_NOOP("Labels", "演练停止")},
      {QStringLiteral("drill_reviewed"), QT_TRANSLATE_NOOP("Labels", "演练评估")},
      {QStringLiteral("playbooks_reloaded"), QT_TRANSLATE_NOOP("Labels", "预案重新加载")},
      {QStringLiteral("playbooks_refused"), QT_TRANSLATE_NOOP("Labels", "预案加载被拒")},
      {QStringLiteral("signed_out"), QT_TRANSLATE_NOOP("Labels", "退出登录")},
  };
  auto it = names.constFind(action);
  return it == names.constEnd() ? action : T(it.value());
}

bool isAlarm(const hall::v1::Incident& inc) {
  return inc.status() == hall::v1::INCIDENT_STATUS_REPORTED &&
         (inc.category() == "panic" || inc.severity() == hall::v1::SEVERITY_CRITICAL);
}

bool isOpen(hall::v1::IncidentStatus s) {
  return s == hall::v1::INCIDENT_STATUS_REPORTED || s == hall::v1::INCIDENT_STATUS_ACKNOWLEDGED ||
         s == hall::v1::INCIDENT_STATUS_RESOLVED;
}

LanguageSwitcher::LanguageSwitcher(const QString& appCatalog, QObject* parent)
    : QObject(parent), m_appCatalog(appCatalog) {}

LanguageSwitcher::~LanguageSwitcher() {
  for (auto& t : m_translators) QCoreApplication::removeTranslator(t.get());
}

void LanguageSwitcher::setLanguage(const QString& language) {
  if (language != QLatin1String("zh") && language != QLatin1String("en")) return;
  if (language == m_language && (language == QLatin1String("zh") || !m_translators.empty())) return;
  for (auto& t : m_translators) QCoreApplication::removeTranslator(t.get());
  m_translators.clear();
  m_language = language;
  if (language == QLatin1String("en")) {
    // qt_add_translations embeds the catalogues under :/i18n.
    for (const QString& name :
         {QStringLiteral("client_core_en"), m_appCatalog + QStringLiteral("_en")}) {
      auto t = std::make_unique<QTranslator>();
      if (t->load(name, QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(t.get());
        m_translators.push_back(std::move(t));
      } else {
        qWarning("no translation catalogue :/i18n/%s.qm", qPrintable(name));
      }
    }
  }
  emit languageChanged();
}

}  // namespace hall::client
