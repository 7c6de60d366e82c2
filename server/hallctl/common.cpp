#include "hallctl/common.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <regex>

#include "domain/credentials.h"
#include "domain/directory_rules.h"
#include "store/directory_store.h"

namespace hall::hallctl {
namespace {
std::string g_playbooks_dir = HALL_SOURCE_DIR "/playbooks";
constexpr int64_t kChinaOffsetSeconds = 8 * 3600;
}  // namespace

void Check(const Status& s) {
  if (s) throw std::runtime_error(s->message);
}

std::string Arg(const Args& a, size_t i, const char* what) {
  if (i >= a.size()) throw UsageError(std::string("missing ") + what);
  return a[i];
}

std::vector<std::string> Options(const Args& a, size_t from, const std::string& name, Args* rest) {
  std::vector<std::string> out;
  for (size_t i = from; i < a.size(); ++i) {
    if (a[i] == name) {
      out.push_back(Arg(a, ++i, (name + " needs a value").c_str()));
    } else if (rest) {
      rest->push_back(a[i]);
    }
  }
  return out;
}

bool Flag(const Args& a, size_t from, const std::string& name) {
  for (size_t i = from; i < a.size(); ++i) {
    if (a[i] == name) return true;
  }
  return false;
}

void SetPlaybooksDir(std::string dir) { g_playbooks_dir = std::move(dir); }

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

domain::Principal Actor() {
  domain::Principal p;
  const char* user = std::getenv("USER");
  p.id = "hallctl";
  p.display_name = std::string("hallctl (") + (user ? user : "?") + ")";
  p.role = v1::ROLE_ADMIN;
  p.all_halls = true;
  return p;
}

int64_t ParseTime(const std::string& text) {
  static const std::regex kTime(
      R"(^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kTime)) {
    throw UsageError(
        "a time looks like \"2026-11-30 08:00\" (China time) or \"2026-11-30T08:00+08:00\", not "
        "\"" +
        text + "\"");
  }
  struct tm tm {};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = m[6].matched ? std::stoi(m[6]) : 0;
  int64_t offset = kChinaOffsetSeconds;
  if (m[7].matched) {
    offset = (std::stoi(m[8]) * 3600 + std::stoi(m[9]) * 60) * (m[7] == "-" ? -1 : 1);
  } else if (text.back() == 'Z') {
    offset = 0;
  }
  int64_t utc = static_cast<int64_t>(timegm(&tm)) - offset;
  return utc * 1'000'000;
}

std::string FormatTime(int64_t micros) {
  time_t local = static_cast<time_t>(micros / 1'000'000 + kChinaOffsetSeconds);
  struct tm tm {};
  gmtime_r(&local, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M +08:00", &tm);
  return buf;
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

std::string PersonId(store::PgConnection& c, const std::string& username) {
  auto found = store::FindLogin(c, username);
  if (!found) throw std::runtime_error("no person with user name " + username);
  return found->first.id();
}

}  // namespace hall::hallctl
