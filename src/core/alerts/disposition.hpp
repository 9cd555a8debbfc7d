#pragma once

#include <optional>
#include <string_view>

namespace warroom::core {

// Where an alert went: the router sets it as the alert arrives, a
// responder's triage later. Stored and answered (the alerts API's
// "disposition" and its filter) by the names below.
enum class Disposition {
  kTriage,     // "triage": waits for a responder to declare, attach or dismiss it
  kIncident,   // "incident": joined an incident (declared for it, or held its group)
  kDismissed,  // "dismissed": a responder dismissed it (the reason is its triage note)
  kRecorded,   // "recorded": an attach route found no incident to join; kept, not triaged
};

std::string_view DispositionName(Disposition d);
std::optional<Disposition> ParseDisposition(std::string_view s);

}  // namespace warroom::core
