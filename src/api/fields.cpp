#include "api/fields.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "base/http_url.hpp"
#include "base/text.hpp"

namespace warroom::api {

namespace json = boost::json;

namespace {

std::string Quoted(std::string_view key) { return "'" + std::string(key) + "'"; }

// JSON's name for what a client sent instead.
std::string_view KindOf(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return "a string";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::array:
      return "a list";
    case json::kind::object:
      return "an object";
    case json::kind::null:
      return "null";
  }
  return "something else";
}

const json::value* Present(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

}  // namespace

TimePoint EarliestInputTime() { return std::chrono::sys_days{std::chrono::year{2000} / 1 / 1}; }
TimePoint LatestInputTime() { return std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}; }

Result<std::string> StringField(const json::object& o, std::string_view key, std::size_t max_bytes,
                                bool required) {
  const json::value* v = Present(o, key);
  if (!v) {
    if (required) return Error::InvalidArgument(Quoted(key) + " is required and must be a string");
    return std::string();
  }
  if (!v->is_string())
    return Error::InvalidArgument(Quoted(key) + (required ? " is required and" : "") +
                                  " must be a string, not " + std::string(KindOf(*v)));
  const json::string& s = v->as_string();
  if (s.size() > max_bytes)
    return Error::InvalidArgument(Quoted(key) + " is " + std::to_string(s.size()) +
                                  " bytes; at most " + std::to_string(max_bytes) + " are allowed");
  // A required text that is blank is as good as missing: refused here, by
  // name, before the domain looks at the incident's state.
  if (required && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }))
    return Error::InvalidArgument(Quoted(key) + " is required and must not be blank");
  return std::string(s);
}

Outcome CheckUrl(std::string_view url, std::string_view what) {
  std::string_view problem = HttpUrlProblem(url);
  if (problem.empty()) return Success();
  return Error::InvalidArgument(std::string(what) + " '" + Shown(url) + "' " +
                                std::string(problem) +
                                ": give an absolute http:// or https:// URL");
}

Result<std::string> UrlField(const json::object& o, std::string_view key, bool required) {
  WARROOM_ASSIGN_OR_RETURN(std::string url, StringField(o, key, kUrlBytes, required));
  if (url.empty()) {
    if (required) return Error::InvalidArgument(Quoted(key) + " must not be empty");
    return url;
  }
  WARROOM_RETURN_IF_ERROR(CheckUrl(url, Quoted(key)));
  return url;
}

Result<std::optional<std::int64_t>> IntField(const json::object& o, std::string_view key,
                                             std::int64_t min, std::int64_t max) {
  const json::value* v = Present(o, key);
  if (!v) return std::optional<std::int64_t>();
  auto range = [&] {
    return Error::InvalidArgument(Quoted(key) + " must be a whole number from " +
                                  std::to_string(min) + " to " + std::to_string(max));
  };
  // Boost.JSON reads 2^63 and above as uint64 and fractions as double: each
  // is checked here, never converted (a conversion that overflows throws).
  if (v->is_int64()) {
    std::int64_t n = v->get_int64();
    if (n < min || n > max) return range();
    return std::optional<std::int64_t>(n);
  }
  if (v->is_uint64()) return range();  // above INT64_MAX, so above every max
  if (v->is_double()) {
    double d = v->get_double();
    if (std::trunc(d) != d) return range();
    if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max))) return range();
    return std::optional<std::int64_t>(static_cast<std::int64_t>(d));
  }
  return Error::InvalidArgument(Quoted(key) + " must be a whole number, not " +
                                std::string(KindOf(*v)));
}

Result<std::optional<double>> NumberField(const json::object& o, std::string_view key, double min,
                                          double max) {
  const json::value* v = Present(o, key);
  if (!v) return std::optional<double>();
  if (!v->is_number())
    return Error::InvalidArgument(Quoted(key) + " must be a number, not " +
                                  std::string(KindOf(*v)));
  double d = v->to_number<double>();  // never throws for a number
  if (!(d >= min && d <= max)) {
    auto text = [](double x) {
      std::string s = std::to_string(x);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    return Error::InvalidArgument(Quoted(key) + " must be a number from " + text(min) + " to " +
                                  text(max));
  }
  return std::optional<double>(d);
}

Result<bool> BoolField(const json::object& o, std::string_view key) {
  const json::value* v = Present(o, key);
  if (!v) return false;
  if (!v->is_bool())
    return Error::InvalidArgument(Quoted(key) + " must be true or false, not " +
                                  std::string(KindOf(*v)));
  return v->as_bool();
}

Outcome OnlyFields(const json::object& o, std::initializer_list<std::string_view> known,
                   std::string_view what) {
  for (const auto& kv : o) {
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) != known.end()) continue;
    std::string names;
    for (std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
    return Error::InvalidArgument(Quoted(Shown(kv.key())) + " is not a field of " +
                                  std::string(what) + ": the fields are " + names);
  }
  return Success();
}

Result<std::vector<std::string>> StringListField(const json::object& o, std::string_view key,
                                                 std::size_t max_entries, std::size_t max_bytes) {
  std::vector<std::string> out;
  const json::value* v = Present(o, key);
  if (!v) return out;
  if (!v->is_array()) return Error::InvalidArgument(Quoted(key) + " must be a list of strings");
  const json::array& a = v->as_array();
  if (a.size() > max_entries)
    return Error::InvalidArgument(Quoted(key) + " holds " + std::to_string(a.size()) +
                                  " entries; at most " + std::to_string(max_entries) +
                                  " are allowed");
  for (std::size_t i = 0; i < a.size(); ++i) {
    json::object one{{std::string(key) + "[" + std::to_string(i) + "]", a[i]}};
    WARROOM_ASSIGN_OR_RETURN(auto item, StringField(one, one.begin()->key(), max_bytes, true));
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::optional<TimePoint>> TimeField(const json::object& o, std::string_view key) {
  const json::value* v = Present(o, key);
  if (!v) return std::optional<TimePoint>();
  if (!v->is_string())
    return Error::InvalidArgument(Quoted(key) + " must be an RFC 3339 date-time string, not " +
                                  std::string(KindOf(*v)));
  std::string_view text = v->as_string();
  if (text.size() > kNameBytes)
    return Error::InvalidArgument(Quoted(key) + " '" + Shown(text) +
                                  "' is not an RFC 3339 date-time");
  auto t = ParseTime(text);
  if (!t.ok()) return Error::InvalidArgument(Quoted(key) + ": " + t.error().message);
  if (*t < EarliestInputTime() || *t >= LatestInputTime())
    return Error::InvalidArgument(
        Quoted(key) + " " + FormatTime(*t) + " is outside the accepted window: from " +
        FormatTime(EarliestInputTime()) + " to before " + FormatTime(LatestInputTime()));
  return std::optional<TimePoint>(*t);
}

}  // namespace warroom::api
