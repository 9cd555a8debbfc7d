// `warroom user`: users and their permissions.
#include "cli/user_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"
#include "cli/session_commands.hpp"
#include "cli/token_commands.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string UserLine(const json::object& u) {
  std::string s = Text(u.if_contains("handle")) + " (" + Text(u.if_contains("permission"));
  if (auto* p = u.if_contains("publish_public"); p && p->is_bool() && p->as_bool())
    s += ", publishes to the status page";
  if (auto* d = u.if_contains("disabled"); d && d->is_bool() && d->as_bool()) s += ", disabled";
  return s + ")\n";
}

std::string UserTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& u = v.as_object();
    auto* d = u.if_contains("disabled");
    rows.push_back({Text(u.if_contains("handle")), Text(u.if_contains("permission")),
                    d && d->is_bool() && d->as_bool() ? "disabled" : "active",
                    Text(u.if_contains("name")), Text(u.if_contains("email"))});
  }
  return Table({"HANDLE", "PERMISSION", "STATE", "NAME", "EMAIL"}, rows);
}

// The name and contact points a user is created or changed with.
void ContactOptions(CLI::App* c, const std::shared_ptr<json::object>& body) {
  BodyString(c, body, "--name", "name", "Full name");
  BodyString(c, body, "--email", "email", "Email address");
  BodyString(c, body, "--chat-handle", "chat_handle", "Chat handle");
  BodyString(c, body, "--slack-member-id", "slack_member_id",
             "Slack member id, for direct messages (U0123ABCD)");
  BodyString(c, body, "--phone", "phone", "Phone number (E.164), for SMS");
}

void AddCreate(CLI::App* u, const Registrar& k) {
  auto* create =
      u->add_subcommand("create", "Create a user and print their first API token (admin)");
  auto body = std::make_shared<json::object>();
  create
      ->add_option_function<std::string>(
          "handle", [body](const std::string& v) { (*body)["handle"] = v; }, "Handle")
      ->required();
  ContactOptions(create, body);
  BodyString(create, body, "--permission", "permission", "viewer, responder (default) or admin");
  k.Runs(create, [opts = k.opts, body] {
    return Print(*opts, "POST", "/api/v1/users", body.get(), [](const json::object& r) {
      return "Created " + Text(r.if_contains("handle")) + " (" + Text(r.if_contains("permission")) +
             "). Their token, shown once:\nexport WARROOM_TOKEN=" + Text(r.if_contains("token")) +
             "\n";
    });
  });
}

// Kept as it always was (scripts use it); `token create --user` is the same call.
void AddUserToken(CLI::App* u, const Registrar& k) {
  auto* token =
      u->add_subcommand("token", "Issue a new API token for a user (yourself, or anyone as admin)");
  auto handle = std::make_shared<std::string>();
  auto body = std::make_shared<json::object>();
  token->add_option("handle", *handle, "Handle")->required();
  AddTokenFlags(token, body);
  k.Runs(token, [opts = k.opts, handle, body] {
    return Print(*opts, "POST", "/api/v1/users/" + *handle + "/tokens", body.get(),
                 [](const json::object& r) {
                   return "export WARROOM_TOKEN=" + Text(r.if_contains("token")) + "\n";
                 });
  });
}

// disable, enable and permission: each answers the user.
void AddChanges(CLI::App* u, const Registrar& k) {
  for (bool disable : {true, false}) {
    auto* c = u->add_subcommand(disable ? "disable" : "enable",
                                disable ? "Disable a user: none of their tokens is accepted from "
                                          "the next request, and their browser sessions end (admin)"
                                        : "Enable a disabled user again: their unrevoked tokens "
                                          "work again; they sign in to the browser anew (admin)");
    auto handle = std::make_shared<std::string>();
    c->add_option("handle", *handle, "Handle")->required();
    k.Runs(c, [opts = k.opts, handle, disable] {
      return Print(*opts, "POST", "/api/v1/users/" + *handle + (disable ? "/disable" : "/enable"),
                   nullptr, UserLine);
    });
  }
  auto* update = u->add_subcommand(
      "update", "Change a user's name, contact details or permission; the rest stays (admin)");
  auto update_handle = std::make_shared<std::string>();
  auto changes = std::make_shared<json::object>();
  update->add_option("handle", *update_handle, "Handle")->required();
  ContactOptions(update, changes);
  BodyString(update, changes, "--permission", "permission", "viewer, responder or admin");
  update
      ->add_option_function<bool>(
          "--publish-public", [changes](bool v) { (*changes)["publish_public"] = v; },
          "true or false: may post to the public status page (admins always may)")
      ->expected(1);
  k.Runs(update, [opts = k.opts, update_handle, changes] {
    return Print(*opts, "PATCH", "/api/v1/users/" + *update_handle, changes.get(), UserLine);
  });
  auto* c = u->add_subcommand("permission", "Change a user's permission (admin)");
  auto handle = std::make_shared<std::string>();
  auto body = std::make_shared<json::object>();
  c->add_option("handle", *handle, "Handle")->required();
  c->add_option_function<std::string>(
       "permission", [body](const std::string& v) { (*body)["permission"] = v; },
       "viewer, responder or admin")
      ->required();
  k.Runs(c, [opts = k.opts, handle, body] {
    return Print(*opts, "PATCH", "/api/v1/users/" + *handle, body.get(), UserLine);
  });
}

}  // namespace

void AddUserCommands(CLI::App& app, const Registrar& k) {
  auto* u = app.add_subcommand("user", "Users, their permissions and API tokens");
  u->require_subcommand(1);
  AddCreate(u, k);
  auto* list = u->add_subcommand(
      "list", "List users (contact details: admins see everyone's, others their own)");
  k.Runs(list,
         [opts = k.opts] { return Print(*opts, "GET", "/api/v1/users", nullptr, UserTable); });
  AddUserToken(u, k);
  AddChanges(u, k);
  AddSessionCommands(u, k);
}

}  // namespace warroom::cli
