#pragma once

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
};

// What a template is rendered from.
struct RenderInput {
  const core::IncidentState* state = nullptr;
  const core::Policy* policy = nullptr;
  TimePoint now;
  // The deadline of the next update (the update clock's due time; for an
  // update being posted, now + the cadence). Announced at the quarter-hour
  // at or before it.
  std::optional<TimePoint> next_update_deadline;
};

// The port through which the engine renders the communication templates;
// implemented by notify/.
class MessageRenderer {
 public:
  virtual ~MessageRenderer() = default;
  // kNotFound for an unknown template (naming the known ones).
  virtual Result<RenderedMessage> Render(std::string_view name, const RenderInput& in) const = 0;
  virtual std::vector<std::string> Names() const = 0;
};

}  // namespace warroom::engine
