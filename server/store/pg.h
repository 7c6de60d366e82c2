// Thin RAII wrappers over libpq: one connection, one result, one transaction.
//
// Thread-safety: a PgConnection is used by one thread at a time (libpq's
// rule); nothing here is shared between threads.
//
// Every failing call throws PgError naming the call and the statement's
// name; the store layer turns PgError into hall::Error at its boundary.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace hall::store {

// A libpq failure. sqlstate is the five-character SQLSTATE, or empty when
// the connection itself failed.
class PgError : public std::runtime_error {
 public:
  PgError(std::string what, std::string sqlstate, bool connection_lost)
      : std::runtime_error(std::move(what)), sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }
  // Maps to the domain error: connection loss → UNAVAILABLE, unique
  // violation → ALREADY_EXISTS, foreign key → FAILED_PRECONDITION, …
  Error ToError() const;

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};

// A query result. Rows and columns are zero-based.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  int rows() const { return PQntuples(r_.get()); }
  bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col); }
  std::string text(int row, int col) const;
  std::string_view view(int row, int col) const;
  int64_t int64(int row, int col) const;
  bool boolean(int row, int col) const;
  std::string bytes(int row, int col) const;  // a bytea column, decoded
  // Command tag row count (INSERT/UPDATE/DELETE).
  int64_t affected() const;

 private:
  std::unique_ptr<PGresult, PgResultDeleter> r_;
};

// A parameter: text, or NULL when nullopt. Binary for bytea.
struct PgParam {
  PgParam(std::nullopt_t) {}                                   // NOLINT
  PgParam(const char* s) : value(s), set(true) {}              // NOLINT
  PgParam(std::string s) : value(std::move(s)), set(true) {}  // NOLINT
  PgParam(std::string_view s) : value(s), set(true) {}         // NOLINT
  PgParam(int64_t v) : value(std::to_string(v)), set(true) {}  // NOLINT
  PgParam(int v) : value(std::to_string(v)), set(true) {}      // NOLINT
  PgParam(bool v) : value(v ? "t" : "f"), set(true) {}         // NOLINT
  static PgParam Bytes(std::string b) {
    PgParam p(std::move(b));
    p.binary = true;
    return p;
  }
  static PgParam NullIfEmpty(const std::string& s) {
    return s.empty() ? PgParam(std::nullopt) : PgParam(s);
  }
  std::string value;
  bool set = false;
  bool binary = false;
};

// A named SQL statement: `name` appears in errors and is the prepared
// statement's name; `sql` uses $n parameters, never spliced values.
struct Sql {
  const char* name;
  const char* sql;
};

class PgConnection {
 public:
  // Connects to `conninfo` (a libpq URL or key=value string).
  // Throws PgError when the server cannot be reached.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs a prepared statement (prepared on first use on this connection).
  PgResult Exec(const Sql& q, const std::vector<PgParam>& params = {});
  // Prepares `q` on this connection unless it already is.
  void Prepare(const Sql& q);
  // Queues `q` in pipeline mode (PQsendQueryPrepared); false on failure.
  bool SendPrepared(const Sql& q, const std::vector<PgParam>& params);
  // Runs SQL text without parameters (may hold several statements; the
  // last statement's result is returned). For fixed text only.
  PgResult ExecSimple(const char* name, const char* sql);

  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  PGconn* raw() { return conn_; }

 private:
  PgResult Check(PGresult* r, const char* name);
  PGconn* conn_;
  std::vector<std::string> prepared_;
};

// A transaction that rolls back unless Commit() is called.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& c);
  ~PgTransaction();
  void Commit();
  PgConnection& conn() { return c_; }

 private:
  PgConnection& c_;
  bool done_ = false;
};

// Helpers for timestamps carried as microseconds since the Unix epoch.
int64_t NowMicros();
std::string MicrosToPgText(int64_t micros);  // for a timestamptz parameter

}  // namespace hall::store
