#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"

namespace warroom::app {

// The database holds restricted incidents and people's phone numbers, and
// its signing key vouches for the log: they are the server user's alone.
//
// Refuses (kFailedPrecondition, with the command that fixes it) a database,
// WAL, SHM or key file that another user owns or may write, and a folder
// holding them that another user owns or may write (unless sticky, like
// /tmp). Group and other read bits of warroom's own files are removed; each
// such change is returned, for the log. Call before the database is opened.
Result<std::vector<std::string>> SecureDatabaseFiles(const std::string& database,
                                                     const std::string& signing_key);

// Files and folders the server creates from now on are 0600 and 0700.
void RestrictNewFiles();

}  // namespace warroom::app
