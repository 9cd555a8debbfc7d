// PagerDuty Events API v2 (POST /v2/enqueue): any bytes give an event or
// the list of what is wrong in PagerDuty's words, never both, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "ingest/pagerduty/translate.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto event = ingest::pagerduty::Translate(
      body, {}, fuzz::Now(), [] { return std::string("0123456789abcdef0123456789abcdef"); });
  if (event.ok()) {
    FUZZ_CHECK(!event.routing_key.empty());
    FUZZ_CHECK(!event.dedup_key.empty() && event.dedup_key.size() <= 255);
    FUZZ_CHECK(event.alert.match_open && event.alert.key == event.dedup_key);
    fuzz::CheckAlert(event.alert, "fuzz-pagerduty");
  } else {
    // The 400 answer lists at least one reason.
    for (const auto& e : event.errors) FUZZ_CHECK(!e.empty());
  }
  return 0;
}
