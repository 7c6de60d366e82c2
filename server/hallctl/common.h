// What hallctl's commands share: the database they work on, argument
// helpers, the playbook set halls are checked against, the actor recorded
// in audit rows, and times as people type them.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "hall/v1/directory.pb.h"
#include "playbook/playbook_set.h"
#include "store/embedded_postgres.h"
#include "store/pg.h"

namespace hall::hallctl {

// A command line that does not make sense: printed with the usage, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

// Throws std::runtime_error with the status's message when it is an error.
void Check(const Status& s);
// args[i], or UsageError naming `what`.
std::string Arg(const Args& a, size_t i, const char* what);
// The values of every `--name VALUE` in args[from..]; the rest in *rest.
std::vector<std::string> Options(const Args& a, size_t from, const std::string& name,
                                 Args* rest = nullptr);
bool Flag(const Args& a, size_t from, const std::string& name);

// The playbook set in force for hallctl (--playbooks-dir).
void SetPlaybooksDir(std::string dir);
const playbook::PlaybookSet& Plans();

// Who hallctl writes as, in audit rows: "hallctl (<user>)".
domain::Principal Actor();

// "2026-11-30 08:00" or "2026-11-30T08:00[:ss][+08:00]" → µs since the
// epoch. Without an offset the time is China Standard Time (+08:00), the
// halls' time. UsageError when it does not parse.
int64_t ParseTime(const std::string& text);
std::string FormatTime(int64_t micros);  // "2026-11-30 08:00 +08:00"

// A person's id by user name, or std::runtime_error.
std::string PersonId(store::PgConnection& c, const std::string& username);

// Saves a kiosk and issues its device secret (*secret, shown once).
v1::Kiosk CreateKiosk(store::PgConnection& c, v1::Kiosk k, std::string* secret);

// The command groups. Each returns the exit code, or throws.
int SetupCommand(store::PgConnection& c, const Args& a);
int Demo(store::PgConnection& c, const std::string& out_dir);
// The demo halls' past `days` days of handled incidents, up to now_us.
int DemoHistory(store::PgConnection& c, int days, int64_t now_us);
// `drill run`: a drill against a running server (no database of its own).
int DrillCommand(const Args& a);

}  // namespace hall::hallctl
