// hallctl's escalation set-up commands: members, contacts, the roster,
// notifiers, planned outages, and reading it all back with its problems.
// The same checks and store functions as EscalationService; every write is
// audited as "hallctl (<user>)".
#include <iostream>

#include "domain/directory_rules.h"
#include "domain/incident_state.h"
#include "hallctl/common.h"
#include "store/hall_plans.h"
#include "store/hall_setup_store.h"

namespace hall::hallctl {
namespace {

constexpr int64_t kHour = 3600LL * 1'000'000;
constexpr int64_t kDay = 24 * kHour;

const v1::Plan* PlanOf(store::PgConnection& c, const std::string& hall_id) {
  auto plan_id = store::HallPlanOf(c, hall_id);
  if (!plan_id) throw std::runtime_error("no hall " + hall_id);
  return Plans().FindPlan(*plan_id);
}

std::string Join(const google::protobuf::RepeatedPtrField<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

void PrintSetup(const v1::HallSetup& s) {
  std::cout << "hall " << s.hall_id() << "  plan " << s.plan_id() << "  set-up version "
            << s.version() << "\n";
  std::cout << "\nwho the tiers reach now:\n";
  for (auto& t : s.on_now()) {
    std::cout << "  " << t.tier() << ": ";
    if (t.names().empty()) std::cout << "(nobody)";
    for (int i = 0; i < t.names_size(); ++i) {
      std::cout << (i ? ", " : "") << t.names(i) << (t.online(i) ? " [desk open]" : "");
    }
    std::cout << "\n";
  }
  std::cout << "\nmembers:\n";
  for (auto& m : s.members()) {
    std::cout << "  " << m.tier() << "  " << m.person_name()
              << (m.phone().empty() ? "" : "  " + m.phone())
              << (m.position_id().empty() ? "" : "  position " + m.position_id())
              << (m.zones().empty() ? "" : "  zones " + Join(m.zones()))
              << (m.notify_only() ? "  (notify only)" : "") << "\n";
  }
  std::cout << "\nroster:\n";
  for (auto& sh : s.shifts()) {
    std::cout << "  " << FormatTime(domain::ToMicros(sh.starts_at())) << " – "
              << FormatTime(domain::ToMicros(sh.ends_at())) << "  " << sh.person_name() << "  ("
              << sh.id() << ")\n";
  }
  std::cout << "\ncontacts:\n";
  for (auto& c : s.contacts())
    std::cout << "  " << c.party() << "  " << c.phone() << "  " << c.name() << "\n";
  std::cout << "\nnotifiers:\n";
  for (auto& n : s.notifiers()) {
    std::cout << "  " << n.id() << "  " << n.url()
              << (n.tiers().empty() ? "  all tiers" : "  tiers " + Join(n.tiers()))
              << (n.active() ? "" : "  (off)") << "\n";
  }
  std::cout << "\nplanned outages:\n";
  for (auto& o : s.planned_outages()) {
    std::cout << "  " << o.id() << "  " << o.category() << (o.zone().empty() ? "" : " @" + o.zone())
              << "  " << FormatTime(domain::ToMicros(o.starts_at())) << " – "
              << FormatTime(domain::ToMicros(o.ends_at())) << (o.cancelled() ? "  (cancelled)" : "")
              << "  " << o.note() << "\n";
  }
  std::cout << "\nproblems:" << (s.problems().empty() ? " none\n" : "\n");
  for (auto& p : s.problems()) {
    std::cout << "  " << p.kind();
    if (!p.tier().empty()) std::cout << "  tier " << p.tier();
    if (!p.position_id().empty()) std::cout << "  position " << p.position_id();
    if (!p.party().empty()) std::cout << "  party " << p.party();
    if (p.has_from()) {
      std::cout << "  " << FormatTime(domain::ToMicros(p.from())) << " – "
                << FormatTime(domain::ToMicros(p.to()));
    }
    std::cout << "\n";
  }
}

int Show(store::PgConnection& c, const std::string& hall) {
  const int64_t now = domain::SystemClock::Get().NowMicros();
  PrintSetup(store::LoadHallSetup(c, hall, PlanOf(c, hall), now, now + 7 * kDay, now));
  return 0;
}

int Done(const Status& s, const char* what) {
  Check(s);
  std::cout << what << "\n";
  return 0;
}

}  // namespace

int SetupCommand(store::PgConnection& c, const Args& a) {
  const std::string cmd = a[0];
  const std::string sub = a.size() > 1 ? a[1] : "";
  const int64_t now = domain::SystemClock::Get().NowMicros();
  if (cmd == "setup" && sub == "show") return Show(c, Arg(a, 2, "HALL"));
  if (cmd == "audit") {
    for (auto& e : store::ListSetupAudit(c, Arg(a, 1, "HALL"), 100)) {
      std::cout << FormatTime(domain::ToMicros(e.at())) << "  v" << e.version() << "  "
                << e.actor_name() << "  " << e.action()
                << "\n    before: " << (e.before_json().empty() ? "-" : e.before_json())
                << "\n    after:  " << (e.after_json().empty() ? "-" : e.after_json()) << "\n";
    }
    return 0;
  }
  if (cmd == "member" && sub == "set") {
    v1::TierMember m;
    m.set_hall_id(Arg(a, 2, "HALL"));
    m.set_person_id(PersonId(c, Arg(a, 3, "USERNAME")));
    m.set_tier(Arg(a, 4, "TIER"));
    auto position = Options(a, 5, "--position");
    if (!position.empty()) m.set_position_id(position.back());
    for (auto& z : Options(a, 5, "--zone")) m.add_zones(z);
    m.set_notify_only(Flag(a, 5, "--notify-only"));
    Check(domain::ValidateTierMember(m));
    if (!m.position_id().empty()) {
      const v1::Plan* plan = PlanOf(c, m.hall_id());
      bool known = false;
      for (int i = 0; plan && i < plan->organisation_size(); ++i) {
        const auto& p = plan->organisation(i);
        known = known || (p.id() == m.position_id() && p.tier() == m.tier());
      }
      if (!known)
        throw std::runtime_error("position " + m.position_id() + " is not a " + m.tier() +
                                 " position of the hall's plan");
    }
    return Done(store::SetTierMember(c, m, Actor(), now), "member saved");
  }
  if (cmd == "member" && sub == "remove") {
    return Done(store::RemoveTierMember(c, Arg(a, 2, "HALL"), PersonId(c, Arg(a, 3, "USERNAME")),
                                        Arg(a, 4, "TIER"), Actor(), now),
                "member removed");
  }
  if (cmd == "contact" && sub == "set") {
    v1::Contact ct;
    ct.set_hall_id(Arg(a, 2, "HALL"));
    ct.set_party(Arg(a, 3, "PARTY"));
    ct.set_phone(Arg(a, 4, "PHONE"));
    auto name = Options(a, 5, "--name");
    if (!name.empty()) ct.set_name(name.back());
    auto note = Options(a, 5, "--note");
    if (!note.empty()) ct.set_note(note.back());
    Check(domain::ValidateContact(ct));
    if (!playbook::IsKnownParty(ct.party()))
      throw std::runtime_error("'" + ct.party() + "' is not a known outside party");
    return Done(store::UpsertContact(c, ct, Actor(), now), "contact saved");
  }
  if (cmd == "contact" && sub == "remove") {
    return Done(store::DeleteContact(c, Arg(a, 2, "HALL"), Arg(a, 3, "PARTY"), Actor(), now),
                "contact removed");
  }
  if (cmd == "shift" && sub == "add") {
    v1::Shift s;
    s.set_hall_id(Arg(a, 2, "HALL"));
    s.set_person_id(PersonId(c, Arg(a, 3, "USERNAME")));
    domain::SetTimestamp(s.mutable_starts_at(), ParseTime(Arg(a, 4, "START")));
    domain::SetTimestamp(s.mutable_ends_at(), ParseTime(Arg(a, 5, "END")));
    Check(domain::ValidateShift(s));
    Check(store::UpsertShift(c, &s, Actor(), now));
    std::cout << "shift " << s.id() << " saved\n";
    return 0;
  }
  if (cmd == "shift" && sub == "remove") {
    return Done(store::DeleteShift(c, Arg(a, 2, "SHIFT_ID"), Actor(), now), "shift removed");
  }
  if (cmd == "roster" && sub == "fill") {
    std::string hall = Arg(a, 2, "HALL");
    int64_t start = ParseTime(Arg(a, 3, "START"));
    int days = std::atoi(Arg(a, 4, "DAYS").c_str());
    int hours = std::atoi(Arg(a, 5, "HOURS").c_str());
    if (days < 1 || days > 62 || hours < 1 || hours > 24)
      throw UsageError("DAYS is 1–62 and HOURS 1–24");
    std::vector<std::string> people;
    for (size_t i = 6; i < a.size(); ++i) people.push_back(PersonId(c, a[i]));
    if (people.empty()) throw UsageError("name at least one person for the roster");
    int made = 0;
    for (int64_t t = start, k = 0; t < start + days * kDay; t += hours * kHour, ++k) {
      v1::Shift s;
      s.set_hall_id(hall);
      s.set_person_id(people[k % people.size()]);
      domain::SetTimestamp(s.mutable_starts_at(), t);
      domain::SetTimestamp(s.mutable_ends_at(), t + hours * kHour);
      Check(store::UpsertShift(c, &s, Actor(), now));
      ++made;
    }
    std::cout << made << " shifts saved\n";
    return 0;
  }
  if (cmd == "notifier" && sub == "add") {
    v1::Notifier n;
    n.set_hall_id(Arg(a, 2, "HALL"));
    n.set_url(Arg(a, 3, "URL"));
    n.set_active(true);
    for (auto& t : Options(a, 4, "--tier")) n.add_tiers(t);
    auto name = Options(a, 4, "--name");
    if (!name.empty()) n.set_name(name.back());
    Check(domain::ValidateNotifier(n));
    Check(store::UpsertNotifier(c, &n, Actor(), now));
    std::cout << "notifier " << n.id() << " saved\n";
    return 0;
  }
  if (cmd == "notifier" && sub == "remove") {
    return Done(store::DeleteNotifier(c, Arg(a, 2, "NOTIFIER_ID"), Actor(), now),
                "notifier removed");
  }
  if (cmd == "outage" && sub == "announce") {
    v1::PlannedOutage o;
    o.set_hall_id(Arg(a, 2, "HALL"));
    o.set_category(Arg(a, 3, "CATEGORY"));
    domain::SetTimestamp(o.mutable_starts_at(), ParseTime(Arg(a, 4, "START")));
    domain::SetTimestamp(o.mutable_ends_at(), ParseTime(Arg(a, 5, "END")));
    auto zone = Options(a, 6, "--zone");
    if (!zone.empty()) o.set_zone(zone.back());
    auto note = Options(a, 6, "--note");
    if (!note.empty()) o.set_note(note.back());
    Check(domain::ValidatePlannedOutage(o));
    if (!Plans().taxonomy().Find(o.category()))
      throw std::runtime_error("'" + o.category() + "' is not a category");
    Check(store::UpsertPlannedOutage(c, &o, Actor(), now));
    std::cout << "planned outage " << o.id() << " announced\n";
    return 0;
  }
  if (cmd == "outage" && sub == "cancel") {
    return Done(
        store::CancelPlannedOutage(c, Arg(a, 2, "OUTAGE_ID"), Arg(a, 3, "REASON"), Actor(), now),
        "planned outage cancelled");
  }
  throw UsageError("unknown command '" + cmd + (sub.empty() ? "" : " " + sub) + "'");
}

}  // namespace hall::hallctl
