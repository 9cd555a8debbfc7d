#include <gtest/gtest.h>

#include "core/alerts/alert.hpp"

namespace warroom::core {
namespace {

TEST(AlertStatusNames, EachStatusReadsBackFromItsName) {
  for (AlertStatus s : {AlertStatus::kFiring, AlertStatus::kAcknowledged, AlertStatus::kResolved})
    EXPECT_EQ(ParseAlertStatus(AlertStatusName(s)), s);
  EXPECT_EQ(AlertStatusName(AlertStatus::kAcknowledged), "acknowledged");
}

TEST(AlertStatusNames, AnUnknownNameIsRefused) {
  EXPECT_FALSE(ParseAlertStatus("open"));
  EXPECT_FALSE(ParseAlertStatus("Firing"));
  EXPECT_FALSE(ParseAlertStatus(""));
}

}  // namespace
}  // namespace warroom::core
