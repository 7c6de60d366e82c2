#include "playbook/taxonomy.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace hall::playbook {

std::string FileError::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!field.empty()) s += field + ": ";
  return s + message;
}

namespace {
class Collector : public google::protobuf::io::ErrorCollector {
 public:
  Collector(std::string file, std::vector<FileError>* out) : file_(std::move(file)), out_(out) {}
  void AddError(int line, int, const std::string& message) override {
    out_->push_back({file_, line + 1, "", message});
  }
  void AddWarning(int line, int, const std::string& message) override {
    out_->push_back({file_, line + 1, "", message});
  }

 private:
  std::string file_;
  std::vector<FileError>* out_;
};
}  // namespace

bool IsButtonId(const std::string& id) {
  static const std::regex kButton("^[a-z][a-z0-9_]{0,31}$");
  return std::regex_match(id, kButton);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ParseTextFile(const std::string& path, google::protobuf::Message* out,
                   std::vector<FileError>* errors,
                   google::protobuf::TextFormat::ParseInfoTree* tree) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back({path, 0, "", "cannot open the file"});
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  size_t before = errors->size();
  Collector collector(path, errors);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  parser.AllowUnknownField(false);
  if (tree) parser.WriteLocationsTo(tree);
  bool ok = parser.ParseFromString(ss.str(), out);
  return ok && errors->size() == before;
}

Taxonomy::Taxonomy(v1::Taxonomy data) : data_(std::move(data)) {
  for (int i = 0; i < data_.categories_size(); ++i) {
    by_id_[data_.categories(i).id()] = i;
    for (const auto& b : data_.categories(i).kiosk_buttons()) by_button_[b] = i;
  }
}

const v1::Category* Taxonomy::Find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &data_.categories(it->second);
}

const v1::Category* Taxonomy::ForButton(const std::string& button) const {
  auto it = by_button_.find(button);
  return it == by_button_.end() ? nullptr : &data_.categories(it->second);
}

std::optional<Taxonomy> LoadTaxonomy(const std::string& path, std::vector<FileError>* errors) {
  v1::Taxonomy data;
  google::protobuf::TextFormat::ParseInfoTree tree;
  if (!ParseTextFile(path, &data, errors, &tree)) return std::nullopt;
  size_t before = errors->size();
  static const std::regex kId("^[a-z][a-z0-9_]{0,63}$");
  std::set<std::string> ids, buttons;
  for (int i = 0; i < data.categories_size(); ++i) {
    const auto& c = data.categories(i);
    auto* sub = tree.GetTreeForNested(v1::Taxonomy::descriptor()->FindFieldByName("categories"), i);
    auto line_of = [&](const char* field, int index = -1) {
      int line =
          tree.GetLocation(v1::Taxonomy::descriptor()->FindFieldByName("categories"), i).line + 1;
      if (sub) {
        auto loc = sub->GetLocation(v1::Category::descriptor()->FindFieldByName(field), index);
        if (loc.line >= 0) line = loc.line + 1;
      }
      return line;
    };
    std::string at = "categories[" + std::to_string(i) + "]";
    if (!std::regex_match(c.id(), kId)) {
      errors->push_back(
          {path, line_of("id"), at + ".id", "must be lower_snake_case, got '" + c.id() + "'"});
    } else if (!ids.insert(c.id()).second) {
      errors->push_back(
          {path, line_of("id"), at + ".id", "duplicate category id '" + c.id() + "'"});
    }
    if (c.name_zh().empty())
      errors->push_back({path, line_of("id"), at + ".name_zh", "is required"});
    if (c.name_en().empty())
      errors->push_back({path, line_of("id"), at + ".name_en", "is required"});
    if (c.event_class() == v1::EVENT_CLASS_UNSPECIFIED) {
      errors->push_back({path, line_of("id"), at + ".event_class", "is required"});
    }
    for (int b_i = 0; b_i < c.kiosk_buttons_size(); ++b_i) {
      const std::string& b = c.kiosk_buttons(b_i);
      if (!IsButtonId(b)) {
        errors->push_back(
            {path, line_of("kiosk_buttons", b_i), at + ".kiosk_buttons",
             "a button id is lower_snake_case, at most 32 characters; got '" + b + "'"});
      } else if (!buttons.insert(b).second) {
        errors->push_back({path, line_of("kiosk_buttons", b_i), at + ".kiosk_buttons",
                           "button '" + b + "' is already mapped to another category"});
      }
    }
  }
  if (errors->size() != before) return std::nullopt;
  return Taxonomy(std::move(data));
}

}  // namespace hall::playbook
