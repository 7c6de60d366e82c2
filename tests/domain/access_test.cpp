#include "domain/access.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

Principal Of(v1::Role role, std::vector<std::string> halls, bool all = false) {
  Principal p;
  p.id = "x";
  p.role = role;
  p.hall_ids = std::move(halls);
  p.all_halls = all;
  return p;
}

TEST(AccessTest, HallScopeIsEnforced) {
  auto officer = Of(v1::ROLE_DUTY_OFFICER, {"hall-a"});
  EXPECT_FALSE(CheckIncidentAction(officer, Permission::kAcknowledge, "hall-a", false));
  auto other = CheckIncidentAction(officer, Permission::kAcknowledge, "hall-b", false);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->code, ErrorCode::kPermissionDenied);
  EXPECT_NE(other->message.find("hall-b"), std::string::npos);
  auto leader = Of(v1::ROLE_LEADERSHIP, {}, true);
  EXPECT_FALSE(CheckIncidentAction(leader, Permission::kRead, "hall-b", false));
}

TEST(AccessTest, RolesCarryTheirActions) {
  EXPECT_TRUE(RoleHas(v1::ROLE_KIOSK, Permission::kRaise));
  EXPECT_FALSE(RoleHas(v1::ROLE_KIOSK, Permission::kAcknowledge));
  EXPECT_FALSE(RoleHas(v1::ROLE_FLOOR_GUIDE, Permission::kResolve));
  EXPECT_TRUE(RoleHas(v1::ROLE_DUTY_OFFICER, Permission::kClose));
  EXPECT_FALSE(RoleHas(v1::ROLE_DUTY_OFFICER, Permission::kAdminDirectory));
  EXPECT_FALSE(RoleHas(v1::ROLE_BUREAU, Permission::kAcknowledge));
  EXPECT_TRUE(RoleHas(v1::ROLE_ADMIN, Permission::kAdminDirectory));
  EXPECT_FALSE(RoleHas(v1::ROLE_ADMIN, Permission::kRaise));
  EXPECT_FALSE(RoleHas(v1::ROLE_UNSPECIFIED, Permission::kRead));
  EXPECT_FALSE(RoleHas(v1::ROLE_DRILL_COORDINATOR, Permission::kRaise));
  EXPECT_TRUE(RoleHas(v1::ROLE_DRILL_COORDINATOR, Permission::kRaiseDrill));
}

TEST(AccessTest, DrillCoordinatorActsOnDrillsOnly) {
  auto drill = Of(v1::ROLE_DRILL_COORDINATOR, {}, true);
  EXPECT_FALSE(CheckIncidentAction(drill, Permission::kResolve, "hall-a", true));
  EXPECT_TRUE(CheckIncidentAction(drill, Permission::kResolve, "hall-a", false));
  EXPECT_FALSE(CheckIncidentAction(drill, Permission::kRead, "hall-a", false));
}

TEST(AccessTest, RoleNamesRoundTrip) {
  for (int r = v1::ROLE_FLOOR_GUIDE; r <= v1::ROLE_ADMIN; ++r) {
    EXPECT_EQ(ParseRole(RoleName(static_cast<v1::Role>(r))), r);
  }
  EXPECT_EQ(ParseRole("janitor"), v1::ROLE_UNSPECIFIED);
}

}  // namespace
}  // namespace hall::domain
