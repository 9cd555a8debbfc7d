#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warroom {

// ASCII lowercase (header names, Slack channel names, hex digests): never
// locale-dependent.
std::string AsciiLower(std::string_view s);

// "a, b, c": a list as a sentence names it ("" for none).
std::string Join(const std::vector<std::string>& v);

// True when `s` holds nothing but ASCII white space (space, \t, \n, \v, \f,
// \r): the one meaning of "blank" for every text a command requires, so a
// caller that fills in a blank text (the alert router's summaries) agrees
// with the check that refuses one.
bool IsBlank(std::string_view s);

// A value cut to at most 64 bytes (at a UTF-8 boundary, "…" appended), for
// error messages that quote what a client sent: never echoed whole.
std::string Shown(std::string_view value);

// Appends `s` as a JSON string, quotes included, byte for byte what
// boost::json::serialize writes for it (", \\ and control characters
// escaped, \u00xx in lowercase hex; other bytes as they are). Hot paths
// (an alert's stored labels) append in place, where serialize made a string
// for each value.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace warroom
