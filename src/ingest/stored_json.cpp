#include "ingest/stored_json.hpp"

#include <cmath>

namespace warroom::ingest {

namespace json = boost::json;

namespace {

bool HasInfinity(const json::value& v) {
  if (v.is_double()) return !std::isfinite(v.get_double());
  if (v.is_array())
    for (const auto& e : v.get_array())
      if (HasInfinity(e)) return true;
  if (v.is_object())
    for (const auto& kv : v.get_object())
      if (HasInfinity(kv.value())) return true;
  return false;
}

void ReplaceInfinities(json::value& v) {
  if (v.is_double() && !std::isfinite(v.get_double())) {
    v = v.get_double() < 0 ? "-Infinity" : "Infinity";
  } else if (v.is_array()) {
    for (auto& e : v.get_array()) ReplaceInfinities(e);
  } else if (v.is_object()) {
    for (auto& kv : v.get_object()) ReplaceInfinities(kv.value());
  }
}

}  // namespace

std::string StoredJson(const json::value& v) {
  if (!HasInfinity(v)) return json::serialize(v);
  json::value copy = v;
  ReplaceInfinities(copy);
  return json::serialize(copy);
}

}  // namespace warroom::ingest
