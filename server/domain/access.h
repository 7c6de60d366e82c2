// Access rules: who may do what, and which halls they may see.
//
// Pure functions over a Principal; thread-safe. Hall scope is checked here
// and applied by the store where data is read, never only in a UI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hall/v1/common.pb.h"

namespace hall::domain {

// The signed-in caller: a person or a kiosk device.
struct Principal {
  std::string id;  // person UUID or kiosk id
  std::string display_name;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  std::vector<std::string> hall_ids;
  bool all_halls = false;
  std::string location_id;  // kiosks: the bound place
  int64_t expires_micros = 0;

  bool system = false;  // the server itself (kiosk monitor …)

  bool is_kiosk() const { return role == v1::ROLE_KIOSK; }
  // 'person:<id>', 'kiosk:<id>' or 'system:<id>': the idempotency key's owner.
  std::string reporter_key() const {
    return (system ? "system:" : is_kiosk() ? "kiosk:" : "person:") + id;
  }
};

enum class Permission {
  kRaise,       // raise a real incident
  kRaiseDrill,  // raise a drill incident (演练)
  kRead,        // get / list / watch
  kAcknowledge,
  kAssign,
  kNote,
  kResolve,
  kClose,
  kReopen,
  kWithdraw,    // withdraw one's own report (false alarm)
  kChecklist,   // check off / skip steps, set grading metrics
  kTriage,      // change an incident's category or grade (re-triage)
  kEscalate,    // escalate / de-escalate along the chain by hand
  kManageHall,  // a hall's escalation set-up: roster, members, contacts, notifiers
  kAdminDirectory,
  kCloseOut,          // close-out duties: statements, summary, filing, hand-over, follow-ups
  kApproveStatement,  // approve or refuse a public statement (舆情): leadership, the bureau
  kReport,            // statistics, period reports and the archive export of one's halls
  kRunDrill,          // start, pause, resume, stop and review drills (演练组织者)
  kReadDrills,        // drill runs, their scores and the cadence of one's halls
};

// Every permission, in a stable order (for listing a role's).
inline constexpr Permission kAllPermissions[] = {Permission::kRaise,
                                                 Permission::kRaiseDrill,
                                                 Permission::kRead,
                                                 Permission::kAcknowledge,
                                                 Permission::kAssign,
                                                 Permission::kNote,
                                                 Permission::kResolve,
                                                 Permission::kClose,
                                                 Permission::kReopen,
                                                 Permission::kWithdraw,
                                                 Permission::kChecklist,
                                                 Permission::kTriage,
                                                 Permission::kEscalate,
                                                 Permission::kManageHall,
                                                 Permission::kAdminDirectory,
                                                 Permission::kCloseOut,
                                                 Permission::kApproveStatement,
                                                 Permission::kReport,
                                                 Permission::kRunDrill,
                                                 Permission::kReadDrills};

// "acknowledge" etc.: the permission's id on the wire (Principal.permissions).
std::string PermissionId(Permission p);
// The ids of every permission the role carries.
std::vector<std::string> PermissionIds(v1::Role role);

// True when the role carries the permission (before hall scope and drill
// rules are applied).
bool RoleHas(v1::Role role, Permission p);

// kOk, or PERMISSION_DENIED naming the role and the action.
Status CheckPermission(const Principal& who, Permission p);

// For actions on an existing incident: the role must have `p`, the hall
// must be in scope, and a drill coordinator may act on drills only.
Status CheckIncidentAction(const Principal& who, Permission p, const std::string& hall_id,
                           bool drill);

bool InScope(const Principal& who, const std::string& hall_id);
// kOk, or PERMISSION_DENIED naming the hall.
Status CheckScope(const Principal& who, const std::string& hall_id);

// For a hall's escalation set-up: admins anywhere, hall heads for their
// own halls (kManageHall and scope).
Status CheckManageHall(const Principal& who, const std::string& hall_id);

// "duty_officer" etc.: the glossary name of a role.
std::string RoleName(v1::Role role);
// Parses a glossary role name; ROLE_UNSPECIFIED when unknown.
v1::Role ParseRole(const std::string& name);

}  // namespace hall::domain
