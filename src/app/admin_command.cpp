#include "app/admin_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/database_lock.hpp"
#include "app/database_url.hpp"
#include "app/file_permissions.hpp"
#include "engine/admin_reset.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::app {
namespace {

// Who ran the reset, for the record: the system user and the host.
std::string OperatorName() {
  std::string user = "uid " + std::to_string(::getuid());
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) user = pw->pw_name;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) return user;
  return user + "@" + host;
}

int Fail(bool json, int code, const std::string& message) {
  if (json)
    std::cout << boost::json::serialize(boost::json::object{{"ok", false}, {"error", message}})
              << "\n";
  std::cerr << "warroom: " << message << "\n";
  return code;
}

}  // namespace

int AdminReset(const AdminResetArgs& a) {
  auto url = ParseDatabaseUrl(a.database);
  if (!url.ok()) return Fail(a.json, 2, "--database: " + url.error().message);
  std::unique_ptr<store::Store> store;
  std::optional<DatabaseLock> lock;
  RestrictNewFiles();
  if (url->kind == DatabaseUrl::Kind::kSqlite) {
    // Never a new, empty database: a mistyped path must not look like a reset.
    if (!std::filesystem::exists(url->target))
      return Fail(a.json, 3,
                  "no database at " + url->target +
                      " (name the server's --database, e.g. "
                      "sqlite:var/warroom.db)");
    auto held = DatabaseLock::Take(url->target);
    if (!held.ok()) return Fail(a.json, 4, held.error().message);
    lock.emplace(std::move(*held));
    auto s = store::sqlite::SqliteStore::Open(url->target);
    if (!s.ok()) return Fail(a.json, 6, s.error().message);
    store = std::move(*s);
  } else {
    // Instances on PostgreSQL read users and tokens on every request: a
    // reset while they run takes effect at their next request.
    auto s = store::postgres::PgStore::Open(url->target);
    if (!s.ok()) return Fail(a.json, 6, s.error().message);
    store = std::move(*s);
  }
  engine::AdminResetRequest req{a.handle, OperatorName(), a.reason, a.revoke};
  SystemClock clock;
  auto done = engine::ResetAdmin(*store, clock, req);
  store->Close();
  if (!done.ok()) {
    bool bad = done.error().code == ErrorCode::kInvalidArgument;
    return Fail(a.json, bad ? 2 : 1, done.error().message);
  }
  std::string link = a.url + "/sign-in#link=" + done->link_secret;
  if (a.json) {
    std::cout << boost::json::serialize(
                     boost::json::object{{"ok", true},
                                         {"handle", done->handle},
                                         {"token", done->token},
                                         {"token_id", done->token_id},
                                         {"sign_in_link", link},
                                         {"link_expires_at", FormatTime(done->link_expires_at)},
                                         {"created", done->created},
                                         {"promoted", done->promoted},
                                         {"enabled", done->enabled},
                                         {"tokens_revoked", done->tokens_revoked},
                                         {"sessions_revoked", done->sessions_revoked},
                                         {"global_seq", done->global_seq}})
              << "\n";
    return 0;
  }
  std::cout << (done->created ? "Created admin '" : "Reset admin '") << done->handle << "'";
  std::string what;
  if (done->promoted) what += ", made an admin";
  if (done->enabled) what += ", enabled";
  if (a.revoke && !done->created)
    what += ", " + std::to_string(done->tokens_revoked) + " token(s) and " +
            std::to_string(done->sessions_revoked) + " session(s) revoked";
  std::cout << what << ". Recorded on the administration chain (event " << done->global_seq
            << ").\nTheir new API token, shown only now:\nexport WARROOM_TOKEN=" << done->token
            << "\nSign in from a browser with this one-time link (good once, until "
            << FormatTime(done->link_expires_at) << "):\n"
            << link << "\n";
  return 0;
}

}  // namespace warroom::app
