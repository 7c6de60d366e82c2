#include "store/pg.h"

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
  if (sqlstate_ == "23503") return Error::FailedPrecondition(what());
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
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
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

namespace {
struct ParamArrays {
  explicit ParamArrays(const std::vector<PgParam>& params)
      : values(params.size()), lengths(params.size()), formats(params.size()) {
    for (size_t i = 0; i < params.size(); ++i) {
      values[i] = params[i].set ? params[i].value.data() : nullptr;
      lengths[i] = static_cast<int>(params[i].value.size());
      formats[i] = params[i].binary ? 1 : 0;
    }
  }
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};
}  // namespace

bool PgConnection::SendPrepared(const Sql& q, const std::vector<PgParam>& params) {
  ParamArrays a(params);
  return PQsendQueryPrepared(conn_, q.name, static_cast<int>(params.size()), a.values.data(),
                             a.lengths.data(), a.formats.data(), 0) == 1;
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

PgResult PgConnection::ExecSimple(const char* name, const char* sql) {
  return Check(PQexec(conn_, sql), name);
}

PgTransaction::PgTransaction(PgConnection& c) : c_(c) { c_.ExecSimple("begin", "BEGIN"); }

PgTransaction::~PgTransaction() {
  if (!done_ && c_.ok()) {
    PGresult* r = PQexec(c_.raw(), "ROLLBACK");
    if (r) PQclear(r);
  }
}

void PgTransaction::Commit() {
  done_ = true;
  c_.ExecSimple("commit", "COMMIT");
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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

}  // namespace hall::store
