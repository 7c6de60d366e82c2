#include "domain/validation.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

TEST(ValidationTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("一键报警 🚨"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xe4\xb8"));          // truncated 3-byte sequence
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8(std::string("a\0b", 3)));
}

TEST(ValidationTest, TextCountsCharactersNotBytes) {
  EXPECT_FALSE(CheckText("note", std::string(2000, 'a'), 1, 2000));
  std::string han;
  for (int i = 0; i < 2000; ++i) han += "火";  // 6000 bytes, 2000 characters
  EXPECT_FALSE(CheckText("note", han, 1, 2000));
  auto too_long = CheckText("note", han + "火", 1, 2000);
  ASSERT_TRUE(too_long);
  EXPECT_NE(too_long->message.find("2001"), std::string::npos);
  auto empty = CheckText("note", "", 1, 10);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->message, "note is required");
  auto bad = CheckText("summary", "\xff", 0, 10);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad->message.find("UTF-8"), std::string::npos);
}

TEST(ValidationTest, Slugs) {
  EXPECT_FALSE(CheckSlug("hall_id", "dongguan-1"));
  EXPECT_TRUE(CheckSlug("hall_id", ""));
  EXPECT_TRUE(CheckSlug("hall_id", "Dongguan"));
  EXPECT_TRUE(CheckSlug("hall_id", "-x"));
  EXPECT_TRUE(CheckSlug("hall_id", "a b"));
  EXPECT_TRUE(CheckSlug("hall_id", std::string(65, 'a')));
}

TEST(ValidationTest, Uuids) {
  EXPECT_FALSE(CheckUuid("id", "123e4567-e89b-42d3-a456-426614174000"));
  EXPECT_TRUE(CheckUuid("id", "123e4567e89b42d3a456426614174000"));
  EXPECT_TRUE(CheckUuid("id", "not-a-uuid"));
  EXPECT_TRUE(CheckUuid("id", ""));
}

}  // namespace
}  // namespace hall::domain

// Every request type of every service decodes through checked_decode.h, so
// a request that does not parse is INVALID_ARGUMENT, never UNIMPLEMENTED.
#include <google/protobuf/descriptor.h>

#include <set>

namespace {
TEST(CheckedDecodeTest, EveryRequestTypeOfEveryServiceIsListed) {
  std::set<std::string> listed(std::begin(hall::proto::kCheckedRequestTypes),
                               std::end(hall::proto::kCheckedRequestTypes));
  int services = 0;
  using namespace hall::v1;
  for (const auto* fd :
       {LoginRequest::descriptor()->file(), HeartbeatRequest::descriptor()->file(),
        RaiseIncidentRequest::descriptor()->file(), GetPlanRequest::descriptor()->file(),
        GetHallSetupRequest::descriptor()->file(), ListAuditRequest::descriptor()->file(),
        StatisticsRequest::descriptor()->file(), StartDrillRequest::descriptor()->file()}) {
    for (int s = 0; s < fd->service_count(); ++s, ++services) {
      for (int m = 0; m < fd->service(s)->method_count(); ++m) {
        const auto* method = fd->service(s)->method(m);
        EXPECT_TRUE(listed.count(method->input_type()->full_name()))
            << method->full_name() << " takes " << method->input_type()->full_name()
            << ", which proto/checked_decode.h does not list";
      }
    }
  }
  EXPECT_EQ(services, 8);
}
}  // namespace
