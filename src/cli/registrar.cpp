#include "cli/registrar.hpp"

namespace warroom::cli {

void Registrar::JsonFlag(CLI::App* c, const std::string& help) const {
  c->add_flag("--json", opts->json, help);
}

void Registrar::Runs(CLI::App* c, std::function<int()> action, const std::string& json_help) const {
  JsonFlag(c, json_help);
  c->callback([run = run, action = std::move(action)] { *run = action; });
}

CLI::Option* BodyString(CLI::App* c, const Body& body, const char* flag, const char* key,
                        const char* help) {
  return c->add_option_function<std::string>(
      flag, [body, key](const std::string& v) { (*body)[key] = v; }, help);
}

}  // namespace warroom::cli
