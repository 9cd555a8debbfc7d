// Grafana's webhook contact point, as POST /api/v1/ingest/grafana reads it: any bytes give
// alerts or an error, never a crash; every alert keeps the promises of
// fuzz_check.hpp, and the same body gives the same alerts again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "ingest/grafana/translate.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  fuzz::CheckTranslator(body, "fuzz-grafana", &ingest::grafana::Translate);
  return 0;
}
