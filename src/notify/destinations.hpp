#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/policy_yaml.hpp"
#include "engine/channel.hpp"
#include "engine/notifier.hpp"

namespace warroom::notify {

struct DestinationsConfig {
  std::map<std::string, engine::Destination> destinations;
  engine::Routing routing;
  // `responders`: groups of users by handle.
  std::map<std::string, std::vector<std::string>> groups;
  // `people`: how a person is reached directly (each a destination too).
  std::vector<engine::PersonDestination> people;
  std::vector<config::Problem> problems;
};

// Reads the `destinations` and `routes` sections of the notifications config:
//
//   destinations:
//     incidents:
//       type: slack-webhook        # or webhook
//       url_env: SLACK_INCIDENTS_URL   # or url_file (a secret); webhook: url too
//       secret_env: HOOK_SECRET        # webhook signing key (or secret_file)
//       timeout: 10s
//       max_attempts: 8
//       rate_per_second: 1
//   routes:
//     internal: [incidents]        # internal, executives, status-page, customers, pages
//   responders:                    # groups of users, by handle
//     oncall-sre: [sarah, mike]
//   people:                        # how people are reached directly
//     email: {smtp_url: smtp://mail:25, from: "warroom <w@example.com>"}   # each user's email
//     slack: {token_env: SLACK_BOT_TOKEN}                                   # a DM to each member
//     id
//
// Secrets come from the environment or files, never from the config itself
// (a plain `url` is refused for Slack), and never reach a log.
//
// Success: `problems` is empty. Otherwise it lists every problem with file,
// line and key, section by section (destinations, responders, people,
// routes); a destination that is not a map or of an unknown type is left
// out, and a route naming it is a problem too.
DestinationsConfig LoadDestinations(const std::string& yaml_text, const std::string& file);

}  // namespace warroom::notify
