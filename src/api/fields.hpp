#pragma once

// The fields of request bodies, read strictly: a field of the wrong type, out
// of its range or too long is an error naming the field and what it allows;
// never coerced, never echoed whole. (The lenient readers in event_json.hpp
// decode stored payloads, which were checked when they were written.)
// docs/api.md, "Limits of input", lists every bound.

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/text.hpp"
#include "base/time.hpp"

namespace warroom::api {

// Length bounds, in bytes of UTF-8.
inline constexpr std::size_t kNameBytes = 64;  // handles, kinds, categories, template names
inline constexpr std::size_t kShortBytes =
    500;  // summaries, reasons, titles (core's kMaxShortText)
inline constexpr std::size_t kLongBytes =
    20000;                                     // notes, updates, root causes (core's kMaxLongText)
inline constexpr std::size_t kUrlBytes = 500;  // link and PIR URLs
inline constexpr std::size_t kMaxComponents = 100;  // affected_components entries
// Whole numbers a JSON reader in any language holds exactly: 2^53 - 1.
inline constexpr std::int64_t kMaxExactInteger = 9007199254740991;
// Timestamps of requests: not before 2000-01-01, before 2100-01-01. Past
// events are also bounded by now + 60 s where they are decided (core's Decide).
TimePoint EarliestInputTime();
TimePoint LatestInputTime();

// Values quoted in messages are cut by Shown (base/text.hpp).
using warroom::Shown;

// A string field: absent or null is "" (an error when `required`, as is a
// blank one); another type, or more than `max_bytes`, is an error naming the
// field.
Result<std::string> StringField(const boost::json::object& o, std::string_view key,
                                std::size_t max_bytes, bool required = false);

// A string field that, when given, is an absolute http:// or https:// URL
// with a host (no spaces or control characters), at most kUrlBytes.
Result<std::string> UrlField(const boost::json::object& o, std::string_view key,
                             bool required = false);
// The same check on a value already read (`what` names it in the message).
Outcome CheckUrl(std::string_view url, std::string_view what);

// kInvalidArgument naming the first key of `o` not among `known` (and
// listing those) in a body `what` describes ("a maintenance").
Outcome OnlyFields(const boost::json::object& o, std::initializer_list<std::string_view> known,
                   std::string_view what);

// A list of non-blank strings of at most `max_bytes` each and at most
// `max_entries` of them; absent or null is an empty list.
Result<std::vector<std::string>> StringListField(const boost::json::object& o, std::string_view key,
                                                 std::size_t max_entries, std::size_t max_bytes);

// A whole number from `min` to `max`; absent or null is nullopt.
Result<std::optional<std::int64_t>> IntField(const boost::json::object& o, std::string_view key,
                                             std::int64_t min, std::int64_t max);

// A number (whole or not) from `min` to `max`; absent or null is nullopt.
Result<std::optional<double>> NumberField(const boost::json::object& o, std::string_view key,
                                          double min, double max);

// true or false; absent or null is false.
Result<bool> BoolField(const boost::json::object& o, std::string_view key);

// An RFC 3339 timestamp within [EarliestInputTime, LatestInputTime);
// absent or null is nullopt.
Result<std::optional<TimePoint>> TimeField(const boost::json::object& o, std::string_view key);

}  // namespace warroom::api
