#include "notify/smtp_yaml.hpp"

namespace warroom::notify {

EmailChannel::Options SmtpServerFrom(config::YamlReader& r, const YAML::Node& d,
                                     const std::string& where) {
  EmailChannel::Options e;
  e.smtp_url = r.Secret(d, where, "smtp_url", true, true);
  if (!e.smtp_url.empty() && e.smtp_url.rfind("smtp://", 0) != 0 &&
      e.smtp_url.rfind("smtps://", 0) != 0)
    r.Fail(d, where + ".smtp_url", "must be smtp://host:port or smtps://host:port");
  e.from = d["from"].as<std::string>("");
  if (e.from.empty())
    r.Fail(d, where + ".from", "needs a sender, such as \"warroom <incidents@example.com>\"");
  e.username = r.Secret(d, where, "username", true, false);
  e.password = r.Secret(d, where, "password", false, false);
  e.require_tls = d["require_tls"].as<bool>(false);
  return e;
}

}  // namespace warroom::notify
