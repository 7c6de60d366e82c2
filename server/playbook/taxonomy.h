// The shared category taxonomy (playbooks/categories.textpb) and the
// holder through which the server reads the set in force.
//
// Thread-safety: TaxonomyHolder may be read and swapped from any thread;
// readers get an immutable snapshot.
#pragma once

#include <google/protobuf/text_format.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hall/v1/playbook.pb.h"

namespace hall::playbook {

// A problem in a data file: where, and what.
struct FileError {
  std::string file;
  int line = 0;       // 1-based; 0 when it applies to the whole file
  std::string field;  // dotted path, e.g. playbooks[2].steps[0].citation
  std::string message;
  std::string ToString() const;  // "file:line: field: message"
};

// A kiosk quick-report button id's shape (lower_snake_case, ≤ 32 chars).
// The buttons are data: each is defined once, on the category it raises
// (categories.textpb), and kiosks draw them from ListCategories — so a new
// category with a new button shows on every kiosk after a reload.
bool IsButtonId(const std::string& id);

// The whole file, or "" when it cannot be read.
std::string ReadAll(const std::string& path);

// Parses protobuf text format strictly (unknown fields are errors), with
// each syntax error as a FileError carrying the line.
bool ParseTextFile(const std::string& path, google::protobuf::Message* out,
                   std::vector<FileError>* errors,
                   google::protobuf::TextFormat::ParseInfoTree* tree = nullptr);

class Taxonomy {
 public:
  explicit Taxonomy(v1::Taxonomy data);
  const v1::Category* Find(const std::string& id) const;
  // The category a kiosk quick-report button raises, or nullptr.
  const v1::Category* ForButton(const std::string& button) const;
  const v1::Taxonomy& data() const { return data_; }

 private:
  v1::Taxonomy data_;
  std::map<std::string, int> by_id_;
  std::map<std::string, int> by_button_;
};

// Loads and checks categories.textpb: ids unique and lower_snake_case,
// names present, class set, each button on one category.
std::optional<Taxonomy> LoadTaxonomy(const std::string& path, std::vector<FileError>* errors);

}  // namespace hall::playbook
