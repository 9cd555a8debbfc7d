#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/subscriber_transport.hpp"
#include "notify/address_guard.hpp"
#include "notify/email_channel.hpp"

namespace warroom::notify {

// How the status page reaches its subscribers: mail through the configured
// SMTP server (none: email subscriptions are not offered), webhooks over
// https only, to public addresses only (unless `allowed_networks` says
// otherwise), checked when a subscription is made and again on every
// connection.
class SubscriberTransport final : public engine::SubscriberTransport {
 public:
  struct Options {
    std::optional<EmailChannel::Options> email;
    bool webhooks = true;
    AddressGuard guard;
    std::string ca_file;  // trusted besides the system's, for webhooks
    Duration timeout = std::chrono::seconds(10);
  };
  explicit SubscriberTransport(Options o);

  bool CanMail() const override { return mailer_ != nullptr; }
  bool CanPost() const override { return o_.webhooks; }
  engine::DeliveryResult Mail(const engine::SubscriberMail& mail) override;
  engine::DeliveryResult Post(const std::string& url, const std::string& body,
                              const std::string& key, std::string& answer) override;
  Outcome CheckWebhookUrl(const std::string& url) override;

 private:
  Options o_;
  std::unique_ptr<EmailChannel> mailer_;
};

}  // namespace warroom::notify
