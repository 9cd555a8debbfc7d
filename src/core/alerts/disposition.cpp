#include "core/alerts/disposition.hpp"

#include "base/enum_names.hpp"

namespace warroom::core {
namespace {

constexpr EnumNames<Disposition, 4> kNames{{{Disposition::kTriage, "triage"},
                                            {Disposition::kIncident, "incident"},
                                            {Disposition::kDismissed, "dismissed"},
                                            {Disposition::kRecorded, "recorded"}}};

}  // namespace

std::string_view DispositionName(Disposition d) { return NameIn(kNames, d, "triage"); }

std::optional<Disposition> ParseDisposition(std::string_view s) { return ValueIn(kNames, s); }

}  // namespace warroom::core
