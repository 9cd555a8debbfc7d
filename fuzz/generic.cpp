// warroom's generic alert format, as POST /api/v1/ingest/generic reads it: any bytes give
// alerts or an error, never a crash; every alert keeps the promises of
// fuzz_check.hpp, and the same body gives the same alerts again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "ingest/generic/translate.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::size_t n = fuzz::CheckTranslator(body, "fuzz-generic", &ingest::generic::Translate);
  FUZZ_CHECK(n <= ingest::generic::kMaxGenericAlerts);
  return 0;
}
