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
      : std::runtime_error(std::move(what)),
        sqlstate_(std::move(sqlstate)),
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
  PgParam(std::string s) : value(std::move(s)), set(true) {}   // NOLINT
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

// A statement and its parameters, for PgConnection::ExecPipelined.
struct Statement {
  const Sql* q;
  std::vector<PgParam> params;
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
  // Runs `statements` (prepared first) in one libpq pipeline — one round
  // trip for all of them — and returns their results in order. Inside a
  // transaction they run in it. Throws PgError for the first that failed,
  // as Exec would; the ones after it did not run.
  std::vector<PgResult> ExecPipelined(const std::vector<Statement>& statements);
  // Runs `q` without preparing it, so it is planned for these parameter
  // values every time (a generic plan would not know that `due_at <= $1`
  // picks a handful of rows out of a hundred thousand).
  PgResult ExecPlannedEachTime(const Sql& q, const std::vector<PgParam>& params);
  // Runs one fixed statement without parameters and without preparing it
  // (session settings, LISTEN, DDL in tests and migrations). Never for
  // values: those go through Exec's $n parameters.
  PgResult ExecSimple(const Sql& q);
  // Rolls back an open transaction, if any, ignoring errors (cleanup paths).
  void RollbackQuietly();

  bool ok() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }
  // ok(), and for an idle connection (no LISTEN, no query under way) also
  // nothing to read: a database that restarted said goodbye and closed it,
  // which libpq learns only by reading. Does not block.
  bool Alive();
  // In a transaction (open or failed).
  bool in_transaction() const;
  // In a transaction a failed statement aborted: COMMIT would roll it back
  // without an error, so nothing done in it may be taken for saved.
  bool in_failed_transaction() const;
  PGconn* raw() { return conn_; }

 private:
  friend class PgPipeline;
  PgResult Check(PGresult* r, const char* name);
  PGconn* conn_;
  std::vector<std::string> prepared_;
};

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

// How a transaction runs (userver's TransactionOptions).
struct TxOptions {
  Isolation isolation = Isolation::kReadCommitted;
  bool read_only = false;
  bool deferrable = false;  // with serializable read-only: wait for a safe snapshot
  // One consistent snapshot for several reads (a page and the log head).
  static TxOptions Snapshot() { return {Isolation::kRepeatableRead, true, false}; }
};

// A transaction that rolls back unless Commit() is called. Opening it sends
// BEGIN with its options; a failed statement inside leaves it to roll back.
// Opened inside another transaction it is a savepoint of it (read committed,
// read-write only: an inner one cannot change the outer's isolation), so a
// store function that keeps its own writes atomic can also be one step of a
// larger change — a directory write and its audit row, say — without
// committing the outer one early.
class Transaction {
 public:
  explicit Transaction(PgConnection& c, TxOptions options = {});
  ~Transaction();  // ROLLBACK unless committed; never throws
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  PgResult Exec(const Sql& q, const std::vector<PgParam>& params = {}) {
    return c_.Exec(q, params);
  }
  // Commits; throws PgError when the commit fails (then nothing was saved,
  // or — on a lost connection — the outcome is unknown).
  void Commit();
  PgConnection& conn() { return c_; }

 private:
  PgConnection& c_;
  bool nested_ = false;  // a savepoint of an enclosing transaction
  bool done_ = false;
};

// One libpq pipeline (PostgreSQL 14+): many statements sent in one write,
// their results read back in order after one sync — one round trip for a
// whole transaction. Leaves pipeline mode on destruction, discarding
// results not read (and dropping the connection if it cannot).
class PgPipeline {
 public:
  explicit PgPipeline(PgConnection& c);
  ~PgPipeline();
  bool entered() const { return entered_; }
  // Queues a prepared statement (prepare it with PgConnection::Prepare
  // first). False when libpq refused to queue it.
  bool Send(const Sql& q, const std::vector<PgParam>& params = {});
  // Marks the end of the pipeline and flushes it.
  bool Sync();
  // The next statement's result: ok, with rows (first column of the first
  // row in `first`), or failed (the statement's error, or aborted because an
  // earlier one failed). False when the connection gave nothing back.
  struct Outcome {
    bool ok = false;
    int rows = 0;
    std::string first;  // text of row 0, column 0, when rows > 0
    std::string error;
  };
  bool Next(Outcome* out);
  // Reads up to and including the sync point. False when the connection broke.
  bool Finish();

 private:
  PgConnection& c_;
  bool entered_ = false;
};

// A timestamptz parameter from microseconds since the Unix epoch.
std::string MicrosToPgText(int64_t micros);
// A bigint[] / int[] array literal ({1,2,3}) for a parameter.
std::string ToPgIntArray(const std::vector<int64_t>& values);
// A text[] array literal ({"a","b"}) for a parameter.
std::string ToPgArray(const std::vector<std::string>& values);
// Parses a text[] result ({a,"b c"}) back into strings.
std::vector<std::string> FromPgArray(std::string_view literal);

}  // namespace hall::store
