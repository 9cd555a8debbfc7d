#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"

namespace warroom::app {

// The database holds restricted incidents and people's phone numbers, and
// its signing key vouches for the log: they are the server user's alone.
//
// Refuses (kFailedPrecondition, with the command that fixes it) a database,
// WAL, SHM or key file that another user (not root) owns or that group or
// others may write, and a database folder another user owns or group or
// others may write (unless sticky, like /tmp). Group and other read bits of
// the server user's own files are removed; each such change is returned,
// for the log. Call before the database is opened. With PostgreSQL (the
// database is the server's) pass the key's path as both: its folder and
// the key are checked, and the messages speak of the signing key.
Result<std::vector<std::string>> SecureDatabaseFiles(const std::string& database,
                                                     const std::string& signing_key);

// Files and folders the server creates from now on are 0600 and 0700.
void RestrictNewFiles();

}  // namespace warroom::app
