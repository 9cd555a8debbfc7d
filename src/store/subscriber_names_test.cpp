// The subscribers' stored names: a channel, a state, a token's purpose; and
// how the SQL adapters store a subscriber's components.
#include <gtest/gtest.h>

#include "store/subscriber_rows.hpp"
#include "store/subscribers.hpp"

namespace warroom::store {
namespace {

TEST(SubscriberNames, EachChannelStateAndPurposeReadsBackFromItsName) {
  for (auto c : {SubscriberChannel::kEmail, SubscriberChannel::kWebhook})
    EXPECT_EQ(ParseSubscriberChannel(SubscriberChannelName(c)), c);
  for (auto s :
       {SubscriberState::kPending, SubscriberState::kConfirmed, SubscriberState::kUnsubscribed})
    EXPECT_EQ(ParseSubscriberState(SubscriberStateName(s)), s);
  for (auto p : {SubscriberTokenPurpose::kConfirm, SubscriberTokenPurpose::kUnsubscribe})
    EXPECT_EQ(ParseSubscriberTokenPurpose(SubscriberTokenPurposeName(p)), p);
  EXPECT_EQ(SubscriberChannelName(SubscriberChannel::kWebhook), "webhook");
  EXPECT_EQ(SubscriberStateName(SubscriberState::kUnsubscribed), "unsubscribed");
  EXPECT_EQ(SubscriberTokenPurposeName(SubscriberTokenPurpose::kUnsubscribe), "unsubscribe");
}

TEST(SubscriberNames, AnUnknownNameIsRefused) {
  EXPECT_FALSE(ParseSubscriberChannel("Email"));
  EXPECT_FALSE(ParseSubscriberChannel("sms"));
  EXPECT_FALSE(ParseSubscriberState("active"));
  EXPECT_FALSE(ParseSubscriberState(""));
  EXPECT_FALSE(ParseSubscriberTokenPurpose("confirmation"));
}

TEST(SubscriberNames, ComponentsReadBackFromTheirStoredForm) {
  using List = std::vector<std::string>;
  for (const List& v : {List{}, List{"api"}, List{"api", "web-app", "db_1"}})
    EXPECT_EQ(SplitComponents(JoinComponents(v)), v);
  EXPECT_EQ(JoinComponents({}), ",");
  EXPECT_EQ(JoinComponents({"api", "web"}), ",api,web,");
  EXPECT_TRUE(CheckComponents({"api", "web-app"}).ok());
  EXPECT_FALSE(CheckComponents({"api,web"}).ok());
  EXPECT_FALSE(CheckComponents({""}).ok());
}

}  // namespace
}  // namespace warroom::store
