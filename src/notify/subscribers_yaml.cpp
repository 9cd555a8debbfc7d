#include "notify/subscribers_yaml.hpp"

#include "config/yaml_reader.hpp"
#include "notify/smtp_yaml.hpp"

namespace warroom::notify {

namespace {

void ReadDuration(config::YamlReader& r, const YAML::Node& d, const std::string& key,
                  Duration& out) {
  if (!d[key].IsDefined()) return;
  auto v = ParseDuration(d[key].as<std::string>(""));
  if (!v.ok() || *v <= Duration::zero())
    r.Fail(d[key], "status_page.subscribers." + key, "must be a duration such as 24h or 90m");
  else
    out = *v;
}

}  // namespace

SubscribersConfig LoadSubscribers(const std::string& text, const std::string& file) {
  SubscribersConfig out;
  config::YamlReader r{file, out.problems};
  auto root = config::ParseYaml(text, file, out.problems);
  if (!root || !root->IsMap() || !(*root)["status_page"].IsMap()) return out;
  const YAML::Node d = (*root)["status_page"]["subscribers"];
  if (!d.IsDefined()) return out;
  const std::string where = "status_page.subscribers";
  if (!d.IsMap()) {
    r.Fail(d, where, "must be a map (email, webhooks, ...; see docs/status-page.md)");
    return out;
  }
  r.OnlyKeys(d, where,
             {"email", "webhooks", "allowed_networks", "ca_file", "timeout", "per_client_per_hour",
              "confirmation_gap", "link_ttl"});
  out.enabled = true;
  if (d["email"].IsDefined()) {
    if (!d["email"].IsMap()) {
      r.Fail(d["email"], where + ".email", "must be a map (smtp_url, from, ...)");
    } else {
      r.OnlyKeys(d["email"], where + ".email",
                 {"smtp_url", "smtp_url_env", "smtp_url_file", "from", "username", "username_env",
                  "username_file", "password_env", "password_file", "require_tls"});
      out.transport.email = SmtpServerFrom(r, d["email"], where + ".email");
    }
  }
  try {
    out.transport.webhooks = d["webhooks"].as<bool>(true);
  } catch (const YAML::Exception&) {
    r.Fail(d["webhooks"], where + ".webhooks", "must be true or false");
  }
  std::vector<std::string> allowed;
  if (const YAML::Node a = d["allowed_networks"]; a.IsDefined()) {
    if (!a.IsSequence())
      r.Fail(a, where + ".allowed_networks", "must be a list of addresses or CIDR ranges");
    else
      for (const auto& n : a) allowed.push_back(n.as<std::string>(""));
  }
  auto guard = AddressGuard::Make(allowed);
  if (guard.ok())
    out.transport.guard = *guard;
  else
    r.Fail(d["allowed_networks"], where + ".allowed_networks", guard.error().message);
  out.transport.ca_file = d["ca_file"].as<std::string>("");
  ReadDuration(r, d, "timeout", out.transport.timeout);
  ReadDuration(r, d, "confirmation_gap", out.policy.confirmation_gap);
  ReadDuration(r, d, "link_ttl", out.policy.token_ttl);
  if (d["per_client_per_hour"].IsDefined()) {
    try {
      out.policy.per_client_per_hour = d["per_client_per_hour"].as<int>();
      if (out.policy.per_client_per_hour < 1) throw YAML::Exception(YAML::Mark(), "");
    } catch (const YAML::Exception&) {
      r.Fail(d["per_client_per_hour"], where + ".per_client_per_hour",
             "must be a whole number of at least 1");
    }
  }
  return out;
}

}  // namespace warroom::notify
