#pragma once

// A thin layer over libpq for the PostgreSQL adapter: statement parameters,
// result rows read by column, one connection with its prepared statements,
// and SQLSTATEs mapped to the project's error codes.
#include <libpq-fe.h>

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::store::postgres {

// The parameters of one statement, numbered $1, $2, ... in the order they
// are added: each Add returns its placeholder, so SQL with optional clauses
// is built in the same pass that binds it. Numbers and text travel as text
// (the server infers each type from where the placeholder stands); byte
// strings travel as binary (bytea), byte for byte.
class Params {
 public:
  std::string Int(std::int64_t v);
  std::string Bool(bool v);
  std::string Text(std::string_view v);
  std::string Bytes(const void* data, std::size_t n);
  template <std::size_t N>
  std::string Bytes(const std::array<unsigned char, N>& a) {
    return Bytes(a.data(), a.size());
  }
  std::string Time(TimePoint t) { return Int(ToMicros(t)); }
  // NULL when absent.
  std::string Time(const std::optional<TimePoint>& t);
  std::string Null();

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for libpq, valid while this object is unchanged.
  std::vector<const char*> Values() const;
  const int* Lengths() const { return lengths_.data(); }
  const int* Formats() const { return formats_.data(); }

 private:
  std::string Next(std::string value, bool null, int format);
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// The rows a statement answered, in binary format: integers are read
// whatever their width (smallint, integer, bigint, boolean), text and bytea
// as their bytes.
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : r_(r, &PQclear) {}

  int size() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::int64_t Int(int row, int col) const;
  std::string Text(int row, int col) const { return std::string(View(row, col)); }
  std::string_view View(int row, int col) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t Affected() const;

 private:
  std::shared_ptr<PGresult> r_;
};

// One row of Rows, for the readers of each table.
class Row {
 public:
  Row(const Rows& rows, int i) : rows_(&rows), i_(i) {}
  bool IsNull(int col) const { return rows_->IsNull(i_, col); }
  std::int64_t Int(int col) const { return rows_->Int(i_, col); }
  bool Bool(int col) const { return Int(col) != 0; }
  std::string Text(int col) const { return rows_->Text(i_, col); }
  TimePoint Time(int col) const { return FromMicros(Int(col)); }
  // nullopt for NULL.
  std::optional<TimePoint> OptTime(int col) const;
  // A bytea column into a fixed-size array (zero-padded, truncated).
  template <std::size_t N>
  void Bytes(int col, std::array<unsigned char, N>& out) const {
    out.fill(0);
    auto v = rows_->View(i_, col);
    for (std::size_t k = 0; k < v.size() && k < N; ++k) out[k] = static_cast<unsigned char>(v[k]);
  }

 private:
  const Rows* rows_;
  int i_;
};

// What a failed statement means for its caller: a unique or foreign-key
// violation is kConflict; a lost connection, a server shutting down, a
// read-only server (a standby), a full disk, a cancelled statement or a
// serialization failure is kUnavailable (retry, 503); anything else is
// kInternal. The text names the server's message.
Error ErrorOf(const PGresult* r, const PGconn* c);
// True for SQLSTATEs after which the connection is unusable or the server
// is not the primary (class 08, 57P01-57P03, 25006).
bool IsConnectionLoss(std::string_view sqlstate);

class Connection {
 public:
  // Opens a connection from a libpq connection string or URI (never logged:
  // it may hold a password).
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement, prepared once per connection by its text (up to a
  // bound of distinct texts; beyond it, unprepared).
  Result<Rows> Query(const std::string& sql, const Params& p = {});
  // A statement whose rows nobody reads. In pipeline mode it is sent and
  // Exec returns at once: a failure is answered by the next Query, Script
  // or Collect.
  Outcome Exec(const std::string& sql, const Params& p = {});
  // Runs statements without parameters, separated by "; ", in one round
  // trip (transaction control, migrations). In pipeline mode it answers
  // the first failure among everything unread, as Collect does.
  Outcome Script(const std::string& sql);

  // Pipeline mode, for the writer's connection (libpq's pipeline mode):
  // the writes of a group commit send their statements without waiting for
  // each answer, so a write costs a round trip per statement whose rows it
  // reads, not one per statement (PgStore::TryBatch finds a refused one by
  // its tag). Entered after the migrations (which run statements libpq's
  // pipeline refuses).
  Outcome EnterPipeline();
  // Sends statements as Script does, without waiting for their answers.
  Outcome Defer(const std::string& sql);
  // Reads every answer not yet read: the first failure among them since
  // the last Collect (then forgotten), else success. No round trip when
  // nothing is unread.
  Outcome Collect();
  // As Collect, but the failure (and its tag) is kept for Collect to answer.
  Outcome ReadAll();
  // Pipeline mode: sends statements as Defer does and a sync point, without
  // waiting: their answers are read before the next sync's, and forgotten
  // (the readers' COMMIT, whose read has been answered). Clears a failure
  // not yet collected, as Collect does.
  Outcome Post(const std::string& sql);
  // Pipeline mode: statements sent from now on carry `tag` (the writer: the
  // index of the write that sends them), and a failure read since the last
  // Collect names the tag of the statement that failed: a later write's
  // read may be the first to see an earlier write's failure.
  void SetTag(int tag) { tag_ = tag; }
  std::optional<int> FailedTag() const { return failed_tag_; }
  // Pipeline mode: statements sent so far that may write (any but a
  // SELECT), for the writer to know whether a refused write left anything
  // to undo.
  std::uint64_t writes_sent() const { return writes_sent_; }
  // The connection can no longer be used (the server went away, or a
  // statement failed as IsConnectionLoss): the owner reopens it.
  bool Broken() const;
  PGconn* get() const { return conn_; }

 private:
  explicit Connection(PGconn* c) : conn_(c) {}
  Result<Rows> Check(PGresult* r);
  // Pipeline mode: sends (preparing first when needed) without waiting.
  Outcome Send(const std::string& sql, const Params& p, bool prepare);
  // Pipeline mode: a sync point, then every unread answer; the last one's
  // rows when `want_last` (the statement sent just before).
  Result<Rows> Sync(bool want_last);
  // Reads the answers of one sync point's statements (`preparing`: as
  // unread_), then the sync point. A failure is kept in failed_ with its tag
  // when `tags` is given, else forgotten (a posted group); a lost
  // connection is answered. `last`, when given, gets the last one's rows.
  Outcome ReadGroup(const std::deque<std::string>& preparing, const std::deque<int>* tags,
                    Rows* last);
  Outcome Lost(const std::string& what);

  PGconn* conn_;
  bool lost_ = false;
  bool pipelined_ = false;
  // Pipeline mode: the answers sent for and not read, in order: "" for a
  // statement, the text of a statement being prepared for a PREPARE.
  std::deque<std::string> unread_;
  std::deque<int> unread_tags_;  // the tag each was sent under
  // Posted and not read: the answers before each sync point, as unread_.
  std::deque<std::deque<std::string>> posted_;
  std::optional<Error> failed_;  // pipeline mode: the first failure since Collect
  int tag_ = -1;
  std::uint64_t writes_sent_ = 0;
  std::optional<int> failed_tag_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::size_t names_ = 0;                                  // statement names given
};

// Every row `sql` answers, as `read` reads it.
template <typename Read>
auto AllRows(Connection& c, const std::string& sql, const Params& p, Read read)
    -> Result<std::vector<decltype(read(std::declval<const Row&>()))>> {
  WARROOM_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  std::vector<decltype(read(std::declval<const Row&>()))> out;
  out.reserve(rows.size());
  for (int i = 0; i < rows.size(); ++i) out.push_back(read(Row(rows, i)));
  return out;
}

// The first row `sql` answers as `read` reads it, or nullopt when none.
template <typename Read>
auto OneRow(Connection& c, const std::string& sql, const Params& p, Read read)
    -> Result<std::optional<decltype(read(std::declval<const Row&>()))>> {
  using T = decltype(read(std::declval<const Row&>()));
  WARROOM_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  if (rows.empty()) return std::optional<T>();
  return std::optional<T>(read(Row(rows, 0)));
}

// Applies the embedded migrations (sql/NNNN_name.sql) not yet applied, under
// an advisory lock, so instances starting together apply each once.
Outcome Migrate(Connection& c);
// A digest of the embedded migrations' text (16 hex digits): the tests name
// their template database by it.
std::string SchemaFingerprint();

}  // namespace warroom::store::postgres
