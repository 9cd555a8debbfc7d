// The timestamp and duration parsers (base/time.hpp), behind every time a
// client, a sender or a file gives: never a crash or an overflow; a parsed
// timestamp formats (RFC 3339) to text that parses back to the same
// instant, and a parsed duration of whole seconds formats to text that
// parses back to it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/time.hpp"
#include "fuzz_check.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto t = ParseTime(text); t.ok()) {
    std::string formatted = FormatTime(*t);
    auto back = ParseTime(formatted);
    if (!back.ok()) std::fprintf(stderr, "%s\n", back.error().message.c_str());
    FUZZ_CHECK(back.ok() && *back == *t);
    (void)FormatClockTime(*t);
    (void)FormatDate(*t);
  } else {
    FUZZ_CHECK(!t.error().message.empty());
  }
  if (auto d = ParseDuration(text); d.ok()) {
    FUZZ_CHECK(*d >= Duration::zero());
    std::string formatted = FormatDuration(*d);
    (void)FormatDurationWords(*d);
    if (*d % std::chrono::seconds(1) == Duration::zero()) {
      auto back = ParseDuration(formatted);
      FUZZ_CHECK(back.ok() && *back == *d);
    }
  }
  return 0;
}
