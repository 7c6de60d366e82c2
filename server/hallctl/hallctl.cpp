#include "hallctl/hallctl.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "domain/directory_rules.h"
#include "domain/access.h"
#include "domain/credentials.h"
#include "store/directory_store.h"
#include "store/embedded_postgres.h"
#include "store/migrator.h"
#include "playbook/playbook_set.h"

namespace fs = std::filesystem;

namespace hall::hallctl {
namespace {

constexpr const char* kUsage = R"(usage: hallctl [--database-url URL | --data-dir DIR] COMMAND

Database: --database-url for an external PostgreSQL; otherwise the embedded
one in --data-dir (default var/db), started for the command if not running.
A hall's plan must be in the playbook set (--playbooks-dir, default the
source tree's playbooks/).

Commands:
  migrate                                  apply schema/ migrations
  hall create ID NAME PLAN [ADDRESS]       PLAN: dongguan songjiang jiaxiang hunan hainan
  hall list
  location create ID HALL NAME [ZONE] [FLOOR] [X Y]
  location list HALL
  person create USERNAME DISPLAY_NAME ROLE (--hall H)... [--all-halls]
                                           password from $HALL_PASSWORD
  person list [HALL]
  kiosk create ID HALL LOCATION NAME       prints the device secret once
  kiosk rotate ID                          issues a new device secret
  kiosk list [HALL]
  demo [--out DIR]                         five demo halls, people, kiosks;
                                           credentials to DIR (default var/demo)
  playbook check FILE...                   check playbook files (no database);
                                           the taxonomy is categories.textpb
                                           beside the first file, or the
                                           shipped one
)";

struct Db {
  std::unique_ptr<store::EmbeddedPostgres> embedded;
  std::unique_ptr<store::PgConnection> conn;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void Check(const Status& s) {
  if (s) throw std::runtime_error(s->message);
}

std::string Arg(const std::vector<std::string>& a, size_t i, const char* what) {
  if (i >= a.size()) throw UsageError(std::string("missing ") + what);
  return a[i];
}

store::HallScope All() { return {true, {}}; }

// The playbook set halls are checked against (their plan must be in it).
std::string g_playbooks_dir = HALL_SOURCE_DIR "/playbooks";
const playbook::PlaybookSet& Plans() {
  static std::shared_ptr<const playbook::PlaybookSet> set;
  if (!set) {
    std::vector<playbook::FileError> errors;
    set = playbook::LoadPlaybookSet(g_playbooks_dir, &errors);
    if (!set) {
      std::string msg = "the playbooks in " + g_playbooks_dir + " do not load:";
      for (auto& e : errors) msg += "\n  " + e.ToString();
      throw std::runtime_error(msg);
    }
  }
  return *set;
}

void PrintPerson(const v1::Person& p) {
  std::cout << p.id() << "  " << p.username() << "  " << p.display_name() << "  "
            << domain::RoleName(p.role()) << "  "
            << (p.all_halls() ? std::string("*") : [&] {
                 std::string s;
                 for (auto& h : p.hall_ids()) s += (s.empty() ? "" : ",") + h;
                 return s;
               }())
            << (p.active() ? "" : "  (inactive)") << "\n";
}

v1::Kiosk CreateKiosk(store::PgConnection& c, v1::Kiosk k, std::string* secret) {
  Check(domain::ValidateKiosk(k));
  if (!store::HallExists(c, k.hall_id())) throw std::runtime_error("no hall " + k.hall_id());
  auto loc = store::LoadLocation(c, k.location_id());
  if (!loc || loc->hall_id() != k.hall_id()) {
    throw std::runtime_error("location " + k.location_id() + " is not in hall " + k.hall_id());
  }
  *secret = domain::NewDeviceSecret();
  return store::UpsertKiosk(c, k, domain::HashSecret(*secret));
}

v1::Person EnsurePerson(store::PgConnection& c, const std::string& username,
                        const std::string& name, v1::Role role,
                        const std::vector<std::string>& halls, const std::string& password) {
  if (auto found = store::FindLogin(c, username)) return found->first;
  v1::Person p;
  p.set_username(username);
  p.set_display_name(name);
  p.set_role(role);
  p.set_active(true);
  if (halls.empty()) p.set_all_halls(true);
  for (auto& h : halls) p.add_hall_ids(h);
  Check(domain::ValidatePerson(p, password, true));
  return store::UpsertPerson(c, p, domain::HashSecret(password));
}

struct DemoHall {
  const char* id;
  const char* name;
  const char* plan;
  const char* address;
};

constexpr DemoHall kDemoHalls[] = {
    {"dongguan-1", "东莞市民服务中心", "dongguan", "广东省东莞市南城街道鸿福路"},
    {"songjiang-1", "松江区行政服务中心", "songjiang", "上海市松江区"},
    {"jiaxiang-1", "嘉祥县为民服务中心", "jiaxiang", "山东省济宁市嘉祥县"},
    {"hunan-1", "湖南省政务服务中心", "hunan", "湖南省长沙市"},
    {"hainan-1", "海南省政务服务中心", "hainan", "海南省海口市"},
};

int Demo(store::PgConnection& c, const std::string& out_dir) {
  const std::string password = "demo-2026";  // printed below; demo only
  fs::create_directories(out_dir);
  std::ofstream creds(out_dir + "/demo-credentials.txt");
  creds << "# Demo sign-ins (password for every person: " << password << ")\n";
  struct Place {
    const char* id;
    const char* name;
    const char* zone;
    double x, y;
  };
  const Place places[] = {
      {"entrance", "主入口", "入口", 0.50, 0.95},
      {"consult", "咨询服务台", "咨询服务区", 0.50, 0.75},
      {"window-1", "1号窗口", "窗口服务区", 0.15, 0.30},
      {"window-12", "12号窗口", "窗口服务区", 0.85, 0.30},
      {"self-service", "自助服务区", "自助服务区", 0.15, 0.70},
      {"waiting", "休息等候区", "休息等候区", 0.80, 0.70},
  };
  for (const auto& h : kDemoHalls) {
    v1::Hall hall;
    hall.set_id(h.id);
    hall.set_name(h.name);
    hall.set_plan_id(h.plan);
    hall.set_address(h.address);
    Check(domain::ValidateHall(hall, Plans().plan_ids()));
    store::UpsertHall(c, hall);
    for (const auto& p : places) {
      v1::Location l;
      l.set_id(std::string(h.plan) + "-" + p.id);
      l.set_hall_id(h.id);
      l.set_name(p.name);
      l.set_zone(p.zone);
      l.set_floor(1);
      l.set_x(p.x);
      l.set_y(p.y);
      store::UpsertLocation(c, l);
    }
    struct Staff {
      const char* prefix;
      const char* name;
      v1::Role role;
    };
    const Staff staff[] = {
        {"duty", "值班员", v1::ROLE_DUTY_OFFICER},
        {"head", "大厅负责人", v1::ROLE_HALL_HEAD},
        {"guide", "引导员", v1::ROLE_FLOOR_GUIDE},
        {"security", "保安", v1::ROLE_SECURITY},
        {"window", "窗口人员", v1::ROLE_WINDOW_STAFF},
    };
    for (const auto& s : staff) {
      std::string user = std::string(s.prefix) + "." + h.plan;
      EnsurePerson(c, user, std::string(s.name) + "（" + h.name + "）", s.role, {h.id}, password);
      creds << user << "  " << domain::RoleName(s.role) << "  " << h.id << "\n";
    }
    // One kiosk per hall, at the entrance; the secret file is the kiosk's.
    std::string kiosk_id = std::string("kiosk-") + h.plan + "-1";
    std::string secret_file = out_dir + "/" + kiosk_id + ".secret";
    if (!store::FindKioskLogin(c, kiosk_id) || !fs::exists(secret_file)) {
      v1::Kiosk k;
      k.set_id(kiosk_id);
      k.set_hall_id(h.id);
      k.set_location_id(std::string(h.plan) + "-entrance");
      k.set_name(std::string(h.name) + " 入口报警终端");
      k.set_active(true);
      std::string secret;
      CreateKiosk(c, k, &secret);
      std::ofstream(secret_file) << secret << "\n";
      fs::permissions(secret_file, fs::perms::owner_read | fs::perms::owner_write);
    }
    creds << kiosk_id << "  kiosk  " << h.id << "  secret in " << secret_file << "\n";
  }
  struct Global {
    const char* user;
    const char* name;
    v1::Role role;
  };
  const Global globals[] = {
      {"leader", "应急工作领导小组组长", v1::ROLE_LEADERSHIP},
      {"bureau", "政务服务数据管理局", v1::ROLE_BUREAU},
      {"drill", "演练组织者", v1::ROLE_DRILL_COORDINATOR},
      {"admin", "系统管理员", v1::ROLE_ADMIN},
  };
  for (const auto& g : globals) {
    EnsurePerson(c, g.user, g.name, g.role, {}, password);
    creds << g.user << "  " << domain::RoleName(g.role) << "  all halls\n";
  }
  creds.close();
  std::cout << "demo data ready: 5 halls, " << (5 * 5 + 4) << " people, 5 kiosks\n"
            << "credentials: " << out_dir << "/demo-credentials.txt\n";
  return 0;
}

int Dispatch(Db& db, const std::vector<std::string>& a, const std::string& schema_dir) {
  store::PgConnection& c = *db.conn;
  const std::string cmd = Arg(a, 0, "command");
  const std::string sub = a.size() > 1 ? a[1] : "";
  if (cmd == "migrate") {
    auto r = store::Migrate(c, schema_dir);
    std::cout << r.applied.size() << " applied, " << r.skipped.size() << " already in place\n";
    return 0;
  }
  store::Migrate(c, schema_dir);  // every command works on a current schema
  if (cmd == "demo") {
    std::string out = "var/demo";
    if (a.size() > 2 && a[1] == "--out") out = a[2];
    return Demo(c, out);
  }
  if (cmd == "hall" && sub == "create") {
    v1::Hall h;
    h.set_id(Arg(a, 2, "ID"));
    h.set_name(Arg(a, 3, "NAME"));
    h.set_plan_id(Arg(a, 4, "PLAN"));
    if (a.size() > 5) h.set_address(a[5]);
    Check(domain::ValidateHall(h, Plans().plan_ids()));
    store::UpsertHall(c, h);
    std::cout << "hall " << h.id() << " saved\n";
    return 0;
  }
  if (cmd == "hall" && sub == "list") {
    for (auto& h : store::ListHalls(c, All())) {
      std::cout << h.id() << "  " << h.name() << "  plan=" << h.plan_id() << "\n";
    }
    return 0;
  }
  if (cmd == "location" && sub == "create") {
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
  if (cmd == "location" && sub == "list") {
    for (auto& l : store::ListLocations(c, Arg(a, 2, "HALL"))) {
      std::cout << l.id() << "  " << l.name() << "  " << l.zone() << "  floor " << l.floor() << "\n";
    }
    return 0;
  }
  if (cmd == "person" && sub == "create") {
    v1::Person p;
    p.set_username(Arg(a, 2, "USERNAME"));
    p.set_display_name(Arg(a, 3, "DISPLAY_NAME"));
    p.set_role(domain::ParseRole(Arg(a, 4, "ROLE")));
    p.set_active(true);
    for (size_t i = 5; i < a.size(); ++i) {
      if (a[i] == "--hall") p.add_hall_ids(Arg(a, ++i, "hall id after --hall"));
      else if (a[i] == "--all-halls") p.set_all_halls(true);
      else throw UsageError("unknown option " + a[i]);
    }
    const char* pw = std::getenv("HALL_PASSWORD");
    if (!pw) throw UsageError("set HALL_PASSWORD to the new person's password");
    Check(domain::ValidatePerson(p, pw, true));
    for (auto& h : p.hall_ids()) {
      if (!store::HallExists(c, h)) throw std::runtime_error("no hall " + h);
    }
    PrintPerson(store::UpsertPerson(c, p, domain::HashSecret(pw)));
    return 0;
  }
  if (cmd == "person" && sub == "list") {
    for (auto& p : store::ListPeople(c, All(), a.size() > 2 ? a[2] : "")) PrintPerson(p);
    return 0;
  }
  if (cmd == "kiosk" && sub == "create") {
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
  if (cmd == "kiosk" && sub == "rotate") {
    auto found = store::FindKioskLogin(c, Arg(a, 2, "ID"));
    if (!found) throw std::runtime_error("no kiosk " + a[2]);
    std::string secret;
    CreateKiosk(c, found->first, &secret);
    std::cout << "kiosk " << a[2] << " new device secret (shown once): " << secret << "\n";
    return 0;
  }
  if (cmd == "kiosk" && sub == "list") {
    for (auto& k : store::ListKiosks(c, All(), a.size() > 2 ? a[2] : "")) {
      std::cout << k.id() << "  " << k.hall_id() << "  " << k.location_id() << "  " << k.name()
                << (k.has_last_seen_at() ? "  last seen " + std::to_string(k.last_seen_at().seconds()) : "  never seen")
                << "\n";
    }
    return 0;
  }
  throw UsageError("unknown command '" + cmd + (sub.empty() ? "" : " " + sub) + "'");
}

// `hallctl playbook check FILE…`: the loader's own checks, for authors.
int CheckPlaybooks(const std::vector<std::string>& a) {
  if (a.size() < 3 || a[1] != "check") throw UsageError("usage: hallctl playbook check FILE...");
  std::vector<std::string> files(a.begin() + 2, a.end());
  std::string taxonomy_path = (fs::path(files[0]).parent_path() / "categories.textpb").string();
  for (auto& f : files) {
    if (fs::path(f).filename() == "categories.textpb") taxonomy_path = f;
  }
  if (!fs::exists(taxonomy_path)) taxonomy_path = HALL_SOURCE_DIR "/playbooks/categories.textpb";
  std::vector<playbook::FileError> errors;
  auto taxonomy = playbook::LoadTaxonomy(taxonomy_path, &errors);
  if (taxonomy) playbook::CheckPlanFiles(files, *taxonomy, &errors);
  for (auto& e : errors) std::cerr << e.ToString() << "\n";
  if (!errors.empty()) {
    std::cerr << errors.size() << " error(s); the files were not accepted\n";
    return 1;
  }
  std::cout << files.size() << " file(s) OK (taxonomy " << taxonomy_path << ")\n";
  return 0;
}

}  // namespace

int Run(const std::vector<std::string>& args) {
  std::string url, data_dir = "var/db", schema_dir = HALL_SOURCE_DIR "/schema";
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--database-url" && i + 1 < args.size()) url = args[++i];
    else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
    else if (args[i] == "--schema-dir" && i + 1 < args.size()) schema_dir = args[++i];
    else if (args[i] == "--playbooks-dir" && i + 1 < args.size()) g_playbooks_dir = args[++i];
    else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    } else rest.push_back(args[i]);
  }
  if (rest.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  if (rest[0] == "playbook") {
    try {
      return CheckPlaybooks(rest);
    } catch (const UsageError& e) {
      std::cerr << "hallctl: " << e.what() << "\n\n" << kUsage;
      return 2;
    }
  }
  if (!domain::InitCrypto()) {
    std::cerr << "hallctl: libsodium failed to initialise\n";
    return 1;
  }
  try {
    Db db;
    if (url.empty()) {
      db.embedded = std::make_unique<store::EmbeddedPostgres>(data_dir);
      url = db.embedded->conninfo();
    }
    db.conn = std::make_unique<store::PgConnection>(url);
    return Dispatch(db, rest, schema_dir);
  } catch (const UsageError& e) {
    std::cerr << "hallctl: " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "hallctl: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace hall::hallctl
