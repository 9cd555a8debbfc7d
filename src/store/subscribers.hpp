#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// Who the public status page tells about its incidents and maintenance: a
// customer's email address or webhook, for every component or some. A
// subscription is pending until it is confirmed (the email's link, the
// webhook's answer to a challenge), and ends when unsubscribed (the row
// stays: its address is not asked again for a day, and the admin list shows
// who left when).
enum class SubscriberChannel { kEmail, kWebhook };
enum class SubscriberState { kPending, kConfirmed, kUnsubscribed };

std::string_view SubscriberChannelName(SubscriberChannel c);
std::optional<SubscriberChannel> ParseSubscriberChannel(std::string_view s);
std::string_view SubscriberStateName(SubscriberState s);
std::optional<SubscriberState> ParseSubscriberState(std::string_view s);

struct Subscriber {
  std::int64_t id = 0;  // 1, 2, ...: never public (links carry tokens)
  SubscriberChannel channel = SubscriberChannel::kEmail;
  std::string address;                  // the email address (lower-cased) or the https URL
  std::vector<std::string> components;  // component ids; empty: every component
  SubscriberState state = SubscriberState::kPending;
  TimePoint created_at;
  std::optional<TimePoint> confirmed_at;
  std::optional<TimePoint> unsubscribed_at;
  // When a confirmation was last asked for (the abuse bound: one per
  // address per day).
  std::optional<TimePoint> confirmation_requested_at;
  std::string client;  // the address the subscription came from ("admin:alice" for an admin's)
};

// What a subscriber's token is for: confirming the subscription or leaving.
enum class SubscriberTokenPurpose { kConfirm, kUnsubscribe };
std::string_view SubscriberTokenPurposeName(SubscriberTokenPurpose p);
std::optional<SubscriberTokenPurpose> ParseSubscriberTokenPurpose(std::string_view s);

// A link's secret, stored only as its digest: good once, until it expires.
struct SubscriberToken {
  std::int64_t subscriber_id = 0;
  SubscriberTokenPurpose purpose = SubscriberTokenPurpose::kConfirm;
  TimePoint created_at;
  TimePoint expires_at;
  std::optional<TimePoint> used_at;
};

struct SubscriberFilter {
  std::optional<SubscriberState> state;
  std::optional<SubscriberChannel> channel;
  std::int64_t after_id = 0;  // ids greater than this (paging in id order)
  int limit = 100;
};

class SubscriberReads {
 public:
  virtual ~SubscriberReads() = default;
  // Subscribers matching `f` in id order (lowest first), at most f.limit.
  virtual Result<std::vector<Subscriber>> ListSubscribers(const SubscriberFilter& f) = 0;
  virtual Result<std::optional<Subscriber>> FindSubscriber(std::int64_t id) = 0;
  // By channel and address exactly as stored (callers normalise first).
  virtual Result<std::optional<Subscriber>> FindSubscriberByAddress(SubscriberChannel channel,
                                                                    const std::string& address) = 0;
  // How many subscribers are in `state`.
  virtual Result<std::int64_t> CountSubscribers(SubscriberState state) = 0;
  // The token with this digest, used or expired alike (kept until forgotten).
  virtual Result<std::optional<SubscriberToken>> FindSubscriberToken(const Hash& digest) = 0;
};

class SubscriberWrites {
 public:
  virtual ~SubscriberWrites() = default;
  // Stores a subscriber (its id is ignored) and answers its new id.
  // kConflict when the channel and address are already stored;
  // kInvalidArgument for a component id that is empty or holds a comma
  // (the SQL adapters store the list comma-separated; configured ids are
  // [a-z0-9_-], so only a caller's bug sends one).
  virtual Result<std::int64_t> InsertSubscriber(const Subscriber& s) = 0;
  // Replaces every field but id, channel, address and created_at.
  // kNotFound for an unknown id; kInvalidArgument as for InsertSubscriber.
  virtual Outcome UpdateSubscriber(const Subscriber& s) = 0;
  // Removes a subscriber and its tokens (an admin's erasure); kNotFound
  // for an unknown id.
  virtual Outcome DeleteSubscriber(std::int64_t id) = 0;
  // kConflict for an unknown subscriber or a digest already stored. Its
  // used_at is ignored: a new token is unused.
  virtual Outcome InsertSubscriberToken(const Hash& digest, const SubscriberToken& t) = 0;
  // Marks the token used at `at` and answers it: kNotFound when there is no
  // such token or it is for another purpose, kFailedPrecondition when it was
  // used or has expired (once only, even with two instances at once).
  virtual Result<SubscriberToken> UseSubscriberToken(const Hash& digest,
                                                     SubscriberTokenPurpose purpose,
                                                     TimePoint at) = 0;
  // Forgets tokens that expired before `before`; answers how many.
  virtual Result<std::int64_t> ForgetSubscriberTokens(TimePoint before) = 0;
  // Counts one subscription request under `key` (a client's address) at
  // `at` and answers how many the key made since `since` (this one
  // included); requests before `since` are forgotten.
  virtual Result<std::int64_t> CountSubscribeRequest(const std::string& key, TimePoint at,
                                                     TimePoint since) = 0;
};

}  // namespace warroom::store
