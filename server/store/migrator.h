// Migrator: applies schema/NNNN_name.sql files in order, each exactly once.
//
// Each applied file's SHA-256 is recorded; a file that changed after it was
// applied is an error (add a new migration instead). Several servers may
// start at once: an advisory lock makes them take turns.
#pragma once

#include <string>
#include <vector>

#include "store/pg.h"

namespace hall::store {

struct MigrationReport {
  std::vector<std::string> applied;  // newly applied now
  std::vector<std::string> skipped;  // already applied, checksum matches
};

// Applies every pending migration in `schema_dir`. Throws std::runtime_error
// naming the file on a checksum mismatch or a failing statement; a failing
// migration is rolled back whole.
MigrationReport Migrate(PgConnection& conn, const std::string& schema_dir);

}  // namespace hall::store
