// TestDatabase: a fresh, migrated database for one test, on the same
// embedded PostgreSQL launcher the server uses. One postmaster serves the
// whole test process (started on first use, stopped at exit); every
// TestDatabase is its own database in it, dropped afterwards.
//
// Thread-safety: create and destroy on the test's main thread.
#pragma once

#include <memory>
#include <string>

#include "store/embedded_postgres.h"

namespace hall::testing {

class TestDatabase {
 public:
  TestDatabase();   // creates and migrates a new database
  ~TestDatabase();  // drops it
  const std::string& conninfo() const { return conninfo_; }
  // The process-wide postmaster (for fault tests that restart it).
  static store::EmbeddedPostgres& Cluster();

 private:
  std::string name_;
  std::string conninfo_;
};

// A private temporary folder, removed at process exit.
std::string TempDir(const std::string& prefix);

}  // namespace hall::testing
