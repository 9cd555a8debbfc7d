// The status page's subscribers, their tokens and the subscription
// requests counted per client, in the memory twin.
#include <algorithm>

#include "base/text.hpp"
#include "store/memory/memory_tx.hpp"
#include "store/memory/window.hpp"
#include "store/subscriber_rows.hpp"

namespace warroom::store::memory {
namespace {

Subscriber* FindStored(Tables& t, std::int64_t id) {
  for (auto& s : t.subscribers)
    if (s.id == id) return &s;
  return nullptr;
}

Error NoSubscriber(std::int64_t id) {
  return Error::NotFound("no subscriber " + std::to_string(id));
}

}  // namespace

Result<std::vector<Subscriber>> MemoryTx::ListSubscribers(const SubscriberFilter& f) {
  std::vector<Subscriber> out;
  for (const auto& s : t_.subscribers) {
    if (s.id <= f.after_id) continue;
    if (f.state && s.state != *f.state) continue;
    if (f.channel && s.channel != *f.channel) continue;
    out.push_back(s);
  }
  return Window(std::move(out), f.limit);
}

Result<std::optional<Subscriber>> MemoryTx::FindSubscriber(std::int64_t id) {
  if (auto* s = FindStored(t_, id)) return std::optional<Subscriber>(*s);
  return std::optional<Subscriber>();
}

Result<std::optional<Subscriber>> MemoryTx::FindSubscriberByAddress(SubscriberChannel channel,
                                                                    const std::string& address) {
  for (const auto& s : t_.subscribers)
    if (s.channel == channel && s.address == address) return std::optional<Subscriber>(s);
  return std::optional<Subscriber>();
}

Result<std::int64_t> MemoryTx::CountSubscribers(SubscriberState state) {
  return static_cast<std::int64_t>(
      std::count_if(t_.subscribers.begin(), t_.subscribers.end(),
                    [&](const Subscriber& s) { return s.state == state; }));
}

Result<std::optional<SubscriberToken>> MemoryTx::FindSubscriberToken(const Hash& digest) {
  auto it = t_.subscriber_tokens.find(digest);
  if (it == t_.subscriber_tokens.end()) return std::optional<SubscriberToken>();
  return std::optional<SubscriberToken>(it->second);
}

Result<std::int64_t> MemoryTx::InsertSubscriber(const Subscriber& s) {
  WARROOM_RETURN_IF_ERROR(CheckComponents(s.components));
  // The SQLite schema's UNIQUE (channel, address).
  for (const auto& stored : t_.subscribers)
    if (stored.channel == s.channel && stored.address == s.address)
      return Error::Conflict("a subscriber with the " +
                             std::string(SubscriberChannelName(s.channel)) + " address '" +
                             Shown(s.address) + "' exists");
  Subscriber kept = s;
  kept.id = ++t_.last_subscriber_id;
  t_.subscribers.push_back(kept);
  return kept.id;
}

Outcome MemoryTx::UpdateSubscriber(const Subscriber& s) {
  WARROOM_RETURN_IF_ERROR(CheckComponents(s.components));
  auto* stored = FindStored(t_, s.id);
  if (!stored) return NoSubscriber(s.id);
  stored->components = s.components;
  stored->state = s.state;
  stored->confirmed_at = s.confirmed_at;
  stored->unsubscribed_at = s.unsubscribed_at;
  stored->confirmation_requested_at = s.confirmation_requested_at;
  stored->client = s.client;
  return Success();
}

Outcome MemoryTx::DeleteSubscriber(std::int64_t id) {
  if (!std::erase_if(t_.subscribers, [&](const Subscriber& s) { return s.id == id; }))
    return NoSubscriber(id);
  // The SQLite schema's ON DELETE CASCADE.
  std::erase_if(t_.subscriber_tokens,
                [&](const auto& kv) { return kv.second.subscriber_id == id; });
  return Success();
}

Outcome MemoryTx::InsertSubscriberToken(const Hash& digest, const SubscriberToken& t) {
  // The SQLite schema's foreign key and primary key.
  if (!FindStored(t_, t.subscriber_id))
    return Error::Conflict("no subscriber " + std::to_string(t.subscriber_id));
  SubscriberToken kept = t;
  kept.used_at.reset();
  if (!t_.subscriber_tokens.emplace(digest, kept).second)
    return Error::Conflict("a subscriber token with this digest exists");
  return Success();
}

Result<SubscriberToken> MemoryTx::UseSubscriberToken(const Hash& digest,
                                                     SubscriberTokenPurpose purpose, TimePoint at) {
  auto it = t_.subscriber_tokens.find(digest);
  if (it == t_.subscriber_tokens.end() || it->second.purpose != purpose)
    return Error::NotFound("no such subscriber token");
  SubscriberToken& t = it->second;
  if (t.used_at)
    return Error::FailedPrecondition("this link was used at " + FormatTime(*t.used_at));
  if (t.expires_at <= at)
    return Error::FailedPrecondition("this link expired at " + FormatTime(t.expires_at));
  t.used_at = at;
  return t;
}

Result<std::int64_t> MemoryTx::ForgetSubscriberTokens(TimePoint before) {
  return static_cast<std::int64_t>(std::erase_if(
      t_.subscriber_tokens, [&](const auto& kv) { return kv.second.expires_at < before; }));
}

Result<std::int64_t> MemoryTx::CountSubscribeRequest(const std::string& key, TimePoint at,
                                                     TimePoint since) {
  auto& times = t_.subscribe_requests[key];
  times.push_back(at);
  std::erase_if(times, [&](TimePoint t) { return t < since; });
  auto n = static_cast<std::int64_t>(times.size());
  // As the SQL adapters keep no row for a key with none left.
  if (times.empty()) t_.subscribe_requests.erase(key);
  return n;
}

}  // namespace warroom::store::memory
