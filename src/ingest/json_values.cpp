#include "ingest/json_values.hpp"

#include <cmath>

namespace warroom::ingest {

SenderJson::SenderJson(std::string_view body)
    : arena_(first_block_, sizeof first_block_),
      // The concrete resource type marks its deallocation trivial: the tree
      // is never walked to be destroyed.
      value_(boost::json::parse(body, error_, boost::json::storage_ptr(&arena_))) {}

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

std::string LabelText(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : StoredJson(v);
}

core::LabelPairs LabelsOf(const json::object& o) {
  core::LabelPairs out;
  out.reserve(o.size());
  for (const auto& [k, v] : o) out.emplace_back(std::string(k), LabelText(v));
  return out;
}

core::Annotations AnnotationsOf(const json::object& o) {
  core::Annotations out;
  out.reserve(o.size());
  for (const auto& [k, v] : o) out.push_back({std::string(k), LabelText(v), !v.is_string()});
  return out;
}

void SetAnnotation(core::Annotations& annotations, std::string_view name, std::string value,
                   bool structured) {
  for (auto& a : annotations)
    if (a.name == name) {
      a.value = std::move(value);
      a.structured = structured;
      return;
    }
  annotations.push_back({std::string(name), std::move(value), structured});
}

}  // namespace warroom::ingest
