#pragma once

#include <string>

#include "base/result.hpp"

namespace warroom::app {

// Who is using a SQLite database: `warroom serve` holds this lock on
// `<database>.lock` for as long as it runs, and the offline commands that
// write (`warroom admin reset`) take it too. A second server on the same
// file would number events and hold caches on its own, and an offline
// write under a running server would be hidden from its caches: both are
// refused. The kernel drops the lock when the process ends, however it
// ends (no stale lock after a crash). PostgreSQL needs none: its instances
// share through the database itself.
class DatabaseLock {
 public:
  // kFailedPrecondition, naming the process that holds it, when another has.
  static Result<DatabaseLock> Take(const std::string& database_path);
  DatabaseLock(DatabaseLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  DatabaseLock& operator=(DatabaseLock&&) = delete;
  DatabaseLock(const DatabaseLock&) = delete;
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace warroom::app
