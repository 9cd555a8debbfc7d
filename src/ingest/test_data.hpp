#pragma once

// For the translators' unit tests only: the real-shaped payloads kept under
// tests/data/<sender>/, and the alert's parts as short text to compare.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/alerts/alert.hpp"

namespace warroom::ingest::testing {

// The bytes of tests/data/`path` (throws when it cannot be read).
inline std::string TestData(const std::string& path) {
  std::ifstream in(std::string(WARROOM_TEST_DATA_DIR) + "/" + path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read tests/data/" + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "name=value name2=value2", in order.
inline std::string Text(const core::LabelPairs& pairs) {
  std::string out;
  for (const auto& [k, v] : pairs) out += (out.empty() ? "" : " ") + k + "=" + v;
  return out;
}

// The same for annotations; a structured value shows as name:=json.
inline std::string Text(const core::Annotations& annotations) {
  std::string out;
  for (const auto& a : annotations)
    out += (out.empty() ? "" : " ") + a.name + (a.structured ? ":=" : "=") + a.value;
  return out;
}

}  // namespace warroom::ingest::testing
