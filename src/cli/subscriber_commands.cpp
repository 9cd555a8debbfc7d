// `warroom status-page subscriber …`: who the public page tells of its
// incidents and maintenance, managed by publishers.
#include "cli/subscriber_commands.hpp"

#include <memory>

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string Components(const json::object& s) {
  std::string out;
  if (const auto* c = s.if_contains("components"); c && c->is_array())
    for (const auto& v : c->as_array()) out += (out.empty() ? "" : ",") + Text(&v);
  return out.empty() ? "all" : out;
}

std::string SubscriberTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& s = v.as_object();
    auto g = [&](const char* k) { return Text(s.if_contains(k)); };
    rows.push_back({g("id"), g("channel"), g("state"), Components(s), g("address")});
  }
  if (rows.empty()) return "No subscribers.\n";
  std::string out = Table({"ID", "CHANNEL", "STATE", "COMPONENTS", "ADDRESS"}, rows);
  if (const auto* next = r.if_contains("next_after"); next && !next->is_null())
    out += "(more: --after " + Text(next) + ")\n";
  return out;
}

std::string SubscriberText(const json::object& s) {
  auto g = [&](const char* k) { return Text(s.if_contains(k)); };
  std::string out = "subscriber " + g("id") + ": " + g("address") + " (" + g("channel") + "), " +
                    g("state") + "\n  components " + Components(s) + "\n  subscribed " +
                    g("created_at") + " from " + g("client") + "\n";
  if (!g("confirmed_at").empty()) out += "  confirmed " + g("confirmed_at") + "\n";
  if (!g("unsubscribed_at").empty()) out += "  unsubscribed " + g("unsubscribed_at") + "\n";
  return out;
}

void AddList(CLI::App* sub, const Registrar& k) {
  auto* c = sub->add_subcommand("list", "List subscribers, oldest first (needs publish-public)");
  auto state = std::make_shared<std::string>();
  auto channel = std::make_shared<std::string>();
  auto after = std::make_shared<long long>(0);
  auto limit = std::make_shared<int>(100);
  c->add_option("--state", *state, "Only pending, confirmed or unsubscribed ones");
  c->add_option("--channel", *channel, "Only email or webhook ones");
  c->add_option("--after", *after, "Those after this id (the previous page's last)");
  c->add_option("--limit", *limit, "At most this many (1-1000)")->capture_default_str();
  k.Runs(c, [opts = k.opts, state, channel, after, limit] {
    std::string path = "/api/v1/status-page/subscribers?limit=" + std::to_string(*limit);
    if (!state->empty()) path += "&state=" + *state;
    if (!channel->empty()) path += "&channel=" + *channel;
    if (*after > 0) path += "&after=" + std::to_string(*after);
    return Print(*opts, "GET", path, nullptr, SubscriberTable);
  });
}

void AddAdd(CLI::App* sub, const Registrar& k) {
  auto* c = sub->add_subcommand(
      "add",
      "Subscribe someone who asked you to, confirmed at once (needs publish-public; customers "
      "subscribe themselves on /status/subscribe)");
  Body body = std::make_shared<json::object>();
  BodyString(c, body, "--email", "email", "An email address to notify");
  BodyString(c, body, "--webhook", "webhook", "Or an https URL to POST each notice to");
  auto components = std::make_shared<std::vector<std::string>>();
  c->add_option("--component", *components,
                "Only notices about this component (repeat; none: every component)");
  k.Runs(c, [opts = k.opts, body, components] {
    json::array list;
    for (const std::string& id : *components) list.push_back(json::value(id));
    (*body)["components"] = std::move(list);
    return Print(*opts, "POST", "/api/v1/status-page/subscribers", body.get(), SubscriberText);
  });
}

}  // namespace

void AddSubscriberCommands(CLI::App* sp, const Registrar& k) {
  auto* sub = sp->add_subcommand("subscriber", "Who the public page tells of its notices");
  sub->require_subcommand(1);
  AddList(sub, k);
  auto* show = sub->add_subcommand("show", "Show one subscriber");
  auto id = std::make_shared<long long>(0);
  show->add_option("id", *id, "The subscriber's id (warroom status-page subscriber list)")
      ->required();
  k.Runs(show, [opts = k.opts, id] {
    return Print(*opts, "GET", "/api/v1/status-page/subscribers/" + std::to_string(*id), nullptr,
                 SubscriberText);
  });
  AddAdd(sub, k);
  auto* remove = sub->add_subcommand(
      "remove",
      "Erase a subscriber and its links (needs publish-public; for a request to be "
      "forgotten)");
  auto rid = std::make_shared<long long>(0);
  remove->add_option("id", *rid, "The subscriber's id")->required();
  k.Runs(remove, [opts = k.opts, rid] {
    return Print(
        *opts, "DELETE", "/api/v1/status-page/subscribers/" + std::to_string(*rid), nullptr,
        [rid](const json::object&) { return "subscriber " + std::to_string(*rid) + " removed\n"; });
  });
}

}  // namespace warroom::cli
