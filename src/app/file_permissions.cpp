#include "app/file_permissions.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace warroom::app {

namespace {

std::string Octal(mode_t m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(m & 07777));
  return buf;
}

// Another user could change what `path` holds: the answer says how to fix it.
Outcome CheckOwner(const std::string& path, const struct stat& st, const char* what) {
  uid_t me = geteuid();
  // root's files are fine (root can change anything anyway): an operator may
  // provision the key as root, readable by the server's group.
  if (st.st_uid != me && st.st_uid != 0)
    return Error::FailedPrecondition(
        std::string(what) + " " + path + " belongs to uid " + std::to_string(st.st_uid) +
        ", not to the server's uid " + std::to_string(me) +
        ": another user could have changed it; check it (warroom verify), then `chown " +
        std::to_string(me) + " " + path + "`, or run the server as its owner");
  return Success();
}

}  // namespace

void RestrictNewFiles() { umask(077); }

Result<std::vector<std::string>> SecureDatabaseFiles(const std::string& database,
                                                     const std::string& signing_key) {
  std::vector<std::string> changed;
  // The key alone (PostgreSQL: the database is the server's): its folder.
  const std::string thing = database == signing_key ? "signing key" : "database";
  std::filesystem::path parent = std::filesystem::path(database).parent_path();
  std::string folder = parent.empty() ? std::string(".") : parent.string();
  struct stat st {};
  if (stat(folder.c_str(), &st) == 0) {
    bool others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    bool sticky = (st.st_mode & S_ISVTX) != 0;
    // root's folders are fine: root can change anything anyway.
    if (st.st_uid != geteuid() && st.st_uid != 0)
      return Error::FailedPrecondition("the " + thing + "'s folder " + folder + " belongs to uid " +
                                       std::to_string(st.st_uid) + ", not to the server's uid " +
                                       std::to_string(geteuid()) +
                                       ": its owner could replace the " + thing + "; put the " +
                                       thing + " in a folder of the server's user");
    if (others_write && !sticky)
      return Error::FailedPrecondition(
          "the " + thing + "'s folder " + folder + " is writable by other users (mode " +
          Octal(st.st_mode) + "): they could replace the " + thing + "; `chmod go-w " + folder +
          "`, or put the " + thing + " in a folder of the server's user");
  }
  for (const std::string& path :
       {database, database + "-wal", database + "-shm", database + "-journal", signing_key}) {
    if (stat(path.c_str(), &st) != 0) continue;  // created later, under RestrictNewFiles
    const char* what = path == signing_key ? "the signing key" : "the database file";
    WARROOM_RETURN_IF_ERROR(CheckOwner(path, st, what));
    if (st.st_mode & (S_IWGRP | S_IWOTH))
      return Error::FailedPrecondition(
          std::string(what) + " " + path + " is writable by other users (mode " +
          Octal(st.st_mode) +
          "): another user could have changed it; check it (warroom verify), then `chmod 600 " +
          path + "`");
    if (st.st_uid == geteuid() && (st.st_mode & (S_IRWXG | S_IRWXO))) {
      mode_t tight = st.st_mode & S_IRWXU;
      if (chmod(path.c_str(), tight) != 0)
        return Error::FailedPrecondition("cannot make " + path +
                                         " readable by its owner only (chmod 600 it)");
      changed.push_back(path + ": mode " + Octal(st.st_mode) + " -> " + Octal(tight) +
                        " (it holds restricted incidents and contact details)");
    }
  }
  return changed;
}

}  // namespace warroom::app
