// `warroom user` and `warroom token`: users, their permissions and their API
// tokens (docs/api.md, "Users and tokens").
#include "cli/user_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// Binds a string flag into the body under `key` when given.
CLI::Option* Str(CLI::App* c, std::shared_ptr<json::object> body, const char* flag, const char* key,
                 const char* help) {
  return c->add_option_function<std::string>(
      flag, [body, key](const std::string& v) { (*body)[key] = v; }, help);
}

// The flags of a new token, shared by `token create` and `user token`.
void AddTokenFlags(CLI::App* c, std::shared_ptr<json::object> body) {
  Str(c, body, "--label", "label", "What the token is for (at most 200 bytes)");
  Str(c, body, "--scope", "scope",
      "read, respond or admin: at most the user's permission (default: the most the user and "
      "your token hold)");
  auto* in = Str(c, body, "--expires-in", "expires_in", "Expires after this long (30d, 12h, 2w)");
  auto* at = Str(c, body, "--expires-at", "expires_at", "Expires at this time (RFC 3339)");
  in->excludes(at);
}

// `--user`, else the handle of the token's own user (GET /api/v1/me).
Result<std::string> HandleOr(const ClientOptions& o, const std::string& user) {
  if (!user.empty()) return user;
  auto me = MakeClient(o).Call("GET", "/api/v1/me");
  if (!me.ok()) return me.error();
  if (!me->is_object()) return Error::Internal("GET /api/v1/me did not answer an object");
  return Text(me->as_object().if_contains("handle"));
}

std::string UserLine(const json::object& u) {
  std::string s = Text(u.if_contains("handle")) + " (" + Text(u.if_contains("permission"));
  if (auto* d = u.if_contains("disabled"); d && d->is_bool() && d->as_bool()) s += ", disabled";
  return s + ")\n";
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

void AddUser(CLI::App& app, std::shared_ptr<ClientOptions> opts,
             std::shared_ptr<std::function<int()>> run) {
  auto& o = *opts;
  auto* u = app.add_subcommand("user", "Users, their permissions and API tokens");
  u->require_subcommand(1);
  {
    auto* create =
        u->add_subcommand("create", "Create a user and print their first API token (admin)");
    auto body = std::make_shared<json::object>();
    create
        ->add_option_function<std::string>(
            "handle", [body](const std::string& v) { (*body)["handle"] = v; }, "Handle")
        ->required();
    Str(create, body, "--name", "name", "Full name");
    Str(create, body, "--email", "email", "Email address");
    Str(create, body, "--chat-handle", "chat_handle", "Chat handle");
    Str(create, body, "--slack-member-id", "slack_member_id",
        "Slack member id, for direct messages (U0123ABCD)");
    Str(create, body, "--phone", "phone", "Phone number (E.164), for SMS");
    Str(create, body, "--permission", "permission", "viewer, responder (default) or admin");
    create->add_flag("--json", o.json, "Print JSON");
    create->callback([opts, run, body] {
      *run = [opts, body] {
        return Print(*opts, "POST", "/api/v1/users", body.get(), [](const json::object& r) {
          return "Created " + Text(r.if_contains("handle")) + " (" +
                 Text(r.if_contains("permission")) +
                 "). Their token, shown once:\nexport WARROOM_TOKEN=" +
                 Text(r.if_contains("token")) + "\n";
        });
      };
    });
  }
  {
    auto* list = u->add_subcommand(
        "list", "List users (contact details: admins see everyone's, others their own)");
    list->add_flag("--json", o.json, "Print JSON");
    list->callback([opts, run] {
      *run = [opts] {
        return Print(*opts, "GET", "/api/v1/users", nullptr, [](const json::object& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& v : r.at("items").as_array()) {
            const auto& u = v.as_object();
            auto* d = u.if_contains("disabled");
            rows.push_back({Text(u.if_contains("handle")), Text(u.if_contains("permission")),
                            d && d->is_bool() && d->as_bool() ? "disabled" : "active",
                            Text(u.if_contains("name")), Text(u.if_contains("email"))});
          }
          return Table({"HANDLE", "PERMISSION", "STATE", "NAME", "EMAIL"}, rows);
        });
      };
    });
  }
  {
    // Kept as it always was (scripts use it); `token create --user` is the same call.
    auto* token = u->add_subcommand(
        "token", "Issue a new API token for a user (yourself, or anyone as admin)");
    auto handle = std::make_shared<std::string>();
    auto body = std::make_shared<json::object>();
    token->add_option("handle", *handle, "Handle")->required();
    AddTokenFlags(token, body);
    token->add_flag("--json", o.json, "Print JSON");
    token->callback([opts, run, handle, body] {
      *run = [opts, handle, body] {
        return Print(*opts, "POST", "/api/v1/users/" + *handle + "/tokens", body.get(),
                     [](const json::object& r) {
                       return "export WARROOM_TOKEN=" + Text(r.if_contains("token")) + "\n";
                     });
      };
    });
  }
  for (bool disable : {true, false}) {
    auto* c = u->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Disable a user: none of their tokens is accepted from the next request (admin)"
                : "Enable a disabled user again: their unrevoked tokens work again (admin)");
    auto handle = std::make_shared<std::string>();
    c->add_option("handle", *handle, "Handle")->required();
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([opts, run, handle, disable] {
      *run = [opts, handle, disable] {
        return Print(*opts, "POST", "/api/v1/users/" + *handle + (disable ? "/disable" : "/enable"),
                     nullptr, UserLine);
      };
    });
  }
  {
    auto* c = u->add_subcommand("permission", "Change a user's permission (admin)");
    auto handle = std::make_shared<std::string>();
    auto body = std::make_shared<json::object>();
    c->add_option("handle", *handle, "Handle")->required();
    c->add_option_function<std::string>(
         "permission", [body](const std::string& v) { (*body)["permission"] = v; },
         "viewer, responder or admin")
        ->required();
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([opts, run, handle, body] {
      *run = [opts, handle, body] {
        return Print(*opts, "PATCH", "/api/v1/users/" + *handle, body.get(), UserLine);
      };
    });
  }
}

void AddToken(CLI::App& app, std::shared_ptr<ClientOptions> opts,
              std::shared_ptr<std::function<int()>> run) {
  auto& o = *opts;
  auto* t =
      app.add_subcommand("token", "API tokens: list, create and revoke (never shows secrets)");
  t->require_subcommand(1);
  {
    auto* list = t->add_subcommand("list", "List your tokens, a user's (admin) or everyone's");
    auto user = std::make_shared<std::string>();
    auto all = std::make_shared<bool>(false);
    auto* u =
        list->add_option("--user", *user, "This user's tokens (yourself, or anyone as admin)");
    list->add_flag("--all", *all, "Every user's tokens (admin)")->excludes(u);
    list->add_flag("--json", o.json, "Print JSON");
    list->callback([opts, run, user, all] {
      *run = [opts, user, all] {
        if (*all) return Print(*opts, "GET", "/api/v1/tokens", nullptr, TokenTable);
        auto handle = HandleOr(*opts, *user);
        if (!handle.ok()) return Fail(handle.error());
        return Print(*opts, "GET", "/api/v1/users/" + *handle + "/tokens", nullptr, TokenTable);
      };
    });
  }
  {
    auto* create = t->add_subcommand(
        "create", "Issue a new API token and print it once (yours, or anyone's as admin)");
    auto user = std::make_shared<std::string>();
    auto body = std::make_shared<json::object>();
    create->add_option("--user", *user, "Whose token (default: yours)");
    AddTokenFlags(create, body);
    create->add_flag("--json", o.json, "Print JSON");
    create->callback([opts, run, user, body] {
      *run = [opts, user, body] {
        auto handle = HandleOr(*opts, *user);
        if (!handle.ok()) return Fail(handle.error());
        return Print(*opts, "POST", "/api/v1/users/" + *handle + "/tokens", body.get(), Issued);
      };
    });
  }
  {
    auto* revoke = t->add_subcommand(
        "revoke",
        "Revoke a token by its id (yours, or anyone's as admin): refused from the "
        "next request on");
    auto id = std::make_shared<std::string>();
    revoke->add_option("id", *id, "The token's id (warroom token list)")->required();
    revoke->add_flag("--json", o.json, "Print JSON");
    revoke->callback([opts, run, id] {
      *run = [opts, id] {
        return Print(*opts, "DELETE", "/api/v1/tokens/" + *id, nullptr, [](const json::object& r) {
          return "Revoked token " + Text(r.if_contains("id")) + " of " +
                 Text(r.if_contains("handle")) + " (" + Text(r.if_contains("label")) + ")\n";
        });
      };
    });
  }
}

}  // namespace

void AddUserCommands(CLI::App& app, std::shared_ptr<ClientOptions> opts,
                     std::shared_ptr<std::function<int()>> run) {
  AddUser(app, opts, run);
  AddToken(app, opts, run);
}

}  // namespace warroom::cli
