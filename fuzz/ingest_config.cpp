// The `alert_routing` and `integrations` sections of `--config`: any text
// gives routes or problems with their lines, never a crash. Every matcher a
// loaded route holds prints (ToString) to text ParseMatcher reads back to the
// same matcher.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/ingest_yaml.hpp"
#include "fuzz_check.hpp"

using namespace warroom;

namespace {

void CheckMatcherRoundTrip(const core::LabelMatcher& m) {
  std::string error;
  auto again = config::ParseMatcher(m.ToString(), &error);
  if (!again) std::fprintf(stderr, "%s: %s\n", m.ToString().c_str(), error.c_str());
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->label == m.label && again->op == m.op && again->value == m.value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // The whole input as a file, and (for short inputs) as one matcher.
  config::IngestConfig c = config::LoadIngestConfig(text, "warroom.yaml");
  for (const auto& p : c.problems) FUZZ_CHECK(!p.message.empty());
  if (c.problems.empty())
    for (const auto& r : c.routing.routes)
      for (const auto& m : r.matchers) CheckMatcherRoundTrip(m);
  if (size <= 256) {
    std::string error;
    auto m = config::ParseMatcher(text, &error);
    if (m) {
      CheckMatcherRoundTrip(*m);
    } else {
      FUZZ_CHECK(!error.empty());
    }
  }
  return 0;
}
