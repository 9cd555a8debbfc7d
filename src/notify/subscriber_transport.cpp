#include "notify/subscriber_transport.hpp"

#include <netdb.h>

#include <curl/curl.h>

#include "base/http_url.hpp"
#include "notify/http_post.hpp"

namespace warroom::notify {

using engine::DeliveryResult;
using Outcome_ = DeliveryResult::Outcome;

namespace {

// The host of an absolute URL (IPv6 literals without brackets), or empty.
std::string HostOf(const std::string& url) {
  CURLU* u = curl_url();
  std::string host;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* h = nullptr;
    if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h) {
      host = h;
      curl_free(h);
    }
  }
  curl_url_cleanup(u);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host;
}

}  // namespace

SubscriberTransport::SubscriberTransport(Options o) : o_(std::move(o)) {
  if (o_.email) mailer_ = std::make_unique<EmailChannel>(*o_.email);
}

DeliveryResult SubscriberTransport::Mail(const engine::SubscriberMail& mail) {
  if (!mailer_)
    return DeliveryResult::Of(Outcome_::kFailed,
                              "no mail server is configured for the status page's subscribers");
  return mailer_->Send(EmailChannel::MailParts{
      {mail.to}, mail.subject, mail.text, mail.html, mail.key, mail.headers});
}

DeliveryResult SubscriberTransport::Post(const std::string& url, const std::string& body,
                                         const std::string& key, std::string& answer) {
  if (!o_.webhooks)
    return DeliveryResult::Of(Outcome_::kFailed, "webhook subscriptions are turned off");
  PostOptions options{&o_.guard, /*https_only=*/true, o_.ca_file};
  HttpPostResult r = PostJson(
      url,
      {"Content-Type: application/json", "Idempotency-Key: " + key, "X-Warroom-Event: status-page"},
      body, o_.timeout, options);
  answer = r.answer;
  if (!r.refused.empty())
    return DeliveryResult::Of(Outcome_::kFailed,
                              "not sent: the webhook's host now resolves to " + r.refused);
  if (!r.transport_ok) {
    DeliveryResult d =
        DeliveryResult::Of(r.sent && r.timed_out ? Outcome_::kUnknown : Outcome_::kRetry, r.error);
    // A notice repeated beats one lost, as for pages: a timeout is retried.
    if (d.outcome == Outcome_::kUnknown) d.outcome = Outcome_::kRetry;
    return d;
  }
  DeliveryResult d;
  d.http_status = static_cast<int>(r.status);
  d.retry_after = r.retry_after;
  d.detail = "HTTP " + std::to_string(r.status);
  if (r.status >= 200 && r.status < 300) {
    d.outcome = Outcome_::kDelivered;
  } else if (r.status == 429 || r.status >= 500) {
    d.outcome = Outcome_::kRetry;
  } else {
    d.outcome = Outcome_::kFailed;  // gone (410), refused: a redirect is not followed either
  }
  return d;
}

Outcome SubscriberTransport::CheckWebhookUrl(const std::string& url) {
  if (!o_.webhooks) return Error::InvalidArgument("webhook subscriptions are turned off");
  if (auto problem = HttpUrlProblem(url); !problem.empty())
    return Error::InvalidArgument("the webhook '" + url + "' " + std::string(problem));
  if (url.rfind("https://", 0) != 0)
    return Error::InvalidArgument("a webhook subscription needs an https:// URL");
  std::string host = HostOf(url);
  if (host.empty()) return Error::InvalidArgument("the webhook's URL has no host");
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found)
    return Error::InvalidArgument("the webhook's host '" + host +
                                  "' does not resolve: check the name");
  std::optional<std::string> refusal;
  for (addrinfo* a = found; a && !refusal; a = a->ai_next) refusal = o_.guard.Refusal(a->ai_addr);
  freeaddrinfo(found);
  if (refusal)
    return Error::InvalidArgument("the webhook's host '" + host + "' resolves to " + *refusal +
                                  ": webhooks go only to public addresses");
  return Success();
}

}  // namespace warroom::notify
