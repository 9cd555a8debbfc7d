#include "core/alerts/sender.hpp"

#include "base/enum_names.hpp"

namespace warroom::core {
namespace {

constexpr EnumNames<Sender, 4> kNames{{{Sender::kAlertmanager, "alertmanager"},
                                       {Sender::kGrafana, "grafana"},
                                       {Sender::kPagerDuty, "pagerduty"},
                                       {Sender::kGeneric, "generic"}}};

}  // namespace

std::string_view SenderName(Sender s) { return NameIn(kNames, s, "generic"); }

std::optional<Sender> ParseSender(std::string_view s) { return ValueIn(kNames, s); }

}  // namespace warroom::core
