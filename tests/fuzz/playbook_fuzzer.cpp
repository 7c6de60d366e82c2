// Fuzz target: bytes as a playbook file (a plan, or the category taxonomy)
// through the loader the server and `hallctl playbook check` use.
//
// The first byte picks which: even, a plan file checked against the real
// taxonomy; odd, categories.textpb itself. Contracts checked, beyond "no
// crash, no sanitizer report": a refused file yields at least one error,
// and every error names the file and a line that exists in it (0 for the
// whole file).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "playbook/playbook_set.h"
#include "playbook/taxonomy.h"

namespace {

#define FUZZ_CHECK(cond, what)                                                            \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "%s:%d: contract broken: %s: %s\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                            \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

std::string g_dir;

const hall::playbook::Taxonomy& RealTaxonomy() {
  static const hall::playbook::Taxonomy* t = [] {
    std::vector<hall::playbook::FileError> errors;
    auto loaded =
        hall::playbook::LoadTaxonomy(HALL_SOURCE_DIR "/playbooks/categories.textpb", &errors);
    FUZZ_CHECK(loaded.has_value(), "the real taxonomy loads");
    return new hall::playbook::Taxonomy(std::move(*loaded));
  }();
  return *t;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp && *tmp ? tmp : "/tmp";
  g_dir = base + "/playbook-fuzz-" + std::to_string(getpid());
  std::error_code ec;
  std::filesystem::create_directories(g_dir, ec);
  FUZZ_CHECK(!ec, g_dir + ": " + ec.message());
  // libFuzzer ends a timed run through exit(): the scratch files go with
  // it (every run of scripts/fuzz.sh left one directory in /tmp before).
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(g_dir, ignored);
  });
  (void)RealTaxonomy();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool taxonomy = data[0] & 1;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  // The file name decides how CheckPlanFiles reads it.
  const std::string path = g_dir + (taxonomy ? "/categories.textpb" : "/fuzzplan.textpb");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
  std::vector<hall::playbook::FileError> errors;
  bool clean = hall::playbook::CheckPlanFiles({path}, RealTaxonomy(), &errors);
  FUZZ_CHECK(clean == errors.empty(), "refused means at least one error");
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const auto& e : errors) {
    FUZZ_CHECK(e.file == path, e.ToString());
    FUZZ_CHECK(e.line >= 0 && e.line <= lines, e.ToString());
    FUZZ_CHECK(!e.message.empty(), e.ToString());
    FUZZ_CHECK(e.ToString().rfind(path + ":", 0) == 0, e.ToString());
  }
  return 0;
}
