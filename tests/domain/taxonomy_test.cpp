// The shipped taxonomy loads, and each kind of mistake names its line.
#include "playbook/taxonomy.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_database.h"

namespace hall::playbook {
namespace {

std::string Write(const std::string& text) {
  static int n = 0;
  std::string path = testing::TempDir("hall-tax") + "/categories" + std::to_string(n++) + ".textpb";
  std::ofstream(path) << text;
  return path;
}

TEST(TaxonomyTest, ShippedFileLoadsWithTheKioskCategories) {
  std::vector<FileError> errors;
  auto t = LoadTaxonomy(HALL_SOURCE_DIR "/playbooks/categories.textpb", &errors);
  ASSERT_TRUE(t.has_value()) << (errors.empty() ? "" : errors[0].ToString());
  for (const char* id :
       {"panic", "fire", "conflict", "medical_emergency", "equipment_fault", "crowding",
        "suspicious_object", "power_outage", "water_outage", "other"}) {
    EXPECT_NE(t->Find(id), nullptr) << id;
  }
  for (const char* b : {"panic", "fire", "conflict", "medical", "equipment", "crowding",
                        "suspicious", "utility_outage", "other"}) {
    EXPECT_NE(t->ForButton(b), nullptr) << b;
  }
  EXPECT_EQ(t->ForButton("panic")->id(), "panic");
}

TEST(TaxonomyTest, SyntaxErrorNamesTheLine) {
  std::vector<FileError> errors;
  auto path = Write("categories {\n  id: \"fire\"\n  name_zh: \"火灾\"\n  bogus_field: 1\n}\n");
  EXPECT_FALSE(LoadTaxonomy(path, &errors).has_value());
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].line, 4);
  EXPECT_NE(errors[0].ToString().find(path + ":4"), std::string::npos) << errors[0].ToString();
}

TEST(TaxonomyTest, DuplicateIdAndBadButtonsAreRefusedWithLines) {
  std::vector<FileError> errors;
  auto path = Write(
      "categories { id: \"fire\" name_zh: \"火灾\" name_en: \"Fire\" event_class: "
      "EVENT_CLASS_PUBLIC_SAFETY\n"
      "  kiosk_buttons: \"doorbell\" }\n"
      "categories {\n  id: \"fire\"\n  name_zh: \"火\" name_en: \"F\" event_class: "
      "EVENT_CLASS_PUBLIC_SAFETY\n"
      "  kiosk_buttons: \"Door Bell\"\n  kiosk_buttons: \"doorbell\"\n}\n");
  EXPECT_FALSE(LoadTaxonomy(path, &errors).has_value());
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "categories[1].id");
  EXPECT_EQ(errors[0].line, 4);
  EXPECT_NE(errors[0].message.find("duplicate"), std::string::npos);
  EXPECT_EQ(errors[1].line, 6);  // not a button id's shape
  EXPECT_NE(errors[1].message.find("lower_snake_case"), std::string::npos);
  EXPECT_EQ(errors[2].line, 7);  // a new button is fine, but once only
  EXPECT_NE(errors[2].message.find("already mapped"), std::string::npos);
}

TEST(TaxonomyTest, ANewButtonOnANewCategoryIsAccepted) {
  std::vector<FileError> errors;
  auto path = Write(
      "categories { id: \"lift_entrapment\" name_zh: \"电梯困人\" name_en: \"Lift entrapment\"\n"
      "  event_class: EVENT_CLASS_FACILITY kiosk_buttons: \"lift\" }\n");
  auto t = LoadTaxonomy(path, &errors);
  ASSERT_TRUE(t.has_value()) << (errors.empty() ? "" : errors[0].ToString());
  ASSERT_NE(t->ForButton("lift"), nullptr);
  EXPECT_EQ(t->ForButton("lift")->id(), "lift_entrapment");
}

}  // namespace
}  // namespace hall::playbook
