#include "http/redact_keys.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

TEST(RedactKeys, IntegrationKeysNeverReachALog) {
  std::string key = "wri_" + std::string(64, 'a');
  EXPECT_EQ(RedactKeys("/api/v1/ingest/alertmanager/" + key),
            "/api/v1/ingest/alertmanager/wri_(redacted)");
  EXPECT_EQ(RedactKeys("/x/" + key + "?a=" + key + "&b=1"),
            "/x/wri_(redacted)?a=wri_(redacted)&b=1");
  EXPECT_EQ(RedactKeys("/api/v1/incidents"), "/api/v1/incidents");
}

}  // namespace
}  // namespace warroom::http
