// Drill scenarios (演练脚本, proto/hall/v1/drill.proto): the files under
// playbooks/drills/, checked against the playbook set in force with
// file:line errors, and the responses a scenario expects — derived from the
// plan's playbook for each reported category (acknowledge within the
// chain's first time-out, each mandatory step within its deadline, each
// outside party contacted) plus those its author adds.
//
// Pure functions over immutable data; thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "hall/v1/drill.pb.h"
#include "playbook/playbook_set.h"
#include "playbook/taxonomy.h"

namespace hall::playbook {

// A drill lasts at most this long (a rehearsal is a morning, not a day).
inline constexpr int kMaxDrillSeconds = 4 * 3600;
// At most this many injects and expectations, and texts (names, summaries,
// messages, citations) of at most this many characters.
inline constexpr int kMaxDrillItems = 100;
inline constexpr size_t kMaxDrillText = 500;

// Loads every *.textpb of `dir` (playbooks/drills) as DrillScenarioFile and
// checks each scenario against `set`. Returns the scenarios in file and
// scenario order; appends an error for each problem (then the result is
// not to be used). A missing folder is no scenarios, not an error.
std::vector<v1::DrillScenario> LoadDrillScenarios(const std::string& dir, const PlaybookSet& set,
                                                  std::vector<FileError>* errors);

// Checks one scenario file (for `hallctl playbook check`); `seen_ids`
// carries scenario ids across files. True when clean.
bool CheckDrillFile(const std::string& path, const PlaybookSet& set,
                    std::set<std::string>* seen_ids, std::vector<FileError>* errors);

// Checks a hand-built scenario (StartDrill's or CheckDrillScenario's) as
// a file's is checked, against `set`; its id must differ from every file
// scenario's (`files`), and its `based_on`, when set, must be a file
// scenario of the same plan. Errors have no file and line: their field is the
// path from "scenario" (scenario.injects[2].place). Empty when clean.
std::vector<FileError> CheckHandBuiltScenario(const v1::DrillScenario& scenario,
                                              const PlaybookSet& set,
                                              const std::vector<v1::DrillScenario>& files);

// Whether a run of hand-built `run` counts toward the cadence of `base`
// (the file scenario it names in based_on): it rehearses at least what
// the base does — every role the base names, a press of every category
// the base's presses report — for at least half the base's duration. A
// smaller exercise is scored, but leaves the base's rehearsal due.
bool CoversForCadence(const v1::DrillScenario& run, const v1::DrillScenario& base);

// Every response `scenario` expects, in the order of its injects: for each
// press, those its plan's playbook sets, then the author's own.
std::vector<v1::DrillExpectation> ExpectedResponses(const v1::DrillScenario& scenario,
                                                    const PlaybookSet& set);

}  // namespace hall::playbook
