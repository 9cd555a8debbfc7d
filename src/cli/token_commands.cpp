#include "cli/token_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// `--user`, else the handle of the token's own user (GET /api/v1/me).
Result<std::string> HandleOr(const ClientOptions& o, const std::string& user) {
  if (!user.empty()) return user;
  auto me = MakeClient(o).Call("GET", "/api/v1/me");
  if (!me.ok()) return me.error();
  if (!me->is_object()) return Error::Internal("GET /api/v1/me did not answer an object");
  return Text(me->as_object().if_contains("handle"));
}

std::string TokenTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& t = v.as_object();
    auto f = [&](const char* k) { return Text(t.if_contains(k)); };
    rows.push_back({f("id"), f("handle"), f("scope"), f("state"), f("created_at"), f("expires_at"),
                    f("last_used_at"), f("label")});
  }
  if (rows.empty()) return "No tokens.\n";
  return Table({"ID", "USER", "SCOPE", "STATE", "CREATED", "EXPIRES", "LAST USED", "LABEL"}, rows);
}

std::string Issued(const json::object& r) {
  return "# token " + Text(r.if_contains("id")) + " of " + Text(r.if_contains("handle")) +
         ": scope " + Text(r.if_contains("scope")) + ", expires " +
         Text(r.if_contains("expires_at")) +
         "; shown once\nexport WARROOM_TOKEN=" + Text(r.if_contains("token")) + "\n";
}

void AddList(CLI::App* t, const Registrar& k) {
  auto* list = t->add_subcommand("list", "List your tokens, a user's (admin) or everyone's");
  auto user = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  auto* u = list->add_option("--user", *user, "This user's tokens (yourself, or anyone as admin)");
  list->add_flag("--all", *all, "Every user's tokens (admin)")->excludes(u);
  k.Runs(list, [opts = k.opts, user, all] {
    if (*all) return Print(*opts, "GET", "/api/v1/tokens", nullptr, TokenTable);
    auto handle = HandleOr(*opts, *user);
    if (!handle.ok()) return Fail(handle.error());
    return Print(*opts, "GET", "/api/v1/users/" + *handle + "/tokens", nullptr, TokenTable);
  });
}

void AddCreate(CLI::App* t, const Registrar& k) {
  auto* create = t->add_subcommand(
      "create", "Issue a new API token and print it once (yours, or anyone's as admin)");
  auto user = std::make_shared<std::string>();
  auto body = std::make_shared<json::object>();
  create->add_option("--user", *user, "Whose token (default: yours)");
  AddTokenFlags(create, body);
  k.Runs(create, [opts = k.opts, user, body] {
    auto handle = HandleOr(*opts, *user);
    if (!handle.ok()) return Fail(handle.error());
    return Print(*opts, "POST", "/api/v1/users/" + *handle + "/tokens", body.get(), Issued);
  });
}

void AddRevoke(CLI::App* t, const Registrar& k) {
  auto* revoke =
      t->add_subcommand("revoke",
                        "Revoke a token by its id (yours, or anyone's as admin): refused from the "
                        "next request on");
  auto id = std::make_shared<std::string>();
  revoke->add_option("id", *id, "The token's id (warroom token list)")->required();
  k.Runs(revoke, [opts = k.opts, id] {
    return Print(*opts, "DELETE", "/api/v1/tokens/" + *id, nullptr, [](const json::object& r) {
      return "Revoked token " + Text(r.if_contains("id")) + " of " + Text(r.if_contains("handle")) +
             " (" + Text(r.if_contains("label")) + ")\n";
    });
  });
}

}  // namespace

void AddTokenFlags(CLI::App* c, const Body& body) {
  BodyString(c, body, "--label", "label", "What the token is for (at most 200 bytes)");
  BodyString(c, body, "--scope", "scope",
             "read, respond or admin: at most the user's permission (default: the most the user "
             "and your token hold)");
  auto* in =
      BodyString(c, body, "--expires-in", "expires_in", "Expires after this long (30d, 12h, 2w)");
  auto* at = BodyString(c, body, "--expires-at", "expires_at", "Expires at this time (RFC 3339)");
  in->excludes(at);
}

void AddTokenCommands(CLI::App& app, const Registrar& k) {
  auto* t =
      app.add_subcommand("token", "API tokens: list, create and revoke (never shows secrets)");
  t->require_subcommand(1);
  AddList(t, k);
  AddCreate(t, k);
  AddRevoke(t, k);
  auto* whoami = app.add_subcommand("whoami", "Show who the token belongs to");
  k.Runs(whoami, [opts = k.opts] {
    return Print(*opts, "GET", "/api/v1/me", nullptr, [](const json::object& r) {
      return Text(r.if_contains("handle")) + " (" + Text(r.if_contains("permission")) + ")\n";
    });
  });
}

}  // namespace warroom::cli
