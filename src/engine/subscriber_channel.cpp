#include "engine/subscriber_channel.hpp"

#include <boost/json.hpp>

#include "core/status_page/page_log.hpp"
#include "engine/stored_events.hpp"
#include "engine/tokens.hpp"

namespace warroom::engine {

namespace json = boost::json;
namespace sp = core::status_page;
using Outcome_ = DeliveryResult::Outcome;
using store::Subscriber;
using store::SubscriberState;
using store::SubscriberTokenPurpose;

namespace {

// Subscribers read and their messages queued per write: a few hundred
// rows keep each write short, so the writer stays free for pages.
constexpr int kFanoutBatch = 500;

DeliveryResult StoreFailed(const Error& e) {
  return DeliveryResult::Of(Outcome_::kRetry, "the database failed: " + e.message);
}

std::string Capital(std::string s) {
  for (char& c : s)
    if (c == '_') c = ' ';
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string HtmlEscaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Paragraphs(const std::string& text) {
  std::string out = "<p>";
  for (char c : HtmlEscaped(text)) out += c == '\n' ? std::string("<br>") : std::string(1, c);
  return out + "</p>";
}

}  // namespace

// ---- SubscriberFanout

SubscriberFanout::SubscriberFanout(store::Store& store, std::shared_ptr<const Clock> clock,
                                   const StatusPageNotices& notices)
    : store_(store), clock_(std::move(clock)), notices_(notices) {}

Result<bool> SubscriberFanout::Holds(const Notice& n) {
  if (n.boundary.empty()) return true;
  bool holds = false;
  WARROOM_RETURN_IF_ERROR(store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(auto chain,
                             tx.LoadEvents(std::string(core::events::kStatusPageChain)));
    WARROOM_ASSIGN_OR_RETURN(auto events, FromStored(chain));
    for (const sp::Maintenance& m :
         sp::MaintenancesOf(events, notices_.settings().rules.components))
      if (m.id == n.id) holds = BoundaryHolds(n, m);
    return Success();
  }));
  return holds;
}

DeliveryResult SubscriberFanout::Deliver(const store::OutboxMessage& m) {
  auto notice = ParseNotice(m.body);
  if (!notice.ok()) return DeliveryResult::Of(Outcome_::kFailed, notice.error().message);
  auto holds = Holds(*notice);
  if (!holds.ok()) return StoreFailed(holds.error());
  if (!*holds)
    return DeliveryResult::Of(Outcome_::kDelivered,
                              "the maintenance changed before this notice came due: not sent");
  std::int64_t after = 0, queued = 0;
  for (;;) {
    std::vector<Subscriber> page;
    store::SubscriberFilter f;
    f.state = SubscriberState::kConfirmed;
    f.after_id = after;
    f.limit = kFanoutBatch;
    auto read = store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
      WARROOM_ASSIGN_OR_RETURN(page, tx.ListSubscribers(f));
      return Success();
    });
    if (!read.ok()) return StoreFailed(read.error());
    if (page.empty()) break;
    after = page.back().id;
    TimePoint now = clock_->Now();
    std::vector<store::OutboxMessage> batch;
    for (const Subscriber& s : page) {
      if (!Concerns(s.components, notice->components)) continue;
      store::OutboxMessage one = m;
      one.id = 0;
      one.incident_id.clear();  // its outcome stays in the outbox, off the timeline
      one.destination = std::string(kSubscriberDestination);
      one.recipient = std::to_string(s.id);
      one.idempotency_key = m.idempotency_key + ":" + std::to_string(s.id);
      one.next_attempt_at = now;
      one.created_at = now;
      batch.push_back(std::move(one));
    }
    if (!batch.empty()) {
      auto wrote = store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
        for (const auto& one : batch) WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(one));
        return Success();
      });
      if (!wrote.ok()) return StoreFailed(wrote.error());
      queued += static_cast<std::int64_t>(batch.size());
    }
    if (static_cast<int>(page.size()) < kFanoutBatch) break;
  }
  return DeliveryResult::Of(Outcome_::kDelivered,
                            "queued for " + std::to_string(queued) + " subscriber(s)");
}

// ---- SubscriberChannel

SubscriberChannel::SubscriberChannel(store::Store& store, std::shared_ptr<const Clock> clock,
                                     const StatusPageNotices& notices,
                                     SubscriberTransport& transport, SubscriberPolicy policy)
    : store_(store),
      clock_(std::move(clock)),
      notices_(notices),
      transport_(transport),
      policy_(policy) {}

Result<std::string> SubscriberChannel::Mint(std::int64_t subscriber,
                                            SubscriberTokenPurpose purpose) {
  std::string secret = NewTokenSecret("wrs_");
  TimePoint now = clock_->Now();
  store::SubscriberToken t{subscriber, purpose, now, now + policy_.token_ttl, std::nullopt};
  WARROOM_RETURN_IF_ERROR(store_.WriteSync(
      [&](store::WriteTx& tx) { return tx.InsertSubscriberToken(TokenDigest(secret), t); }));
  return secret;
}

DeliveryResult SubscriberChannel::Deliver(const store::OutboxMessage& m) {
  std::int64_t id = 0;
  try {
    id = std::stoll(m.recipient);
  } catch (...) {
    return DeliveryResult::Of(Outcome_::kFailed, "no subscriber named: '" + m.recipient + "'");
  }
  std::optional<Subscriber> s;
  auto read = store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(s, tx.FindSubscriber(id));
    return Success();
  });
  if (!read.ok()) return StoreFailed(read.error());
  // Removed, or removed and its id given to someone who subscribed after
  // this message was queued: not theirs.
  if (!s || s->created_at > m.created_at)
    return DeliveryResult::Of(Outcome_::kDelivered, "the subscriber was removed: not sent");
  if (m.kind == store::OutboxKind::kConfirmation) return Confirmation(*s, m);
  return NoticeTo(*s, m);
}

DeliveryResult SubscriberChannel::Confirmation(const Subscriber& s, const store::OutboxMessage& m) {
  if (s.state != SubscriberState::kPending)
    return DeliveryResult::Of(Outcome_::kDelivered,
                              "the subscription is " +
                                  std::string(store::SubscriberStateName(s.state)) +
                                  " already: not sent");
  const sp::PageSettings& page = notices_.settings();
  if (s.channel == store::SubscriberChannel::kWebhook) {
    // The receiver proves it wants the notices by echoing a challenge.
    std::string challenge = NewTokenSecret("");
    json::object body{
        {"type", "subscription_confirmation"},
        {"challenge", challenge},
        {"page", json::object{{"name", page.name}, {"url", notices_.Link("/status")}}}};
    std::string answer;
    DeliveryResult r = transport_.Post(s.address, json::serialize(body), m.idempotency_key, answer);
    if (r.outcome != Outcome_::kDelivered) return r;
    if (answer.find(challenge) == std::string::npos)
      return DeliveryResult::Of(Outcome_::kFailed,
                                "the webhook answered " + std::to_string(r.http_status) +
                                    " without echoing the challenge: the subscription stays "
                                    "unconfirmed",
                                r.http_status);
    Subscriber confirmed = s;
    confirmed.state = SubscriberState::kConfirmed;
    confirmed.confirmed_at = clock_->Now();
    auto wrote =
        store_.WriteSync([&](store::WriteTx& tx) { return tx.UpdateSubscriber(confirmed); });
    if (!wrote.ok()) return StoreFailed(wrote.error());
    r.detail = "the webhook answered the challenge: confirmed";
    return r;
  }
  auto token = Mint(s.id, SubscriberTokenPurpose::kConfirm);
  if (!token.ok()) return StoreFailed(token.error());
  std::string url = notices_.Link("/status/subscriptions/confirm?token=" + *token);
  std::string hours =
      std::to_string(std::chrono::duration_cast<std::chrono::hours>(policy_.token_ttl).count());
  std::string what = s.components.empty() ? "" : " about " + Joined(s.components);
  SubscriberMail mail;
  mail.to = s.address;
  mail.subject = "[" + page.name + "] Confirm your subscription";
  mail.key = m.idempotency_key;
  mail.text = "Someone, probably you, asked to receive " + page.name +
              "'s incident and maintenance notices" + what + " at this address.\n\n" +
              "To confirm, open this link (good once, for " + hours + " hours):\n" + url +
              "\n\nIf you did not ask, ignore this message: nothing more will be sent.\n";
  mail.html = Paragraphs("Someone, probably you, asked to receive " + page.name +
                         "'s incident and maintenance notices" + what + " at this address.") +
              "<p><a href=\"" + HtmlEscaped(url) +
              "\">Confirm the subscription</a> (good once, for " + hours + " hours)</p>" +
              Paragraphs("If you did not ask, ignore this message: nothing more will be sent.");
  return transport_.Mail(mail);
}

DeliveryResult SubscriberChannel::NoticeTo(const Subscriber& s, const store::OutboxMessage& m) {
  if (s.state != SubscriberState::kConfirmed)
    return DeliveryResult::Of(Outcome_::kDelivered, "the subscriber left: not sent");
  auto notice = ParseNotice(m.body);
  if (!notice.ok()) return DeliveryResult::Of(Outcome_::kFailed, notice.error().message);
  auto token = Mint(s.id, SubscriberTokenPurpose::kUnsubscribe);
  if (!token.ok()) return StoreFailed(token.error());
  std::string unsubscribe = notices_.Link("/status/subscriptions/unsubscribe?token=" + *token);
  if (s.channel == store::SubscriberChannel::kWebhook) {
    std::string answer;
    return transport_.Post(s.address, NoticeWebhookBody(notices_, *notice, unsubscribe),
                           m.idempotency_key, answer);
  }
  return transport_.Mail(NoticeMail(notices_, *notice, s.address, unsubscribe, m.idempotency_key));
}

SubscriberMail NoticeMail(const StatusPageNotices& notices, const Notice& n, const std::string& to,
                          const std::string& unsubscribe_url, const std::string& key) {
  const sp::PageSettings& page = notices.settings();
  SubscriberMail mail;
  mail.to = to;
  mail.key = key;
  mail.subject = "[" + page.name + "] " + n.name + ": " + Capital(n.status);
  std::string affected = n.component_names.empty() ? "" : "Affected: " + Joined(n.component_names);
  std::string window;
  if (n.scheduled_for && n.scheduled_until)
    window = "Scheduled: " + FormatTime(*n.scheduled_for) + " to " + FormatTime(*n.scheduled_until);
  std::string head = n.name + "\nStatus: " + Capital(n.status) + "\n" +
                     (affected.empty() ? "" : affected + "\n") +
                     (window.empty() ? "" : window + "\n");
  mail.text = head + "\n" + n.body + "\n\nPosted " + FormatTime(n.at) + ". Follow it at " +
              n.shortlink + "\n\n--\nYou receive this because you subscribed to " + page.name +
              ".\nUnsubscribe (one click): " + unsubscribe_url + "\n";
  mail.html = "<h2>" + HtmlEscaped(n.name) + "</h2>" +
              Paragraphs(head.substr(head.find('\n') + 1)) + Paragraphs(n.body) + "<p>Posted " +
              FormatTime(n.at) + ". <a href=\"" + HtmlEscaped(n.shortlink) +
              "\">Follow it on the status page</a></p><hr><p>" +
              "You receive this because you subscribed to " + HtmlEscaped(page.name) +
              ". <a href=\"" + HtmlEscaped(unsubscribe_url) + "\">Unsubscribe</a></p>";
  // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that
  // POSTs "List-Unsubscribe=One-Click" to the link.
  mail.headers = {"List-Unsubscribe: <" + unsubscribe_url + ">",
                  "List-Unsubscribe-Post: List-Unsubscribe=One-Click"};
  return mail;
}

std::string NoticeWebhookBody(const StatusPageNotices& notices, const Notice& n,
                              const std::string& unsubscribe_url) {
  json::array components;
  for (std::size_t i = 0; i < n.components.size(); ++i)
    components.push_back(json::object{
        {"id", n.components[i]},
        {"name", i < n.component_names.size() ? n.component_names[i] : n.components[i]}});
  json::object incident{
      {"name", n.name},
      {"status", n.status},
      {"impact", n.impact},
      {"shortlink", n.shortlink},
      {"updated_at", FormatTime(n.at)},
      {"components", std::move(components)},
      {"incident_updates",
       json::array{json::object{
           {"status", n.status}, {"body", n.body}, {"created_at", FormatTime(n.at)}}}}};
  if (!n.id.empty()) incident["id"] = n.id;
  if (n.scheduled_for) incident["scheduled_for"] = FormatTime(*n.scheduled_for);
  if (n.scheduled_until) incident["scheduled_until"] = FormatTime(*n.scheduled_until);
  json::object body{
      {"meta", json::object{{"unsubscribe", unsubscribe_url}, {"kind", n.kind}}},
      {"page", json::object{{"name", notices.settings().name}, {"url", notices.Link("/status")}}},
      {"incident", std::move(incident)}};
  return json::serialize(body);
}

}  // namespace warroom::engine
