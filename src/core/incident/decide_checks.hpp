#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "core/incident/command.hpp"

// The checks Decide's command families share (decide_*.cpp). Each is pure:
// Success, or the Error that refuses the command, worded for the person who
// sent it. Not for use outside Decide.
namespace warroom::core::decide {

// FailedPrecondition: `s` is in a status that does not allow `step`,
// naming the steps that are allowed from it.
Error Refuse(const IncidentState& s, std::string_view step);

// InvalidArgument when `text` is blank or longer than `max` bytes.
Outcome RequireText(const std::string& text, std::string_view what, std::size_t max);

// InvalidArgument for a negative count, a share outside 0..100, or text
// over its limit.
Outcome CheckImpact(const ImpactChange& c);

// The actor is the person holding the incident's IC role (never when vacant).
bool IsCommander(const IncidentState& s, const CommandContext& ctx);

// PermissionDenied unless the actor is the incident's IC or an admin.
Outcome RequireCommanderOrAdmin(const IncidentState& s, const CommandContext& ctx,
                                std::string_view what);

// Who may give the IC role to `to`: the current IC hands it over and an
// admin assigns it; while it is vacant a responder may take it, for
// themselves. PermissionDenied otherwise.
Outcome RequireMayAssignCommander(const IncidentState& s, const CommandContext& ctx,
                                  const std::string& to);

// FailedPrecondition when the user the command names is a viewer: viewers
// read incidents; taking part is for responders.
Outcome RequireNotViewer(const IncidentState& s, const CommandContext& ctx, const std::string& user,
                         std::string_view what);

}  // namespace warroom::core::decide
