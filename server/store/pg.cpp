#include "store/pg.h"

#include <poll.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace hall::store {

Error PgError::ToError() const {
  if (connection_lost_ || sqlstate_.starts_with("08") || sqlstate_ == "57P01" ||
      sqlstate_ == "57P02" || sqlstate_ == "57P03") {
    return Error::Unavailable("the database is unavailable; try again shortly");
  }
  if (sqlstate_ == "23505") return Error::AlreadyExists(what());
  if (sqlstate_ == "23503" || sqlstate_ == "23514") return Error::FailedPrecondition(what());
  if (sqlstate_ == "22P02" || sqlstate_ == "22021" || sqlstate_ == "22001") {
    return Error::InvalidArgument(what());
  }
  if (sqlstate_ == "40001" || sqlstate_ == "40P01") return Error::Aborted(what());
  return Error::Internal(what());
}

std::string PgResult::text(int row, int col) const {
  return std::string(PQgetvalue(r_.get(), row, col), PQgetlength(r_.get(), row, col));
}

std::string_view PgResult::view(int row, int col) const {
  return {PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col))};
}

int64_t PgResult::int64(int row, int col) const {
  if (null(row, col)) return 0;
  return std::strtoll(PQgetvalue(r_.get(), row, col), nullptr, 10);
}

bool PgResult::boolean(int row, int col) const {
  return !null(row, col) && PQgetvalue(r_.get(), row, col)[0] == 't';
}

std::string PgResult::bytes(int row, int col) const {
  if (PQfformat(r_.get(), col) == 1) return text(row, col);  // binary result
  size_t n = 0;
  unsigned char* p =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_.get(), row, col)), &n);
  if (p == nullptr) throw PgError("PQunescapeBytea failed", "", false);
  std::string out(reinterpret_cast<char*>(p), n);
  PQfreemem(p);
  return out;
}

int64_t PgResult::affected() const {
  const char* t = PQcmdTuples(r_.get());
  return (t && *t) ? std::strtoll(t, nullptr, 10) : 0;
}

PgConnection::PgConnection(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = std::string("PQconnectdb: ") + PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError(msg, "", true);
  }
  // Server notices ("relation already exists, skipping") are not errors;
  // keep them out of the operator's terminal.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

PgResult PgConnection::Check(PGresult* r, const char* name) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return PgResult(r);
  std::string sqlstate;
  std::string msg = std::string(name) + ": ";
  if (r) {
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (s) sqlstate = s;
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    msg += m ? m : PQresultErrorMessage(r);
    const char* d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
    if (d) msg += std::string(" (") + d + ")";
    PQclear(r);
  } else {
    msg += PQerrorMessage(conn_);
  }
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  bool lost = PQstatus(conn_) != CONNECTION_OK;
  throw PgError(msg, sqlstate, lost);
}

void PgConnection::Prepare(const Sql& q) {
  if (std::find(prepared_.begin(), prepared_.end(), q.name) == prepared_.end()) {
    Check(PQprepare(conn_, q.name, q.sql, 0, nullptr), q.name);
    prepared_.emplace_back(q.name);
  }
}

PgResult PgConnection::Exec(const Sql& q, const std::vector<PgParam>& params) {
  Prepare(q);
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  std::vector<int> formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].set ? params[i].value.data() : nullptr;
    lengths[i] = static_cast<int>(params[i].value.size());
    formats[i] = params[i].binary ? 1 : 0;
  }
  return Check(PQexecPrepared(conn_, q.name, static_cast<int>(params.size()), values.data(),
                              lengths.data(), formats.data(), 0),
               q.name);
}

std::vector<PgResult> PgConnection::ExecPipelined(const std::vector<Statement>& statements) {
  std::vector<PgResult> out;
  if (statements.empty()) return out;
  for (const Statement& s : statements) Prepare(*s.q);
  PgPipeline p(*this);
  bool sent = p.entered();
  for (const Statement& s : statements) sent = sent && p.Send(*s.q, s.params);
  sent = sent && p.Sync();
  if (!sent) Check(nullptr, statements.front().q->name);  // throws, naming libpq's complaint
  out.reserve(statements.size());
  for (const Statement& s : statements) {
    // Throws for a failed one; leaving, `p` drains the rest and the sync.
    out.push_back(Check(PQgetResult(conn_), s.q->name));
    PGresult* end = PQgetResult(conn_);  // each statement's results end with NULL
    if (end) PQclear(end);
  }
  if (!p.Finish()) Check(nullptr, statements.front().q->name);
  return out;
}

PgResult PgConnection::ExecPlannedEachTime(const Sql& q, const std::vector<PgParam>& params) {
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  std::vector<int> formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].set ? params[i].value.data() : nullptr;
    lengths[i] = static_cast<int>(params[i].value.size());
    formats[i] = params[i].binary ? 1 : 0;
  }
  return Check(PQexecParams(conn_, q.sql, static_cast<int>(params.size()), nullptr, values.data(),
                            lengths.data(), formats.data(), 0),
               q.name);
}

PgResult PgConnection::ExecSimple(const Sql& q) { return Check(PQexec(conn_, q.sql), q.name); }

void PgConnection::RollbackQuietly() {
  if (!ok() || !in_transaction()) return;
  PGresult* r = PQexec(conn_, "ROLLBACK");
  if (r) PQclear(r);
}

bool PgConnection::Alive() {
  if (!ok()) return false;
  // Idle, a connection has nothing to read: input is the server's goodbye
  // (a FATAL "terminating connection"), or its hang-up.
  pollfd p{PQsocket(conn_), POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

bool PgConnection::in_transaction() const {
  if (!conn_) return false;
  auto st = PQtransactionStatus(conn_);
  return st == PQTRANS_INTRANS || st == PQTRANS_INERROR;
}

bool PgConnection::in_failed_transaction() const {
  return conn_ && PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

namespace {
// The fixed BEGIN texts, one per option set (no text is ever spliced).
const Sql& BeginFor(const TxOptions& o) {
  static constexpr Sql kBegin{"begin", "BEGIN"};
  static constexpr Sql kBeginSnapshot{"begin_snapshot",
                                      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"};
  static constexpr Sql kBeginRepeatable{"begin_repeatable",
                                        "BEGIN ISOLATION LEVEL REPEATABLE READ"};
  static constexpr Sql kBeginSerializable{"begin_serializable",
                                          "BEGIN ISOLATION LEVEL SERIALIZABLE"};
  static constexpr Sql kBeginSerializableRo{"begin_serializable_ro",
                                            "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY"};
  static constexpr Sql kBeginSerializableRoDeferrable{
      "begin_serializable_ro_deferrable",
      "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE"};
  static constexpr Sql kBeginReadOnly{"begin_read_only", "BEGIN READ ONLY"};
  switch (o.isolation) {
    case Isolation::kReadCommitted:
      return o.read_only ? kBeginReadOnly : kBegin;
    case Isolation::kRepeatableRead:
      return o.read_only ? kBeginSnapshot : kBeginRepeatable;
    case Isolation::kSerializable:
      if (!o.read_only) return kBeginSerializable;
      return o.deferrable ? kBeginSerializableRoDeferrable : kBeginSerializableRo;
  }
  return kBegin;
}
constexpr Sql kCommit{"commit", "COMMIT"};

constexpr Sql kSavepoint{"savepoint", "SAVEPOINT hall_nested"};
constexpr Sql kReleaseSavepoint{"release_savepoint", "RELEASE SAVEPOINT hall_nested"};
}  // namespace

Transaction::Transaction(PgConnection& c, TxOptions options) : c_(c), nested_(c.in_transaction()) {
  if (!nested_) {
    c_.ExecSimple(BeginFor(options));
    return;
  }
  if (options.isolation != Isolation::kReadCommitted || options.read_only) {
    throw PgError("a transaction with its own isolation cannot be nested in another", "", false);
  }
  c_.ExecSimple(kSavepoint);
}

Transaction::~Transaction() {
  if (done_) return;
  if (!nested_) {
    c_.RollbackQuietly();
    return;
  }
  // Undo this part only; the enclosing transaction decides the rest. (Same-
  // named savepoints stack: these act on the innermost, this one.)
  if (!c_.ok() || !c_.in_transaction()) return;
  for (const char* q : {"ROLLBACK TO SAVEPOINT hall_nested", "RELEASE SAVEPOINT hall_nested"}) {
    PGresult* r = PQexec(c_.raw(), q);
    if (r) PQclear(r);
  }
}

void Transaction::Commit() {
  // PostgreSQL answers COMMIT of a transaction that a failed statement
  // aborted with a rollback and no error: a caller that caught that
  // statement's error and carried on would take it for saved. (RELEASE of
  // a savepoint in that state fails by itself.)
  if (!nested_ && c_.in_failed_transaction()) {
    throw PgError("a statement of this transaction failed; nothing was saved", "25P02", false);
  }
  done_ = true;
  c_.ExecSimple(nested_ ? kReleaseSavepoint : kCommit);
}

PgPipeline::PgPipeline(PgConnection& c) : c_(c) {
  entered_ = c_.ok() && PQenterPipelineMode(c_.raw()) == 1;
}

PgPipeline::~PgPipeline() {
  if (!entered_) return;
  if (PQexitPipelineMode(c_.raw()) != 1) {
    // Results were left unread (an early return): drain what is there.
    Finish();
    if (PQexitPipelineMode(c_.raw()) != 1) {
      PQfinish(c_.conn_);  // cannot leave pipeline mode: start clean
      c_.conn_ = nullptr;
      c_.prepared_.clear();
    }
  }
}

bool PgPipeline::Send(const Sql& q, const std::vector<PgParam>& params) {
  if (!entered_) return false;
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  std::vector<int> formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].set ? params[i].value.data() : nullptr;
    lengths[i] = static_cast<int>(params[i].value.size());
    formats[i] = params[i].binary ? 1 : 0;
  }
  return PQsendQueryPrepared(c_.raw(), q.name, static_cast<int>(params.size()), values.data(),
                             lengths.data(), formats.data(), 0) == 1;
}

bool PgPipeline::Sync() { return entered_ && PQpipelineSync(c_.raw()) == 1; }

bool PgPipeline::Next(Outcome* out) {
  *out = Outcome{};
  PGresult* r = PQgetResult(c_.raw());
  if (r == nullptr) return false;
  ExecStatusType st = PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    out->ok = true;
    out->rows = PQntuples(r);
    if (out->rows > 0 && PQnfields(r) > 0)
      out->first.assign(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
  } else if (st == PGRES_PIPELINE_ABORTED) {
    out->error = "aborted: an earlier statement of the pipeline failed";
  } else {
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    out->error = m ? m : PQresultErrorMessage(r);
  }
  PQclear(r);
  PGresult* end = PQgetResult(c_.raw());  // each statement's results end with NULL
  if (end) PQclear(end);
  return true;
}

bool PgPipeline::Finish() {
  // Bounded: a broken connection returns NULL for ever.
  for (int guard = 0; guard < 100000; ++guard) {
    PGresult* r = PQgetResult(c_.raw());
    if (r == nullptr) {
      if (PQstatus(c_.raw()) != CONNECTION_OK) return false;
      continue;
    }
    bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    PQclear(r);
    if (sync) return true;
  }
  return false;
}

std::string MicrosToPgText(int64_t micros) {
  // "epoch + N microseconds" is unambiguous whatever the session time zone.
  time_t secs = static_cast<time_t>(micros / 1000000);
  int64_t frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%06lld+00", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(frac));
  return buf;
}

std::string ToPgIntArray(const std::vector<int64_t>& values) {
  std::string s = "{";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + std::to_string(values[i]);
  return s + "}";
}

std::string ToPgArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::vector<std::string> FromPgArray(std::string_view s) {
  std::vector<std::string> out;
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return out;
  s = s.substr(1, s.size() - 2);
  size_t i = 0;
  while (i < s.size()) {
    std::string cur;
    if (s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        cur += s[i++];
      }
      ++i;  // closing quote
    } else {
      while (i < s.size() && s[i] != ',') cur += s[i++];
      if (cur == "NULL") cur.clear();
    }
    out.push_back(std::move(cur));
    if (i < s.size() && s[i] == ',') ++i;
  }
  return out;
}

}  // namespace hall::store
