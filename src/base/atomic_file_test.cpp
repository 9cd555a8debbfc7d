#include "base/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/test_dir.hpp"

namespace warroom {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFile, WritesWholeMakingFoldersAndReplacing) {
  fs::path dir = FreshTestDir("atomic-file");
  fs::path f = dir / "a" / "b" / "c.json";
  ASSERT_TRUE(WriteFileAtomically(f, "first").ok());
  EXPECT_EQ(Read(f), "first");
  ASSERT_TRUE(WriteFileAtomically(f, std::string("se\0cond", 7)).ok());
  EXPECT_EQ(Read(f), std::string("se\0cond", 7));
  EXPECT_FALSE(fs::exists(fs::path(f) += ".tmp"));
  fs::remove_all(dir);
}

TEST(AtomicFile, AFolderInTheWayIsAClearErrorAndLeavesNothing) {
  fs::path dir = FreshTestDir("atomic-file");
  fs::path blocker = dir / "status";
  ASSERT_TRUE(WriteFileAtomically(blocker, "a file, not a folder").ok());
  auto r = WriteFileAtomically(blocker / "index.html", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cannot create the folder"), std::string::npos);
  EXPECT_EQ(Read(blocker), "a file, not a folder");
  fs::remove_all(dir);
}

TEST(AtomicFile, APageWithoutExtensionIsItsFoldersIndex) {
  EXPECT_EQ(StaticFileFor("root", "/status"), fs::path("root/status/index.html"));
  EXPECT_EQ(StaticFileFor("root", "/status/incidents/ab12"),
            fs::path("root/status/incidents/ab12/index.html"));
  EXPECT_EQ(StaticFileFor("root", "/api/v2/summary.json"), fs::path("root/api/v2/summary.json"));
  EXPECT_EQ(StaticFileFor("root", "/status/feed.atom"), fs::path("root/status/feed.atom"));
}

}  // namespace
}  // namespace warroom
