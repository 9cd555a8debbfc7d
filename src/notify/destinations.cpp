#include "notify/destinations.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "notify/http_channel.hpp"

namespace warroom::notify {

namespace {

const std::set<std::string> kRoutes = {"internal", "executives", "status-page", "customers",
                                       "pages"};

struct Reader {
  std::string file;
  std::vector<config::Problem>& problems;

  void Fail(const YAML::Node& n, const std::string& key, const std::string& msg) {
    problems.push_back(
        config::Problem{file, n.IsDefined() ? static_cast<int>(n.Mark().line) + 1 : 0, key, msg});
  }

  // A secret from `<name>_env` or `<name>_file` (or, when allowed, `<name>`).
  std::string Secret(const YAML::Node& d, const std::string& where, const std::string& name,
                     bool inline_ok, bool required) {
    if (d[name + "_env"].IsDefined()) {
      std::string var = d[name + "_env"].as<std::string>("");
      const char* v = std::getenv(var.c_str());
      if (!v || !*v) {
        Fail(d[name + "_env"], where + "." + name + "_env",
             "the environment variable " + var + " is not set");
        return {};
      }
      return v;
    }
    if (d[name + "_file"].IsDefined()) {
      std::string path = d[name + "_file"].as<std::string>("");
      std::ifstream in(path);
      std::string v;
      if (!in || !std::getline(in, v) || v.empty()) {
        Fail(d[name + "_file"], where + "." + name + "_file", "cannot read a value from " + path);
        return {};
      }
      return v;
    }
    if (d[name].IsDefined()) {
      if (!inline_ok) {
        Fail(d[name], where + "." + name,
             "is a secret: give it with " + name + "_env (an environment variable) or " + name +
                 "_file");
        return {};
      }
      return d[name].as<std::string>("");
    }
    if (required) Fail(d, where, "needs " + name + " (or " + name + "_env, " + name + "_file)");
    return {};
  }
};

}  // namespace

DestinationsConfig LoadDestinations(const std::string& text, const std::string& file) {
  DestinationsConfig out;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    out.problems.push_back(
        config::Problem{file, static_cast<int>(e.mark.line) + 1, "", "not valid YAML: " + e.msg});
    return out;
  }
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
              "type",        "url",    "url_env", "url_file",     "secret_env",
              "secret_file", "secret", "timeout", "max_attempts", "rate_per_second"};
          std::string key = k->first.as<std::string>("");
          if (!kKeys.count(key)) r.Fail(k->first, where + "." + key, "unknown key");
        }
        std::string type = d["type"].as<std::string>("");
        HttpChannel::Options o;
        if (type == "webhook") {
          o.format = HttpChannel::Format::kWebhook;
        } else if (type == "slack-webhook") {
          o.format = HttpChannel::Format::kSlackWebhook;
        } else {
          r.Fail(d["type"].IsDefined() ? d["type"] : it->first, where + ".type",
                 "must be webhook or slack-webhook");
          continue;
        }
        o.url = r.Secret(d, where, "url", type == "webhook", true);
        o.secret = r.Secret(d, where, "secret", false, false);
        if (!o.url.empty() && o.url.rfind("http://", 0) != 0 && o.url.rfind("https://", 0) != 0)
          r.Fail(d, where + ".url", "must be an http:// or https:// URL");
        if (d["timeout"].IsDefined()) {
          auto t = ParseDuration(d["timeout"].as<std::string>(""));
          if (t.ok())
            o.timeout = *t;
          else
            r.Fail(d["timeout"], where + ".timeout", t.error().message);
        }
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
        dest.channel = std::make_shared<HttpChannel>(o);
        out.destinations[name] = dest;
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
          r.Fail(it->first, "routes." + route,
                 "unknown route: use internal, executives, status-page, customers, pages");
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
