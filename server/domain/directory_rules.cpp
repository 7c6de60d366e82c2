#include "domain/directory_rules.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/incident_state.h"
#include "domain/validation.h"

namespace hall::domain {

Status ValidateHall(const v1::Hall& h, const std::vector<std::string>& known_plans) {
  if (auto s = CheckSlug("hall.id", h.id())) return s;
  if (auto s = CheckText("hall.name", h.name(), 1, kMaxNameChars)) return s;
  if (auto s = CheckText("hall.address", h.address(), 0, kMaxNameChars)) return s;
  if (!h.region_id().empty()) {
    if (auto s = CheckSlug("hall.region_id", h.region_id())) return s;
  }
  if (std::find(known_plans.begin(), known_plans.end(), h.plan_id()) == known_plans.end()) {
    std::string known;
    for (auto& id : known_plans) known += (known.empty() ? "" : ", ") + id;
    return Error::InvalidArgument("hall.plan_id '" + h.plan_id().substr(0, 64) +
                                  "' is not a known plan: " + known);
  }
  return kOk;
}

Status ValidateRegion(const v1::Region& r) {
  if (auto s = CheckSlug("region.id", r.id())) return s;
  if (auto s = CheckText("region.name", r.name(), 1, kMaxNameChars)) return s;
  if (!v1::RegionLevel_IsValid(r.level()) || r.level() == v1::REGION_LEVEL_UNSPECIFIED) {
    return Error::InvalidArgument("region.level is required: province, city or county");
  }
  if (!r.parent_id().empty()) {
    if (auto s = CheckSlug("region.parent_id", r.parent_id())) return s;
    if (r.parent_id() == r.id()) {
      return Error::InvalidArgument("region.parent_id: a region cannot be its own parent");
    }
  }
  return kOk;
}

Status ValidateFloorPlan(const v1::FloorPlan& fp) {
  if (auto s = CheckSlug("floor_plan.hall_id", fp.hall_id())) return s;
  const std::string& img = fp.image();
  if (img.empty()) return Error::InvalidArgument("floor_plan.image is empty");
  if (img.size() > kMaxFloorPlanBytes) {
    return Error::InvalidArgument("floor_plan.image is " + std::to_string(img.size()) +
                                  " bytes; the limit is 1,000,000 (shrink or simplify it)");
  }
  static const std::string kPng("\x89PNG\r\n\x1a\n", 8);
  if (fp.content_type() == "image/png") {
    if (img.compare(0, kPng.size(), kPng) != 0) {
      return Error::InvalidArgument("floor_plan.image is not a PNG file");
    }
  } else if (fp.content_type() == "image/svg+xml") {
    auto head = img.substr(0, 4096);
    if (head.find("<svg") == std::string::npos || !IsValidUtf8(img)) {
      return Error::InvalidArgument("floor_plan.image is not an SVG document (no <svg> element)");
    }
  } else {
    return Error::InvalidArgument("floor_plan.content_type must be image/png or image/svg+xml");
  }
  return kOk;
}

Status ValidateLocation(const v1::Location& l) {
  if (auto s = CheckSlug("location.id", l.id())) return s;
  if (auto s = CheckSlug("location.hall_id", l.hall_id())) return s;
  if (auto s = CheckText("location.name", l.name(), 1, kMaxNameChars)) return s;
  if (auto s = CheckText("location.zone", l.zone(), 0, kMaxNameChars)) return s;
  if (!(l.x() >= 0 && l.x() <= 1 && l.y() >= 0 && l.y() <= 1)) {
    return Error::InvalidArgument(
        "location.x and location.y are fractions of the floor plan, 0 to 1");
  }
  if (l.floor() < -10 || l.floor() > 200)
    return Error::InvalidArgument("location.floor is out of range");
  return kOk;
}

Status ValidatePerson(const v1::Person& p, const std::string& password, bool creating) {
  if (auto s = CheckText("person.username", p.username(), 1, 64)) return s;
  for (char c : p.username()) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
      return Error::InvalidArgument(
          "person.username may hold lower-case letters, digits, '.', '_' and '-'");
    }
  }
  if (auto s = CheckText("person.display_name", p.display_name(), 1, 100)) return s;
  if (auto s = CheckText("person.phone", p.phone(), 0, 32)) return s;
  if (!v1::Role_IsValid(p.role()) || p.role() == v1::ROLE_UNSPECIFIED ||
      p.role() == v1::ROLE_KIOSK) {
    return Error::InvalidArgument("person.role must be a person's role (floor_guide … admin)");
  }
  if (auto s = CheckCount("person.hall_ids", p.hall_ids_size(), kMaxListItems)) return s;
  for (const auto& h : p.hall_ids()) {
    if (auto s = CheckSlug("person.hall_ids", h)) return s;
  }
  if (auto s = CheckCount("person.region_ids", p.region_ids_size(), kMaxListItems)) return s;
  for (const auto& g : p.region_ids()) {
    if (auto s = CheckSlug("person.region_ids", g)) return s;
  }
  if (!p.all_halls() && p.hall_ids().empty() && p.region_ids().empty()) {
    return Error::InvalidArgument("person needs at least one hall or region, or all_halls");
  }
  if (creating || !password.empty()) {
    if (CheckText("password", password, kMinPasswordChars, 256)) {
      return Error::InvalidArgument("password must be 8 to 256 characters");
    }
  }
  return kOk;
}

Status ValidateKiosk(const v1::Kiosk& k) {
  if (auto s = CheckSlug("kiosk.id", k.id())) return s;
  if (auto s = CheckSlug("kiosk.hall_id", k.hall_id())) return s;
  if (!k.location_id().empty()) {
    if (auto s = CheckSlug("kiosk.location_id", k.location_id())) return s;
  }
  if (auto s = CheckText("kiosk.name", k.name(), 1, kMaxNameChars)) return s;
  return kOk;
}

const std::vector<std::string>& InternalTiers() {
  static const std::vector<std::string> kTiers = {
      "first_responder",  "duty_officer", "hall_head", "leadership_group",
      "emergency_office", "zone_leader",  "security"};
  return kTiers;
}

bool IsInternalTier(const std::string& tier) {
  const auto& all = InternalTiers();
  return std::find(all.begin(), all.end(), tier) != all.end();
}

Status ValidateTierMember(const v1::TierMember& m) {
  if (auto s = CheckSlug("member.hall_id", m.hall_id())) return s;
  if (auto s = CheckUuid("member.person_id", m.person_id())) return s;
  if (!IsInternalTier(m.tier())) {
    return Error::InvalidArgument(
        "member.tier '" + m.tier().substr(0, 64) +
        "' is not a tier of the hall's own organisation (first_responder, hall_head, "
        "leadership_group, emergency_office, zone_leader, security); duty officers are on the "
        "roster");
  }
  if (m.tier() == "duty_officer") {
    return Error::InvalidArgument(
        "duty officers reach the chain through the roster (shifts), not membership");
  }
  if (!m.position_id().empty()) {
    if (auto s = CheckText("member.position_id", m.position_id(), 1, kMaxIdChars)) return s;
  }
  if (m.zones_size() > 0 && m.tier() != "zone_leader") {
    return Error::InvalidArgument("member.zones is for zone_leader (包保) members only");
  }
  if (auto s = CheckCount("member.zones", m.zones_size(), kMaxListItems)) return s;
  for (const auto& z : m.zones()) {
    if (auto s = CheckText("member.zones", z, 1, kMaxNameChars)) return s;
  }
  return kOk;
}

Status ValidateContact(const v1::Contact& c) {
  if (auto s = CheckSlug("contact.hall_id", c.hall_id())) return s;
  if (auto s = CheckText("contact.party", c.party(), 1, kMaxIdChars)) return s;
  if (auto s = CheckText("contact.name", c.name(), 0, kMaxNameChars)) return s;
  if (auto s = CheckText("contact.note", c.note(), 0, kMaxNoteChars)) return s;
  const std::string& p = c.phone();
  bool shape = p.size() >= 3 && p.size() <= 32 &&
               (std::isdigit(static_cast<unsigned char>(p[0])) || p[0] == '+');
  for (char ch : p) {
    shape = shape &&
            (std::isdigit(static_cast<unsigned char>(ch)) || ch == '+' || ch == '-' || ch == ' ');
  }
  if (!shape) {
    return Error::InvalidArgument(
        "contact.phone is required: 3–32 characters of digits, '+', '-' and spaces (e.g. 110, "
        "0537-6851234)");
  }
  return kOk;
}

Status ValidateShift(const v1::Shift& s) {
  if (auto st = CheckSlug("shift.hall_id", s.hall_id())) return st;
  if (auto st = CheckUuid("shift.person_id", s.person_id())) return st;
  if (!s.id().empty()) {
    if (auto st = CheckUuid("shift.id", s.id())) return st;
  }
  int64_t start = ToMicros(s.starts_at()), end = ToMicros(s.ends_at());
  if (start <= 0 || end <= 0)
    return Error::InvalidArgument("shift.starts_at and shift.ends_at are required");
  if (end <= start) return Error::InvalidArgument("shift.ends_at must be after shift.starts_at");
  if (end - start > 24LL * 3600 * 1'000'000)
    return Error::InvalidArgument("a shift lasts at most 24 hours");
  return kOk;
}

Status ValidateNotifier(const v1::Notifier& n) {
  if (auto s = CheckSlug("notifier.hall_id", n.hall_id())) return s;
  if (!n.id().empty()) {
    if (auto s = CheckUuid("notifier.id", n.id())) return s;
  }
  if (auto s = CheckText("notifier.name", n.name(), 0, kMaxNameChars)) return s;
  const std::string& u = n.url();
  bool scheme = u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0;
  size_t host_at = u.find("://") + 3;
  bool host = scheme && u.size() > host_at && u[host_at] != '/';
  bool clean =
      u.size() <= 500 && std::none_of(u.begin(), u.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20;
      });
  if (!scheme || !host || !clean) {
    return Error::InvalidArgument(
        "notifier.url must be an http:// or https:// URL with a host, without spaces, ≤ 500 chars");
  }
  if (auto s = CheckCount("notifier.tiers", n.tiers_size(), kMaxFilterItems)) return s;
  for (const auto& t : n.tiers()) {
    if (!IsInternalTier(t))
      return Error::InvalidArgument("notifier.tiers holds '" + t.substr(0, 64) +
                                    "', which is not an internal tier");
  }
  return kOk;
}

Status ValidatePlannedOutage(const v1::PlannedOutage& o) {
  if (auto s = CheckSlug("outage.hall_id", o.hall_id())) return s;
  if (!o.id().empty()) {
    if (auto s = CheckUuid("outage.id", o.id())) return s;
  }
  if (auto s = CheckText("outage.category", o.category(), 1, kMaxIdChars)) return s;
  if (auto s = CheckText("outage.zone", o.zone(), 0, kMaxNameChars)) return s;
  if (auto s = CheckText("outage.note", o.note(), 0, kMaxNoteChars)) return s;
  int64_t start = ToMicros(o.starts_at()), end = ToMicros(o.ends_at());
  if (start <= 0 || end <= start)
    return Error::InvalidArgument("outage.ends_at must be after outage.starts_at");
  if (end - start > 7LL * 24 * 3600 * 1'000'000)
    return Error::InvalidArgument("a planned outage lasts at most 7 days");
  return kOk;
}

std::vector<std::pair<int64_t, int64_t>> RosterGaps(const std::vector<v1::Shift>& shifts,
                                                    int64_t from_us, int64_t to_us) {
  std::vector<std::pair<int64_t, int64_t>> spans;
  for (const auto& s : shifts) spans.emplace_back(ToMicros(s.starts_at()), ToMicros(s.ends_at()));
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<int64_t, int64_t>> gaps;
  int64_t covered = from_us;
  for (const auto& [a, b] : spans) {
    if (b <= covered) continue;
    if (a > covered) gaps.emplace_back(covered, std::min(a, to_us));
    covered = std::max(covered, b);
    if (covered >= to_us) break;
  }
  if (covered < to_us) gaps.emplace_back(covered, to_us);
  std::erase_if(gaps, [](const auto& g) { return g.second <= g.first; });
  return gaps;
}

bool FilledByRoster(const v1::OrgPosition& position) {
  const std::string& id = position.id();
  return id == "duty_officer" || (id.size() > 13 && id.ends_with("_duty_officer"));
}

std::vector<v1::SetupProblem> FindSetupProblems(const v1::Plan* plan, const v1::HallSetup& setup,
                                                int64_t from_us, int64_t to_us) {
  std::vector<v1::SetupProblem> out;
  std::vector<v1::Shift> shifts(setup.shifts().begin(), setup.shifts().end());
  for (auto [a, b] : RosterGaps(shifts, from_us, to_us)) {
    v1::SetupProblem p;
    p.set_kind("roster_gap");
    p.set_tier("duty_officer");
    SetTimestamp(p.mutable_from(), a);
    SetTimestamp(p.mutable_to(), b);
    out.push_back(std::move(p));
  }
  if (!plan) return out;
  std::set<std::string> tiers, parties;
  auto chain = [&](const v1::EscalationPolicy& e) {
    for (const auto& t : e.tiers()) {
      tiers.insert(t.tier());
      for (const auto& w : t.with_tiers()) tiers.insert(w);
      for (const auto& c : t.contact_parties()) parties.insert(c);
    }
  };
  chain(plan->default_escalation());
  for (const auto& pb : plan->playbooks()) {
    chain(pb.escalation());
    for (const auto& s : pb.steps()) {
      if (!s.contact_party().empty()) parties.insert(s.contact_party());
    }
  }
  std::set<std::string> filled_tiers, filled_positions, numbered;
  for (const auto& m : setup.members()) {
    filled_tiers.insert(m.tier());
    if (!m.position_id().empty()) filled_positions.insert(m.position_id());
  }
  for (const auto& c : setup.contacts()) numbered.insert(c.party());
  for (const auto& t : tiers) {
    // first_responder and duty_officer are filled by the roster (gaps above).
    if (t == "first_responder" || t == "duty_officer" || filled_tiers.count(t)) continue;
    v1::SetupProblem p;
    p.set_kind("tier_empty");
    p.set_tier(t);
    out.push_back(std::move(p));
  }
  for (const auto& pos : plan->organisation()) {
    if (filled_positions.count(pos.id()) || FilledByRoster(pos))
      continue;  // roster gaps are reported above
    v1::SetupProblem p;
    p.set_kind("position_unfilled");
    p.set_tier(pos.tier());
    p.set_position_id(pos.id());
    out.push_back(std::move(p));
  }
  for (const auto& party : parties) {
    if (numbered.count(party)) continue;
    v1::SetupProblem p;
    p.set_kind("contact_missing");
    p.set_party(party);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace hall::domain
