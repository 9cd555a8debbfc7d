#pragma once

// What every harness shares: a check beyond "no crash" that stops the run
// (libFuzzer then saves the input as a crash), and the checks on an alert
// that every sender's translator owes.

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/time.hpp"
#include "core/alerts/alert.hpp"
#include "engine/alert_rows.hpp"
#include "ingest/headers.hpp"

namespace warroom::fuzz {

[[noreturn]] inline void Fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
  std::abort();
}

#define FUZZ_CHECK(cond) ((cond) ? (void)0 : ::warroom::fuzz::Fail(#cond, __FILE__, __LINE__))

// The fixed "now" of every harness: the same input always behaves the same.
inline TimePoint Now() { return FromMicros(1770906180000000); /* 2026-02-12T14:23:00Z */ }

// A JSON object's text, as stored for labels and annotations.
inline bool IsJsonObject(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  return !ec && v.is_object();
}

// True when `v` holds a number that is not a whole one. Boost.JSON 1.81
// reads such numbers to within an ulp, not exactly, and writes an infinity
// (1e999 read) as the bare word Infinity, so they may not survive a write
// and a read unchanged; whole numbers and everything else do.
inline bool HasDouble(const boost::json::value& v) {
  if (v.is_double()) return true;
  if (v.is_array())
    for (const auto& e : v.as_array())
      if (HasDouble(e)) return true;
  if (v.is_object())
    for (const auto& kv : v.as_object())
      if (HasDouble(kv.value())) return true;
  return false;
}

// A JSON value's text (a structured annotation's).
inline bool IsJson(const std::string& text) {
  boost::system::error_code ec;
  boost::json::parse(text, ec);
  return !ec;
}

// What every translated alert promises the ingest service, and the row it
// makes (engine/alert_rows.hpp) the store.
inline void CheckAlert(const core::Alert& a, const std::string& integration) {
  FUZZ_CHECK(!a.key.empty());
  FUZZ_CHECK(core::ParseAlertStatus(core::AlertStatusName(a.status)) == a.status);
  for (const auto& n : a.annotations)
    if (n.structured) FUZZ_CHECK(IsJson(n.value));
  // Bounded times (ingest/alert_times.hpp): never before 2000, never past now + 60 s.
  FUZZ_CHECK(a.starts_at >= FromMicros(946684800000000));
  FUZZ_CHECK(a.starts_at <= Now() + std::chrono::seconds(60));
  if (a.ends_at) FUZZ_CHECK(*a.ends_at >= FromMicros(946684800000000));
  store::AlertRecord row = engine::AlertRow(a, integration, Now());
  FUZZ_CHECK(row.integration == integration && row.alert_key == a.key);
  FUZZ_CHECK(IsJsonObject(row.labels));
  FUZZ_CHECK(IsJsonObject(row.annotations));
  FUZZ_CHECK(row.first_seen == Now() && row.last_seen == Now());
}

// One sender's translator, `translate(body, headers, now)`: any bytes give
// alerts or an error that says why, never a crash; every alert keeps
// CheckAlert's promises, and the same body gives as many alerts again.
// Returns how many alerts the body gave (0 for an error).
template <class Translate>
std::size_t CheckTranslator(std::string_view body, const std::string& integration,
                            Translate translate) {
  auto alerts = translate(body, ingest::Headers{}, Now());
  if (!alerts.ok()) {
    FUZZ_CHECK(!alerts.error().message.empty());
    return 0;
  }
  for (const auto& a : *alerts) CheckAlert(a, integration);
  auto again = translate(body, ingest::Headers{}, Now());
  FUZZ_CHECK(again.ok() && again->size() == alerts->size());
  return alerts->size();
}

}  // namespace warroom::fuzz
