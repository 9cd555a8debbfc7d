#include "notify/destinations.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "config/yaml_reader.hpp"
#include "notify/email_channel.hpp"
#include "notify/http_channel.hpp"
#include "notify/slack_war_room.hpp"

namespace warroom::notify {

namespace {

const std::set<std::string> kRoutes = {"internal", "executives", "status-page", "customers",
                                       "pages",    "war-room",   "triage"};

using Reader = config::YamlReader;

}  // namespace

DestinationsConfig LoadDestinations(const std::string& text, const std::string& file) {
  DestinationsConfig out;
  auto parsed = config::ParseYaml(text, file, out.problems);
  if (!parsed) return out;
  const YAML::Node root = *parsed;
  Reader r{file, out.problems};
  if (!root.IsMap()) return out;
  const YAML::Node dests = root["destinations"];
  if (dests.IsDefined()) {
    if (!dests.IsMap()) {
      r.Fail(dests, "destinations", "must be a map from name to destination");
    } else {
      for (auto it = dests.begin(); it != dests.end(); ++it) {
        std::string name = it->first.as<std::string>("");
        std::string where = "destinations." + name;
        const YAML::Node d = it->second;
        if (!d.IsMap()) {
          r.Fail(it->first, where, "must be a map (type, url_env, ...)");
          continue;
        }
        for (auto k = d.begin(); k != d.end(); ++k) {
          static const std::set<std::string> kKeys = {
              "type",          "url",          "url_env",       "url_file",     "secret_env",
              "secret_file",   "secret",       "timeout",       "max_attempts", "rate_per_second",
              "smtp_url",      "smtp_url_env", "smtp_url_file", "from",         "to",
              "username",      "username_env", "username_file", "password",     "password_env",
              "password_file", "require_tls",  "token",         "token_env",    "token_file",
              "channel",       "api_url"};
          std::string key = k->first.as<std::string>("");
          if (!kKeys.count(key)) r.Fail(k->first, where + "." + key, "unknown key");
        }
        std::string type = d["type"].as<std::string>("");
        engine::Destination dest;
        try {
          if (d["max_attempts"].IsDefined()) dest.max_attempts = d["max_attempts"].as<int>();
          if (d["rate_per_second"].IsDefined())
            dest.rate_per_second = d["rate_per_second"].as<double>();
        } catch (const YAML::Exception&) {
          r.Fail(d, where, "max_attempts and rate_per_second must be numbers");
        }
        if (dest.max_attempts < 1)
          r.Fail(d["max_attempts"], where + ".max_attempts", "must be at least 1");
        Duration timeout = std::chrono::seconds(10);
        if (d["timeout"].IsDefined()) {
          auto t = ParseDuration(d["timeout"].as<std::string>(""));
          if (t.ok())
            timeout = *t;
          else
            r.Fail(d["timeout"], where + ".timeout", t.error().message);
        }
        if (type == "slack-war-room") {
          SlackWarRoomChannel::Options w;
          w.token = r.Secret(d, where, "token", false, true);
          w.api_url = d["api_url"].as<std::string>("https://slack.com/api");
          while (!w.api_url.empty() && w.api_url.back() == '/') w.api_url.pop_back();
          w.timeout = timeout;
          dest.channel = std::make_shared<SlackWarRoomChannel>(w);
          out.destinations[name] = dest;
          continue;
        }
        if (type == "email") {
          EmailChannel::Options e;
          e.smtp_url = r.Secret(d, where, "smtp_url", true, true);
          if (!e.smtp_url.empty() && e.smtp_url.rfind("smtp://", 0) != 0 &&
              e.smtp_url.rfind("smtps://", 0) != 0)
            r.Fail(d, where + ".smtp_url", "must be smtp://host:port or smtps://host:port");
          e.from = d["from"].as<std::string>("");
          if (e.from.empty())
            r.Fail(d, where + ".from",
                   "needs a sender, such as \"warroom <incidents@example.com>\"");
          if (d["to"].IsSequence()) {
            for (const auto& t : d["to"]) e.to.push_back(t.as<std::string>(""));
          } else if (d["to"].IsScalar()) {
            e.to.push_back(d["to"].as<std::string>(""));
          }
          if (e.to.empty()) r.Fail(d, where + ".to", "needs at least one recipient");
          e.username = r.Secret(d, where, "username", true, false);
          e.password = r.Secret(d, where, "password", false, false);
          e.require_tls = d["require_tls"].as<bool>(false);
          e.timeout = timeout;
          dest.channel = std::make_shared<EmailChannel>(e);
          out.destinations[name] = dest;
          continue;
        }
        HttpChannel::Options o;
        if (type == "webhook") {
          o.format = HttpChannel::Format::kWebhook;
        } else if (type == "slack-webhook") {
          o.format = HttpChannel::Format::kSlackWebhook;
        } else if (type == "slack") {
          o.format = HttpChannel::Format::kSlackApi;
        } else if (type == "teams-webhook") {
          o.format = HttpChannel::Format::kTeamsWebhook;
        } else {
          r.Fail(d["type"].IsDefined() ? d["type"] : it->first, where + ".type",
                 "must be webhook, slack-webhook, slack, slack-war-room, teams-webhook or email");
          continue;
        }
        if (type == "slack") {
          // The Web API: a bot token (a secret) and a channel; the base URL
          // is configurable (tests, proxies).
          o.token = r.Secret(d, where, "token", false, true);
          o.channel = d["channel"].as<std::string>("");
          if (o.channel.empty())
            r.Fail(d, where + ".channel", "needs the channel to post to (an id or #name)");
          std::string base = d["api_url"].as<std::string>("https://slack.com/api");
          while (!base.empty() && base.back() == '/') base.pop_back();
          o.url = base + "/chat.postMessage";
        } else {
          // Slack and Teams webhook URLs carry their credential: never inline.
          o.url = r.Secret(d, where, "url", type == "webhook", true);
        }
        o.secret = r.Secret(d, where, "secret", false, false);
        if (!o.url.empty() && o.url.rfind("http://", 0) != 0 && o.url.rfind("https://", 0) != 0)
          r.Fail(d, where + ".url", "must be an http:// or https:// URL");
        o.timeout = timeout;
        dest.channel = std::make_shared<HttpChannel>(o);
        out.destinations[name] = dest;
      }
    }
  }
  const YAML::Node responders = root["responders"];
  if (responders.IsDefined()) {
    if (!responders.IsMap()) {
      r.Fail(responders, "responders", "must be a map from group to a list of user handles");
    } else {
      for (auto it = responders.begin(); it != responders.end(); ++it) {
        std::string group = it->first.as<std::string>("");
        if (!it->second.IsSequence()) {
          r.Fail(it->second, "responders." + group, "must be a list of user handles");
          continue;
        }
        auto& members = out.groups[group];
        for (const auto& h : it->second) members.push_back(h.as<std::string>(""));
      }
    }
  }
  const YAML::Node people = root["people"];
  if (people.IsDefined()) {
    if (!people.IsMap()) {
      r.Fail(people, "people", "must be a map with email and/or slack");
    } else {
      for (auto it = people.begin(); it != people.end(); ++it) {
        std::string kind = it->first.as<std::string>("");
        std::string where = "people." + kind;
        const YAML::Node d = it->second;
        engine::Destination dest;
        if (kind == "email") {
          EmailChannel::Options e;
          e.smtp_url = r.Secret(d, where, "smtp_url", true, true);
          e.from = d["from"].as<std::string>("");
          if (e.from.empty()) r.Fail(d, where + ".from", "needs a sender");
          e.username = r.Secret(d, where, "username", true, false);
          e.password = r.Secret(d, where, "password", false, false);
          e.require_tls = d["require_tls"].as<bool>(false);
          dest.channel = std::make_shared<EmailChannel>(e);
        } else if (kind == "slack") {
          HttpChannel::Options o;
          o.format = HttpChannel::Format::kSlackApi;
          o.token = r.Secret(d, where, "token", false, true);
          std::string base = d["api_url"].as<std::string>("https://slack.com/api");
          while (!base.empty() && base.back() == '/') base.pop_back();
          o.url = base + "/chat.postMessage";
          dest.channel = std::make_shared<HttpChannel>(o);
        } else {
          r.Fail(it->first, where, "unknown contact point: use email or slack");
          continue;
        }
        std::string name = "person-" + kind;
        out.destinations[name] = dest;
        out.people.push_back(engine::PersonDestination{name, kind});
      }
    }
  }
  const YAML::Node routes = root["routes"];
  if (routes.IsDefined()) {
    if (!routes.IsMap()) {
      r.Fail(routes, "routes", "must be a map from route to a list of destinations");
    } else {
      for (auto it = routes.begin(); it != routes.end(); ++it) {
        std::string route = it->first.as<std::string>("");
        if (!kRoutes.count(route)) {
          r.Fail(
              it->first, "routes." + route,
              "unknown route: use internal, executives, status-page, customers, pages, war-room, "
              "triage");
          continue;
        }
        if (!it->second.IsSequence()) {
          r.Fail(it->second, "routes." + route, "must be a list of destination names");
          continue;
        }
        for (const auto& n : it->second) {
          std::string dest = n.as<std::string>("");
          if (!out.destinations.count(dest))
            r.Fail(n, "routes." + route,
                   "no destination '" + dest + "' is defined under destinations");
          else
            out.routing.routes[route].push_back(dest);
        }
      }
    }
  }
  return out;
}

}  // namespace warroom::notify
