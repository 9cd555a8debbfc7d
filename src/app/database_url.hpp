#pragma once

#include <string>

#include "base/result.hpp"

namespace warroom::app {

// Where the server keeps its data, from --database (or WARROOM_DATABASE):
//   sqlite:PATH                      the embedded default (a file, made if missing)
//   postgres://USER@HOST:PORT/DB?…   PostgreSQL (postgresql:// too): any libpq URI,
//                                    multi-host and target_session_attrs included
// A password belongs in a file (PGPASSFILE, ~/.pgpass) or PGPASSWORD, not in
// the URL: the URL may show in a process list.
struct DatabaseUrl {
  enum class Kind { kSqlite, kPostgres };
  Kind kind = Kind::kSqlite;
  std::string target;  // the SQLite path, or the libpq connection URI
};
Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url);

// The signing key's file without --signing-key: beside a SQLite file
// ("<db>.signing-key"); for PostgreSQL var/warroom.signing-key (every
// instance of one database needs the same key: docs/deployment.md).
std::string DefaultSigningKey(const DatabaseUrl& url);

// "sqlite:PATH" -> PATH, for the commands that read a SQLite file; a
// PostgreSQL URL is refused.
Result<std::string> SqlitePath(const std::string& url);

}  // namespace warroom::app
