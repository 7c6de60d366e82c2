// PlaybookSet: the five plans and the category taxonomy, loaded from
// playbooks/ and checked strictly; and the holder through which the server
// reads the set in force.
//
// A set is immutable once loaded (safe to share between threads). Loading
// refuses the whole set on any error, naming file, line and field, so a
// broken file never replaces the last good set.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hall/v1/playbook.pb.h"
#include "playbook/taxonomy.h"

namespace hall::playbook {

// The vocabulary the files may use, kept here and nowhere else (documented
// in docs/playbooks.md A.5).
//
// Who does a step (Step.responsible).
bool IsKnownResponsible(const std::string& id);
// The hall's own people, alerted by the system: EscalationTier.tier,
// with_tiers and notify_only, OrgPosition.tier. Every internal tier is also
// a responsible role.
bool IsInternalTier(const std::string& id);
// Outside parties a person contacts and records (Step.contact_party,
// EscalationTier.contact_parties): 110, 119, 120, bureaus, utilities …
// Never alerted by a timer.
bool IsKnownParty(const std::string& id);
// Whom a close-out summary may go to (CloseOut.report_to): an internal tier
// or an outside party.
bool IsKnownRecipient(const std::string& id);
bool IsKnownMetric(const std::string& id);
// The internal tiers and the outside parties, sorted (for messages, tests
// and docs).
const std::vector<std::string>& InternalTiers();
const std::vector<std::string>& Parties();

class PlaybookSet {
 public:
  PlaybookSet(Taxonomy taxonomy, std::vector<v1::Plan> plans, std::string version,
              int64_t loaded_at_ms);

  const Taxonomy& taxonomy() const { return taxonomy_; }
  const std::string& version() const { return version_; }
  int64_t loaded_at_ms() const { return loaded_at_ms_; }
  const v1::Plan* FindPlan(const std::string& id) const;
  std::vector<std::string> plan_ids() const;

  // The playbook `plan` prescribes for `category`; when it has none, the
  // plan's general (panic) playbook, with *falls_back set. nullptr when
  // neither exists.
  const v1::Playbook* FindPlaybook(const std::string& plan, const std::string& category,
                                   bool* falls_back = nullptr) const;

 private:
  Taxonomy taxonomy_;
  std::map<std::string, v1::Plan> plans_;
  std::string version_;
  int64_t loaded_at_ms_;
};

// Loads categories.textpb and every other *.textpb in `dir` as a Plan.
std::shared_ptr<const PlaybookSet> LoadPlaybookSet(const std::string& dir,
                                                   std::vector<FileError>* errors);

// Checks plan files against a taxonomy without building a set (for
// `hallctl playbook check`). A file named categories.textpb is checked as
// the taxonomy itself. Returns true when every file is clean.
bool CheckPlanFiles(const std::vector<std::string>& files, const Taxonomy& taxonomy,
                    std::vector<FileError>* errors);

class PlaybookHolder {
 public:
  std::shared_ptr<const PlaybookSet> Get() const;
  void Set(std::shared_ptr<const PlaybookSet> s);

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const PlaybookSet> current_;  // GUARDED_BY(mu_)
};

}  // namespace hall::playbook
