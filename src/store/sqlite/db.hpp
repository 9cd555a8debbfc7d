#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"

namespace warroom::store::sqlite {

class Connection;

// A result code that means the database cannot be written, whatever the
// request: the disk (or quota) is full, the file system or the file is
// read-only, an I/O error, or a journal file that cannot be opened. Such a
// failure is kUnavailable (503, retry later), never an internal error.
bool IsStorageFailure(int rc);
// What the failure is, for people: "the disk holding the database is full".
std::string StorageFailureWhat(int rc);

// A prepared statement. Built from a Connection it is borrowed from the
// connection's cache (prepared once, reset after use); built from a raw
// handle it is prepared and finalized here.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  Stmt(Connection& c, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Stmt& Bind(int i, std::int64_t v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindBlob(int i, const void* data, std::size_t n);
  Stmt& BindNull(int i);
  // Steps once: true with a row, false when done. Errors land in error().
  bool Step();
  bool Failed() const { return rc_ != SQLITE_OK && rc_ != SQLITE_ROW && rc_ != SQLITE_DONE; }
  int rc() const { return rc_; }
  Error error() const;
  // Runs to completion; the error when a step failed.
  Outcome Exec();

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int Type(int col) const { return sqlite3_column_type(stmt_, col); }

 private:
  sqlite3* db_;
  Connection* conn_ = nullptr;  // told of storage failures (null for a raw handle)
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
  bool borrowed_ = false;
};

// One connection.
class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);
  ~Connection();
  sqlite3* get() const { return db_; }
  Outcome Exec(std::string_view sql);
  // Runs one statement through the cache (transaction control in hot loops).
  Outcome ExecCached(std::string_view sql);
  // The cached prepared statement for `sql` (nullptr when it does not compile).
  sqlite3_stmt* Cached(std::string_view sql);

  // The result code of the last storage failure (IsStorageFailure) a
  // statement of this connection met since the last call, or SQLITE_OK; the
  // writer asks after each batch, so a failure a write swallowed still counts.
  int TakeStorageFailure();
  void NoteStorageFailure(int rc) { storage_failure_ = rc; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  int storage_failure_ = SQLITE_OK;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Applies the embedded migrations (sql/NNNN_name.sql) not yet applied.
Outcome Migrate(Connection& c);

// The first row of `q` as `read` reads it, or nullopt when there is none.
template <typename Read>
auto OneRow(Stmt& q, Read read) -> Result<std::optional<decltype(read(q))>> {
  using T = decltype(read(q));
  if (q.Step()) return std::optional<T>(read(q));
  if (q.Failed()) return q.error();
  return std::optional<T>();
}

// Every row of `q` as `read` reads it.
template <typename Read>
auto AllRows(Stmt& q, Read read) -> Result<std::vector<decltype(read(q))>> {
  std::vector<decltype(read(q))> out;
  while (q.Step()) out.push_back(read(q));
  if (q.Failed()) return q.error();
  return out;
}

}  // namespace warroom::store::sqlite
