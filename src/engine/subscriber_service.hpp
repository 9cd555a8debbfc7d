#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "engine/caller.hpp"
#include "engine/status_page_notices.hpp"
#include "engine/subscriber_transport.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// The abuse bounds and lifetimes of subscriptions (the configuration's
// `status_page.subscribers`).
struct SubscriberPolicy {
  Duration token_ttl = std::chrono::hours(48);         // a confirmation or unsubscribe link
  Duration confirmation_gap = std::chrono::hours(24);  // one confirmation per address this often
  int per_client_per_hour = 5;                         // subscription requests from one client
};

// What a customer asks for on the public page.
struct SubscriptionRequest {
  store::SubscriberChannel channel = store::SubscriberChannel::kEmail;
  std::string address;                  // an email address or an https URL
  std::vector<std::string> components;  // empty: every component
  std::string client;                   // the requester's address (the per-client bound)
};

// How a subscription request ended: a confirmation is on its way, or the
// address was already subscribed (nothing sent).
struct SubscriptionAnswer {
  store::Subscriber subscriber;
  bool confirmation_queued = false;
};

// The status page's subscribers: customers subscribe on the public page
// (double opt-in; a webhook answers a challenge), confirm and leave through
// single-use links whose secrets are stored only as digests; publishers
// list, add and remove them. Notices reach them through the outbox's
// subscriber lane (StatusPageNotices writes them; SubscriberFanout and
// SubscriberChannel deliver them).
class SubscriberService {
 public:
  SubscriberService(store::Store& store, std::shared_ptr<const Clock> clock,
                    const StatusPageNotices& notices, SubscriberTransport& transport,
                    SubscriberPolicy policy, std::function<void()> queued);

  // Public: no caller. kInvalidArgument for a bad address or component or
  // a channel that is not offered; kResourceExhausted past a bound (one
  // confirmation per address per day, a few requests per client per hour).
  void Subscribe(SubscriptionRequest request, std::function<void(Result<SubscriptionAnswer>)> done);
  // The link's token: kNotFound for an unknown (or tampered) one,
  // kFailedPrecondition for a used or expired one.
  void Confirm(std::string token, std::function<void(Result<store::Subscriber>)> done);
  void Unsubscribe(std::string token, std::function<void(Result<store::Subscriber>)> done);

  // Publishers (Caller::CanPublish).
  void List(const Caller& caller, store::SubscriberFilter filter,
            std::function<void(Result<std::vector<store::Subscriber>>)> done);
  void Get(const Caller& caller, std::int64_t id,
           std::function<void(Result<store::Subscriber>)> done);
  // A subscriber a publisher adds is confirmed at once (they asked the
  // customer); kConflict when the address is already subscribed.
  void Add(const Caller& caller, SubscriptionRequest request,
           std::function<void(Result<store::Subscriber>)> done);
  // Erases a subscriber and its tokens (kNotFound).
  void Remove(const Caller& caller, std::int64_t id, std::function<void(Outcome)> done);

  const SubscriberPolicy& policy() const { return policy_; }
  bool Offers(store::SubscriberChannel c) const;

 private:
  // The request checked and normalised (an email lower-cased, components
  // known and unique).
  Result<SubscriptionRequest> Checked(SubscriptionRequest r) const;
  void UseToken(std::string token, store::SubscriberTokenPurpose purpose,
                std::function<void(Result<store::Subscriber>)> done);

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  const StatusPageNotices& notices_;
  SubscriberTransport& transport_;
  SubscriberPolicy policy_;
  std::function<void()> queued_;
};

// The confirmation message of subscriber `id`, due at `now`.
store::OutboxMessage ConfirmationMessage(std::int64_t id, TimePoint now);

}  // namespace warroom::engine
