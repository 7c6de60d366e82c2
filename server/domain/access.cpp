#include "domain/access.h"

#include <algorithm>

namespace hall::domain {

bool RoleHas(v1::Role role, Permission p) {
  using P = Permission;
  switch (role) {
    case v1::ROLE_KIOSK:
      return p == P::kRaise || p == P::kRead || p == P::kWithdraw;
    case v1::ROLE_FLOOR_GUIDE:
    case v1::ROLE_WINDOW_STAFF:
    case v1::ROLE_SECURITY:
      return p == P::kRaise || p == P::kRead || p == P::kNote || p == P::kWithdraw;
    case v1::ROLE_DUTY_OFFICER:
    case v1::ROLE_HALL_HEAD:
      return p != P::kAdminDirectory;
    case v1::ROLE_LEADERSHIP:
      return p == P::kRead || p == P::kNote || p == P::kAcknowledge || p == P::kRaise ||
             p == P::kChecklist;
    case v1::ROLE_BUREAU:
      return p == P::kRead || p == P::kNote;
    case v1::ROLE_DRILL_COORDINATOR:
      // Every lifecycle action, but on drills only (see CheckIncidentAction).
      return p != P::kRaise && p != P::kAdminDirectory;
    case v1::ROLE_ADMIN:
      return p == P::kRead || p == P::kAdminDirectory;
    default:
      return false;
  }
}

namespace {
const char* ActionName(Permission p) {
  switch (p) {
    case Permission::kRaise: return "raise incidents";
    case Permission::kRaiseDrill: return "raise drill incidents";
    case Permission::kRead: return "read incidents";
    case Permission::kAcknowledge: return "acknowledge incidents";
    case Permission::kAssign: return "assign incidents";
    case Permission::kNote: return "add notes";
    case Permission::kResolve: return "resolve incidents";
    case Permission::kClose: return "close incidents";
    case Permission::kReopen: return "reopen incidents";
    case Permission::kWithdraw: return "withdraw reports";
    case Permission::kAdminDirectory: return "change the directory";
    case Permission::kChecklist: return "work incident checklists";
    case Permission::kTriage: return "re-triage incidents";
  }
  return "do this";
}
}  // namespace

Status CheckPermission(const Principal& who, Permission p) {
  if (RoleHas(who.role, p)) return kOk;
  return Error::PermissionDenied("role " + RoleName(who.role) + " may not " + ActionName(p));
}

bool InScope(const Principal& who, const std::string& hall_id) {
  return who.all_halls ||
         std::find(who.hall_ids.begin(), who.hall_ids.end(), hall_id) != who.hall_ids.end();
}

Status CheckScope(const Principal& who, const std::string& hall_id) {
  if (InScope(who, hall_id)) return kOk;
  return Error::PermissionDenied("hall '" + hall_id + "' is outside your scope");
}

Status CheckIncidentAction(const Principal& who, Permission p, const std::string& hall_id,
                           bool drill) {
  if (auto s = CheckPermission(who, p)) return s;
  if (auto s = CheckScope(who, hall_id)) return s;
  if (who.role == v1::ROLE_DRILL_COORDINATOR && !drill && p != Permission::kRead) {
    return Error::PermissionDenied("a drill coordinator may act on drill incidents only");
  }
  return kOk;
}

std::string RoleName(v1::Role role) {
  switch (role) {
    case v1::ROLE_FLOOR_GUIDE: return "floor_guide";
    case v1::ROLE_WINDOW_STAFF: return "window_staff";
    case v1::ROLE_SECURITY: return "security";
    case v1::ROLE_DUTY_OFFICER: return "duty_officer";
    case v1::ROLE_HALL_HEAD: return "hall_head";
    case v1::ROLE_LEADERSHIP: return "leadership";
    case v1::ROLE_BUREAU: return "bureau";
    case v1::ROLE_DRILL_COORDINATOR: return "drill_coordinator";
    case v1::ROLE_ADMIN: return "admin";
    case v1::ROLE_KIOSK: return "kiosk";
    default: return "unknown";
  }
}

v1::Role ParseRole(const std::string& name) {
  for (int r = v1::ROLE_FLOOR_GUIDE; r <= v1::ROLE_ADMIN; ++r) {
    if (RoleName(static_cast<v1::Role>(r)) == name) return static_cast<v1::Role>(r);
  }
  return v1::ROLE_UNSPECIFIED;
}

}  // namespace hall::domain
