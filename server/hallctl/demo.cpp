// `hallctl demo`: nine demo halls in a region tree (at least one per plan, and
// two counties of one city: 长沙市 岳麓区 and 芙蓉区), each with its places, its
// staff, a person in every position its plan's organisation names (领导小组,
// 应急办, 包保 zone leaders …), a duty roster of alternating 12-hour shifts
// for two weeks, and the numbers of every outside party its plan names — so
// the escalation chain has someone to reach at every tier from the start,
// and a floor plan (a drawing from demo_floor_plans/, embedded at build
// time, with the places where the drawing shows them: demo_places.h).
// Safe to run again: what exists is kept (a plan an admin replaced too).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "domain/credentials.h"
#include "domain/directory_rules.h"
#include "domain/incident_state.h"
#include "hallctl/common.h"
#include "hallctl/demo_floor_plans.h"
#include "hallctl/demo_places.h"
#include "store/directory_store.h"
#include "store/hall_setup_store.h"

namespace fs = std::filesystem;

namespace hall::hallctl {
namespace {

constexpr int64_t kHour = 3600LL * 1'000'000;

// The region tree the demo halls sit in (省 → 市 → 县/区), parents first.
struct DemoRegion {
  const char* id;
  const char* name;
  v1::RegionLevel level;
  const char* parent;
};
constexpr DemoRegion kDemoRegions[] = {
    {"guangdong", "广东省", v1::REGION_LEVEL_PROVINCE, ""},
    {"dongguan", "东莞市", v1::REGION_LEVEL_CITY, "guangdong"},
    {"shanghai", "上海市", v1::REGION_LEVEL_PROVINCE, ""},
    {"songjiang", "松江区", v1::REGION_LEVEL_COUNTY, "shanghai"},
    {"shandong", "山东省", v1::REGION_LEVEL_PROVINCE, ""},
    {"jining", "济宁市", v1::REGION_LEVEL_CITY, "shandong"},
    {"jiaxiang", "嘉祥县", v1::REGION_LEVEL_COUNTY, "jining"},
    {"hunan", "湖南省", v1::REGION_LEVEL_PROVINCE, ""},
    {"changsha", "长沙市", v1::REGION_LEVEL_CITY, "hunan"},
    {"yuelu", "岳麓区", v1::REGION_LEVEL_COUNTY, "changsha"},
    {"furong", "芙蓉区", v1::REGION_LEVEL_COUNTY, "changsha"},
    {"hainan", "海南省", v1::REGION_LEVEL_PROVINCE, ""},
    {"haikou", "海口市", v1::REGION_LEVEL_CITY, "hainan"},
    {"meilan", "美兰区", v1::REGION_LEVEL_COUNTY, "haikou"},
};

struct DemoHall {
  const char* id;
  const char* name;
  const char* plan;
  const char* address;
  const char* area_code;  // for the demo's made-up local numbers
  const char* region;
  // Names the hall's people, places and kiosk: duty.<key>, <key>-entrance,
  // kiosk-<key>-1.
  const char* key;
  demo::Drawing drawing = demo::Drawing::kServiceHall;  // its floor plan
};

constexpr DemoHall kDemoHalls[] = {
    {"dongguan-1", "东莞市民服务中心", "dongguan", "广东省东莞市南城街道鸿福路", "0769", "dongguan",
     "dongguan"},
    {"songjiang-1", "松江区行政服务中心", "songjiang", "上海市松江区", "021", "songjiang",
     "songjiang"},
    // Two floors: the zones its zone leaders answer for (包保) are upstairs.
    {"jiaxiang-1", "嘉祥县为民服务中心", "jiaxiang", "山东省济宁市嘉祥县", "0537", "jiaxiang",
     "jiaxiang", demo::Drawing::kTwoFloors},
    {"hunan-1", "湖南省政务服务中心", "hunan", "湖南省长沙市", "0731", "changsha", "hunan"},
    {"hainan-1", "海南省政务服务中心", "hainan", "海南省海口市", "0898", "haikou", "hainan"},
    // Two counties of one city, so a county leader's scope can be seen; the
    // smaller district halls share the branch drawing.
    {"yuelu-1", "岳麓区政务服务中心", "hunan", "湖南省长沙市岳麓区", "0731", "yuelu", "yuelu"},
    {"yuelu-2", "岳麓区麓谷政务服务分中心", "hunan", "湖南省长沙市岳麓区麓谷", "0731", "yuelu",
     "yuelu2", demo::Drawing::kBranchHall},
    {"furong-1", "芙蓉区政务服务中心", "hunan", "湖南省长沙市芙蓉区", "0731", "furong", "furong",
     demo::Drawing::kBranchHall},
    {"meilan-1", "美兰区政务服务中心", "hainan", "海南省海口市美兰区", "0898", "meilan", "meilan",
     demo::Drawing::kBranchHall},
};

// Leaders scoped by region, besides the all-hall ones.
struct RegionLeader {
  const char* user;
  const char* name;
  v1::Role role;
  const char* region;
};
constexpr RegionLeader kRegionLeaders[] = {
    {"leader.yuelu", "岳麓区应急工作领导小组", v1::ROLE_LEADERSHIP, "yuelu"},
    {"leader.furong", "芙蓉区应急工作领导小组", v1::ROLE_LEADERSHIP, "furong"},
    {"leader.changsha", "长沙市应急工作领导小组", v1::ROLE_LEADERSHIP, "changsha"},
    {"bureau.hunan", "湖南省政务服务和大数据中心", v1::ROLE_BUREAU, "hunan"},
};

// Every hall's places are demo::kPlaces (demo_places.h, where each drawing
// shows them); a plan's zone leaders' zones are added as places too (嘉祥's
// 包保 zones), so an incident there reaches its zone leader.

// Uploads the hall's drawing unless it has a floor plan already.
void SetDemoFloorPlan(store::PgConnection& c, const DemoHall& h) {
  if (store::GetFloorPlan(c, h.id)) return;
  for (const auto& d : demo::kDrawingFiles) {
    if (d.drawing != h.drawing) continue;
    const std::string_view svg = demo::EmbeddedFloorPlan(d.file);
    if (svg.empty()) throw std::runtime_error(std::string("no embedded drawing ") + d.file);
    v1::FloorPlan fp;
    fp.set_hall_id(h.id);
    fp.set_content_type("image/svg+xml");
    fp.set_image(std::string(svg));
    Check(domain::ValidateFloorPlan(fp));
    store::SetFloorPlan(c, fp);
    return;
  }
}

// Numbers people really call for the national services; the rest are the
// demo's own, in the hall's area code.
std::string NumberFor(const std::string& party, const DemoHall& h, int n) {
  if (party == "police") return "110";
  if (party == "fire_service") return "119";
  if (party == "ambulance") return "120";
  if (party == "local_government") return "12345";
  if (party == "power_utility") return "95598";
  if (party == "disease_control") return "12320";
  return std::string(h.area_code) + "-6" + std::to_string(1000000 + n * 7919 % 8999999);
}

v1::Person EnsurePerson(store::PgConnection& c, const std::string& username,
                        const std::string& name, v1::Role role,
                        const std::vector<std::string>& halls, const std::string& password,
                        const std::string& phone) {
  if (auto found = store::FindLogin(c, username)) return found->first;
  v1::Person p;
  p.set_username(username);
  p.set_display_name(name);
  p.set_role(role);
  p.set_active(true);
  p.set_phone(phone);
  if (halls.empty()) p.set_all_halls(true);
  for (auto& h : halls) p.add_hall_ids(h);
  Check(domain::ValidatePerson(p, password, true));
  return store::UpsertPerson(c, p, domain::HashSecret(password));
}

std::string Phone(int n) { return "139" + std::to_string(10000000 + n); }

// The role that fits a tier's people on the desk.
v1::Role RoleForTier(const std::string& tier) {
  if (tier == "leadership_group" || tier == "zone_leader") return v1::ROLE_LEADERSHIP;
  if (tier == "hall_head" || tier == "first_responder") return v1::ROLE_HALL_HEAD;
  return v1::ROLE_DUTY_OFFICER;  // 应急办, security staff with a desk
}

// A display name from a position's title: the part before any bracket.
std::string ShortTitle(const std::string& title) {
  for (const char* bracket : {"（", "("}) {
    auto at = title.find(bracket);
    if (at != std::string::npos && at > 0) return title.substr(0, at);
  }
  return title;
}

int SetUpHall(store::PgConnection& c, const DemoHall& h, const std::string& password,
              std::ofstream& creds, int* serial) {
  const v1::Plan* plan = Plans().FindPlan(h.plan);
  const domain::Principal actor = Actor();
  const int64_t now = domain::SystemClock::Get().NowMicros();
  auto setup = store::LoadHallSetup(c, h.id, plan, now, now + kHour, now);
  int people = 0;
  // One person for every position of the plan's organisation.
  std::set<std::string> placed;
  for (const auto& pos : plan->organisation()) {
    if (domain::FilledByRoster(pos)) continue;
    std::string user = pos.id() + "." + h.key;
    for (auto& ch : user) {
      if (ch == '_') ch = '-';
    }
    // Zone leaders are told apart by their zones (嘉祥 二(一) 包保).
    std::string name =
        pos.zones().empty() ? ShortTitle(pos.title_zh()) : "包保负责人·" + pos.zones(0);
    v1::Person p = EnsurePerson(c, user, name + "（" + h.name + "）", RoleForTier(pos.tier()),
                                {h.id}, password, Phone(++*serial));
    creds << user << "  " << domain::RoleName(p.role()) << "  " << h.id << "  " << pos.tier()
          << " / " << pos.title_zh() << "\n";
    ++people;
    if (setup.version() > 0) continue;  // the hall's set-up exists: keep it as it is
    v1::TierMember m;
    m.set_hall_id(h.id);
    m.set_person_id(p.id());
    m.set_tier(pos.tier());
    m.set_position_id(pos.id());
    m.set_notify_only(pos.notify_only());
    Check(store::SetTierMember(c, m, actor, now));
  }
  // The hall head is a first responder everywhere (东莞 B.2.1: 政务服务大厅负责人或值班人员).
  auto head = store::FindLogin(c, std::string("head.") + h.key);
  if (head && setup.version() == 0) {
    v1::TierMember m;
    m.set_hall_id(h.id);
    m.set_person_id(head->first.id());
    m.set_tier("hall_head");
    Check(store::SetTierMember(c, m, actor, now));
  }
  // Outside parties: every one the plan's chains and steps name.
  std::set<std::string> parties = {"police", "fire_service", "ambulance"};
  auto chain = [&](const v1::EscalationPolicy& e) {
    for (const auto& t : e.tiers()) {
      for (const auto& p : t.contact_parties()) parties.insert(p);
    }
  };
  chain(plan->default_escalation());
  for (const auto& pb : plan->playbooks()) {
    chain(pb.escalation());
    for (const auto& s : pb.steps()) {
      if (!s.contact_party().empty()) parties.insert(s.contact_party());
    }
  }
  std::set<std::string> have;
  for (const auto& ct : setup.contacts()) have.insert(ct.party());
  int n = 0;
  for (const auto& party : parties) {
    ++n;
    if (have.count(party)) continue;
    v1::Contact ct;
    ct.set_hall_id(h.id);
    ct.set_party(party);
    ct.set_phone(NumberFor(party, h, n + *serial));
    ct.set_name("演示号码");
    Check(store::UpsertContact(c, ct, actor, now));
  }
  // The roster: two duty officers in turn, 12-hour shifts from 08:00 and
  // 20:00 China time, from the shift running now for two weeks.
  if (setup.shifts().empty()) {
    const int64_t day = 24 * kHour;
    const int64_t china = 8 * kHour;
    int64_t start = (now + china) / day * day - china + 8 * kHour;  // today 08:00 China time
    if (start > now) start -= 12 * kHour;
    std::string duty[2] = {store::FindLogin(c, std::string("duty.") + h.key)->first.id(),
                           store::FindLogin(c, std::string("duty2.") + h.key)->first.id()};
    for (int k = 0; k < 28; ++k) {
      v1::Shift s;
      s.set_hall_id(h.id);
      s.set_person_id(duty[k % 2]);
      domain::SetTimestamp(s.mutable_starts_at(), start + k * 12 * kHour);
      domain::SetTimestamp(s.mutable_ends_at(), start + (k + 1) * 12 * kHour);
      Check(store::UpsertShift(c, &s, actor, now));
    }
  }
  return people;
}

}  // namespace

int Demo(store::PgConnection& c, const std::string& out_dir) {
  const std::string password = "demo-2026";  // printed below; demo only
  fs::create_directories(out_dir);
  std::ofstream creds(out_dir + "/demo-credentials.txt");
  creds << "# Demo sign-ins (password for every person: " << password << ")\n";
  int serial = 0, people = 0;
  for (const auto& r : kDemoRegions) {
    v1::Region region;
    region.set_id(r.id);
    region.set_name(r.name);
    region.set_level(r.level);
    region.set_parent_id(r.parent);
    Check(domain::ValidateRegion(region));
    store::UpsertRegion(c, region);
  }
  for (const auto& h : kDemoHalls) {
    v1::Hall hall;
    hall.set_id(h.id);
    hall.set_name(h.name);
    hall.set_plan_id(h.plan);
    hall.set_address(h.address);
    hall.set_region_id(h.region);
    Check(domain::ValidateHall(hall, Plans().plan_ids()));
    store::UpsertHall(c, hall);
    // The zones the plan's zone leaders answer for, as places of the hall.
    std::vector<std::string> zone_names;
    for (const auto& pos : Plans().FindPlan(h.plan)->organisation()) {
      for (const auto& z : pos.zones()) zone_names.push_back(z);
    }
    for (size_t i = 0; i < zone_names.size(); ++i) {
      v1::Location l;
      l.set_id(std::string(h.key) + "-zone-" + std::to_string(i + 1));
      l.set_hall_id(h.id);
      l.set_name(zone_names[i]);
      l.set_zone(zone_names[i]);
      l.set_floor(2);
      // Its room upstairs; {0, 0} (no position) on a drawing without one.
      const demo::Spot at = demo::ZoneSpot(h.drawing, i);
      l.set_x(at.x);
      l.set_y(at.y);
      store::UpsertLocation(c, l);
    }
    for (const auto& p : demo::kPlaces) {
      v1::Location l;
      l.set_id(std::string(h.key) + "-" + p.id);
      l.set_hall_id(h.id);
      l.set_name(p.name);
      l.set_zone(p.zone);
      l.set_floor(p.floor);
      const demo::Spot at = p.at[static_cast<int>(h.drawing)];
      l.set_x(at.x);
      l.set_y(at.y);
      store::UpsertLocation(c, l);
    }
    SetDemoFloorPlan(c, h);
    struct Staff {
      const char* prefix;
      const char* name;
      v1::Role role;
    };
    const Staff staff[] = {
        {"duty", "值班员", v1::ROLE_DUTY_OFFICER},  {"duty2", "值班员乙", v1::ROLE_DUTY_OFFICER},
        {"head", "大厅负责人", v1::ROLE_HALL_HEAD}, {"guide", "引导员", v1::ROLE_FLOOR_GUIDE},
        {"security", "保安", v1::ROLE_SECURITY},    {"window", "窗口人员", v1::ROLE_WINDOW_STAFF},
    };
    for (const auto& s : staff) {
      std::string user = std::string(s.prefix) + "." + h.key;
      EnsurePerson(c, user, std::string(s.name) + "（" + h.name + "）", s.role, {h.id}, password,
                   Phone(++serial));
      creds << user << "  " << domain::RoleName(s.role) << "  " << h.id << "\n";
      ++people;
    }
    // One kiosk per hall, at the entrance; the secret file is the kiosk's.
    std::string kiosk_id = std::string("kiosk-") + h.key + "-1";
    std::string secret_file = out_dir + "/" + kiosk_id + ".secret";
    if (!store::FindKioskLogin(c, kiosk_id) || !fs::exists(secret_file)) {
      v1::Kiosk k;
      k.set_id(kiosk_id);
      k.set_hall_id(h.id);
      k.set_location_id(std::string(h.key) + "-entrance");
      k.set_name(std::string(h.name) + " 入口报警终端");
      k.set_active(true);
      std::string secret;
      CreateKiosk(c, k, &secret);
      std::ofstream(secret_file) << secret << "\n";
      fs::permissions(secret_file, fs::perms::owner_read | fs::perms::owner_write);
    }
    creds << kiosk_id << "  kiosk  " << h.id << "  secret in " << secret_file << "\n";
    people += SetUpHall(c, h, password, creds, &serial);
  }
  struct Global {
    const char* user;
    const char* name;
    v1::Role role;
  };
  const Global globals[] = {
      {"leader", "应急工作领导小组（全部大厅）", v1::ROLE_LEADERSHIP},
      {"bureau", "政务服务数据管理局", v1::ROLE_BUREAU},
      {"drill", "演练组织者", v1::ROLE_DRILL_COORDINATOR},
      {"admin", "系统管理员", v1::ROLE_ADMIN},
  };
  for (const auto& g : globals) {
    EnsurePerson(c, g.user, g.name, g.role, {}, password, Phone(++serial));
    creds << g.user << "  " << domain::RoleName(g.role) << "  all halls\n";
    ++people;
  }
  for (const auto& l : kRegionLeaders) {
    if (!store::FindLogin(c, l.user)) {
      v1::Person p;
      p.set_username(l.user);
      p.set_display_name(l.name);
      p.set_role(l.role);
      p.set_active(true);
      p.set_phone(Phone(++serial));
      p.add_region_ids(l.region);
      Check(domain::ValidatePerson(p, password, true));
      store::UpsertPerson(c, p, domain::HashSecret(password));
    }
    creds << l.user << "  " << domain::RoleName(l.role) << "  region " << l.region << "\n";
    ++people;
  }
  creds.close();
  constexpr size_t kHalls = std::size(kDemoHalls);
  std::cout << "demo data ready: " << kHalls << " halls in " << std::size(kDemoRegions)
            << " regions, " << people << " people, " << kHalls
            << " kiosks and floor plans; chains, rosters and contacts set\n"
            << "credentials: " << out_dir << "/demo-credentials.txt\n";
  return 0;
}

}  // namespace hall::hallctl
