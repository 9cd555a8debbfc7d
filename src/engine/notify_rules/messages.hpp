#pragma once

// How a rule writes what it owes: a text rendered from a template, sent to a
// route's destinations or to people in person, each message keyed so that
// writing it twice (a retried command) queues it once.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/notify_rules/rule_input.hpp"

namespace warroom::engine::notify_rules {

// A notification's text (the subject is empty for chat messages).
struct Text {
  std::string subject;
  std::string body;
};

// Template `name` rendered for the rule's incident, with the fields its event
// adds and the deadline of the next update when the text announces one.
// Without a renderer, or for a template it does not know, the text is the
// bare headline "ID P1: summary" (the renderer always knows the built-ins).
Text Render(const RuleInput& in, std::string_view name,
            std::map<std::string, std::string> event_fields = {},
            std::optional<TimePoint> next_update = std::nullopt);

// The messages one rule owes, in the order it adds them.
class Messages {
 public:
  explicit Messages(const RuleInput& in) : in_(in) {}

  // To every destination of `route`. A restricted incident is never posted
  // to a shared route (internal, status-page, customers, executives): its
  // participants are told in person instead.
  void ToRoute(const std::string& route, store::OutboxKind kind, core::Audience audience,
               const Text& text);
  // One message per person per contact point they have (none without a
  // user lookup); the person's handle ends the idempotency key.
  void ToPeople(const std::vector<std::string>& handles, store::OutboxKind kind,
                core::Audience audience, const Text& text);
  // In person, for a public incident (a restricted one's messages already
  // reach every participant through ToRoute).
  void Tell(const std::vector<std::string>& handles, store::OutboxKind kind, const Text& text);
  // A reminder: to the internal route, and to the people it is for.
  void Remind(const std::vector<std::string>& who, const Text& text);
  // A message that is not text for people (the war room's channel request).
  void ToDestination(const std::string& dest, store::OutboxKind kind, core::Audience audience,
                     const std::string& subject, const std::string& body);

  std::vector<store::OutboxMessage> Take() { return std::move(out_); }

 private:
  store::OutboxMessage Message(const std::string& dest, store::OutboxKind kind,
                               core::Audience audience, const Text& text,
                               const std::string& key_suffix) const;
  bool Shared(const std::string& route) const;

  const RuleInput& in_;
  std::vector<store::OutboxMessage> out_;
};

}  // namespace warroom::engine::notify_rules
