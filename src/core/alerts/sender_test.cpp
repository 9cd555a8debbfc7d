#include "core/alerts/sender.hpp"

#include <gtest/gtest.h>

namespace warroom::core {
namespace {

TEST(SenderNames, EachSenderReadsBackFromItsName) {
  for (auto s : {Sender::kAlertmanager, Sender::kGrafana, Sender::kPagerDuty, Sender::kGeneric})
    EXPECT_EQ(ParseSender(SenderName(s)), s);
  EXPECT_EQ(SenderName(Sender::kPagerDuty), "pagerduty");
}

TEST(SenderNames, AnUnknownNameIsRefused) {
  EXPECT_FALSE(ParseSender("prometheus"));
  EXPECT_FALSE(ParseSender("PagerDuty"));
  EXPECT_FALSE(ParseSender(""));
}

}  // namespace
}  // namespace warroom::core
