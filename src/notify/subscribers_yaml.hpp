#pragma once

#include <string>
#include <vector>

#include "config/policy_yaml.hpp"
#include "engine/subscriber_service.hpp"
#include "notify/subscriber_transport.hpp"

namespace warroom::notify {

// The `status_page.subscribers` section as read. Without it nobody can
// subscribe (the page offers no form); with it:
//
//   status_page:
//     subscribers:
//       email:                       # omit for no email subscriptions
//         smtp_url_env: STATUS_SMTP_URL    # or smtp_url / smtp_url_file
//         from: "ACME Status <status@acme.example>"
//         username_env: ...  password_file: ...  require_tls: true
//       webhooks: true               # https webhooks (default true)
//       allowed_networks: []         # ranges webhooks may reach besides public ones
//       ca_file: /etc/warroom/webhook-ca.pem   # trusted besides the system's
//       timeout: 10s
//       per_client_per_hour: 5       # subscription requests from one address
//       confirmation_gap: 24h        # one confirmation per address this often
//       link_ttl: 48h                # confirmation and unsubscribe links
struct SubscribersConfig {
  bool enabled = false;
  SubscriberTransport::Options transport;
  engine::SubscriberPolicy policy;
  std::vector<config::Problem> problems;  // empty when usable
};

SubscribersConfig LoadSubscribers(const std::string& text, const std::string& file);

}  // namespace warroom::notify
