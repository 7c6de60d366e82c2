#include "hall_setup_cache.h"

namespace hall::desk {

using client::qs;
using client::RpcResult;
using client::ss;
namespace v1 = hall::v1;

namespace {
void setTime(google::protobuf::Timestamp* t, const QDateTime& d) {
  const qint64 ms = d.toMSecsSinceEpoch();
  t->set_seconds(ms / 1000);
  t->set_nanos(static_cast<int>(ms % 1000) * 1000000);
}
}  // namespace

HallSetupCache::HallSetupCache(client::HallClient* client, QObject* parent)
    : QObject(parent), m_client(client) {
  m_refresh.setInterval(60 * 1000);
  connect(&m_refresh, &QTimer::timeout, this, &HallSetupCache::reloadAll);
  connect(client, &client::HallClient::reconnected, this, [this] {
    // The server may be another one now, on a restored database: take
    // whatever it answers, even an older version.
    const QStringList halls = m_setups.keys();
    m_anyVersion = QSet<QString>(halls.begin(), halls.end());
    reloadAll();
  });
}

void HallSetupCache::load(const QString& hallId) {
  if (hallId.isEmpty() || m_loading.contains(hallId)) return;
  m_loading.insert(hallId);
  v1::GetHallSetupRequest req;
  req.set_hall_id(ss(hallId));
  // The roster window the tab shows and the gaps are checked over: 7 days
  // from now on the server's clock.
  const qint64 now = m_client->serverProfile()->serverNowMs();
  setTime(req.mutable_from(), QDateTime::fromMSecsSinceEpoch(now));
  setTime(req.mutable_to(), QDateTime::fromMSecsSinceEpoch(now + 7LL * 24 * 3600 * 1000));
  m_client->call(m_client->escalation()->async(), &EscalationAsync::GetHallSetup, req, this,
                 std::function<void(const RpcResult&, const v1::HallSetup&)>(
                     [this, hallId](const RpcResult& r, const v1::HallSetup& setup) {
                       m_loading.remove(hallId);
                       if (!r.ok()) {
                         emit failed(hallId, r.text());
                         return;
                       }
                       store(setup);
                     }));
}

void HallSetupCache::reloadAll() {
  for (const QString& hall : m_setups.keys()) load(hall);
}

void HallSetupCache::clear() {
  m_refresh.stop();
  const QStringList halls = m_setups.keys();
  m_setups.clear();
  m_loading.clear();
  m_anyVersion.clear();
  for (const QString& h : halls) emit changed(h);
}

void HallSetupCache::store(const v1::HallSetup& setup) {
  const QString hall = qs(setup.hall_id());
  // Answers may arrive out of order: a read sent before a write can come
  // back after the write's answer. Each change bumps the hall's version,
  // so an older version is a stale answer; keep the newer one shown.
  const bool anyVersion = m_anyVersion.remove(hall);
  auto shown = m_setups.constFind(hall);
  if (!anyVersion && shown != m_setups.constEnd() && setup.version() < shown->version()) return;
  m_setups.insert(hall, setup);
  if (!m_refresh.isActive()) m_refresh.start();
  emit changed(hall);
}

const v1::HallSetup* HallSetupCache::setup(const QString& hallId) const {
  auto it = m_setups.constFind(hallId);
  return it == m_setups.constEnd() ? nullptr : &it.value();
}

QHash<QString, v1::Contact> HallSetupCache::contacts(const QString& hallId) const {
  QHash<QString, v1::Contact> out;
  if (const v1::HallSetup* s = setup(hallId)) {
    for (const auto& c : s->contacts()) out.insert(qs(c.party()), c);
  }
  return out;
}

int HallSetupCache::problemCount() const {
  int n = 0;
  for (const auto& s : m_setups) n += s.problems_size();
  return n;
}

bool HallSetupCache::refuse(const QString& action, const QString& message) {
  emit writeFinished(action, false, message);
  return false;
}

template <class Req>
void HallSetupCache::write(const QString& action, const QString& hallId, Write<Req> method,
                           const Req& req) {
  m_client->call(m_client->escalation()->async(), method, req, this,
                 std::function<void(const RpcResult&, const v1::HallSetupResponse&)>(
                     [this, action, hallId](const RpcResult& r, const v1::HallSetupResponse& resp) {
                       if (r.ok()) {
                         store(resp.setup());
                       } else if (!hallId.isEmpty()) {
                         load(hallId);  // show the set-up as it really is
                       }
                       emit writeFinished(
                           action, r.ok(),
                           r.ok() ? HallSetupCache::tr("%1：完成").arg(action) : r.text());
                     }));
}

void HallSetupCache::setTierMember(const v1::TierMember& member) {
  const QString action = tr("任命职位");
  if (member.person_id().empty()) return void(refuse(action, tr("请选择人员")));
  if (member.tier().empty()) return void(refuse(action, tr("请选择职位")));
  v1::SetTierMemberRequest req;
  *req.mutable_member() = member;
  write(action, qs(member.hall_id()), &EscalationAsync::SetTierMember, req);
}

void HallSetupCache::removeTierMember(const QString& hallId, const QString& personId,
                                      const QString& tier) {
  const QString action = tr("移除职位人员");
  if (personId.isEmpty()) return void(refuse(action, tr("请先选择一个已任命的人员")));
  v1::RemoveTierMemberRequest req;
  req.set_hall_id(ss(hallId));
  req.set_person_id(ss(personId));
  req.set_tier(ss(tier));
  write(action, hallId, &EscalationAsync::RemoveTierMember, req);
}

void HallSetupCache::upsertContact(const v1::Contact& contact) {
  const QString action = tr("保存联系电话");
  if (contact.party().empty()) return void(refuse(action, tr("请选择外部单位")));
  v1::UpsertContactRequest req;
  *req.mutable_contact() = contact;
  write(action, qs(contact.hall_id()), &EscalationAsync::UpsertContact, req);
}

void HallSetupCache::deleteContact(const QString& hallId, const QString& party) {
  const QString action = tr("删除联系电话");
  if (party.isEmpty()) return void(refuse(action, tr("请先选择一个外部单位")));
  v1::DeleteContactRequest req;
  req.set_hall_id(ss(hallId));
  req.set_party(ss(party));
  write(action, hallId, &EscalationAsync::DeleteContact, req);
}

void HallSetupCache::addShift(const QString& hallId, const QString& personId,
                              const QDateTime& start, const QDateTime& end) {
  const QString action = tr("添加值班");
  if (personId.isEmpty()) return void(refuse(action, tr("请选择值班人员")));
  v1::UpsertShiftRequest req;
  req.mutable_shift()->set_hall_id(ss(hallId));
  req.mutable_shift()->set_person_id(ss(personId));
  setTime(req.mutable_shift()->mutable_starts_at(), start);
  setTime(req.mutable_shift()->mutable_ends_at(), end);
  write(action, hallId, &EscalationAsync::UpsertShift, req);
}

void HallSetupCache::deleteShift(const QString& hallId, const QString& shiftId) {
  const QString action = tr("删除值班");
  if (shiftId.isEmpty()) return void(refuse(action, tr("请先选择一个班次")));
  v1::DeleteShiftRequest req;
  req.set_shift_id(ss(shiftId));
  write(action, hallId, &EscalationAsync::DeleteShift, req);
}

void HallSetupCache::upsertNotifier(const v1::Notifier& notifier) {
  const QString action = tr("保存通知渠道");
  if (notifier.url().empty())
    return void(refuse(action, tr("请填写通知地址（http:// 或 https://）")));
  v1::UpsertNotifierRequest req;
  *req.mutable_notifier() = notifier;
  write(action, qs(notifier.hall_id()), &EscalationAsync::UpsertNotifier, req);
}

void HallSetupCache::deleteNotifier(const QString& hallId, const QString& notifierId) {
  const QString action = tr("删除通知渠道");
  if (notifierId.isEmpty()) return void(refuse(action, tr("请先选择一个通知渠道")));
  v1::DeleteNotifierRequest req;
  req.set_notifier_id(ss(notifierId));
  write(action, hallId, &EscalationAsync::DeleteNotifier, req);
}

void HallSetupCache::announceOutage(const v1::PlannedOutage& outage) {
  const QString action = tr("登记计划停电");
  if (outage.category().empty()) return void(refuse(action, tr("请选择类别")));
  v1::UpsertPlannedOutageRequest req;
  *req.mutable_outage() = outage;
  write(action, qs(outage.hall_id()), &EscalationAsync::UpsertPlannedOutage, req);
}

void HallSetupCache::cancelOutage(const QString& hallId, const QString& outageId,
                                  const QString& reason) {
  const QString action = tr("取消计划停电");
  if (outageId.isEmpty()) return void(refuse(action, tr("请先选择一条计划停电")));
  if (reason.trimmed().isEmpty()) return void(refuse(action, tr("取消须填写原因")));
  v1::CancelPlannedOutageRequest req;
  req.set_outage_id(ss(outageId));
  req.set_reason(ss(reason.trimmed()));
  write(action, hallId, &EscalationAsync::CancelPlannedOutage, req);
}

}  // namespace hall::desk
