#include "escalation_models.h"

#include <QBrush>
#include <QCoreApplication>
#include <QDateTime>
#include <QFont>

#include "hall_client.h"
#include "labels.h"

namespace hall::client {

namespace v1 = hall::v1;

namespace {
QString T(const char* s) { return QCoreApplication::translate("Escalation", s); }

const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGreen(0x2e, 0x7d, 0x32);
const QColor kAmber(0xe6, 0x51, 0x00);
const QColor kGrey(0x75, 0x75, 0x75);
const QColor kPendingBack(0xff, 0xeb, 0xee);
const QColor kAckBack(0xe8, 0xf5, 0xe9);
const QColor kNextBack(0xff, 0xf3, 0xe0);

bool chainOpen(const v1::Incident& inc) {
  return inc.status() == v1::INCIDENT_STATUS_REPORTED ||
         inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED;
}

// "大厅负责人 + 领导小组"
QString tiersText(const QStringList& tiers, bool brief) {
  QStringList names;
  for (const QString& t : tiers) names << (brief ? tierShortName(t) : tierName(t));
  return names.join(QStringLiteral(" + "));
}

QStringList toList(const google::protobuf::RepeatedPtrField<std::string>& ids) {
  QStringList out;
  for (const auto& id : ids) out << qs(id);
  return out;
}

QString clockText(qint64 ms) {
  return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

// The latest alert of `stage`, or nullptr.
const v1::AlertRecord* latestAlert(const v1::EscalationState& es, int stage) {
  const v1::AlertRecord* found = nullptr;
  for (const auto& a : es.alerts()) {
    if (a.stage() == stage) found = &a;
  }
  return found;
}
}  // namespace

QString countdownText(qint64 seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds >= 3600) {
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
  }
  return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

qint64 secondsToNextStage(const v1::Incident& inc, qint64 nowMs) {
  const auto& es = inc.escalation();
  if (!chainOpen(inc) || !inc.planned_outage_id().empty() || es.acknowledged() ||
      !es.has_next_at() || toMsecs(es.next_at()) <= 0) {
    return -1;
  }
  return std::max<qint64>(0, (toMsecs(es.next_at()) - nowMs + 999) / 1000);
}

QString chainBadge(const v1::Incident& inc, qint64 nowMs) {
  if (!inc.planned_outage_id().empty())
    return T(QT_TRANSLATE_NOOP("Escalation", "计划内（已公告）"));
  const auto& es = inc.escalation();
  const v1::AlertRecord* a = es.alerts().empty() ? nullptr : latestAlert(es, es.stage());
  if (!a || a->tiers().empty()) return {};
  const QString tier = tierShortName(qs(a->tiers(0)));
  if (!chainOpen(inc)) return tier;
  if (es.acknowledged()) return T(QT_TRANSLATE_NOOP("Escalation", "%1 · 已确认")).arg(tier);
  const qint64 left = secondsToNextStage(inc, nowMs);
  if (left >= 0) return QStringLiteral("%1 · %2").arg(tier, countdownText(left));
  return T(QT_TRANSLATE_NOOP("Escalation", "%1 · 待确认")).arg(tier);
}

QStringList escalatedTiers(const v1::Incident& inc) {
  const auto& es = inc.escalation();
  if (es.stage() <= 0 || !inc.planned_outage_id().empty()) return {};
  const v1::AlertRecord* a = latestAlert(es, es.stage());
  return a ? toList(a->tiers()) : QStringList();
}

// ------------------------------------------------------------ chain stages

ChainStagesModel::ChainStagesModel(QObject* parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  m_timer.setInterval(1000);
  connect(&m_timer, &QTimer::timeout, this, &ChainStagesModel::tick);
  m_timer.start();
}

int ChainStagesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_stages.size());
}

int ChainStagesModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

void ChainStagesModel::setPolicy(const v1::EscalationPolicy& policy) {
  m_policy = policy;
  m_havePolicy = true;
  rebuild();
}

void ChainStagesModel::clearPolicy() {
  if (!m_havePolicy) return;
  m_havePolicy = false;
  m_policy.Clear();
  rebuild();
}

void ChainStagesModel::setIncident(const v1::Incident& incident) {
  if (incident.id() == m_incident.id() && incident.last_seq() < m_incident.last_seq()) return;
  m_incident = incident;
  m_incident.clear_checklist();  // the chain needs none of it
  rebuild();
}

void ChainStagesModel::setOnNow(const std::vector<v1::ResolvedTier>& onNow) {
  m_onNow.clear();
  for (const auto& t : onNow) {
    QStringList names;
    for (int i = 0; i < t.names_size(); ++i) {
      const bool online = i < t.online_size() && t.online(i);
      names << QStringLiteral("%1 %2").arg(qs(t.names(i)),
                                           online ? QStringLiteral("●") : QStringLiteral("○"));
    }
    m_onNow.insert(qs(t.tier()), names);
  }
  emitAll();
}

void ChainStagesModel::clear() {
  m_havePolicy = false;
  m_policy.Clear();
  m_incident.Clear();
  m_onNow.clear();
  rebuild();
}

QString ChainStagesModel::incidentId() const { return qs(m_incident.id()); }

void ChainStagesModel::rebuild() {
  std::vector<Stage> stages;
  const auto& es = m_incident.escalation();
  if (!m_incident.id().empty()) {
    const int n = m_havePolicy ? m_policy.tiers_size() : es.stages();
    for (int i = 0; i < n; ++i) {
      Stage s;
      s.alert = latestAlert(es, i);
      if (m_havePolicy) {
        s.tier = m_policy.tiers(i);
      } else if (s.alert && !s.alert->tiers().empty()) {
        s.tier.set_tier(s.alert->tiers(0));
        for (int k = 1; k < s.alert->tiers_size(); ++k) s.tier.add_with_tiers(s.alert->tiers(k));
        s.tier.set_citation(s.alert->citation());
      }
      stages.push_back(std::move(s));
    }
  }
  if (stages.size() == m_stages.size()) {
    m_stages = std::move(stages);
    emitAll();
  } else {
    beginResetModel();
    m_stages = std::move(stages);
    endResetModel();
  }
  emit changed();
  emit ticked();
}

bool ChainStagesModel::open() const { return chainOpen(m_incident); }

bool ChainStagesModel::planned() const { return !m_incident.planned_outage_id().empty(); }

int ChainStagesModel::secondsToNext() const {
  return static_cast<int>(secondsToNextStage(m_incident, now()));
}

bool ChainStagesModel::isNext(int row) const {
  const auto& es = m_incident.escalation();
  return es.started() && row == es.stage() + 1 && secondsToNext() >= 0;
}

QVariant ChainStagesModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const int row = index.row();
  const Stage& s = m_stages[row];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case StageColumn:
          return stageText(s, row);
        case StateColumn:
          return stateText(s, row);
        case PeopleColumn:
          return peopleText(s);
        case RuleColumn:
          return ruleText(s);
        case CitationColumn:
          return qs(s.tier.citation());
      }
      return {};
    case Qt::ToolTipRole:
      return s.alert ? qs(s.alert->citation()) : qs(s.tier.citation());
    case Qt::BackgroundRole:
      return background(row);
    case Qt::ForegroundRole:
      return foreground(s, row, index.column());
    case Qt::FontRole:
      if (index.column() == StageColumn || (index.column() == StateColumn && isNext(row))) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    default:
      return roleData(s, row, role);
  }
}

QString ChainStagesModel::stageText(const Stage& s, int row) const {
  QStringList tiers{qs(s.tier.tier())};
  tiers += toList(s.tier.with_tiers());
  QString text =
      T(QT_TRANSLATE_NOOP("Escalation", "第%1级　%2")).arg(row + 1).arg(tiersText(tiers, false));
  if (!s.tier.notify_only().empty()) {
    text += QLatin1Char('\n') + T(QT_TRANSLATE_NOOP("Escalation", "知会：%1"))
                                    .arg(tiersText(toList(s.tier.notify_only()), false));
  }
  if (!s.tier.contact_parties().empty()) {
    QStringList parties;
    for (const auto& p : s.tier.contact_parties()) parties << partyName(qs(p));
    text +=
        QLatin1Char('\n') +
        T(QT_TRANSLATE_NOOP("Escalation", "须联系：%1")).arg(parties.join(QStringLiteral("、")));
  }
  if (s.tier.product_default()) text += T(QT_TRANSLATE_NOOP("Escalation", "（产品默认）"));
  return text;
}

QString ChainStagesModel::stateText(const Stage& s, int row) const {
  const auto& es = m_incident.escalation();
  if (planned()) return T(QT_TRANSLATE_NOOP("Escalation", "计划内（已公告），不上报"));
  if (s.alert) {
    QString text =
        T(QT_TRANSLATE_NOOP("Escalation", "已上报 %1")).arg(clockText(toMsecs(s.alert->at())));
    text += QStringLiteral(" · ") + escalationReasonText(qs(s.alert->reason()));
    if (row == es.stage()) {
      if (es.acknowledged()) {
        text += QLatin1Char('\n') +
                T(QT_TRANSLATE_NOOP("Escalation", "已确认：%1（%2）"))
                    .arg(qs(es.acknowledged_by_name()), clockText(toMsecs(es.acknowledged_at())));
      } else if (open()) {
        text += QLatin1Char('\n') + T(QT_TRANSLATE_NOOP("Escalation", "待确认"));
      }
    } else if (row > es.stage()) {
      text += QLatin1Char('\n') + T(QT_TRANSLATE_NOOP("Escalation", "已交回下一级"));
    }
    return text;
  }
  if (isNext(row)) {
    return T(QT_TRANSLATE_NOOP("Escalation", "%1 后上报（无人确认时）"))
        .arg(countdownText(secondsToNext()));
  }
  if (!es.started() && open() && row == 0) return T(QT_TRANSLATE_NOOP("Escalation", "即将上报"));
  return T(QT_TRANSLATE_NOOP("Escalation", "未上报"));
}

namespace {
// "张三 ●、李四 ○、王五 ○ 等 7 人（2 人在线）": a stage's people, a few by name.
QString namesText(const QStringList& names, int online) {
  constexpr int kShown = 3;
  QString text = names.mid(0, kShown).join(QStringLiteral("、"));
  if (names.size() > kShown) {
    text +=
        T(QT_TRANSLATE_NOOP("Escalation", " 等 %1 人（%2 人在线）")).arg(names.size()).arg(online);
  }
  return text;
}
}  // namespace

QString ChainStagesModel::peopleText(const Stage& s) const {
  QStringList lines;
  if (s.alert) {
    QStringList people;
    int online = 0;
    for (const auto& p : s.alert->people()) {
      QString name = qs(p.name());
      // Many halls (and the demo) name people by their position: say it once.
      if (!p.position().empty() && !name.contains(qs(p.position())))
        name += T(QT_TRANSLATE_NOOP("Escalation", "（%1）")).arg(qs(p.position()));
      name += p.online() ? QStringLiteral(" ●") : QStringLiteral(" ○");
      if (p.notify_only()) name += T(QT_TRANSLATE_NOOP("Escalation", "（仅知会）"));
      online += p.online() ? 1 : 0;
      people << name;
    }
    if (!people.isEmpty()) lines << namesText(people, online);
    for (const auto& t : s.alert->empty_tiers()) {
      lines << T(QT_TRANSLATE_NOOP("Escalation", "⚠ %1：无人（值班表或人员空缺）"))
                   .arg(tierName(qs(t)));
    }
    if (s.alert->unreachable()) {
      lines << T(QT_TRANSLATE_NOOP("Escalation", "⚠ 无人在线可接收，已立即上报下一级"));
    }
    return lines.join(QLatin1Char('\n'));
  }
  // Not alerted yet: whom its tiers reach now, when the hall's set-up is known.
  QStringList tiers{qs(s.tier.tier())};
  tiers += toList(s.tier.with_tiers());
  for (const QString& t : tiers) {
    auto it = m_onNow.constFind(t);
    if (it == m_onNow.constEnd()) continue;
    lines << (it->isEmpty()
                  ? T(QT_TRANSLATE_NOOP("Escalation", "⚠ %1：现在无人")).arg(tierName(t))
                  : T(QT_TRANSLATE_NOOP("Escalation", "现在将通知：%1"))
                        .arg(namesText(*it, int(it->filter(QStringLiteral("●")).size()))));
  }
  return lines.join(QLatin1Char('\n'));
}

QString ChainStagesModel::ruleText(const Stage& s) const {
  const int t = s.tier.ack_timeout_seconds();
  if (t <= 0) return T(QT_TRANSLATE_NOOP("Escalation", "最后一级"));
  if (t % 60 == 0) {
    return T(QT_TRANSLATE_NOOP("Escalation", "%1分钟内未确认则上报下一级")).arg(t / 60);
  }
  return T(QT_TRANSLATE_NOOP("Escalation", "%1秒内未确认则上报下一级")).arg(t);
}

QVariant ChainStagesModel::background(int row) const {
  const auto& es = m_incident.escalation();
  if (planned() || !es.started()) return {};
  if (row == es.stage() && open()) return QBrush(es.acknowledged() ? kAckBack : kPendingBack);
  if (isNext(row)) return QBrush(kNextBack);
  return {};
}

QVariant ChainStagesModel::foreground(const Stage& s, int row, int column) const {
  // Nobody could receive it: red; a tier of it reached nobody: amber.
  if (column == PeopleColumn && s.alert && s.alert->unreachable()) return QBrush(kRed);
  if (column == PeopleColumn && s.alert && !s.alert->empty_tiers().empty()) return QBrush(kAmber);
  if (column == StateColumn) {
    if (isNext(row)) return QBrush(kAmber);
    if (s.alert && row == m_incident.escalation().stage() && open())
      return QBrush(m_incident.escalation().acknowledged() ? kGreen : kRed);
  }
  if (!s.alert && !isNext(row)) return QBrush(kGrey);
  return {};
}

QVariant ChainStagesModel::roleData(const Stage& s, int row, int role) const {
  const auto& es = m_incident.escalation();
  switch (role) {
    case StageRole:
      return row;
    case TierRole:
      return qs(s.tier.tier());
    case TiersRole: {
      QStringList t{qs(s.tier.tier())};
      return t + toList(s.tier.with_tiers());
    }
    case NotifyOnlyTiersRole:
      return toList(s.tier.notify_only());
    case ContactPartiesRole:
      return toList(s.tier.contact_parties());
    case CitationRole:
      return qs(s.tier.citation());
    case AckTimeoutRole:
      return s.tier.ack_timeout_seconds();
    case ProductDefaultRole:
      return s.tier.product_default();
    case AlertedRole:
      return s.alert != nullptr;
    case AlertedAtRole:
      return s.alert ? toDateTime(s.alert->at()) : QDateTime();
    case ReasonRole:
      return s.alert ? qs(s.alert->reason()) : QString();
    case ReasonTextRole:
      return s.alert ? escalationReasonText(qs(s.alert->reason())) : QString();
    case PeopleRole: {
      QVariantList people;
      if (!s.alert) return people;
      for (const auto& p : s.alert->people()) {
        people << QVariantMap{{QStringLiteral("personId"), qs(p.person_id())},
                              {QStringLiteral("name"), qs(p.name())},
                              {QStringLiteral("position"), qs(p.position())},
                              {QStringLiteral("online"), p.online()},
                              {QStringLiteral("notifyOnly"), p.notify_only()}};
      }
      return people;
    }
    case EmptyTiersRole:
      return s.alert ? toList(s.alert->empty_tiers()) : QStringList();
    case UnreachableRole:
      return s.alert && s.alert->unreachable();
    case CurrentRole:
      return es.started() && row == es.stage();
    case NextRole:
      return isNext(row);
    case SecondsToNextRole:
      return isNext(row) ? QVariant(secondsToNext()) : QVariant();
    case AcknowledgedRole:
      return es.started() && row == es.stage() && es.acknowledged();
    case AcknowledgedByRole:
      return row == es.stage() && es.acknowledged() ? qs(es.acknowledged_by_name()) : QString();
  }
  return {};
}

QVariant ChainStagesModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case StageColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "上报层级"));
    case StateColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "状态"));
    case PeopleColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "通知人员"));
    case RuleColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "时限"));
    case CitationColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "依据"));
  }
  return {};
}

QHash<int, QByteArray> ChainStagesModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{StageRole, "stage"},
                {TierRole, "tier"},
                {TiersRole, "tiers"},
                {NotifyOnlyTiersRole, "notifyOnlyTiers"},
                {ContactPartiesRole, "contactParties"},
                {CitationRole, "citation"},
                {AckTimeoutRole, "ackTimeoutSeconds"},
                {ProductDefaultRole, "productDefault"},
                {AlertedRole, "alerted"},
                {AlertedAtRole, "alertedAt"},
                {ReasonRole, "reason"},
                {ReasonTextRole, "reasonText"},
                {PeopleRole, "people"},
                {EmptyTiersRole, "emptyTiers"},
                {UnreachableRole, "unreachable"},
                {CurrentRole, "current"},
                {NextRole, "next"},
                {SecondsToNextRole, "secondsToNext"},
                {AcknowledgedRole, "acknowledged"},
                {AcknowledgedByRole, "acknowledgedBy"}});
  return names;
}

QString ChainStagesModel::summary() const {
  if (m_incident.id().empty()) return {};
  if (planned()) return T(QT_TRANSLATE_NOOP("Escalation", "上报链：计划内（已公告），不上报"));
  const auto& es = m_incident.escalation();
  const int stages = static_cast<int>(m_stages.size());
  if (!es.started() || es.alerts().empty()) {
    if (es.started() && es.acknowledged())
      return T(QT_TRANSLATE_NOOP("Escalation", "上报链：上报前已确认，无需上报"));
    if (stages == 0 && es.started())
      return T(QT_TRANSLATE_NOOP("Escalation", "上报链：本预案未设上报链"));
    return open() ? T(QT_TRANSLATE_NOOP("Escalation", "上报链：即将启动"))
                  : T(QT_TRANSLATE_NOOP("Escalation", "上报链：未启动"));
  }
  const v1::AlertRecord* a = latestAlert(es, es.stage());
  const QString tier = a ? tiersText(toList(a->tiers()), true) : QString();
  QString text = T(QT_TRANSLATE_NOOP("Escalation", "上报链：第%1级/共%2级 %3"))
                     .arg(es.stage() + 1)
                     .arg(std::max(stages, es.stages()))
                     .arg(tier);
  if (!open())
    return text + T(QT_TRANSLATE_NOOP("Escalation", " · 已停止（%1）"))
                      .arg(statusName(m_incident.status()));
  if (es.acknowledged()) {
    return text +
           T(QT_TRANSLATE_NOOP("Escalation", " · 已由 %1 确认")).arg(qs(es.acknowledged_by_name()));
  }
  text += T(QT_TRANSLATE_NOOP("Escalation", " · 待确认"));
  const int left = secondsToNext();
  if (left >= 0 && es.stage() + 1 < stages) {
    text += T(QT_TRANSLATE_NOOP("Escalation", " · %1 后上报%2"))
                .arg(countdownText(left), tierShortName(qs(m_stages[es.stage() + 1].tier.tier())));
  } else if (left >= 0) {
    text += T(QT_TRANSLATE_NOOP("Escalation", " · %1 后上报下一级")).arg(countdownText(left));
  }
  return text;
}

void ChainStagesModel::setClock(Clock clock) {
  m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); });
  tick();
}

void ChainStagesModel::tick() {
  if (m_stages.empty()) return;
  if (secondsToNext() >= 0) {
    emit dataChanged(index(0, StateColumn), index(rowCount() - 1, StateColumn),
                     {Qt::DisplayRole, SecondsToNextRole, NextRole});
  }
  emit ticked();
}

void ChainStagesModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  emitAll();
  emit changed();
}

void ChainStagesModel::emitAll() {
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

// ------------------------------------------------------------ escalated to me

EscalatedToMeModel::EscalatedToMeModel(QObject* parent) : QAbstractTableModel(parent) {
  m_flashTimer.setInterval(500);
  connect(&m_flashTimer, &QTimer::timeout, this, &EscalatedToMeModel::tickFlash);
}

int EscalatedToMeModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

int EscalatedToMeModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

void EscalatedToMeModel::setPersonId(const QString& personId) {
  if (personId == m_personId) return;
  clear();
  m_personId = personId;
}

bool EscalatedToMeModel::rowFor(const v1::Incident& inc, v1::EventKind kind,
                                const v1::AlertRecord& alert, const QString& stepId,
                                Row* out) const {
  if (m_personId.isEmpty()) return false;
  const std::string me = ss(m_personId);
  const v1::AlertedPerson* mine = nullptr;
  for (const auto& p : alert.people()) {
    if (p.person_id() == me && (!mine || mine->notify_only())) mine = &p;
  }
  if (!mine) return false;
  Row r;
  const QString id = qs(inc.id());
  switch (kind) {
    case v1::EVENT_KIND_REMINDED:
      r.key = id + QStringLiteral("|remind");
      break;
    case v1::EVENT_KIND_STEP_OVERDUE:
      r.key = id + QStringLiteral("|step|") + stepId;
      break;
    default:
      r.key = id + QStringLiteral("|chain");
  }
  r.inc = inc;
  r.inc.clear_checklist();
  if (kind == v1::EVENT_KIND_STEP_OVERDUE) {
    for (const auto& it : inc.checklist()) {
      if (qs(it.step_id()) == stepId) *r.inc.add_checklist() = it;
    }
  }
  r.kind = kind;
  r.stage = alert.stage();
  r.tiers = toList(alert.tiers());
  r.reason = qs(alert.reason());
  r.atMs = toMsecs(alert.at());
  r.notifyOnly = mine->notify_only();
  r.stepId = stepId;
  settle(r);
  *out = std::move(r);
  return true;
}

void EscalatedToMeModel::settle(Row& r) const {
  if (r.settled) return;
  const v1::Incident& inc = r.inc;
  const auto& es = inc.escalation();
  switch (r.kind) {
    case v1::EVENT_KIND_REMINDED:
      r.settled = inc.status() != v1::INCIDENT_STATUS_ACKNOWLEDGED;
      return;
    case v1::EVENT_KIND_STEP_OVERDUE: {
      bool pendingStep = false;
      for (const auto& it : inc.checklist()) {
        if (qs(it.step_id()) == r.stepId)
          pendingStep = it.state() == v1::STEP_STATE_PENDING && !it.not_applicable();
      }
      r.settled = !pendingStep || !isOpen(inc.status());
      return;
    }
    default:
      // Someone acknowledged after this alert (the incident itself, or a
      // later alert of its chain), or the chain stopped.
      r.settled = !chainOpen(inc) || !inc.planned_outage_id().empty() ||
                  (inc.has_acknowledged_at() && toMsecs(inc.acknowledged_at()) >= r.atMs) ||
                  (es.acknowledged() && toMsecs(es.acknowledged_at()) >= r.atMs);
  }
}

bool EscalatedToMeModel::pending(const Row& r) const { return !r.settled && !r.dismissed; }

int EscalatedToMeModel::pendingCount() const {
  int n = 0;
  for (const Row& r : m_rows) n += pending(r) ? 1 : 0;
  return n;
}

int EscalatedToMeModel::ringingCount() const {
  int n = 0;
  for (const Row& r : m_rows) n += ringing(r) ? 1 : 0;
  return n;
}

QString EscalatedToMeModel::incidentIdAt(int row) const {
  return row >= 0 && row < count() ? qs(m_rows[row].inc.id()) : QString();
}

void EscalatedToMeModel::setIncidents(const std::vector<v1::Incident>& incidents) {
  const int p = pendingCount(), g = ringingCount(), c = count();
  beginResetModel();
  m_rows.clear();
  for (const auto& inc : incidents) {
    const auto& alerts = inc.escalation().alerts();
    for (auto a = alerts.rbegin(); a != alerts.rend(); ++a) {
      Row r;
      if (rowFor(inc, v1::EVENT_KIND_ESCALATED, *a, {}, &r)) {
        m_rows.push_back(std::move(r));
        break;
      }
    }
  }
  std::stable_sort(m_rows.begin(), m_rows.end(),
                   [](const Row& a, const Row& b) { return a.atMs > b.atMs; });
  if (m_rows.size() > size_t(kMaxRows)) m_rows.resize(kMaxRows);
  endResetModel();
  afterChange(p, g, c);
}

void EscalatedToMeModel::applyEvents(const std::vector<v1::IncidentEvent>& events) {
  const int p = pendingCount(), g = ringingCount(), c = count();
  for (const auto& e : events) {
    if (e.has_alert()) {
      switch (e.kind()) {
        case v1::EVENT_KIND_ESCALATED:
        case v1::EVENT_KIND_DEESCALATED:
        case v1::EVENT_KIND_REMINDED:
        case v1::EVENT_KIND_STEP_OVERDUE: {
          Row r;
          if (rowFor(e.incident(), e.kind(), e.alert(), qs(e.step_id()), &r) &&
              put(std::move(r), true)) {
            continue;
          }
          break;
        }
        default:
          break;
      }
    }
    update(e.incident());
  }
  trim();
  afterChange(p, g, c);
}

void EscalatedToMeModel::applyIncident(const v1::Incident& incident) {
  const int p = pendingCount(), g = ringingCount(), c = count();
  update(incident);
  afterChange(p, g, c);
}

bool EscalatedToMeModel::put(Row row, bool live) {
  for (int i = 0; i < count(); ++i) {
    if (m_rows[i].key != row.key) continue;
    if (m_rows[i].atMs >= row.atMs) return false;  // not newer than the one listed
    beginRemoveRows({}, i, i);
    m_rows.erase(m_rows.begin() + i);
    endRemoveRows();
    break;
  }
  const bool ring = ringing(row);
  const QString id = qs(row.inc.id());
  beginInsertRows({}, 0, 0);
  m_rows.insert(m_rows.begin(), std::move(row));
  endInsertRows();
  if (live && ring) emit newAlert(id);
  return true;
}

void EscalatedToMeModel::update(const v1::Incident& inc) {
  const std::string& id = inc.id();
  if (inc.status() == v1::INCIDENT_STATUS_CLOSED || inc.status() == v1::INCIDENT_STATUS_WITHDRAWN) {
    for (int i = count() - 1; i >= 0; --i) {
      if (m_rows[i].inc.id() != id) continue;
      beginRemoveRows({}, i, i);
      m_rows.erase(m_rows.begin() + i);
      endRemoveRows();
    }
    return;
  }
  for (int i = 0; i < count(); ++i) {
    Row& r = m_rows[i];
    if (r.inc.id() != id || r.inc.last_seq() > inc.last_seq()) continue;
    v1::Incident next = inc;
    next.clear_checklist();
    if (r.kind == v1::EVENT_KIND_STEP_OVERDUE) {
      for (const auto& it : inc.checklist()) {
        if (qs(it.step_id()) == r.stepId) *next.add_checklist() = it;
      }
    }
    r.inc = std::move(next);
    settle(r);
    emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
  }
}

void EscalatedToMeModel::trim() {
  while (count() > kMaxRows) {
    int drop = count() - 1;
    for (int i = count() - 1; i >= 0; --i) {
      if (!pending(m_rows[i])) {
        drop = i;
        break;
      }
    }
    beginRemoveRows({}, drop, drop);
    m_rows.erase(m_rows.begin() + drop);
    endRemoveRows();
  }
}

bool EscalatedToMeModel::dismiss(int row) {
  if (row < 0 || row >= count()) return false;
  Row& r = m_rows[row];
  if (r.kind != v1::EVENT_KIND_REMINDED && r.kind != v1::EVENT_KIND_STEP_OVERDUE) return false;
  const int p = pendingCount(), g = ringingCount(), c = count();
  r.dismissed = true;
  emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
  afterChange(p, g, c);
  return true;
}

void EscalatedToMeModel::clear() {
  const int p = pendingCount(), g = ringingCount(), c = count();
  beginResetModel();
  m_rows.clear();
  endResetModel();
  afterChange(p, g, c);
}

void EscalatedToMeModel::afterChange(int pendingBefore, int ringingBefore, int countBefore) {
  if (count() != countBefore) emit countChanged();
  if (pendingCount() != pendingBefore || ringingCount() != ringingBefore) emit pendingChanged();
  if (ringingCount() == 0) {
    m_flashTimer.stop();
    m_flashOn = false;
  } else if (!m_flashTimer.isActive()) {
    m_flashOn = true;
    m_flashTimer.start();
  }
}

void EscalatedToMeModel::setDescriber(std::function<QString(const v1::Incident&)> describer) {
  m_describer = std::move(describer);
  retranslate();
}

void EscalatedToMeModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (count() > 0) emit dataChanged(index(0, 0), index(count() - 1, ColumnCount - 1));
}

void EscalatedToMeModel::tickFlash() {
  m_flashOn = !m_flashOn;
  for (int i = 0; i < count(); ++i) {
    if (ringing(m_rows[i])) {
      emit dataChanged(index(i, 0), index(i, ColumnCount - 1),
                       {Qt::BackgroundRole, Qt::ForegroundRole, FlashRole});
    }
  }
}

QString EscalatedToMeModel::describe(const Row& r) const {
  QString text = m_describer ? m_describer(r.inc) : categoryName(qs(r.inc.category()));
  if (r.inc.drill()) text = T(QT_TRANSLATE_NOOP("Escalation", "【演练】")) + text;
  return text;
}

QString EscalatedToMeModel::stateText(const Row& r) const {
  const auto& es = r.inc.escalation();
  if (r.dismissed) return T(QT_TRANSLATE_NOOP("Escalation", "已知悉"));
  if (!r.settled) {
    if (r.notifyOnly) return T(QT_TRANSLATE_NOOP("Escalation", "仅知会"));
    return r.kind == v1::EVENT_KIND_ESCALATED || r.kind == v1::EVENT_KIND_DEESCALATED
               ? T(QT_TRANSLATE_NOOP("Escalation", "待确认"))
               : T(QT_TRANSLATE_NOOP("Escalation", "待处理"));
  }
  if (r.kind == v1::EVENT_KIND_STEP_OVERDUE)
    return T(QT_TRANSLATE_NOOP("Escalation", "步骤已办结"));
  if (r.kind == v1::EVENT_KIND_REMINDED || !chainOpen(r.inc)) return statusName(r.inc.status());
  const bool chainAck = es.acknowledged() && toMsecs(es.acknowledged_at()) >= r.atMs;
  const QString by = chainAck ? qs(es.acknowledged_by_name()) : qs(r.inc.acknowledged_by_name());
  const qint64 at = chainAck ? toMsecs(es.acknowledged_at()) : toMsecs(r.inc.acknowledged_at());
  return T(QT_TRANSLATE_NOOP("Escalation", "已确认：%1（%2）"))
      .arg(by, QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("HH:mm")));
}

QVariant EscalatedToMeModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const Row& r = m_rows[index.row()];
  const bool ring = ringing(r);
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case IncidentColumn:
          return describe(r);
        case StageColumn:
          if (r.kind == v1::EVENT_KIND_STEP_OVERDUE)
            return T(QT_TRANSLATE_NOOP("Escalation", "步骤超时：%1")).arg(tiersText(r.tiers, true));
          if (r.kind == v1::EVENT_KIND_REMINDED) return T(QT_TRANSLATE_NOOP("Escalation", "提醒"));
          return T(QT_TRANSLATE_NOOP("Escalation", "第%1级 %2"))
              .arg(r.stage + 1)
              .arg(tiersText(r.tiers, true));
        case ReasonColumn:
          return escalationReasonText(r.reason);
        case AtColumn:
          return QDateTime::fromMSecsSinceEpoch(r.atMs).toString(QStringLiteral("HH:mm:ss"));
        case StateColumn:
          return stateText(r);
      }
      return {};
    case Qt::BackgroundRole:
      if (ring) return QBrush(m_flashOn ? kRed : kPendingBack);
      return {};
    case Qt::ForegroundRole:
      if (ring) return QBrush(m_flashOn ? QColor(Qt::white) : QColor(0xb7, 0x1c, 0x1c));
      if (!pending(r)) return QBrush(kGrey);
      return {};
    case Qt::FontRole:
      if (pending(r)) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    case IncidentIdRole:
      return qs(r.inc.id());
    case HallRole:
      return qs(r.inc.hall_id());
    case KindRole:
      return int(r.kind);
    case StageRole:
      return r.stage;
    case TiersRole:
      return r.tiers;
    case TierNameRole:
      return tiersText(r.tiers, true);
    case ReasonRole:
      return r.reason;
    case ReasonTextRole:
      return escalationReasonText(r.reason);
    case AtRole:
      return r.atMs;
    case PendingRole:
      return pending(r);
    case NotifyOnlyRole:
      return r.notifyOnly;
    case RingingRole:
      return ring;
    case AcknowledgedByRole:
      return r.settled ? qs(r.inc.escalation().acknowledged_by_name()) : QString();
    case StepIdRole:
      return r.stepId;
    case DrillRole:
      return r.inc.drill();
    case FlashRole:
      return ring && m_flashOn;
  }
  return {};
}

QVariant EscalatedToMeModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case IncidentColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "事件"));
    case StageColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "上报层级"));
    case ReasonColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "原因"));
    case AtColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "时间"));
    case StateColumn:
      return T(QT_TRANSLATE_NOOP("Escalation", "确认情况"));
  }
  return {};
}

QHash<int, QByteArray> EscalatedToMeModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert({{IncidentIdRole, "incidentId"},
                {HallRole, "hallId"},
                {KindRole, "kind"},
                {StageRole, "stage"},
                {TiersRole, "tiers"},
                {TierNameRole, "tierName"},
                {ReasonRole, "reason"},
                {ReasonTextRole, "reasonText"},
                {AtRole, "at"},
                {PendingRole, "pending"},
                {NotifyOnlyRole, "notifyOnly"},
                {RingingRole, "ringing"},
                {AcknowledgedByRole, "acknowledgedBy"},
                {StepIdRole, "stepId"},
                {DrillRole, "drill"},
                {FlashRole, "flash"}});
  return names;
}

}  // namespace hall::client
