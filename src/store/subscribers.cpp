#include "store/subscribers.hpp"

#include "base/enum_names.hpp"

namespace warroom::store {
namespace {

constexpr EnumNames<SubscriberChannel, 2> kChannels{
    {{SubscriberChannel::kEmail, "email"}, {SubscriberChannel::kWebhook, "webhook"}}};
constexpr EnumNames<SubscriberState, 3> kStates{{{SubscriberState::kPending, "pending"},
                                                 {SubscriberState::kConfirmed, "confirmed"},
                                                 {SubscriberState::kUnsubscribed, "unsubscribed"}}};
constexpr EnumNames<SubscriberTokenPurpose, 2> kPurposes{
    {{SubscriberTokenPurpose::kConfirm, "confirm"},
     {SubscriberTokenPurpose::kUnsubscribe, "unsubscribe"}}};

}  // namespace

std::string_view SubscriberChannelName(SubscriberChannel c) {
  return NameIn(kChannels, c, "email");
}
std::optional<SubscriberChannel> ParseSubscriberChannel(std::string_view s) {
  return ValueIn(kChannels, s);
}
// The fallback is the state nothing is sent to.
std::string_view SubscriberStateName(SubscriberState s) {
  return NameIn(kStates, s, "unsubscribed");
}
std::optional<SubscriberState> ParseSubscriberState(std::string_view s) {
  return ValueIn(kStates, s);
}
std::string_view SubscriberTokenPurposeName(SubscriberTokenPurpose p) {
  return NameIn(kPurposes, p, "confirm");
}
std::optional<SubscriberTokenPurpose> ParseSubscriberTokenPurpose(std::string_view s) {
  return ValueIn(kPurposes, s);
}

}  // namespace warroom::store
