#include "app/check_commands.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "app/config_files.hpp"
#include "config/policy_yaml.hpp"

namespace warroom::app {

int CheckConfig(const std::string& path, bool json) {
  ConfigSections sections;
  auto problems = LoadConfig(path, sections);
  if (json) {
    boost::json::array out;
    for (const auto& p : problems)
      out.push_back(boost::json::object{
          {"file", p.file}, {"line", p.line}, {"key", p.key}, {"message", p.message}});
    std::cout << boost::json::serialize(
                     boost::json::object{{"ok", problems.empty()}, {"problems", std::move(out)}})
              << "\n";
  } else if (problems.empty()) {
    std::cout << path << ": OK\n";
  } else {
    for (const auto& p : problems) std::cout << p.ToString() << "\n";
    std::cout << problems.size() << " problem(s) in " << path << "\n";
  }
  return problems.empty() ? 0 : 1;
}

int CheckPolicy(const std::string& path, bool json) {
  auto loaded = config::LoadPolicyFile(path);
  if (json) {
    boost::json::array problems;
    for (const auto& p : loaded.problems)
      problems.push_back(boost::json::object{
          {"file", p.file}, {"line", p.line}, {"key", p.key}, {"message", p.message}});
    boost::json::object o{{"ok", loaded.ok()}, {"problems", std::move(problems)}};
    if (loaded.ok()) o["version"] = loaded.policy.version;
    std::cout << boost::json::serialize(o) << "\n";
  } else if (loaded.ok()) {
    std::cout << path << ": OK, policy " << loaded.policy.version << "\n";
  } else {
    for (const auto& p : loaded.problems) std::cout << p.ToString() << "\n";
    std::cout << loaded.problems.size() << " problem(s) in " << path << "\n";
  }
  return loaded.ok() ? 0 : 1;
}

}  // namespace warroom::app
