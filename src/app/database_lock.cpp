#include "app/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace warroom::app {

Result<DatabaseLock> DatabaseLock::Take(const std::string& database_path) {
  std::string path = database_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    char held_by[32] = {};
    ssize_t n = ::pread(fd, held_by, sizeof held_by - 1, 0);
    ::close(fd);
    if (err != EWOULDBLOCK)
      return Error::Internal("cannot lock " + path + ": " + std::strerror(err));
    std::string pid = n > 0 ? std::string(held_by, static_cast<std::size_t>(n)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return Error::FailedPrecondition(
        "a warroom server is using " + database_path +
        (pid.empty() ? "" : " (process " + pid + ")") +
        ": stop it first (one server per SQLite database; several instances share a "
        "PostgreSQL database instead)");
  }
  // Who holds it, for the message above (best effort).
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace warroom::app
