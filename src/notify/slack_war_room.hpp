#pragma once

#include <string>

#include "engine/channel.hpp"

namespace warroom::notify {

// Creates an incident's war room in Slack with the Web API: a channel named
// after the incident (conversations.create; with a suffix, -2, -3, ..., when
// the name is taken; private for a restricted incident), then invites the
// members the message lists (conversations.invite). The channel becomes the
// incident's war-room link. The message body is
// {"name": "inc-2026-02-12-001", "private": false, "members": ["U0..."]}.
class SlackWarRoomChannel final : public engine::Channel {
 public:
  struct Options {
    std::string api_url = "https://slack.com/api";
    std::string token;  // a bot token: a secret
    Duration timeout = std::chrono::seconds(10);
  };
  explicit SlackWarRoomChannel(Options o) : o_(std::move(o)) {}
  engine::DeliveryResult Deliver(const store::OutboxMessage& m) override;

 private:
  Options o_;
};

}  // namespace warroom::notify
