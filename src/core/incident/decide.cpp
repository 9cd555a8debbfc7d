// Decide (command.hpp): the checks every command shares (the incident
// exists, the time it names); each command's own checks are the Decider's
// (decider.hpp), by family.
#include <algorithm>

#include "core/incident/decider.hpp"

namespace warroom::core {
namespace {

bool IsLifecycleCommand(const Command& c) {
  return std::holds_alternative<commands::Acknowledge>(c) ||
         std::holds_alternative<commands::Identify>(c) ||
         std::holds_alternative<commands::Mitigate>(c) ||
         std::holds_alternative<commands::Resolve>(c) ||
         std::holds_alternative<commands::Close>(c) ||
         std::holds_alternative<commands::Reopen>(c) ||
         std::holds_alternative<commands::Dismiss>(c);
}

// What a timeline and a review record as context, never a step.
bool IsContextCommand(const Command& c) {
  return std::holds_alternative<commands::AddNote>(c) ||
         std::holds_alternative<commands::AddLink>(c);
}

}  // namespace

std::vector<std::string> AllowedNextSteps(Status status) {
  switch (status) {
    case Status::kInvestigating:
      return {"identify", "mitigate", "dismiss"};
    case Status::kIdentified:
      return {"identify", "mitigate"};
    case Status::kMonitoring:
      return {"identify", "resolve", "reopen"};
    case Status::kResolved:
      return {"close", "reopen"};
    case Status::kClosed:
    case Status::kDismissed:
      return {};
  }
  return {};
}

Result<Decision> Decide(const IncidentState& state, const Command& command,
                        const CommandContext& ctx) {
  bool declare = std::holds_alternative<commands::Declare>(command);
  if (!declare && !state.declared) return Error::NotFound("no incident " + state.id);

  TimePoint at = ctx.at.value_or(ctx.now);
  if (!ctx.at) {
    // An event given no time happens now. On an instance whose clock is
    // behind the one that recorded the incident's last step (skew between
    // hosts, or a follower of simulated time not yet caught up), "now" is
    // before that step: the event is placed at it rather than refused for
    // an --at the caller never gave.
    if (!declare) at = std::max(at, state.declared_at);
    if (!declare && IsLifecycleCommand(command)) at = std::max(at, state.last_lifecycle_at);
  } else {
    if (at > ctx.now + kMaxFutureSkew) {
      return Error::InvalidArgument("--at " + FormatTime(at) + " is in the future (now " +
                                    FormatTime(ctx.now) + "); an event may be at most " +
                                    FormatDurationWords(kMaxFutureSkew) + " ahead");
    }
    if (!declare && IsLifecycleCommand(command) && at < state.last_lifecycle_at) {
      return Error::InvalidArgument("--at " + FormatTime(at) +
                                    " is before the previous lifecycle step of " + state.id +
                                    " at " + FormatTime(state.last_lifecycle_at));
    }
    // Context (a note, a link: the deployment at 14:00, the customer's
    // ticket at 14:18) may be recorded from before the declaration, up to
    // kMaxContextBefore: it belongs in the timeline and the review, and
    // changes no metric. Everything else happens after it.
    if (!declare && IsContextCommand(command)) {
      if (at < state.declared_at - kMaxContextBefore)
        return Error::InvalidArgument(
            "--at " + FormatTime(at) + " is more than " + FormatDurationWords(kMaxContextBefore) +
            " before " + state.id + " was declared at " + FormatTime(state.declared_at) +
            "; a note or link may reach back at most that far");
    } else if (!declare && at < state.declared_at) {
      return Error::InvalidArgument("--at " + FormatTime(at) + " is before " + state.id +
                                    " was declared at " + FormatTime(state.declared_at) +
                                    " (only notes and links may be from before it)");
    }
  }
  WARROOM_ASSIGN_OR_RETURN(auto events, std::visit(decide::Decider{state, ctx, at}, command));
  return Decision{at, std::move(events)};
}

}  // namespace warroom::core
