#include "store/postgres/pg.hpp"

#include <cstring>

namespace warroom::store::postgres {
namespace {

// Type OIDs of pg_type (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

std::int64_t BigEndian(const char* p, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  // Sign-extend narrower integers.
  if (n < 8 && n > 0 && (static_cast<unsigned char>(p[0]) & 0x80)) v |= ~0ULL << (8 * n);
  return static_cast<std::int64_t>(v);
}

// Distinct statement texts a connection prepares; the dynamic lists
// (filters in any combination) stay far below it.
constexpr std::size_t kMaxPrepared = 512;

std::string Trimmed(const char* s) {
  std::string m = s ? s : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace

std::string Params::Next(std::string value, bool null, int format) {
  lengths_.push_back(static_cast<int>(value.size()));
  values_.push_back(std::move(value));
  null_.push_back(null);
  formats_.push_back(format);
  return "$" + std::to_string(values_.size());
}

std::string Params::Int(std::int64_t v) { return Next(std::to_string(v), false, 0); }
std::string Params::Bool(bool v) { return Next(v ? "t" : "f", false, 0); }
std::string Params::Text(std::string_view v) { return Next(std::string(v), false, 0); }
std::string Params::Bytes(const void* data, std::size_t n) {
  return Next(std::string(static_cast<const char*>(data), n), false, 1);
}
std::string Params::Time(const std::optional<TimePoint>& t) { return t ? Time(*t) : Null(); }
std::string Params::Null() { return Next("", true, 0); }

std::vector<const char*> Params::Values() const {
  std::vector<const char*> out(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) out[i] = null_[i] ? nullptr : values_[i].data();
  return out;
}

std::int64_t Rows::Int(int row, int col) const {
  if (IsNull(row, col)) return 0;
  const char* p = PQgetvalue(r_.get(), row, col);
  int n = PQgetlength(r_.get(), row, col);
  switch (PQftype(r_.get(), col)) {
    case kBoolOid:
      return n > 0 && p[0] != 0;
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
      return BigEndian(p, n);
    default:
      // A column of another type read as a number is a bug of this
      // adapter's SQL (cast it in the query): fail loudly in tests.
      return BigEndian(p, n > 8 ? 8 : n);
  }
}

std::string_view Rows::View(int row, int col) const {
  if (IsNull(row, col)) return {};
  return {PQgetvalue(r_.get(), row, col),
          static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
}

std::int64_t Rows::Affected() const {
  const char* n = r_ ? PQcmdTuples(r_.get()) : "";
  return *n ? std::stoll(n) : 0;
}

std::optional<TimePoint> Row::OptTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}

bool IsConnectionLoss(std::string_view sqlstate) {
  return sqlstate.substr(0, 2) == "08" || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03" || sqlstate == "25006";
}

Error ErrorOf(const PGresult* r, const PGconn* c) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string msg = Trimmed(r ? PQresultErrorMessage(r) : nullptr);
  if (msg.empty()) msg = Trimmed(c ? PQerrorMessage(c) : nullptr);
  if (msg.empty()) msg = "no answer from the server";
  if (sqlstate.empty() && c && PQstatus(c) != CONNECTION_OK)
    return Error::Unavailable("the database connection was lost (" + msg + "): retry shortly");
  if (IsConnectionLoss(sqlstate)) {
    if (sqlstate == "25006")
      return Error::Unavailable(
          "the database server is read-only (a standby, or a primary being failed over): retry "
          "shortly");
    return Error::Unavailable("the database is unavailable (" + msg + "): retry shortly");
  }
  std::string_view cls = std::string_view(sqlstate).substr(0, 2);
  if (cls == "23") return Error::Conflict("database: " + msg);
  // 53: insufficient resources (a full disk, too many connections); 40:
  // serialization failure or deadlock; 55P03: a lock not available; 57014:
  // a statement cancelled (statement_timeout).
  if (cls == "53" || cls == "40" || sqlstate == "55P03" || sqlstate == "57014")
    return Error::Unavailable("database: " + msg + ": retry shortly");
  return Error::Internal("database: " + msg + (sqlstate.empty() ? "" : " (" + sqlstate + ")"));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (!c) return Error::Unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = Trimmed(PQerrorMessage(c));
    PQfinish(c);
    return Error::Unavailable("cannot connect to PostgreSQL: " + msg +
                              " (check the --database URL, that the server runs, and its "
                              "pg_hba.conf)");
  }
  auto conn = std::unique_ptr<Connection>(new Connection(c));
  // Times are stored as integers, never the server's time zone; a session
  // that fails fast rather than queueing behind a stuck lock forever.
  WARROOM_RETURN_IF_ERROR(conn->Script(
      "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
      "SET idle_in_transaction_session_timeout = '60s'; SET client_min_messages = warning; "
      // Short statements all: compiling one costs more than it saves.
      "SET jit = off"));
  return conn;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::Broken() const { return lost_ || PQstatus(conn_) != CONNECTION_OK; }

Result<Rows> Connection::Check(PGresult* r) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Rows(r);
  Error e = ErrorOf(r, conn_);
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if ((state && IsConnectionLoss(state)) || PQstatus(conn_) != CONNECTION_OK) lost_ = true;
  PQclear(r);
  return e;
}

Result<Rows> Connection::Query(const std::string& sql, const Params& p) {
  if (lost_) return Error::Unavailable("the database connection was lost: retry shortly");
  if (pipelined_) {
    WARROOM_RETURN_IF_ERROR(Send(sql, p, true));
    return Sync(true);
  }
  auto values = p.Values();
  auto it = prepared_.find(sql);
  if (it == prepared_.end() && prepared_.size() < kMaxPrepared) {
    std::string name = "w" + std::to_string(names_++);
    PGresult* prep = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    WARROOM_RETURN_IF_ERROR(Check(prep));
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  PGresult* r = it != prepared_.end() ? PQexecPrepared(conn_, it->second.c_str(), p.size(),
                                                       values.data(), p.Lengths(), p.Formats(), 1)
                                      : PQexecParams(conn_, sql.c_str(), p.size(), nullptr,
                                                     values.data(), p.Lengths(), p.Formats(), 1);
  return Check(r);
}

Outcome Connection::Exec(const std::string& sql, const Params& p) {
  if (pipelined_) return Send(sql, p, true);
  WARROOM_ASSIGN_OR_RETURN(auto rows, Query(sql, p));
  (void)rows;
  return Success();
}

Outcome Connection::Script(const std::string& sql) {
  if (lost_) return Error::Unavailable("the database connection was lost: retry shortly");
  if (pipelined_) {
    // A point where the caller learns the outcome: a failure is answered
    // here, once, not again by the next statement.
    WARROOM_RETURN_IF_ERROR(Defer(sql));
    return Collect();
  }
  PGresult* r = PQexec(conn_, sql.c_str());
  WARROOM_ASSIGN_OR_RETURN(auto rows, Check(r));
  (void)rows;
  return Success();
}

Outcome Connection::EnterPipeline() {
  if (PQenterPipelineMode(conn_) != 1)
    return Error::Internal("cannot enter libpq's pipeline mode: " + Trimmed(PQerrorMessage(conn_)));
  pipelined_ = true;
  return Success();
}

Outcome Connection::Defer(const std::string& sql) {
  if (!pipelined_) return Script(sql);
  // libpq's pipeline takes one statement at a time. Unprepared: these are
  // transaction control (BEGIN, COMMIT, SET LOCAL, the lock), and preparing
  // them made the writer and the readers markedly slower (notes at one
  // client 820 -> 330 a second, at 64 about 5,000 -> 3,600).
  std::size_t from = 0;
  while (from < sql.size()) {
    std::size_t end = sql.find("; ", from);
    if (end == std::string::npos) end = sql.size();
    WARROOM_RETURN_IF_ERROR(Send(sql.substr(from, end - from), Params(), false));
    from = end + 2;
  }
  return Success();
}

Outcome Connection::ReadAll() {
  if (pipelined_ && !unread_.empty()) {
    auto synced = Sync(false);
    if (!synced.ok() && lost_) return synced.error();
  }
  if (failed_) return *failed_;
  return Success();
}

Outcome Connection::Collect() {
  Outcome read = ReadAll();
  if (!read.ok() && lost_) return read;
  std::optional<Error> failed = std::move(failed_);
  failed_.reset();
  failed_tag_.reset();
  if (failed) return *failed;
  return Success();
}

Outcome Connection::Post(const std::string& sql) {
  if (!pipelined_) return Script(sql);
  WARROOM_RETURN_IF_ERROR(Defer(sql));
  if (PQpipelineSync(conn_) != 1) return Lost("sending a sync");
  posted_.push_back(std::move(unread_));
  unread_.clear();
  unread_tags_.clear();
  failed_.reset();
  failed_tag_.reset();
  return Success();
}

Outcome Connection::ReadGroup(const std::deque<std::string>& preparing, const std::deque<int>* tags,
                              Rows* last) {
  const std::size_t n = preparing.size();
  for (std::size_t i = 0; i < n; ++i) {
    PGresult* r = PQgetResult(conn_);
    if (!r) return Lost("reading an answer");
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      if (last && i + 1 == n) {
        *last = Rows(r);
      } else {
        PQclear(r);
      }
    } else {
      // A PREPARE that failed, or was skipped after an earlier failure,
      // made no statement of that name.
      if (!preparing[i].empty()) prepared_.erase(preparing[i]);
      if (st == PGRES_PIPELINE_ABORTED) {
        PQclear(r);  // skipped: the earlier failure is the answer
      } else {
        Error e = Check(r).error();
        if (lost_) return e;
        if (tags && !failed_) {
          failed_ = e;
          failed_tag_ = (*tags)[i];
        }
      }
    }
    // Each statement's answers end with a null.
    if (PGresult* extra = PQgetResult(conn_)) {
      PQclear(extra);
      return Lost("an answer out of order");
    }
  }
  PGresult* s = PQgetResult(conn_);
  bool synced = s && PQresultStatus(s) == PGRES_PIPELINE_SYNC;
  if (s) PQclear(s);
  if (!synced) return Lost("reading a sync");
  return Success();
}

Outcome Connection::Lost(const std::string& what) {
  lost_ = true;
  std::string msg = Trimmed(PQerrorMessage(conn_));
  return Error::Unavailable("the database connection was lost (" + what +
                            (msg.empty() ? "" : ": " + msg) + "): retry shortly");
}

Outcome Connection::Send(const std::string& sql, const Params& p, bool prepare) {
  if (lost_) return Error::Unavailable("the database connection was lost: retry shortly");
  auto it = prepared_.find(sql);
  if (prepare && it == prepared_.end() && prepared_.size() < kMaxPrepared) {
    std::string name = "w" + std::to_string(names_++);
    if (PQsendPrepare(conn_, name.c_str(), sql.c_str(), 0, nullptr) != 1)
      return Lost("sending a statement");
    unread_.push_back(sql);
    unread_tags_.push_back(tag_);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  auto values = p.Values();
  int sent = prepare && it != prepared_.end()
                 ? PQsendQueryPrepared(conn_, it->second.c_str(), p.size(), values.data(),
                                       p.Lengths(), p.Formats(), 1)
                 : PQsendQueryParams(conn_, sql.c_str(), p.size(), nullptr, values.data(),
                                     p.Lengths(), p.Formats(), 1);
  if (sent != 1) return Lost("sending a statement");
  if (!sql.starts_with("SELECT ")) ++writes_sent_;
  unread_.push_back("");
  unread_tags_.push_back(tag_);
  return Success();
}

Result<Rows> Connection::Sync(bool want_last) {
  if (PQpipelineSync(conn_) != 1) return Lost("sending a sync").error();
  // What Post sent comes first; its failures are nobody's answer.
  while (!posted_.empty()) {
    WARROOM_RETURN_IF_ERROR(ReadGroup(posted_.front(), nullptr, nullptr));
    posted_.pop_front();
  }
  Rows last;
  Outcome read = ReadGroup(unread_, &unread_tags_, want_last ? &last : nullptr);
  if (!read.ok()) return read.error();
  unread_.clear();
  unread_tags_.clear();
  if (failed_) return *failed_;
  return last;
}

}  // namespace warroom::store::postgres
