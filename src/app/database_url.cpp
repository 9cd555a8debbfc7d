#include "app/database_url.hpp"

namespace warroom::app {

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) == 0 && url.size() > kSqlite.size())
    return DatabaseUrl{DatabaseUrl::Kind::kSqlite, url.substr(kSqlite.size())};
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0)
    return DatabaseUrl{DatabaseUrl::Kind::kPostgres, url};
  return Error::InvalidArgument("database '" + url +
                                "' must look like sqlite:var/warroom.db or "
                                "postgres://warroom@db.example:5432/warroom");
}

std::string DefaultSigningKey(const DatabaseUrl& url) {
  return url.kind == DatabaseUrl::Kind::kSqlite ? url.target + ".signing-key"
                                                : "var/warroom.signing-key";
}

Result<std::string> SqlitePath(const std::string& url) {
  WARROOM_ASSIGN_OR_RETURN(DatabaseUrl d, ParseDatabaseUrl(url));
  if (d.kind != DatabaseUrl::Kind::kSqlite)
    return Error::InvalidArgument("this command reads a SQLite file: use --database sqlite:PATH");
  return d.target;
}

}  // namespace warroom::app
