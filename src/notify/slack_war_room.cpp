#include "notify/slack_war_room.hpp"

#include <boost/json.hpp>

#include "notify/http_post.hpp"

namespace warroom::notify {

using engine::DeliveryResult;
using Outcome = DeliveryResult::Outcome;
namespace json = boost::json;

namespace {

// Names tried before giving up: inc-…, inc-…-2, …
constexpr int kMaxNameSuffix = 20;

struct Call {
  HttpPostResult post;
  json::object answer;
  bool ok = false;
  std::string error;
};

}  // namespace

DeliveryResult SlackWarRoomChannel::Deliver(const store::OutboxMessage& m) {
  boost::system::error_code ec;
  json::value spec = json::parse(m.body, ec);
  if (ec || !spec.is_object())
    return DeliveryResult::Of(Outcome::kFailed, "the war room request is not a JSON object");
  std::string base = std::string(spec.at("name").as_string());
  bool is_private = spec.as_object().if_contains("private") && spec.at("private").as_bool();
  std::vector<std::string> headers = {"Content-Type: application/json; charset=utf-8",
                                      "Authorization: Bearer " + o_.token};
  auto call = [&](const std::string& method, const json::object& body) {
    Call c;
    c.post = PostJson(o_.api_url + "/" + method, headers, json::serialize(body), o_.timeout);
    if (!c.post.transport_ok) return c;
    json::value v = json::parse(c.post.answer, ec);
    if (!ec && v.is_object()) {
      c.answer = v.as_object();
      c.ok =
          c.answer.if_contains("ok") && c.answer.at("ok").is_bool() && c.answer.at("ok").as_bool();
      if (auto* e = c.answer.if_contains("error"); e && e->is_string())
        c.error = std::string(e->as_string());
    }
    return c;
  };
  auto transient = [](const Call& c) {
    return !c.post.transport_ok || c.post.status == 429 || c.post.status >= 500 ||
           c.error == "ratelimited" || c.error == "internal_error" || c.error == "fatal_error" ||
           c.error == "service_unavailable";
  };

  std::string id, name;
  for (int n = 1; n <= kMaxNameSuffix && id.empty(); ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    Call c =
        call("conversations.create", json::object{{"name", candidate}, {"is_private", is_private}});
    if (c.ok) {
      const auto& ch = c.answer.at("channel").as_object();
      id = std::string(ch.at("id").as_string());
      name = std::string(ch.at("name").as_string());
    } else if (c.error == "name_taken") {
      continue;
    } else if (transient(c)) {
      DeliveryResult r = DeliveryResult::Of(
          Outcome::kRetry, c.post.transport_ok ? "Slack: " + c.error : c.post.error,
          static_cast<int>(c.post.status));
      r.retry_after = c.post.retry_after;
      return r;
    } else {
      return DeliveryResult::Of(Outcome::kFailed, "Slack conversations.create: " + c.error,
                                static_cast<int>(c.post.status));
    }
  }
  if (id.empty())
    return DeliveryResult::Of(Outcome::kFailed,
                              "Slack: every channel name for " + base + " is taken");

  // The channel exists now: whatever happens to the invitations, this
  // message is delivered (a retry would create a second channel).
  DeliveryResult r = DeliveryResult::Of(Outcome::kDelivered, "created #" + name, 200);
  r.link = DeliveryResult::Link{"war-room", "#" + name, "Slack war room " + id};
  std::string users;
  if (auto* members = spec.as_object().if_contains("members"); members && members->is_array())
    for (const auto& u : members->as_array())
      users += (users.empty() ? "" : ",") + std::string(u.as_string());
  if (!users.empty()) {
    Call inv = call("conversations.invite", json::object{{"channel", id}, {"users", users}});
    if (!inv.ok && inv.error != "already_in_channel")
      r.detail += "; inviting failed: " + (inv.post.transport_ok ? inv.error : inv.post.error);
  }
  return r;
}

}  // namespace warroom::notify
