#pragma once

// For unit tests only (it needs gtest): a directory of the running test's
// own, empty, under the system's temporary directory.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>

namespace warroom {

// <tmp>/warroom-<prefix>-<pid>-<test name>, removed and made again, so a
// test starts from nothing even after an earlier run died half-way; the
// process id keeps concurrent runs of the binary apart. A parameterised
// test's "Name/0" becomes "Name-0". The caller removes it when done.
inline std::filesystem::path FreshTestDir(std::string_view prefix) {
  std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::replace(name.begin(), name.end(), '/', '-');
  auto dir = std::filesystem::temp_directory_path() /
             ("warroom-" + std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace warroom
