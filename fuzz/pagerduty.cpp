// PagerDuty Events API v2 (POST /v2/enqueue): any bytes give an event or
// the list of what is wrong in PagerDuty's words, never both, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "ingest/pagerduty.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> errors;
  const std::string generated = "0123456789abcdef0123456789abcdef";
  auto event = ingest::ParsePagerDuty(body, fuzz::Now(), errors, generated);
  if (event.ok()) {
    FUZZ_CHECK(errors.empty());
    FUZZ_CHECK(!event->routing_key.empty());
    FUZZ_CHECK(!event->dedup_key.empty() && event->dedup_key.size() <= 255);
    FUZZ_CHECK(event->alert.match_open);
    event->alert.integration = "fuzz-pagerduty";  // set by the ingest service
    fuzz::CheckAlert(event->alert, "fuzz-pagerduty");
  } else {
    // The 400 answer lists at least one reason.
    FUZZ_CHECK(!errors.empty());
    for (const auto& e : errors) FUZZ_CHECK(!e.empty());
  }
  return 0;
}
