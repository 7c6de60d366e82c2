// EmbeddedPostgres: a private PostgreSQL in a data folder, on a Unix socket.
//
// With no database address given, the server (and hallctl, and the tests)
// start one of these: initdb on first use, pg_ctl start, pg_ctl stop on
// destruction. PostgreSQL refuses to run as root, so when this process is
// root the database processes run as the unprivileged `postgres` system user
// (created by Debian's postgresql package) and the folder is handed to it.
//
// If a postmaster already runs on the folder (another server or hallctl
// started it), this attaches to it and leaves it running on destruction.
//
// Thread-safety: not thread-safe; construct and destroy on one thread.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"

namespace hall::store {

class EmbeddedPostgres {
 public:
  // Starts (or attaches to) the database in `data_dir`. Creates the folder.
  // Throws std::runtime_error with a message naming the failed step.
  explicit EmbeddedPostgres(std::string data_dir);
  ~EmbeddedPostgres();  // stops the postmaster if this object started it
  EmbeddedPostgres(const EmbeddedPostgres&) = delete;
  EmbeddedPostgres& operator=(const EmbeddedPostgres&) = delete;

  // A libpq connection string for the `hall` database on the socket.
  std::string conninfo() const;
  // The same for another database on this server (tests make their own).
  std::string conninfo(const std::string& dbname) const;
  const std::string& socket_dir() const { return socket_dir_; }
  bool started_here() const { return started_here_; }

  // Stops then starts the postmaster (for fault tests). Blocks until up.
  void Restart();
  void Stop();
  void Start();

 private:
  void RunTool(const std::vector<std::string>& args, const std::string& what) const;
  bool Running() const;

  std::string data_dir_;    // root folder we own
  std::string pgdata_;      // data_dir_/pg
  std::string socket_dir_;  // data_dir_/run
  std::string bin_dir_;
  bool as_postgres_user_ = false;
  bool started_here_ = false;
};

// Finds the PostgreSQL server binaries (initdb, pg_ctl). Throws when absent.
std::string FindPostgresBinDir();

}  // namespace hall::store
