#include "hallctl/hallctl.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>

#include "domain/clock.h"
#include "domain/credentials.h"
#include "domain/directory_rules.h"
#include "domain/incident_state.h"
#include "hallctl/common.h"
#include "playbook/drill_scenarios.h"
#include "store/directory_store.h"
#include "store/migrator.h"

namespace fs = std::filesystem;

namespace hall::hallctl {
namespace {

constexpr const char* kUsage = R"(usage: hallctl [--database-url URL | --data-dir DIR] COMMAND

Database: --database-url for an external PostgreSQL; otherwise the embedded
one in --data-dir (default var/db), started for the command if not running.
A hall's plan must be in the playbook set (--playbooks-dir, default the
source tree's playbooks/).

Directory:
  migrate                                  apply schema/ migrations
  region create ID NAME LEVEL [PARENT]     LEVEL: province city county (省 市 县/区)
  region list
  hall create ID NAME PLAN [ADDRESS] [REGION]
                                           PLAN: dongguan songjiang jiaxiang hunan hainan
  hall list
  hall floor-plan HALL FILE                a PNG or SVG floor plan, ≤ 1 MB
  location create ID HALL NAME [ZONE] [FLOOR] [X Y]
  location list HALL
  person create USERNAME DISPLAY_NAME ROLE (--hall H)... (--region R)... [--all-halls]
                                           [--phone P]
                                           password from $HALL_PASSWORD
  person list [HALL]
  kiosk create ID HALL LOCATION NAME       prints the device secret once
  kiosk rotate ID                          issues a new device secret
  kiosk list [HALL]

Escalation set-up of a hall (who is who; every change audited):
  setup show HALL                          members, on duty now, roster, contacts,
                                           notifiers, planned outages, problems
  member set HALL USERNAME TIER [--position ID] [--zone Z]... [--notify-only]
  member remove HALL USERNAME TIER         TIER: first_responder hall_head leadership_group
                                           emergency_office zone_leader security
  contact set HALL PARTY PHONE [--name N] [--note N]
  contact remove HALL PARTY                PARTY: police fire_service ambulance data_bureau …
  shift add HALL USERNAME START END        times "2026-11-30 08:00" (China time unless +hh:mm)
  shift remove SHIFT_ID
  roster fill HALL START DAYS HOURS USERNAME...
                                           consecutive shifts of HOURS, people in turn
  notifier add HALL URL [--tier T]... [--name N]
  notifier remove NOTIFIER_ID
  outage announce HALL CATEGORY START END [--zone Z] [--note N]
  outage cancel OUTAGE_ID REASON
  audit HALL                               the set-up's audit trail, newest first

Other:
  demo [--out DIR]                         nine demo halls in a region tree, people,
                                           region leaders, kiosks, chains,
                                           roster and contacts; credentials to DIR
                                           (default var/demo)
  demo-history [--days N]                  the demo halls' past N days (default 60) of
                                           handled incidents, for the dashboard and reports
  drill run SCENARIO --hall H [--server ADDR] [--ca FILE] [--user COORDINATOR]
            [--as ROLE=USER ...] [--desk USER --answer EXPECTATION=SECONDS ...]
            [--kiosk ID --kiosk-secret-file FILE] [--speed N]
                                           play a drill against a running server
                                           (default 127.0.0.1:7443, var/tls/ca.crt,
                                           user drill; password from $HALL_PASSWORD):
                                           each role the scenario names signs in
                                           (--desk is the duty officer), the kiosk
                                           takes part and beats, the desk answers
                                           each named response that many seconds
                                           after its inject; prints the score.
                                           --speed checks the server's clock
  playbook check FILE...                   check playbook files (no database);
                                           the taxonomy is categories.textpb
                                           beside the first file, or the
                                           shipped one
)";

store::HallScope All() { return {true, {}}; }

void PrintPerson(const v1::Person& p) {
  std::string halls = "*";
  if (!p.all_halls()) {
    halls.clear();
    for (auto& h : p.hall_ids()) halls += (halls.empty() ? "" : ",") + h;
    for (auto& r : p.region_ids()) halls += (halls.empty() ? "region:" : ",region:") + r;
  }
  std::cout << p.id() << "  " << p.username() << "  " << p.display_name() << "  "
            << domain::RoleName(p.role()) << "  " << halls << (p.active() ? "" : "  (inactive)")
            << "\n";
}

// ---------------------------------------------------------------- directory

int RegionCommand(store::PgConnection& c, const Args& a) {
  const std::string sub = Arg(a, 1, "region create|list");
  if (sub == "create") {
    v1::Region r;
    r.set_id(Arg(a, 2, "ID"));
    r.set_name(Arg(a, 3, "NAME"));
    const std::string level = Arg(a, 4, "LEVEL");
    r.set_level(level == "province" ? v1::REGION_LEVEL_PROVINCE
                : level == "city"   ? v1::REGION_LEVEL_CITY
                : level == "county" ? v1::REGION_LEVEL_COUNTY
                                    : v1::REGION_LEVEL_UNSPECIFIED);
    if (a.size() > 5) r.set_parent_id(a[5]);
    Check(domain::ValidateRegion(r));
    store::UpsertRegion(c, r);
    std::cout << "region " << r.id() << " saved\n";
    return 0;
  }
  if (sub == "list") {
    for (auto& r : store::ListRegions(c)) {
      std::cout << std::string(2 * (r.level() - 1), ' ') << r.id() << "  " << r.name()
                << (r.parent_id().empty() ? "" : "  in " + r.parent_id()) << "\n";
    }
    return 0;
  }
  throw UsageError("unknown command 'region " + sub + "'");
}

int HallCommand(store::PgConnection& c, const Args& a) {
  const std::string sub = Arg(a, 1, "hall create|list|floor-plan");
  if (sub == "create") {
    v1::Hall h;
    h.set_id(Arg(a, 2, "ID"));
    h.set_name(Arg(a, 3, "NAME"));
    h.set_plan_id(Arg(a, 4, "PLAN"));
    if (a.size() > 5) h.set_address(a[5]);
    if (a.size() > 6) h.set_region_id(a[6]);
    Check(domain::ValidateHall(h, Plans().plan_ids()));
    if (!h.region_id().empty() && !store::MissingRegions(c, {h.region_id()}).empty()) {
      throw std::runtime_error("no region " + h.region_id() + " (hallctl region create)");
    }
    store::UpsertHall(c, h);
    std::cout << "hall " << h.id() << " saved\n";
    return 0;
  }
  if (sub == "list") {
    for (auto& h : store::ListHalls(c, All())) {
      std::cout << h.id() << "  " << h.name() << "  plan=" << h.plan_id()
                << (h.region_id().empty() ? "" : "  region=" + h.region_id()) << "\n";
    }
    return 0;
  }
  if (sub == "floor-plan") {
    v1::FloorPlan fp;
    fp.set_hall_id(Arg(a, 2, "HALL"));
    const std::string file = Arg(a, 3, "FILE");
    fp.set_content_type(file.ends_with(".svg") ? "image/svg+xml" : "image/png");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file);
    fp.set_image(std::string(std::istreambuf_iterator<char>(in), {}));
    Check(domain::ValidateFloorPlan(fp));
    if (!store::SetFloorPlan(c, fp)) throw std::runtime_error("no hall " + fp.hall_id());
    std::cout << "floor plan of " << fp.hall_id() << " saved (" << fp.image().size() << " bytes)\n";
    return 0;
  }
  throw UsageError("unknown command 'hall " + sub + "'");
}

int LocationCommand(store::PgConnection& c, const Args& a) {
  const std::string sub = Arg(a, 1, "location create|list");
  if (sub == "create") {
    v1::Location l;
    l.set_id(Arg(a, 2, "ID"));
    l.set_hall_id(Arg(a, 3, "HALL"));
    l.set_name(Arg(a, 4, "NAME"));
    if (a.size() > 5) l.set_zone(a[5]);
    l.set_floor(a.size() > 6 ? std::atoi(a[6].c_str()) : 1);
    l.set_x(a.size() > 8 ? std::atof(a[7].c_str()) : 0.5);
    l.set_y(a.size() > 8 ? std::atof(a[8].c_str()) : 0.5);
    Check(domain::ValidateLocation(l));
    if (!store::HallExists(c, l.hall_id())) throw std::runtime_error("no hall " + l.hall_id());
    store::UpsertLocation(c, l);
    std::cout << "location " << l.id() << " saved\n";
    return 0;
  }
  if (sub == "list") {
    for (auto& l : store::ListLocations(c, Arg(a, 2, "HALL"))) {
      std::cout << l.id() << "  " << l.name() << "  " << l.zone() << "  floor " << l.floor()
                << "\n";
    }
    return 0;
  }
  throw UsageError("unknown command 'location " + sub + "'");
}

int PersonCommand(store::PgConnection& c, const Args& a) {
  const std::string sub = Arg(a, 1, "person create|list");
  if (sub == "create") {
    v1::Person p;
    p.set_username(Arg(a, 2, "USERNAME"));
    p.set_display_name(Arg(a, 3, "DISPLAY_NAME"));
    p.set_role(domain::ParseRole(Arg(a, 4, "ROLE")));
    p.set_active(true);
    for (size_t i = 5; i < a.size(); ++i) {
      if (a[i] == "--hall")
        p.add_hall_ids(Arg(a, ++i, "hall id after --hall"));
      else if (a[i] == "--region")
        p.add_region_ids(Arg(a, ++i, "region id after --region"));
      else if (a[i] == "--all-halls")
        p.set_all_halls(true);
      else if (a[i] == "--phone")
        p.set_phone(Arg(a, ++i, "number after --phone"));
      else
        throw UsageError("unknown option " + a[i]);
    }
    const char* pw = std::getenv("HALL_PASSWORD");
    if (!pw) throw UsageError("set HALL_PASSWORD to the new person's password");
    Check(domain::ValidatePerson(p, pw, true));
    for (auto& h : p.hall_ids()) {
      if (!store::HallExists(c, h)) throw std::runtime_error("no hall " + h);
    }
    auto missing = store::MissingRegions(c, {p.region_ids().begin(), p.region_ids().end()});
    if (!missing.empty()) throw std::runtime_error("no region " + missing[0]);
    PrintPerson(store::UpsertPerson(c, p, domain::HashSecret(pw)));
    return 0;
  }
  if (sub == "list") {
    for (auto& p : store::ListPeople(c, All(), a.size() > 2 ? a[2] : "")) PrintPerson(p);
    return 0;
  }
  throw UsageError("unknown command 'person " + sub + "'");
}

int KioskCommand(store::PgConnection& c, const Args& a) {
  const std::string sub = Arg(a, 1, "kiosk create|rotate|list");
  if (sub == "create") {
    v1::Kiosk k;
    k.set_id(Arg(a, 2, "ID"));
    k.set_hall_id(Arg(a, 3, "HALL"));
    k.set_location_id(Arg(a, 4, "LOCATION"));
    k.set_name(Arg(a, 5, "NAME"));
    k.set_active(true);
    std::string secret;
    CreateKiosk(c, k, &secret);
    std::cout << "kiosk " << k.id() << " saved; device secret (shown once): " << secret << "\n";
    return 0;
  }
  if (sub == "rotate") {
    auto found = store::FindKioskLogin(c, Arg(a, 2, "ID"));
    if (!found) throw std::runtime_error("no kiosk " + a[2]);
    std::string secret;
    CreateKiosk(c, found->first, &secret);
    std::cout << "kiosk " << a[2] << " new device secret (shown once): " << secret << "\n";
    return 0;
  }
  if (sub == "list") {
    for (auto& k : store::ListKiosks(c, All(), a.size() > 2 ? a[2] : "")) {
      std::cout << k.id() << "  " << k.hall_id() << "  " << k.location_id() << "  " << k.name()
                << (k.has_last_seen_at()
                        ? "  last seen " + FormatTime(domain::ToMicros(k.last_seen_at()))
                        : "  never seen")
                << (k.queued_presses() ? "  queued " + std::to_string(k.queued_presses()) : "")
                << (k.app_version().empty() ? "" : "  v" + k.app_version()) << "\n";
    }
    return 0;
  }
  throw UsageError("unknown command 'kiosk " + sub + "'");
}

// ---------------------------------------------------------------- playbooks

// `hallctl playbook check FILE…`: the loader's own checks, for authors.
int CheckPlaybooks(const Args& a) {
  if (a.size() < 3 || a[1] != "check") throw UsageError("usage: hallctl playbook check FILE...");
  std::vector<std::string> all(a.begin() + 2, a.end());
  // Drill scenarios (a drills/ folder) are checked against the whole set in
  // force (--playbooks-dir); the rest as plan files against the taxonomy.
  std::vector<std::string> files, drills;
  for (auto& f : all)
    (fs::path(f).parent_path().filename() == "drills" ? drills : files).push_back(f);
  std::vector<playbook::FileError> errors;
  if (!drills.empty()) {
    std::set<std::string> seen;
    for (auto& f : drills) playbook::CheckDrillFile(f, Plans(), &seen, &errors);
  }
  if (files.empty()) {
    for (auto& e : errors) std::cerr << e.ToString() << "\n";
    if (!errors.empty()) {
      std::cerr << errors.size() << " error(s); the files were not accepted\n";
      return 1;
    }
    std::cout << drills.size() << " drill file(s) OK\n";
    return 0;
  }
  std::string taxonomy_path = (fs::path(files[0]).parent_path() / "categories.textpb").string();
  for (auto& f : files) {
    if (fs::path(f).filename() == "categories.textpb") taxonomy_path = f;
  }
  if (!fs::exists(taxonomy_path)) taxonomy_path = HALL_SOURCE_DIR "/playbooks/categories.textpb";
  auto taxonomy = playbook::LoadTaxonomy(taxonomy_path, &errors);
  if (taxonomy) playbook::CheckPlanFiles(files, *taxonomy, &errors);
  for (auto& e : errors) std::cerr << e.ToString() << "\n";
  if (!errors.empty()) {
    std::cerr << errors.size() << " error(s); the files were not accepted\n";
    return 1;
  }
  std::cout << all.size() << " file(s) OK (taxonomy " << taxonomy_path << ")\n";
  return 0;
}

// Every database command, by its first word.
int Dispatch(store::PgConnection& c, const Args& a, const std::string& schema_dir) {
  const std::string cmd = Arg(a, 0, "command");
  if (cmd == "migrate") {
    auto r = store::Migrate(c, schema_dir);
    std::cout << r.applied.size() << " applied, " << r.skipped.size() << " already in place\n";
    return 0;
  }
  store::Migrate(c, schema_dir);  // every command works on a current schema
  static const std::map<std::string, std::function<int(store::PgConnection&, const Args&)>>
      kCommands = {{"region", RegionCommand},
                   {"hall", HallCommand},
                   {"location", LocationCommand},
                   {"person", PersonCommand},
                   {"kiosk", KioskCommand},
                   {"setup", SetupCommand},
                   {"member", SetupCommand},
                   {"contact", SetupCommand},
                   {"shift", SetupCommand},
                   {"roster", SetupCommand},
                   {"notifier", SetupCommand},
                   {"outage", SetupCommand},
                   {"audit", SetupCommand},
                   {"demo",
                    [](store::PgConnection& conn, const Args& args) {
                      return Demo(conn,
                                  args.size() > 2 && args[1] == "--out" ? args[2] : "var/demo");
                    }},
                   {"demo-history", [](store::PgConnection& conn, const Args& args) {
                      int days = 60;
                      if (args.size() > 2 && args[1] == "--days") days = std::atoi(args[2].c_str());
                      if (days < 1 || days > 366) throw UsageError("--days must be 1 to 366");
                      return DemoHistory(conn, days, domain::SystemClock::Get().NowMicros());
                    }}};
  auto it = kCommands.find(cmd);
  if (it == kCommands.end()) throw UsageError("unknown command '" + cmd + "'");
  return it->second(c, a);
}

}  // namespace

int Run(const std::vector<std::string>& args) {
  std::string url, data_dir = "var/db", schema_dir = HALL_SOURCE_DIR "/schema";
  Args rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--database-url" && i + 1 < args.size())
      url = args[++i];
    else if (args[i] == "--data-dir" && i + 1 < args.size())
      data_dir = args[++i];
    else if (args[i] == "--schema-dir" && i + 1 < args.size())
      schema_dir = args[++i];
    else if (args[i] == "--playbooks-dir" && i + 1 < args.size())
      SetPlaybooksDir(args[++i]);
    else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    } else
      rest.push_back(args[i]);
  }
  if (rest.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  try {
    if (rest[0] == "playbook") return CheckPlaybooks(rest);
    if (rest[0] == "drill") return DrillCommand(rest);
    if (!domain::InitCrypto()) {
      std::cerr << "hallctl: libsodium failed to initialise\n";
      return 1;
    }
    std::unique_ptr<store::EmbeddedPostgres> embedded;
    if (url.empty()) {
      embedded = std::make_unique<store::EmbeddedPostgres>(data_dir);
      url = embedded->conninfo();
    }
    store::PgConnection conn(url);
    return Dispatch(conn, rest, schema_dir);
  } catch (const UsageError& e) {
    std::cerr << "hallctl: " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "hallctl: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace hall::hallctl
