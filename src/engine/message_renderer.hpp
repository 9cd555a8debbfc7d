#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/clocks/clocks.hpp"
#include "core/incident/state.hpp"
#include "core/severity/policy.hpp"

namespace warroom::engine {

struct RenderedMessage {
  std::string template_name;
  std::string audience;  // the template's default audience
  std::string subject;   // empty for chat and status page messages
  std::string text;
  // For an update (engine/update_message): the message the audience's
  // destinations receive, the next-update line included. Empty otherwise.
  std::string delivered_text;
  // Fields the template shows outside any section whose value is still
  // empty (a root cause before identification): sent, it would read
  // "root cause: ." A person is told, not sent it.
  std::vector<std::string> empty_fields;
};

// What a preview and a send compare: the lowercase hex SHA-256 of the
// template, audience, subject, text and delivered text. Equal digests, the
// same message.
std::string MessageDigest(const RenderedMessage& m);

// What a template is rendered from.
struct RenderInput {
  RenderInput() = default;
  RenderInput(const core::IncidentState* state, const core::Policy* policy, TimePoint now,
              std::optional<TimePoint> next_update_deadline = std::nullopt,
              std::map<std::string, std::string> event_fields = {})
      : state(state),
        policy(policy),
        now(now),
        next_update_deadline(next_update_deadline),
        event_fields(std::move(event_fields)) {}

  // The incident, and the policy it runs under: both null for a message
  // about no incident (a triage notice), whose incident fields are empty.
  const core::IncidentState* state = nullptr;
  const core::Policy* policy = nullptr;
  TimePoint now;
  // The deadline of the next update (the update clock's due time; for an
  // update being posted, now + the cadence). Announced at the quarter-hour
  // at or before it.
  std::optional<TimePoint> next_update_deadline;
  // What the event a notification is about adds (a page's target, a breached
  // clock's due time, ...), by field name (docs/templates.md lists them);
  // set by the notifier's rules. A field named here replaces the incident's
  // field of that name; an empty value is false in a section.
  std::map<std::string, std::string> event_fields;
};

// The port through which the engine renders the communication templates and
// the text of every notification; implemented by notify/.
class MessageRenderer {
 public:
  virtual ~MessageRenderer() = default;
  // kNotFound for an unknown template (naming the known ones).
  virtual Result<RenderedMessage> Render(std::string_view name, const RenderInput& in) const = 0;
  virtual std::vector<std::string> Names() const = 0;
};

}  // namespace warroom::engine
