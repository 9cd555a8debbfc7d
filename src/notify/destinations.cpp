#include "notify/destinations.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "config/yaml_reader.hpp"
#include "notify/email_channel.hpp"
#include "notify/http_channel.hpp"
#include "notify/slack_war_room.hpp"
#include "notify/smtp_yaml.hpp"

namespace warroom::notify {

namespace {

const std::set<std::string> kRoutes = {"internal", "executives", "status-page", "customers",
                                       "pages",    "war-room",   "triage"};

using Reader = config::YamlReader;

// Every key a destination may carry, whatever its type.
void CheckDestinationKeys(Reader& r, const YAML::Node& d, const std::string& where) {
  static const std::set<std::string> kKeys = {
      "type",          "url",          "url_env",       "url_file",     "secret_env",
      "secret_file",   "secret",       "timeout",       "max_attempts", "rate_per_second",
      "smtp_url",      "smtp_url_env", "smtp_url_file", "from",         "to",
      "username",      "username_env", "username_file", "password",     "password_env",
      "password_file", "require_tls",  "token",         "token_env",    "token_file",
      "channel",       "api_url"};
  for (auto k = d.begin(); k != d.end(); ++k) {
    std::string key = k->first.as<std::string>("");
    if (!kKeys.count(key)) r.Fail(k->first, where + "." + key, "unknown key");
  }
}

// `max_attempts` and `rate_per_second` into `dest` (its defaults stay when
// absent or not numbers).
void ReadDeliveryLimits(Reader& r, const YAML::Node& d, const std::string& where,
                        engine::Destination& dest) {
  try {
    if (d["max_attempts"].IsDefined()) dest.max_attempts = d["max_attempts"].as<int>();
    if (d["rate_per_second"].IsDefined()) dest.rate_per_second = d["rate_per_second"].as<double>();
  } catch (const YAML::Exception&) {
    r.Fail(d, where, "max_attempts and rate_per_second must be numbers");
  }
  if (dest.max_attempts < 1)
    r.Fail(d["max_attempts"], where + ".max_attempts", "must be at least 1");
}

// `timeout`, 10 seconds when absent or not a duration.
Duration ReadTimeout(Reader& r, const YAML::Node& d, const std::string& where) {
  Duration timeout = std::chrono::seconds(10);
  if (d["timeout"].IsDefined()) {
    auto t = ParseDuration(d["timeout"].as<std::string>(""));
    if (t.ok())
      timeout = *t;
    else
      r.Fail(d["timeout"], where + ".timeout", t.error().message);
  }
  return timeout;
}

// `api_url` without its trailing slashes (Slack's public API when absent).
std::string SlackApiBase(const YAML::Node& d) {
  std::string base = d["api_url"].as<std::string>("https://slack.com/api");
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

std::shared_ptr<engine::Channel> SlackWarRoomFrom(Reader& r, const YAML::Node& d,
                                                  const std::string& where, Duration timeout) {
  SlackWarRoomChannel::Options w;
  w.token = r.Secret(d, where, "token", false, true);
  w.api_url = SlackApiBase(d);
  w.timeout = timeout;
  return std::make_shared<SlackWarRoomChannel>(w);
}

// `to`: one address or a list of them.
std::vector<std::string> Recipients(const YAML::Node& to) {
  std::vector<std::string> out;
  if (to.IsSequence()) {
    for (const auto& t : to) out.push_back(t.as<std::string>(""));
  } else if (to.IsScalar()) {
    out.push_back(to.as<std::string>(""));
  }
  return out;
}

std::shared_ptr<engine::Channel> EmailFrom(Reader& r, const YAML::Node& d, const std::string& where,
                                           Duration timeout) {
  EmailChannel::Options e = SmtpServerFrom(r, d, where);
  e.to = Recipients(d["to"]);
  if (e.to.empty()) r.Fail(d, where + ".to", "needs at least one recipient");
  e.timeout = timeout;
  return std::make_shared<EmailChannel>(e);
}

// The HTTP format of `type`; nullopt for a type that is not an HTTP channel.
std::optional<HttpChannel::Format> HttpFormat(const std::string& type) {
  if (type == "webhook") return HttpChannel::Format::kWebhook;
  if (type == "slack-webhook") return HttpChannel::Format::kSlackWebhook;
  if (type == "slack") return HttpChannel::Format::kSlackApi;
  if (type == "teams-webhook") return HttpChannel::Format::kTeamsWebhook;
  return std::nullopt;
}

std::shared_ptr<engine::Channel> HttpFrom(Reader& r, const YAML::Node& d, const std::string& where,
                                          const std::string& type, HttpChannel::Format format,
                                          Duration timeout) {
  HttpChannel::Options o;
  o.format = format;
  if (type == "slack") {
    // The Web API: a bot token (a secret) and a channel; the base URL
    // is configurable (tests, proxies).
    o.token = r.Secret(d, where, "token", false, true);
    o.channel = d["channel"].as<std::string>("");
    if (o.channel.empty())
      r.Fail(d, where + ".channel", "needs the channel to post to (an id or #name)");
    o.url = SlackApiBase(d) + "/chat.postMessage";
  } else {
    // Slack and Teams webhook URLs carry their credential: never inline.
    o.url = r.Secret(d, where, "url", type == "webhook", true);
  }
  o.secret = r.Secret(d, where, "secret", false, false);
  if (!o.url.empty() && o.url.rfind("http://", 0) != 0 && o.url.rfind("https://", 0) != 0)
    r.Fail(d, where + ".url", "must be an http:// or https:// URL");
  o.timeout = timeout;
  return std::make_shared<HttpChannel>(o);
}

// One entry of `destinations` (`key` its name's node, `d` its map); added to
// `out` unless it is not a map or its type is unknown.
void LoadDestination(Reader& r, const YAML::Node& key, const YAML::Node& d,
                     DestinationsConfig& out) {
  std::string name = key.as<std::string>("");
  std::string where = "destinations." + name;
  if (!d.IsMap()) {
    r.Fail(key, where, "must be a map (type, url_env, ...)");
    return;
  }
  CheckDestinationKeys(r, d, where);
  std::string type = d["type"].as<std::string>("");
  engine::Destination dest;
  ReadDeliveryLimits(r, d, where, dest);
  Duration timeout = ReadTimeout(r, d, where);
  if (type == "slack-war-room") {
    dest.channel = SlackWarRoomFrom(r, d, where, timeout);
  } else if (type == "email") {
    dest.channel = EmailFrom(r, d, where, timeout);
  } else if (auto format = HttpFormat(type)) {
    dest.channel = HttpFrom(r, d, where, type, *format, timeout);
  } else {
    r.Fail(d["type"].IsDefined() ? d["type"] : key, where + ".type",
           "must be webhook, slack-webhook, slack, slack-war-room, teams-webhook or email");
    return;
  }
  out.destinations[name] = dest;
}

void LoadDestinationsSection(Reader& r, const YAML::Node& dests, DestinationsConfig& out) {
  if (!dests.IsDefined()) return;
  if (!dests.IsMap()) {
    r.Fail(dests, "destinations", "must be a map from name to destination");
    return;
  }
  for (auto it = dests.begin(); it != dests.end(); ++it)
    LoadDestination(r, it->first, it->second, out);
}

void LoadResponders(Reader& r, const YAML::Node& responders, DestinationsConfig& out) {
  if (!responders.IsDefined()) return;
  if (!responders.IsMap()) {
    r.Fail(responders, "responders", "must be a map from group to a list of user handles");
    return;
  }
  for (auto it = responders.begin(); it != responders.end(); ++it) {
    std::string group = it->first.as<std::string>("");
    if (!it->second.IsSequence()) {
      r.Fail(it->second, "responders." + group, "must be a list of user handles");
      continue;
    }
    auto& members = out.groups[group];
    // A copy, not `it->second` in the loop's head: yaml-cpp's iterator
    // hands out a temporary proxy, and the range would outlive it (ASan:
    // stack-use-after-scope, found by fuzz/destinations.cpp).
    const YAML::Node handles = it->second;
    for (const auto& h : handles) {
      if (!h.IsScalar()) {
        r.Fail(h, "responders." + group, "must be a list of user handles");
        continue;
      }
      members.push_back(h.as<std::string>(""));
    }
  }
}

// `people.email`: the server that mails each user at their own address.
std::shared_ptr<engine::Channel> PersonEmailFrom(Reader& r, const YAML::Node& d,
                                                 const std::string& where) {
  return std::make_shared<EmailChannel>(SmtpServerFrom(r, d, where));
}

// `people.slack`: the bot that sends each user a direct message.
std::shared_ptr<engine::Channel> PersonSlackFrom(Reader& r, const YAML::Node& d,
                                                 const std::string& where) {
  HttpChannel::Options o;
  o.format = HttpChannel::Format::kSlackApi;
  o.token = r.Secret(d, where, "token", false, true);
  o.url = SlackApiBase(d) + "/chat.postMessage";
  return std::make_shared<HttpChannel>(o);
}

void LoadPeople(Reader& r, const YAML::Node& people, DestinationsConfig& out) {
  if (!people.IsDefined()) return;
  if (!people.IsMap()) {
    r.Fail(people, "people", "must be a map with email and/or slack");
    return;
  }
  for (auto it = people.begin(); it != people.end(); ++it) {
    std::string kind = it->first.as<std::string>("");
    std::string where = "people." + kind;
    if ((kind == "email" || kind == "slack") && !it->second.IsMap()) {
      r.Fail(it->second, where, "must be a map (see docs/notifications.md)");
      continue;
    }
    engine::Destination dest;
    if (kind == "email") {
      dest.channel = PersonEmailFrom(r, it->second, where);
    } else if (kind == "slack") {
      dest.channel = PersonSlackFrom(r, it->second, where);
    } else {
      r.Fail(it->first, where, "unknown contact point: use email or slack");
      continue;
    }
    std::string name = "person-" + kind;
    out.destinations[name] = dest;
    out.people.push_back(engine::PersonDestination{name, kind});
  }
}

// `routes`, read after the destinations they name.
void LoadRoutes(Reader& r, const YAML::Node& routes, DestinationsConfig& out) {
  if (!routes.IsDefined()) return;
  if (!routes.IsMap()) {
    r.Fail(routes, "routes", "must be a map from route to a list of destinations");
    return;
  }
  for (auto it = routes.begin(); it != routes.end(); ++it) {
    std::string route = it->first.as<std::string>("");
    if (!kRoutes.count(route)) {
      r.Fail(it->first, "routes." + route,
             "unknown route: use internal, executives, status-page, customers, pages, war-room, "
             "triage");
      continue;
    }
    if (!it->second.IsSequence()) {
      r.Fail(it->second, "routes." + route, "must be a list of destination names");
      continue;
    }
    const YAML::Node names = it->second;  // a copy: see LoadResponders
    for (const auto& n : names) {
      std::string dest = n.as<std::string>("");
      if (!out.destinations.count(dest))
        r.Fail(n, "routes." + route, "no destination '" + dest + "' is defined under destinations");
      else
        out.routing.routes[route].push_back(dest);
    }
  }
}

}  // namespace

DestinationsConfig LoadDestinations(const std::string& text, const std::string& file) {
  DestinationsConfig out;
  auto parsed = config::ParseYaml(text, file, out.problems);
  if (!parsed) return out;
  const YAML::Node root = *parsed;
  Reader r{file, out.problems};
  if (!root.IsMap()) return out;
  // Each section checks the shapes it reads; should one still meet a value
  // it did not expect, yaml-cpp throws: that is a problem of the file at
  // the value's line, never the end of `config check` or of the server.
  try {
    LoadDestinationsSection(r, root["destinations"], out);
    LoadResponders(r, root["responders"], out);
    LoadPeople(r, root["people"], out);
    LoadRoutes(r, root["routes"], out);
  } catch (const YAML::Exception& e) {
    out.problems.push_back(config::Problem{file, e.mark.is_null() ? 0 : e.mark.line + 1, "",
                                           "a value of an unexpected shape: " + e.msg});
  }
  return out;
}

}  // namespace warroom::notify
