// Identifier shapes: random (v4) and time-ordered (v7) UUIDs.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "domain/credentials.h"

namespace hall::domain {
namespace {

const std::regex kCanonical("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

TEST(IdsTest, ARandomUuidIsVersionFourInCanonicalForm) {
  const std::string id = NewUuid();
  EXPECT_TRUE(std::regex_match(id, kCanonical)) << id;
  EXPECT_EQ(id[14], '4') << id;
}

TEST(IdsTest, ATimeOrderedUuidCarriesItsMillisecondUpFront) {
  // 2025-12-02 10:48:00.123456 UTC: 1764672480123 ms = 0x019adead237b.
  const int64_t now_us = 1'764'672'480'123'456;
  const std::string id = NewTimeOrderedUuid(now_us);
  EXPECT_TRUE(std::regex_match(id, kCanonical)) << id;
  EXPECT_EQ(id[14], '7') << id;
  EXPECT_EQ(id.substr(0, 13), "019adead-237b") << id;
}

TEST(IdsTest, TimeOrderedUuidsSortByTimeAndNeverRepeat) {
  // Later milliseconds sort after earlier ones as text and as PostgreSQL's
  // uuid (both compare the bytes in order); within one millisecond the
  // random bits keep them apart.
  std::set<std::string> seen;
  std::string previous;
  for (int64_t ms = 0; ms < 200; ++ms) {
    for (int i = 0; i < 50; ++i) {
      const std::string id = NewTimeOrderedUuid((1'764'672'480'000 + ms) * 1000 + i);
      EXPECT_TRUE(seen.insert(id).second) << id;
      if (i == 0) {
        EXPECT_LT(previous, id);
        previous = id;
      }
    }
  }
  EXPECT_EQ(seen.size(), 10'000u);
}

TEST(IdsTest, ATimeBeforeTheEpochIsTheEpoch) {
  EXPECT_EQ(NewTimeOrderedUuid(-5).substr(0, 13), "00000000-0000");
}

}  // namespace
}  // namespace hall::domain
