#include "store/sqlite/db.hpp"

#include <memory>

namespace warroom::store::sqlite {

bool IsStorageFailure(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return true;
    default:
      return false;
  }
}

std::string StorageFailureWhat(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "the disk holding the database is full";
    case SQLITE_READONLY:
      return "the database is read-only (a read-only file system, or the file's permissions)";
    case SQLITE_IOERR:
      return std::string("an I/O error writing the database (") + sqlite3_errstr(rc) + ")";
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return "the database's files cannot be opened for writing (permissions, or a missing "
             "folder)";
    default:
      return sqlite3_errstr(rc);
  }
}

namespace {

// A storage failure as an answer: retry later (503 with Retry-After). The
// path stays in the server's log, not in answers to clients.
Error StorageError(int rc) {
  return Error::Unavailable("database write failed: " + StorageFailureWhat(rc) +
                            "; writes are refused until one succeeds: retry later");
}

}  // namespace

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
}

Stmt::Stmt(Connection& c, std::string_view sql) : db_(c.get()), conn_(&c), borrowed_(true) {
  stmt_ = c.Cached(sql);
  if (!stmt_) rc_ = sqlite3_errcode(db_);
}

Stmt::~Stmt() {
  if (!borrowed_) {
    sqlite3_finalize(stmt_);
  } else if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Stmt& Stmt::Bind(int i, std::int64_t v) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  if (stmt_) sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int i, const void* data, std::size_t n) {
  if (stmt_) sqlite3_bind_blob(stmt_, i, data, static_cast<int>(n), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  if (stmt_) sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_) return false;
  rc_ = sqlite3_step(stmt_);
  return rc_ == SQLITE_ROW;
}

Error Stmt::error() const {
  std::string msg = std::string("database: ") + sqlite3_errmsg(db_);
  int primary = rc_ & 0xff;
  if (IsStorageFailure(rc_)) {
    if (conn_) conn_->NoteStorageFailure(rc_);
    return StorageError(rc_);
  }
  if (primary == SQLITE_CONSTRAINT) return Error::Conflict(msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::Unavailable(msg);
  return Error::Internal(msg);
}

Outcome Stmt::Exec() {
  if (!stmt_) return error();
  while (Step()) {
  }
  if (Failed()) return error();
  return Success();
}

std::string Stmt::Text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), n) : std::string();
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only) {
  // Before SQLite's first use in the process: no memory statistics (warroom
  // reads none), which otherwise take a global mutex on every allocation
  // (about 4% of a single event's instructions, measured under callgrind).
  static const bool configured = [] {
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error::Unavailable("cannot open database '" + path + "': " + msg +
                              " (check the path and its folder's permissions)");
  }
  auto c = std::unique_ptr<Connection>(new Connection(db));
  sqlite3_busy_timeout(db, 5000);
  // WAL lets readers proceed during writes; FULL makes each commit durable
  // before it is acknowledged.
  if (!read_only) {
    WARROOM_RETURN_IF_ERROR(c->Exec("PRAGMA journal_mode=WAL"));
  }
  WARROOM_RETURN_IF_ERROR(c->Exec("PRAGMA synchronous=FULL"));
  WARROOM_RETURN_IF_ERROR(c->Exec("PRAGMA foreign_keys=ON"));
  return c;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Outcome Connection::ExecCached(std::string_view sql) {
  Stmt q(*this, sql);
  return q.Exec();
}

sqlite3_stmt* Connection::Cached(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK)
    return nullptr;
  cache_.emplace(std::string(sql), stmt);
  return stmt;
}

Outcome Connection::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    int code = sqlite3_extended_errcode(db_);
    if (IsStorageFailure(code)) {
      NoteStorageFailure(code);
      return StorageError(code);
    }
    return Error::Internal("database: " + msg);
  }
  return Success();
}

int Connection::TakeStorageFailure() {
  int rc = storage_failure_;
  storage_failure_ = SQLITE_OK;
  return rc;
}

}  // namespace warroom::store::sqlite
