// Alertmanager's webhook (version 4), as POST /api/v1/ingest/alertmanager reads it: any bytes give
// alerts or an error, never a crash; every alert keeps the promises of
// fuzz_check.hpp, and the same body gives the same alerts again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "ingest/alertmanager/translate.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  fuzz::CheckTranslator(body, "fuzz-alertmanager", &ingest::alertmanager::Translate);
  return 0;
}
