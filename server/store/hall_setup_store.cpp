#include "store/hall_setup_store.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/credentials.h"
#include "domain/directory_rules.h"
#include "domain/incident_state.h"
#include "domain/validation.h"

namespace hall::store {
namespace {

constexpr Sql kMembers{"setup_members",
                       "SELECT m.person_id::text, p.display_name, m.tier, m.position_id, "
                       "m.zones::text, m.notify_only, p.phone"
                       " FROM tier_members m JOIN people p ON p.id = m.person_id"
                       " WHERE m.hall_id = $1 AND p.active ORDER BY m.tier, p.display_name"};
// Everything a chain needs to know about a hall's people, in one round
// trip (it runs on the raise's follow-up, once per hall per batch): part 0
// the tier members (by tier, then name), part 1 who is on duty now (by
// shift start), part 2 the active notifiers' tiers; for each person whether
// a desk of theirs is open (its server refreshed it within 20 s).
constexpr Sql kHallStaff{
    "setup_hall_staff",
    "SELECT 0 AS part, m.person_id::text AS person, p.display_name AS name, m.tier,"
    "  m.position_id, m.zones::text, m.notify_only, p.phone, NULL::timestamptz AS starts_at,"
    "  EXISTS (SELECT 1 FROM presence pr WHERE pr.person_id = m.person_id"
    "    AND pr.seen_at > now() - interval '20 seconds')"
    " FROM tier_members m JOIN people p ON p.id = m.person_id WHERE m.hall_id = $1 AND p.active"
    " UNION ALL"
    " SELECT 1, s.person_id::text, p.display_name, '', '', '', false, p.phone, s.starts_at,"
    "  EXISTS (SELECT 1 FROM presence pr WHERE pr.person_id = s.person_id"
    "    AND pr.seen_at > now() - interval '20 seconds')"
    " FROM duty_shifts s JOIN people p ON p.id = s.person_id"
    " WHERE s.hall_id = $1 AND s.starts_at <= $2 AND s.ends_at > $2 AND p.active"
    " UNION ALL"
    " SELECT 2, '', '', '', '', n.tiers::text, false, '', NULL, false"
    " FROM notifiers n WHERE n.hall_id = $1 AND n.active"
    " ORDER BY part, tier, starts_at, name"};
constexpr Sql kHallFacts{
    "setup_hall_facts",
    "SELECT h.setup_version, coalesce((SELECT zone FROM locations WHERE id = $2), ''),"
    " coalesce((SELECT o.id::text FROM planned_outages o WHERE o.hall_id = $1 AND o.category = $3"
    "   AND NOT o.cancelled AND o.starts_at <= $4 AND o.ends_at > $4"
    "   AND (o.zone = '' OR o.zone = (SELECT zone FROM locations WHERE id = $2))"
    "   ORDER BY o.starts_at LIMIT 1), '')"
    " FROM halls h WHERE h.id = $1"};

constexpr Sql kContacts{
    "setup_contacts",
    "SELECT party, name, phone, note FROM hall_contacts WHERE hall_id = $1 ORDER BY party"};
constexpr Sql kShifts{
    "setup_shifts",
    "SELECT s.id::text, s.person_id::text, p.display_name,"
    " (extract(epoch FROM s.starts_at) * 1000000)::bigint, (extract(epoch FROM s.ends_at) * "
    "1000000)::bigint"
    " FROM duty_shifts s JOIN people p ON p.id = s.person_id"
    " WHERE s.hall_id = $1 AND s.ends_at > $2 AND s.starts_at < $3 ORDER BY s.starts_at"};
constexpr Sql kNotifiers{"setup_notifiers",
                         "SELECT id::text, url, tiers::text, active, name FROM notifiers"
                         " WHERE hall_id = $1 ORDER BY name, id"};
constexpr Sql kOutages{
    "setup_outages",
    "SELECT id::text, category, zone, (extract(epoch FROM starts_at) * 1000000)::bigint,"
    " (extract(epoch FROM ends_at) * 1000000)::bigint, note, created_by_name, cancelled"
    " FROM planned_outages WHERE hall_id = $1 AND ends_at > $2 ORDER BY starts_at"};
constexpr Sql kHallVersion{"setup_hall_version",
                           "SELECT setup_version, plan_id FROM halls WHERE id = $1"};

constexpr Sql kBump{
    "setup_bump",
    "UPDATE halls SET setup_version = setup_version + 1 WHERE id = $1 RETURNING setup_version"};
constexpr Sql kAudit{
    "setup_audit",
    "INSERT INTO setup_audit (hall_id, at, actor_id, actor_name, action, before, after, version)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr Sql kLockHall{"setup_lock_hall", "SELECT 1 FROM halls WHERE id = $1 FOR UPDATE"};

constexpr Sql kMemberRow{
    "setup_member_row",
    "SELECT person_id::text, tier, position_id, zones::text, notify_only FROM tier_members"
    " WHERE hall_id = $1 AND person_id = $2 AND tier = $3"};
constexpr Sql kPersonForHall{
    "setup_person_for_hall",
    "SELECT p.role, p.active, (p.all_halls OR EXISTS (SELECT 1 FROM person_halls h"
    " WHERE h.person_id = p.id AND h.hall_id = $2)) FROM people p WHERE p.id = $1"};
constexpr Sql kUpsertMember{
    "setup_upsert_member",
    "INSERT INTO tier_members (hall_id, person_id, tier, position_id, zones, notify_only)"
    " VALUES ($1, $2, $3, $4, $5::text[], $6) ON CONFLICT (hall_id, person_id, tier) DO UPDATE"
    " SET position_id = $4, zones = $5::text[], notify_only = $6"};
constexpr Sql kDeleteMember{
    "setup_delete_member",
    "DELETE FROM tier_members WHERE hall_id = $1 AND person_id = $2 AND tier = $3"};

constexpr Sql kContactRow{
    "setup_contact_row",
    "SELECT party, name, phone, note FROM hall_contacts WHERE hall_id = $1 AND party = $2"};
constexpr Sql kUpsertContact{
    "setup_upsert_contact",
    "INSERT INTO hall_contacts (hall_id, party, name, phone, note) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (hall_id, party) DO UPDATE SET name = $3, phone = $4, note = $5"};
constexpr Sql kDeleteContact{"setup_delete_contact",
                             "DELETE FROM hall_contacts WHERE hall_id = $1 AND party = $2"};

constexpr Sql kShiftRow{
    "setup_shift_row",
    "SELECT id::text, hall_id, person_id::text, (extract(epoch FROM starts_at) * 1000000)::bigint,"
    " (extract(epoch FROM ends_at) * 1000000)::bigint FROM duty_shifts WHERE id = $1"};
constexpr Sql kShiftOverlap{
    "setup_shift_overlap",
    "SELECT id::text, hall_id FROM duty_shifts WHERE person_id = $1 AND id <> $2"
    " AND starts_at < $4 AND ends_at > $3 LIMIT 1"};
constexpr Sql kUpsertShift{
    "setup_upsert_shift",
    "INSERT INTO duty_shifts (id, hall_id, person_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, "
    "$5)"
    " ON CONFLICT (id) DO UPDATE SET person_id = $3, starts_at = $4, ends_at = $5"
    " WHERE duty_shifts.hall_id = $2"};
constexpr Sql kDeleteShift{"setup_delete_shift", "DELETE FROM duty_shifts WHERE id = $1"};

constexpr Sql kNotifierRow{
    "setup_notifier_row",
    "SELECT id::text, hall_id, url, tiers::text, active, name FROM notifiers WHERE id = $1"};
constexpr Sql kUpsertNotifier{
    "setup_upsert_notifier",
    "INSERT INTO notifiers (id, hall_id, url, tiers, active, name) VALUES ($1, $2, $3, $4::text[], "
    "$5, $6)"
    " ON CONFLICT (id) DO UPDATE SET url = $3, tiers = $4::text[], active = $5, name = $6"
    " WHERE notifiers.hall_id = $2"};
constexpr Sql kDeleteNotifier{"setup_delete_notifier", "DELETE FROM notifiers WHERE id = $1"};

constexpr Sql kOutageRow{
    "setup_outage_row",
    "SELECT id::text, hall_id, category, zone, (extract(epoch FROM starts_at) * 1000000)::bigint,"
    " (extract(epoch FROM ends_at) * 1000000)::bigint, note, created_by_name, cancelled"
    " FROM planned_outages WHERE id = $1"};
constexpr Sql kUpsertOutage{
    "setup_upsert_outage",
    "INSERT INTO planned_outages (id, hall_id, category, zone, starts_at, ends_at, note, "
    "created_by,"
    " created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (id) DO UPDATE SET category = $3, zone = $4, starts_at = $5, ends_at = $6, note "
    "= $7"
    " WHERE planned_outages.hall_id = $2 AND NOT planned_outages.cancelled"};
constexpr Sql kCancelOutage{
    "setup_cancel_outage",
    "UPDATE planned_outages SET cancelled = true,"
    " note = note || CASE WHEN note = '' THEN '' ELSE ' / ' END || $2 WHERE id = $1"};

constexpr Sql kListAudit{
    "setup_list_audit",
    "SELECT id, hall_id, (extract(epoch FROM at) * 1000000)::bigint, actor_id, actor_name, action,"
    " before, after, version FROM setup_audit WHERE hall_id = $1 ORDER BY id DESC LIMIT $2"};

constexpr Sql kPresenceForget{
    "presence_forget",
    "DELETE FROM presence WHERE server_id = $1 AND NOT (person_id = ANY($2::uuid[]))"};
constexpr Sql kPresenceUpsert{"presence_upsert",
                              "INSERT INTO presence (person_id, server_id, seen_at) SELECT p, $1, "
                              "now() FROM unnest($2::uuid[]) AS p"
                              " ON CONFLICT (person_id, server_id) DO UPDATE SET seen_at = now()"};

std::string Json(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, o);
  return out;
}

// Bumps the hall's version and records the change, inside `tx`.
int64_t Audit(Transaction& tx, const std::string& hall_id, const domain::Principal& actor,
              const char* action, const std::string& before, const std::string& after,
              int64_t now_us) {
  auto r = tx.Exec(kBump, {hall_id});
  if (r.rows() == 0) throw PgError("hall '" + hall_id + "' vanished", "P0002", false);
  int64_t version = r.int64(0, 0);
  tx.Exec(kAudit, {hall_id, MicrosToPgText(now_us), actor.id, actor.display_name, action, before,
                   after, version});
  return version;
}

v1::TierMember MemberRow(const PgResult& r, int i, const std::string& hall_id) {
  v1::TierMember m;
  m.set_hall_id(hall_id);
  m.set_person_id(r.text(i, 0));
  m.set_tier(r.text(i, 1));
  m.set_position_id(r.text(i, 2));
  for (auto& z : FromPgArray(r.view(i, 3))) m.add_zones(z);
  m.set_notify_only(r.boolean(i, 4));
  return m;
}

v1::Shift ShiftRow(const PgResult& r, int i) {
  v1::Shift s;
  s.set_id(r.text(i, 0));
  s.set_hall_id(r.text(i, 1));
  s.set_person_id(r.text(i, 2));
  domain::SetTimestamp(s.mutable_starts_at(), r.int64(i, 3));
  domain::SetTimestamp(s.mutable_ends_at(), r.int64(i, 4));
  return s;
}

v1::Notifier NotifierRow(const PgResult& r, int i) {
  v1::Notifier n;
  n.set_id(r.text(i, 0));
  n.set_hall_id(r.text(i, 1));
  n.set_url(r.text(i, 2));
  for (auto& t : FromPgArray(r.view(i, 3))) n.add_tiers(t);
  n.set_active(r.boolean(i, 4));
  n.set_name(r.text(i, 5));
  return n;
}

v1::PlannedOutage OutageRow(const PgResult& r, int i) {
  v1::PlannedOutage o;
  o.set_id(r.text(i, 0));
  o.set_hall_id(r.text(i, 1));
  o.set_category(r.text(i, 2));
  o.set_zone(r.text(i, 3));
  domain::SetTimestamp(o.mutable_starts_at(), r.int64(i, 4));
  domain::SetTimestamp(o.mutable_ends_at(), r.int64(i, 5));
  o.set_note(r.text(i, 6));
  o.set_created_by_name(r.text(i, 7));
  o.set_cancelled(r.boolean(i, 8));
  return o;
}

const v1::OrgPosition* FindPosition(const v1::Plan* plan, const std::string& id) {
  if (!plan || id.empty()) return nullptr;
  for (const auto& p : plan->organisation()) {
    if (p.id() == id) return &p;
  }
  return nullptr;
}

}  // namespace

namespace {

Statement HallStaffQuery(const std::string& hall, int64_t now_us) {
  return {&kHallStaff, {hall, MicrosToPgText(now_us)}};
}

domain::HallPeople ParseHallStaff(const PgResult& rows, const v1::Plan* plan) {
  domain::HallPeople out;
  for (int i = 0; i < rows.rows(); ++i) {
    const int64_t part = rows.int64(i, 0);
    if (part == 2) {
      out.notifier_tiers.push_back(FromPgArray(rows.view(i, 5)));
      continue;
    }
    std::string person = rows.text(i, 1);
    if (rows.boolean(i, 9)) out.online.insert(person);
    if (part == 1) {
      out.on_duty.push_back({std::move(person), rows.text(i, 2), rows.text(i, 7)});
      continue;
    }
    domain::HallPeople::Member m;
    m.person_id = std::move(person);
    m.name = rows.text(i, 2);
    m.tier = rows.text(i, 3);
    m.position_id = rows.text(i, 4);
    m.zones = FromPgArray(rows.view(i, 5));
    m.notify_only = rows.boolean(i, 6);
    m.phone = rows.text(i, 7);
    if (const v1::OrgPosition* pos = FindPosition(plan, m.position_id)) {
      m.position_title = pos->title_zh();
      if (m.zones.empty()) m.zones.assign(pos->zones().begin(), pos->zones().end());
      m.notify_only = m.notify_only || pos->notify_only();
    }
    out.members.push_back(std::move(m));
  }
  return out;
}

Statement HallFactsQuery(const v1::Incident& incident) {
  return {&kHallFacts,
          {incident.hall_id(), PgParam::NullIfEmpty(incident.location_id()), incident.category(),
           MicrosToPgText(domain::ToMicros(incident.reported_at()))}};
}

void ParseHallFacts(const PgResult& facts, domain::HallPeople* people) {
  if (facts.rows() > 0) {
    people->setup_version = facts.int64(0, 0);
    people->zone = facts.text(0, 1);
    people->planned_outage_id = facts.text(0, 2);
  }
}

}  // namespace

domain::HallPeople LoadHallPeople(PgConnection& conn, const v1::Incident& incident,
                                  const v1::Plan* plan, int64_t now_us) {
  return std::move(LoadChainPeople(conn, {&incident}, {plan}, now_us).front());
}

std::vector<domain::HallPeople> LoadChainPeople(PgConnection& conn,
                                                const std::vector<const v1::Incident*>& incidents,
                                                const std::vector<const v1::Plan*>& plans,
                                                int64_t now_us) {
  // Each hall's staff once (parsed with the plan of its first incident: a
  // hall has one plan), then each incident's facts; all in one round trip.
  std::vector<Statement> reads;
  std::map<std::string, size_t> staff_of;  // hall → index of its staff read
  std::vector<const v1::Plan*> staff_plan;
  for (size_t i = 0; i < incidents.size(); ++i) {
    if (staff_of.emplace(incidents[i]->hall_id(), reads.size()).second) {
      reads.push_back(HallStaffQuery(incidents[i]->hall_id(), now_us));
      staff_plan.push_back(plans[i]);
    }
  }
  const size_t facts_from = reads.size();
  for (const v1::Incident* incident : incidents) reads.push_back(HallFactsQuery(*incident));
  auto results = conn.ExecPipelined(reads);
  std::vector<domain::HallPeople> staff;
  for (size_t h = 0; h < facts_from; ++h)
    staff.push_back(ParseHallStaff(results[h], staff_plan[h]));
  std::vector<domain::HallPeople> out;
  out.reserve(incidents.size());
  for (size_t i = 0; i < incidents.size(); ++i) {
    out.push_back(staff[staff_of[incidents[i]->hall_id()]]);
    ParseHallFacts(results[facts_from + i], &out.back());
  }
  return out;
}

v1::HallSetup LoadHallSetup(PgConnection& conn, const std::string& hall_id, const v1::Plan* plan,
                            int64_t from_us, int64_t to_us, int64_t now_us) {
  v1::HallSetup s;
  s.set_hall_id(hall_id);
  Transaction tx(conn, TxOptions::Snapshot());
  auto hv = tx.Exec(kHallVersion, {hall_id});
  if (hv.rows() == 0) return s;
  s.set_version(hv.int64(0, 0));
  s.set_plan_id(hv.text(0, 1));
  if (plan) {
    for (const auto& p : plan->organisation()) *s.add_positions() = p;
  }
  auto members = tx.Exec(kMembers, {hall_id});
  for (int i = 0; i < members.rows(); ++i) {
    v1::TierMember m;
    m.set_hall_id(hall_id);
    m.set_person_id(members.text(i, 0));
    m.set_person_name(members.text(i, 1));
    m.set_tier(members.text(i, 2));
    m.set_position_id(members.text(i, 3));
    for (auto& z : FromPgArray(members.view(i, 4))) m.add_zones(z);
    m.set_notify_only(members.boolean(i, 5));
    m.set_phone(members.text(i, 6));
    *s.add_members() = std::move(m);
  }
  auto contacts = tx.Exec(kContacts, {hall_id});
  for (int i = 0; i < contacts.rows(); ++i) {
    v1::Contact* c = s.add_contacts();
    c->set_hall_id(hall_id);
    c->set_party(contacts.text(i, 0));
    c->set_name(contacts.text(i, 1));
    c->set_phone(contacts.text(i, 2));
    c->set_note(contacts.text(i, 3));
  }
  auto shifts = tx.Exec(kShifts, {hall_id, MicrosToPgText(from_us), MicrosToPgText(to_us)});
  for (int i = 0; i < shifts.rows(); ++i) {
    v1::Shift* sh = s.add_shifts();
    sh->set_id(shifts.text(i, 0));
    sh->set_hall_id(hall_id);
    sh->set_person_id(shifts.text(i, 1));
    sh->set_person_name(shifts.text(i, 2));
    domain::SetTimestamp(sh->mutable_starts_at(), shifts.int64(i, 3));
    domain::SetTimestamp(sh->mutable_ends_at(), shifts.int64(i, 4));
  }
  auto notifiers = tx.Exec(kNotifiers, {hall_id});
  for (int i = 0; i < notifiers.rows(); ++i) {
    v1::Notifier* n = s.add_notifiers();
    n->set_id(notifiers.text(i, 0));
    n->set_hall_id(hall_id);
    n->set_url(notifiers.text(i, 1));
    for (auto& t : FromPgArray(notifiers.view(i, 2))) n->add_tiers(t);
    n->set_active(notifiers.boolean(i, 3));
    n->set_name(notifiers.text(i, 4));
  }
  auto outages = tx.Exec(kOutages, {hall_id, MicrosToPgText(now_us)});
  for (int i = 0; i < outages.rows(); ++i) {
    v1::PlannedOutage* o = s.add_planned_outages();
    o->set_id(outages.text(i, 0));
    o->set_hall_id(hall_id);
    o->set_category(outages.text(i, 1));
    o->set_zone(outages.text(i, 2));
    domain::SetTimestamp(o->mutable_starts_at(), outages.int64(i, 3));
    domain::SetTimestamp(o->mutable_ends_at(), outages.int64(i, 4));
    o->set_note(outages.text(i, 5));
    o->set_created_by_name(outages.text(i, 6));
    o->set_cancelled(outages.boolean(i, 7));
  }
  // Who each tier resolves to now (the zone is unknown outside an incident:
  // zone leaders are listed by their members).
  v1::Incident probe;
  probe.set_hall_id(hall_id);
  domain::SetTimestamp(probe.mutable_reported_at(), now_us);
  domain::HallPeople people = LoadHallPeople(conn, probe, plan, now_us);
  for (const char* tier : {"first_responder", "duty_officer", "hall_head", "leadership_group",
                           "emergency_office", "zone_leader", "security"}) {
    v1::ResolvedTier* rt = s.add_on_now();
    rt->set_tier(tier);
    if (std::string(tier) == "zone_leader") {
      for (const auto& m : people.members) {
        if (m.tier != "zone_leader") continue;
        rt->add_person_ids(m.person_id);
        rt->add_names(m.name);
        rt->add_online(people.online.count(m.person_id) > 0);
      }
      continue;
    }
    for (const auto& p : domain::ResolveTier(people, tier)) {
      rt->add_person_ids(p.person_id());
      rt->add_names(p.name());
      rt->add_online(p.online());
    }
  }
  for (auto& p : domain::FindSetupProblems(plan, s, from_us, to_us))
    *s.add_problems() = std::move(p);
  return s;
}

Status SetTierMember(PgConnection& conn, const v1::TierMember& member,
                     const domain::Principal& actor, int64_t now_us) {
  Transaction tx(conn);
  if (tx.Exec(kLockHall, {member.hall_id()}).rows() == 0) {
    return Error::NotFound("hall '" + member.hall_id() + "' does not exist");
  }
  auto who = tx.Exec(kPersonForHall, {member.person_id(), member.hall_id()});
  if (who.rows() == 0) return Error::NotFound("no person with id " + member.person_id());
  if (!who.boolean(0, 1))
    return Error::FailedPrecondition("person " + member.person_id() + " is deactivated");
  if (!who.boolean(0, 2)) {
    return Error::FailedPrecondition(
        "person " + member.person_id() + " does not work in hall " + member.hall_id() +
        " (give them the hall first, so they can read what they are alerted to)");
  }
  auto before = tx.Exec(kMemberRow, {member.hall_id(), member.person_id(), member.tier()});
  std::vector<std::string> zones(member.zones().begin(), member.zones().end());
  tx.Exec(kUpsertMember, {member.hall_id(), member.person_id(), member.tier(), member.position_id(),
                          ToPgArray(zones), member.notify_only()});
  v1::TierMember after = member;
  after.clear_person_name();
  after.clear_phone();
  Audit(tx, member.hall_id(), actor, "set_tier_member",
        before.rows() ? Json(MemberRow(before, 0, member.hall_id())) : "", Json(after), now_us);
  tx.Commit();
  return kOk;
}

Status RemoveTierMember(PgConnection& conn, const std::string& hall_id,
                        const std::string& person_id, const std::string& tier,
                        const domain::Principal& actor, int64_t now_us) {
  Transaction tx(conn);
  auto before = tx.Exec(kMemberRow, {hall_id, person_id, tier});
  if (before.rows() == 0)
    return Error::NotFound("person " + person_id + " is not in tier " + tier + " of hall " +
                           hall_id);
  tx.Exec(kDeleteMember, {hall_id, person_id, tier});
  Audit(tx, hall_id, actor, "remove_tier_member", Json(MemberRow(before, 0, hall_id)), "", now_us);
  tx.Commit();
  return kOk;
}

Status UpsertContact(PgConnection& conn, const v1::Contact& c, const domain::Principal& actor,
                     int64_t now_us) {
  Transaction tx(conn);
  if (tx.Exec(kLockHall, {c.hall_id()}).rows() == 0)
    return Error::NotFound("hall '" + c.hall_id() + "' does not exist");
  auto before = tx.Exec(kContactRow, {c.hall_id(), c.party()});
  std::string before_json;
  if (before.rows()) {
    v1::Contact b;
    b.set_hall_id(c.hall_id());
    b.set_party(before.text(0, 0));
    b.set_name(before.text(0, 1));
    b.set_phone(before.text(0, 2));
    b.set_note(before.text(0, 3));
    before_json = Json(b);
  }
  tx.Exec(kUpsertContact, {c.hall_id(), c.party(), c.name(), c.phone(), c.note()});
  Audit(tx, c.hall_id(), actor, "upsert_contact", before_json, Json(c), now_us);
  tx.Commit();
  return kOk;
}

Status DeleteContact(PgConnection& conn, const std::string& hall_id, const std::string& party,
                     const domain::Principal& actor, int64_t now_us) {
  Transaction tx(conn);
  auto before = tx.Exec(kContactRow, {hall_id, party});
  if (before.rows() == 0)
    return Error::NotFound("hall " + hall_id + " has no contact for " + party);
  v1::Contact b;
  b.set_hall_id(hall_id);
  b.set_party(before.text(0, 0));
  b.set_name(before.text(0, 1));
  b.set_phone(before.text(0, 2));
  b.set_note(before.text(0, 3));
  tx.Exec(kDeleteContact, {hall_id, party});
  Audit(tx, hall_id, actor, "delete_contact", Json(b), "", now_us);
  tx.Commit();
  return kOk;
}

Status UpsertShift(PgConnection& conn, v1::Shift* shift, const domain::Principal& actor,
                   int64_t now_us) {
  Transaction tx(conn);
  if (tx.Exec(kLockHall, {shift->hall_id()}).rows() == 0) {
    return Error::NotFound("hall '" + shift->hall_id() + "' does not exist");
  }
  auto who = tx.Exec(kPersonForHall, {shift->person_id(), shift->hall_id()});
  if (who.rows() == 0) return Error::NotFound("no person with id " + shift->person_id());
  auto role = static_cast<v1::Role>(who.int64(0, 0));
  if (!who.boolean(0, 1))
    return Error::FailedPrecondition("person " + shift->person_id() + " is deactivated");
  if (!who.boolean(0, 2)) {
    return Error::FailedPrecondition("person " + shift->person_id() + " does not work in hall " +
                                     shift->hall_id());
  }
  if (role != v1::ROLE_DUTY_OFFICER && role != v1::ROLE_HALL_HEAD) {
    return Error::FailedPrecondition("a duty shift is for a duty officer or the hall head, not a " +
                                     domain::RoleName(role));
  }
  std::string before_json;
  bool creating = shift->id().empty();
  if (creating) {
    shift->set_id(domain::NewUuid());
  } else {
    auto before = tx.Exec(kShiftRow, {shift->id()});
    if (before.rows() == 0) return Error::NotFound("no shift with id " + shift->id());
    v1::Shift b = ShiftRow(before, 0);
    if (b.hall_id() != shift->hall_id())
      return Error::FailedPrecondition("shift " + shift->id() + " belongs to another hall");
    before_json = Json(b);
  }
  std::string start = MicrosToPgText(domain::ToMicros(shift->starts_at()));
  std::string end = MicrosToPgText(domain::ToMicros(shift->ends_at()));
  auto overlap = tx.Exec(kShiftOverlap, {shift->person_id(), shift->id(), start, end});
  if (overlap.rows() > 0) {
    if (creating) shift->clear_id();
    return Error::FailedPrecondition("the shift overlaps another shift of the same person (shift " +
                                     overlap.text(0, 0) + " in hall " + overlap.text(0, 1) + ")");
  }
  tx.Exec(kUpsertShift, {shift->id(), shift->hall_id(), shift->person_id(), start, end});
  v1::Shift after = *shift;
  after.clear_person_name();
  Audit(tx, shift->hall_id(), actor, creating ? "create_shift" : "update_shift", before_json,
        Json(after), now_us);
  tx.Commit();
  return kOk;
}

Result<std::string> ShiftHall(PgConnection& conn, const std::string& shift_id) {
  auto r = conn.Exec(kShiftRow, {shift_id});
  if (r.rows() == 0) return Error::NotFound("no shift with id " + shift_id);
  return r.text(0, 1);
}

Status DeleteShift(PgConnection& conn, const std::string& shift_id, const domain::Principal& actor,
                   int64_t now_us) {
  Transaction tx(conn);
  auto before = tx.Exec(kShiftRow, {shift_id});
  if (before.rows() == 0) return Error::NotFound("no shift with id " + shift_id);
  v1::Shift b = ShiftRow(before, 0);
  tx.Exec(kDeleteShift, {shift_id});
  Audit(tx, b.hall_id(), actor, "delete_shift", Json(b), "", now_us);
  tx.Commit();
  return kOk;
}

Status UpsertNotifier(PgConnection& conn, v1::Notifier* n, const domain::Principal& actor,
                      int64_t now_us) {
  Transaction tx(conn);
  if (tx.Exec(kLockHall, {n->hall_id()}).rows() == 0)
    return Error::NotFound("hall '" + n->hall_id() + "' does not exist");
  std::string before_json;
  bool creating = n->id().empty();
  if (creating) {
    n->set_id(domain::NewUuid());
  } else {
    auto before = tx.Exec(kNotifierRow, {n->id()});
    if (before.rows() == 0) return Error::NotFound("no notifier with id " + n->id());
    v1::Notifier b = NotifierRow(before, 0);
    if (b.hall_id() != n->hall_id())
      return Error::FailedPrecondition("notifier " + n->id() + " belongs to another hall");
    before_json = Json(b);
  }
  std::vector<std::string> tiers(n->tiers().begin(), n->tiers().end());
  tx.Exec(kUpsertNotifier,
          {n->id(), n->hall_id(), n->url(), ToPgArray(tiers), n->active(), n->name()});
  Audit(tx, n->hall_id(), actor, creating ? "create_notifier" : "update_notifier", before_json,
        Json(*n), now_us);
  tx.Commit();
  return kOk;
}

Result<std::string> NotifierHall(PgConnection& conn, const std::string& notifier_id) {
  auto r = conn.Exec(kNotifierRow, {notifier_id});
  if (r.rows() == 0) return Error::NotFound("no notifier with id " + notifier_id);
  return r.text(0, 1);
}

Status DeleteNotifier(PgConnection& conn, const std::string& notifier_id,
                      const domain::Principal& actor, int64_t now_us) {
  Transaction tx(conn);
  auto before = tx.Exec(kNotifierRow, {notifier_id});
  if (before.rows() == 0) return Error::NotFound("no notifier with id " + notifier_id);
  v1::Notifier b = NotifierRow(before, 0);
  tx.Exec(kDeleteNotifier, {notifier_id});
  Audit(tx, b.hall_id(), actor, "delete_notifier", Json(b), "", now_us);
  tx.Commit();
  return kOk;
}

Status UpsertPlannedOutage(PgConnection& conn, v1::PlannedOutage* o, const domain::Principal& actor,
                           int64_t now_us) {
  Transaction tx(conn);
  if (tx.Exec(kLockHall, {o->hall_id()}).rows() == 0)
    return Error::NotFound("hall '" + o->hall_id() + "' does not exist");
  std::string before_json;
  bool creating = o->id().empty();
  if (creating) {
    o->set_id(domain::NewUuid());
  } else {
    auto before = tx.Exec(kOutageRow, {o->id()});
    if (before.rows() == 0) return Error::NotFound("no planned outage with id " + o->id());
    v1::PlannedOutage b = OutageRow(before, 0);
    if (b.hall_id() != o->hall_id())
      return Error::FailedPrecondition("outage " + o->id() + " belongs to another hall");
    if (b.cancelled())
      return Error::FailedPrecondition("outage " + o->id() + " was cancelled; announce a new one");
    before_json = Json(b);
  }
  o->set_created_by_name(actor.display_name);
  tx.Exec(kUpsertOutage, {o->id(), o->hall_id(), o->category(), o->zone(),
                          MicrosToPgText(domain::ToMicros(o->starts_at())),
                          MicrosToPgText(domain::ToMicros(o->ends_at())), o->note(), actor.id,
                          actor.display_name});
  Audit(tx, o->hall_id(), actor, creating ? "announce_outage" : "update_outage", before_json,
        Json(*o), now_us);
  tx.Commit();
  return kOk;
}

Result<std::string> PlannedOutageHall(PgConnection& conn, const std::string& outage_id) {
  auto r = conn.Exec(kOutageRow, {outage_id});
  if (r.rows() == 0) return Error::NotFound("no planned outage with id " + outage_id);
  return r.text(0, 1);
}

Status CancelPlannedOutage(PgConnection& conn, const std::string& outage_id,
                           const std::string& reason, const domain::Principal& actor,
                           int64_t now_us) {
  Transaction tx(conn);
  auto before = tx.Exec(kOutageRow, {outage_id});
  if (before.rows() == 0) return Error::NotFound("no planned outage with id " + outage_id);
  v1::PlannedOutage b = OutageRow(before, 0);
  if (b.cancelled())
    return Error::FailedPrecondition("outage " + outage_id + " is already cancelled");
  tx.Exec(kCancelOutage, {outage_id, reason});
  v1::PlannedOutage after = b;
  after.set_cancelled(true);
  Audit(tx, b.hall_id(), actor, "cancel_outage", Json(b), Json(after), now_us);
  tx.Commit();
  return kOk;
}

std::vector<v1::SetupAuditEntry> ListSetupAudit(PgConnection& conn, const std::string& hall_id,
                                                int limit) {
  auto r = conn.Exec(kListAudit, {hall_id, limit});
  std::vector<v1::SetupAuditEntry> out;
  for (int i = 0; i < r.rows(); ++i) {
    v1::SetupAuditEntry e;
    e.set_id(r.int64(i, 0));
    e.set_hall_id(r.text(i, 1));
    domain::SetTimestamp(e.mutable_at(), r.int64(i, 2));
    e.set_actor_id(r.text(i, 3));
    e.set_actor_name(r.text(i, 4));
    e.set_action(r.text(i, 5));
    e.set_before_json(r.text(i, 6));
    e.set_after_json(r.text(i, 7));
    e.set_version(r.int64(i, 8));
    out.push_back(std::move(e));
  }
  return out;
}

void WritePresence(PgConnection& conn, const std::string& server_id,
                   const std::vector<std::string>& person_ids) {
  // Only people (UUIDs) have desks; kiosks watch too but are not alerted.
  std::vector<std::string> people;
  for (const auto& id : person_ids) {
    if (!domain::CheckUuid("person", id)) people.push_back(id);
  }
  std::string ids = ToPgArray(people);
  conn.Exec(kPresenceForget, {server_id, ids});
  if (!people.empty()) conn.Exec(kPresenceUpsert, {server_id, ids});
}

}  // namespace hall::store
