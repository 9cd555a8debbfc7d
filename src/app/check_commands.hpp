#pragma once

#include <string>

namespace warroom::app {

// `warroom policy check FILE`: prints each problem of a policy file with
// file, line and key (or "OK, policy V"); `json`: one JSON object. Exit code
// 0 when the file is good, 1 when it has problems.
int CheckPolicy(const std::string& path, bool json);

// `warroom config check FILE`: the same for a notifications config file.
int CheckConfig(const std::string& path, bool json);

}  // namespace warroom::app
