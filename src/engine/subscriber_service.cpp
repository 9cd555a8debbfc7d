#include "engine/subscriber_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/status_page/public_incident.hpp"
#include "engine/reply.hpp"
#include "engine/request_scope.hpp"
#include "engine/status_page_service.hpp"
#include "engine/tokens.hpp"

namespace warroom::engine {

using store::Subscriber;
using store::SubscriberChannel;
using store::SubscriberState;
using store::SubscriberTokenPurpose;

namespace {

constexpr std::size_t kMaxAddress = 254;  // RFC 5321's path limit; URLs share it
constexpr std::string_view kTokenPrefix = "wrs_";

Error NotAPublisherOf(const Caller& caller) {
  return Error::PermissionDenied(
      "managing the status page's subscribers needs the publish-public permission (" +
      caller.handle + " does not have it): ask an admin for it");
}

bool PlausibleEmail(const std::string& a) {
  auto at = a.find('@');
  if (at == std::string::npos || at == 0 || at != a.rfind('@') || at + 1 >= a.size()) return false;
  std::string_view domain = std::string_view(a).substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    return false;
  return std::none_of(a.begin(), a.end(), [](unsigned char c) {
    return c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"';
  });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error BadLink() {
  return Error::NotFound(
      "this link is not valid (it may have been cut or mistyped): open it from the message "
      "again, or subscribe anew on the status page");
}

}  // namespace

store::OutboxMessage ConfirmationMessage(std::int64_t id, TimePoint now) {
  store::OutboxMessage m;
  m.destination = std::string(kSubscriberDestination);
  m.recipient = std::to_string(id);
  m.kind = store::OutboxKind::kConfirmation;
  m.audience = core::Audience::kStatusPage;
  m.subject = "confirm your subscription";
  // One per request: a new request (a day later at the earliest) asks again.
  m.idempotency_key = "confirmation:" + std::to_string(id) + ":" + FormatTime(now);
  m.next_attempt_at = now;
  m.created_at = now;
  return m;
}

SubscriberService::SubscriberService(store::Store& store, std::shared_ptr<const Clock> clock,
                                     const StatusPageNotices& notices,
                                     SubscriberTransport& transport, SubscriberPolicy policy,
                                     std::function<void()> queued)
    : store_(store),
      clock_(std::move(clock)),
      notices_(notices),
      transport_(transport),
      policy_(policy),
      queued_(std::move(queued)) {}

bool SubscriberService::Offers(SubscriberChannel c) const {
  return c == SubscriberChannel::kEmail ? transport_.CanMail() : transport_.CanPost();
}

Result<SubscriptionRequest> SubscriberService::Checked(SubscriptionRequest r) const {
  if (!Offers(r.channel))
    return Error::NotFound(
        r.channel == SubscriberChannel::kEmail
            ? "this status page does not offer email subscriptions (no mail server is "
              "configured): subscribe by webhook or follow the feed"
            : "this status page does not offer webhook subscriptions: subscribe by email or "
              "follow the feed");
  if (r.address.empty() || r.address.size() > kMaxAddress)
    return Error::InvalidArgument("give the address to notify (at most 254 characters)");
  if (r.channel == SubscriberChannel::kEmail) {
    r.address = Lower(r.address);
    if (!PlausibleEmail(r.address))
      return Error::InvalidArgument("'" + r.address +
                                    "' is not an email address: give one like name@example.com");
  } else {
    WARROOM_RETURN_IF_ERROR(transport_.CheckWebhookUrl(r.address));
  }
  const auto& components = notices_.settings().rules.components;
  std::vector<std::string> ids;
  for (const std::string& c : r.components) {
    if (!core::status_page::IsComponent(components, c)) return UnknownComponent(components, c);
    if (std::find(ids.begin(), ids.end(), c) == ids.end()) ids.push_back(c);
  }
  r.components = std::move(ids);
  return r;
}

void SubscriberService::Subscribe(SubscriptionRequest request,
                                  std::function<void(Result<SubscriptionAnswer>)> done) {
  auto checked = Checked(std::move(request));
  if (!checked.ok()) return done(checked.error());
  auto out = std::make_shared<SubscriptionAnswer>();
  store_.Write(
      [this, r = std::move(*checked), out](store::WriteTx& tx) -> Outcome {
        TimePoint now = clock_->Now();
        WARROOM_ASSIGN_OR_RETURN(auto made, tx.CountSubscribeRequest("client:" + r.client, now,
                                                                     now - std::chrono::hours(1)));
        if (made > policy_.per_client_per_hour)
          return Error::TooManyRequests(
              "too many subscription requests from your address in the last hour: try again "
              "later");
        WARROOM_ASSIGN_OR_RETURN(auto existing, tx.FindSubscriberByAddress(r.channel, r.address));
        if (existing && existing->state == SubscriberState::kConfirmed) {
          out->subscriber = *existing;  // nothing to confirm, nothing sent
          return Success();
        }
        if (existing && existing->confirmation_requested_at &&
            *existing->confirmation_requested_at > now - policy_.confirmation_gap)
          return Error::TooManyRequests(
              "a confirmation was sent to this address less than a day ago: follow the link in "
              "it, or ask again after " +
              FormatTime(*existing->confirmation_requested_at + policy_.confirmation_gap));
        Subscriber s = existing.value_or(Subscriber{});
        s.channel = r.channel;
        s.address = r.address;
        s.components = r.components;
        s.state = SubscriberState::kPending;
        s.confirmation_requested_at = now;
        s.client = r.client;
        if (existing) {
          WARROOM_RETURN_IF_ERROR(tx.UpdateSubscriber(s));
        } else {
          s.created_at = now;
          WARROOM_ASSIGN_OR_RETURN(s.id, tx.InsertSubscriber(s));
        }
        WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(ConfirmationMessage(s.id, now)));
        out->subscriber = s;
        out->confirmation_queued = true;
        return Success();
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        if (out->confirmation_queued && queued_) queued_();
        done(*out);
      });
}

void SubscriberService::UseToken(std::string token, SubscriberTokenPurpose purpose,
                                 std::function<void(Result<Subscriber>)> done) {
  if (!LooksLikeToken(token, kTokenPrefix)) return done(BadLink());
  auto out = std::make_shared<Subscriber>();
  store::Hash digest = TokenDigest(token);
  store_.Write(
      [this, digest, purpose, out](store::WriteTx& tx) -> Outcome {
        TimePoint now = clock_->Now();
        auto used = tx.UseSubscriberToken(digest, purpose, now);
        if (!used.ok()) {
          if (used.error().code == ErrorCode::kNotFound) return BadLink();
          if (used.error().code == ErrorCode::kFailedPrecondition)
            return Error::FailedPrecondition(
                "this link was used already or has expired (each is good once, for " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::hours>(policy_.token_ttl).count()) +
                " hours): " +
                (purpose == SubscriberTokenPurpose::kConfirm
                     ? std::string("subscribe again on the status page for a new one")
                     : std::string("every message carries a fresh link")));
          return used.error();
        }
        WARROOM_ASSIGN_OR_RETURN(auto s, tx.FindSubscriber(used->subscriber_id));
        if (!s) return BadLink();
        if (purpose == SubscriberTokenPurpose::kConfirm) {
          s->state = SubscriberState::kConfirmed;
          s->confirmed_at = now;
          s->unsubscribed_at.reset();
        } else {
          s->state = SubscriberState::kUnsubscribed;
          s->unsubscribed_at = now;
        }
        WARROOM_RETURN_IF_ERROR(tx.UpdateSubscriber(*s));
        *out = *s;
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void SubscriberService::Confirm(std::string token, std::function<void(Result<Subscriber>)> done) {
  UseToken(std::move(token), SubscriberTokenPurpose::kConfirm, std::move(done));
}

void SubscriberService::Unsubscribe(std::string token,
                                    std::function<void(Result<Subscriber>)> done) {
  UseToken(std::move(token), SubscriberTokenPurpose::kUnsubscribe, std::move(done));
}

void SubscriberService::List(const Caller& caller, store::SubscriberFilter filter,
                             std::function<void(Result<std::vector<Subscriber>>)> done) {
  if (!caller.CanPublish()) return done(NotAPublisherOf(caller));
  auto out = std::make_shared<std::vector<Subscriber>>();
  store_.Read(
      [filter, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListSubscribers(filter));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void SubscriberService::Get(const Caller& caller, std::int64_t id,
                            std::function<void(Result<Subscriber>)> done) {
  if (!caller.CanPublish()) return done(NotAPublisherOf(caller));
  auto out = std::make_shared<Subscriber>();
  store_.Read(
      [id, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto s, tx.FindSubscriber(id));
        if (!s)
          return Error::NotFound("no subscriber " + std::to_string(id) +
                                 " (see `warroom status-page subscriber list`)");
        *out = *s;
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void SubscriberService::Add(const Caller& caller, SubscriptionRequest request,
                            std::function<void(Result<Subscriber>)> done) {
  if (!caller.CanPublish()) return done(NotAPublisherOf(caller));
  request.client = "publisher:" + caller.handle;
  auto checked = Checked(std::move(request));
  if (!checked.ok()) return done(checked.error());
  auto out = std::make_shared<Subscriber>();
  store_.Write(
      [this, caller, r = std::move(*checked), out](store::WriteTx& tx) -> Outcome {
        TimePoint now = clock_->Now();
        WARROOM_ASSIGN_OR_RETURN(auto existing, tx.FindSubscriberByAddress(r.channel, r.address));
        if (existing && existing->state == SubscriberState::kConfirmed)
          return Error::Conflict("'" + r.address + "' is subscriber " +
                                 std::to_string(existing->id) + " already");
        Subscriber s = existing.value_or(Subscriber{});
        s.channel = r.channel;
        s.address = r.address;
        s.components = r.components;
        s.state = SubscriberState::kConfirmed;
        s.confirmed_at = now;
        s.unsubscribed_at.reset();
        s.client = r.client;
        if (existing) {
          WARROOM_RETURN_IF_ERROR(tx.UpdateSubscriber(s));
        } else {
          s.created_at = now;
          WARROOM_ASSIGN_OR_RETURN(s.id, tx.InsertSubscriber(s));
        }
        *out = s;
        return RecordAnswer(tx, caller, *out);
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void SubscriberService::Remove(const Caller& caller, std::int64_t id,
                               std::function<void(Outcome)> done) {
  if (!caller.CanPublish()) return done(NotAPublisherOf(caller));
  store_.Write(
      [id, caller](store::WriteTx& tx) -> Outcome {
        auto r = tx.DeleteSubscriber(id);
        if (!r.ok() && r.error().code == ErrorCode::kNotFound)
          return Error::NotFound("no subscriber " + std::to_string(id) +
                                 " (see `warroom status-page subscriber list`)");
        WARROOM_RETURN_IF_ERROR(r);
        return RecordAnswer(tx, caller, Ok{});
      },
      std::move(done));
}

}  // namespace warroom::engine
