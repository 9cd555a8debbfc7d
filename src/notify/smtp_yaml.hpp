#pragma once

#include <string>

#include "config/yaml_reader.hpp"
#include "notify/email_channel.hpp"

namespace warroom::notify {

// A mail server's settings as every section that sends mail writes them:
// smtp_url (or smtp_url_env / smtp_url_file), from, username (or _env /
// _file), password_env / password_file, require_tls. Problems go to `r`.
EmailChannel::Options SmtpServerFrom(config::YamlReader& r, const YAML::Node& d,
                                     const std::string& where);

}  // namespace warroom::notify
