// Locator: the line of each field of a parsed text-format file, so data
// checks (playbooks, drill scenarios) report file:line errors.
//
// Thread-safety: a value over an immutable parse tree.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

namespace hall::playbook {

// Walks a parse-location tree to give each checked field its line.
class Locator {
 public:
  Locator(const google::protobuf::TextFormat::ParseInfoTree* tree,
          const google::protobuf::Descriptor* d, int fallback_line)
      : tree_(tree), d_(d), line_(fallback_line) {}
  // The nested message at field[index] (index -1 for a singular field).
  Locator Child(const char* field, int index = -1) const {
    const google::protobuf::FieldDescriptor* f = d_->FindFieldByName(field);
    int line = Line(field, index);
    const google::protobuf::TextFormat::ParseInfoTree* sub =
        tree_ && f ? tree_->GetTreeForNested(f, index) : nullptr;
    return Locator(sub, f ? f->message_type() : nullptr, line);
  }
  // The line of field[index], or of the enclosing message when absent.
  int Line(const char* field, int index = -1) const {
    if (tree_ && d_) {
      const google::protobuf::FieldDescriptor* f = d_->FindFieldByName(field);
      if (f) {
        if (f->is_repeated() && index < 0) index = 0;
        if (!f->is_repeated()) index = -1;
        auto loc = tree_->GetLocation(f, index);
        if (loc.line >= 0) return loc.line + 1;
      }
    }
    return line_;
  }
  int line() const { return line_; }

 private:
  const google::protobuf::TextFormat::ParseInfoTree* tree_;
  const google::protobuf::Descriptor* d_;
  int line_;
};

}  // namespace hall::playbook
