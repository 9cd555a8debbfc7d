// The YAML policy (`--policy FILE`, `warroom policy check`): any text gives
// a policy or problems with their lines, never a crash; a usable policy is
// written back by PolicyToYaml to YAML that reads back to the same policy.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/policy_yaml.hpp"
#include "fuzz_check.hpp"

using namespace warroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  config::PolicyLoad load = config::ParsePolicy(text, "policy.yaml");
  for (const auto& p : load.problems) {
    FUZZ_CHECK(!p.message.empty());
    FUZZ_CHECK(p.line >= 0);
  }
  if (load.ok()) {
    std::string yaml = config::PolicyToYaml(load.policy);
    config::PolicyLoad again = config::ParsePolicy(yaml, "written.yaml");
    if (!again.ok()) std::fprintf(stderr, "%s\n", again.problems[0].ToString().c_str());
    FUZZ_CHECK(again.ok());
    if (!(again.policy == load.policy)) std::fprintf(stderr, "written as:\n%s\n", yaml.c_str());
    FUZZ_CHECK(again.policy == load.policy);
  }
  return 0;
}
