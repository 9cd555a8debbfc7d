#include "core/alerts/sender.hpp"

namespace warroom::core {

std::string_view SenderName(Sender s) {
  switch (s) {
    case Sender::kAlertmanager:
      return "alertmanager";
    case Sender::kGrafana:
      return "grafana";
    case Sender::kPagerDuty:
      return "pagerduty";
    case Sender::kGeneric:
      return "generic";
  }
  return "generic";
}

std::optional<Sender> ParseSender(std::string_view s) {
  for (auto sender :
       {Sender::kAlertmanager, Sender::kGrafana, Sender::kPagerDuty, Sender::kGeneric})
    if (SenderName(sender) == s) return sender;
  return std::nullopt;
}

}  // namespace warroom::core
