// The notifications part of `--config` (`destinations`, `responders`,
// `people`, `routes`): any text gives destinations or problems with their
// lines, never a crash (a contact point that was not a map once threw out of
// the loader and ended `warroom config check`). What loads is consistent:
// every route names a destination that exists, and every person's contact
// point is one of them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "notify/destinations.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  notify::DestinationsConfig c = notify::LoadDestinations(text, "warroom.yaml");
  for (const auto& p : c.problems) {
    FUZZ_CHECK(!p.message.empty());
    FUZZ_CHECK(p.line >= 0);
  }
  for (const auto& [route, names] : c.routing.routes)
    for (const auto& name : names) FUZZ_CHECK(c.destinations.count(name) == 1);
  for (const auto& person : c.people) {
    FUZZ_CHECK(person.contact == "email" || person.contact == "slack");
    FUZZ_CHECK(c.destinations.count(person.name) == 1);
  }
  if (c.problems.empty())
    for (const auto& [name, dest] : c.destinations) FUZZ_CHECK(dest.channel != nullptr);
  return 0;
}
