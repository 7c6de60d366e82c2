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
      return p != P::kAdminDirectory && p != P::kManageHall && p != P::kApproveStatement &&
             p != P::kRunDrill;
    case v1::ROLE_HALL_HEAD:
      // Sees drills and their cadence; running them is the coordinator's.
      return p != P::kAdminDirectory && p != P::kApproveStatement && p != P::kRunDrill;
    case v1::ROLE_LEADERSHIP:
      return p == P::kRead || p == P::kNote || p == P::kAcknowledge || p == P::kRaise ||
             p == P::kChecklist || p == P::kEscalate || p == P::kCloseOut ||
             p == P::kApproveStatement || p == P::kReport || p == P::kReadDrills;
    case v1::ROLE_BUREAU:
      // Statements are approved by leadership or the bureau (东莞 B.4.2).
      return p == P::kRead || p == P::kNote || p == P::kApproveStatement || p == P::kReport;
    case v1::ROLE_DRILL_COORDINATOR:
      // Every lifecycle action, but on drills only (see CheckIncidentAction);
      // the halls' statistics are not theirs to read.
      return p != P::kRaise && p != P::kAdminDirectory && p != P::kManageHall && p != P::kReport;
    case v1::ROLE_ADMIN:
      return p == P::kRead || p == P::kAdminDirectory || p == P::kManageHall;
    default:
      return false;
  }
}

namespace {
const char* ActionName(Permission p) {
  switch (p) {
    case Permission::kRaise:
      return "raise incidents";
    case Permission::kRaiseDrill:
      return "raise drill incidents";
    case Permission::kRead:
      return "read incidents";
    case Permission::kAcknowledge:
      return "acknowledge incidents";
    case Permission::kAssign:
      return "assign incidents";
    case Permission::kNote:
      return "add notes";
    case Permission::kResolve:
      return "resolve incidents";
    case Permission::kClose:
      return "close incidents";
    case Permission::kReopen:
      return "reopen incidents";
    case Permission::kWithdraw:
      return "withdraw reports";
    case Permission::kAdminDirectory:
      return "change the directory";
    case Permission::kChecklist:
      return "work incident checklists";
    case Permission::kTriage:
      return "re-triage incidents";
    case Permission::kEscalate:
      return "escalate incidents";
    case Permission::kManageHall:
      return "change a hall's roster, members and contacts";
    case Permission::kCloseOut:
      return "record close-out duties (statements, summary, filing, hand-over)";
    case Permission::kApproveStatement:
      return "approve public statements";
    case Permission::kReport:
      return "read statistics and reports";
    case Permission::kRunDrill:
      return "start, pause, resume, stop or review drills (the drill coordinator's role)";
    case Permission::kReadDrills:
      return "read drill runs and their scores";
  }
  return "do this";
}
}  // namespace

std::string PermissionId(Permission p) {
  switch (p) {
    case Permission::kRaise:
      return "raise";
    case Permission::kRaiseDrill:
      return "raise_drill";
    case Permission::kRead:
      return "read";
    case Permission::kAcknowledge:
      return "acknowledge";
    case Permission::kAssign:
      return "assign";
    case Permission::kNote:
      return "note";
    case Permission::kResolve:
      return "resolve";
    case Permission::kClose:
      return "close";
    case Permission::kReopen:
      return "reopen";
    case Permission::kWithdraw:
      return "withdraw";
    case Permission::kChecklist:
      return "checklist";
    case Permission::kTriage:
      return "triage";
    case Permission::kEscalate:
      return "escalate";
    case Permission::kManageHall:
      return "manage_hall";
    case Permission::kAdminDirectory:
      return "admin_directory";
    case Permission::kCloseOut:
      return "close_out";
    case Permission::kApproveStatement:
      return "approve_statement";
    case Permission::kReport:
      return "report";
    case Permission::kRunDrill:
      return "run_drill";
    case Permission::kReadDrills:
      return "read_drills";
  }
  return "unknown";
}

std::vector<std::string> PermissionIds(v1::Role role) {
  std::vector<std::string> out;
  for (Permission p : kAllPermissions) {
    if (RoleHas(role, p)) out.push_back(PermissionId(p));
  }
  return out;
}

Status CheckManageHall(const Principal& who, const std::string& hall_id) {
  if (auto s = CheckPermission(who, Permission::kManageHall)) return s;
  return CheckScope(who, hall_id);
}

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
    case v1::ROLE_FLOOR_GUIDE:
      return "floor_guide";
    case v1::ROLE_WINDOW_STAFF:
      return "window_staff";
    case v1::ROLE_SECURITY:
      return "security";
    case v1::ROLE_DUTY_OFFICER:
      return "duty_officer";
    case v1::ROLE_HALL_HEAD:
      return "hall_head";
    case v1::ROLE_LEADERSHIP:
      return "leadership";
    case v1::ROLE_BUREAU:
      return "bureau";
    case v1::ROLE_DRILL_COORDINATOR:
      return "drill_coordinator";
    case v1::ROLE_ADMIN:
      return "admin";
    case v1::ROLE_KIOSK:
      return "kiosk";
    default:
      return "unknown";
  }
}

v1::Role ParseRole(const std::string& name) {
  for (int r = v1::ROLE_FLOOR_GUIDE; r <= v1::ROLE_ADMIN; ++r) {
    if (RoleName(static_cast<v1::Role>(r)) == name) return static_cast<v1::Role>(r);
  }
  return v1::ROLE_UNSPECIFIED;
}

}  // namespace hall::domain
