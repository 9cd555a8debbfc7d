#include "app/database_url.hpp"

namespace warroom::app {

Result<std::string> SqlitePath(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) == 0 && url.size() > kSqlite.size()) return url.substr(kSqlite.size());
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0)
    return Error::InvalidArgument(
        "PostgreSQL is not supported by this build yet: use --database sqlite:PATH");
  return Error::InvalidArgument("database '" + url + "' must look like sqlite:var/warroom.db");
}

}  // namespace warroom::app
