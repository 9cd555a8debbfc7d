#include "http/status_page_subscriber_routes.hpp"

#include <boost/json.hpp>
#include <boost/url/params_view.hpp>

#include "api/fields.hpp"
#include "http/await.hpp"
#include "http/browser_session.hpp"
#include "http/handler.hpp"
#include "http/status_page_html.hpp"

namespace warroom::http {

namespace json = boost::json;
namespace asio = boost::asio;
using beast_http::field;
using beast_http::status;
using beast_http::verb;
using store::Subscriber;
using store::SubscriberChannel;

namespace {

constexpr std::size_t kMaxComponents = 64;

Error NotOffered() {
  return Error::NotFound("this status page offers no subscriptions: follow its feed instead");
}

// What the public is told of a subscription: never its id or who else is
// subscribed.
json::object PublicJson(const Subscriber& s) {
  json::array components;
  for (const auto& c : s.components) components.emplace_back(c);
  return {{"channel", store::SubscriberChannelName(s.channel)},
          {"address", s.address},
          {"components", std::move(components)},
          {"state", store::SubscriberStateName(s.state)}};
}

// {"email": ...} or {"webhook": ...}, and "components".
Result<engine::SubscriptionRequest> RequestOf(const json::object& body) {
  WARROOM_RETURN_IF_ERROR(
      api::OnlyFields(body, {"email", "webhook", "components"}, "a subscription"));
  auto given = [&](const char* key) {
    const auto* v = body.if_contains(key);
    return v && !v->is_null();
  };
  if (given("email") == given("webhook"))
    return Error::InvalidArgument(
        "give either 'email' (an address) or 'webhook' (an https URL) to notify, not both");
  engine::SubscriptionRequest r;
  r.channel = given("email") ? SubscriberChannel::kEmail : SubscriberChannel::kWebhook;
  const char* key = r.channel == SubscriberChannel::kEmail ? "email" : "webhook";
  WARROOM_ASSIGN_OR_RETURN(r.address, api::StringField(body, key, 254, true));
  WARROOM_ASSIGN_OR_RETURN(r.components,
                           api::StringListField(body, "components", kMaxComponents, 64));
  return r;
}

// An application/x-www-form-urlencoded body's fields, in order (a field may
// repeat: one "component" per box ticked).
Result<std::vector<std::pair<std::string, std::string>>> FormFields(const Request& req) {
  std::vector<std::pair<std::string, std::string>> out;
  try {
    boost::urls::params_view fields(req.body(), boost::urls::encoding_opts(true));
    for (auto f : fields) out.emplace_back(f.key, f.has_value ? f.value : "");
  } catch (const std::exception&) {
    return Error::InvalidArgument("the form's fields are not URL-encoded");
  }
  return out;
}

std::string FieldOf(const std::vector<std::pair<std::string, std::string>>& fields,
                    std::string_view key) {
  for (const auto& [k, v] : fields)
    if (k == key) return v;
  return "";
}

Response Html(status st, std::string body, unsigned version) {
  Response res{st, version};
  res.set(field::content_type, "text/html; charset=utf-8");
  res.set(field::cache_control, "no-store");
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'self'; img-src 'self' https: data:; "
          "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  res.set("Referrer-Policy", "no-referrer");  // the link's token stays here
  res.body() = std::move(body);
  return res;
}

// A page in the status page's frame (its settings, the latest build).
std::string Framed(const ApiServices& s, const std::string& title, const std::string& path,
                   json::object data) {
  auto snap = s.status_page->Current();
  return StatusPageHtml{s.status_page->settings(), snap->view}.Framed(title, path, std::move(data));
}

std::string OutcomePage(const ApiServices& s, const std::string& outcome,
                        const std::string& heading, const std::string& message) {
  return Framed(s, heading, "status/subscription.html",
                {{"outcome", outcome}, {"heading", heading}, {"message", message}});
}

std::string FormPage(const ApiServices& s, const std::string& error, const std::string& address) {
  json::array components;
  for (const auto& c : s.status_page->settings().rules.components)
    components.push_back(json::object{{"id", c.id}, {"name", c.name}, {"group", c.group}});
  json::object data{{"components", std::move(components)},
                    {"email", s.subscribers->Offers(SubscriberChannel::kEmail)},
                    {"webhook", s.subscribers->Offers(SubscriberChannel::kWebhook)},
                    {"address", address}};
  if (!error.empty()) data["error"] = error;
  return Framed(s, "Subscribe", "status/subscribe.html", std::move(data));
}

bool Ready(const ApiServices& s) { return s.subscribers && s.status_page; }

std::string Said(const engine::SubscriptionAnswer& a) {
  if (!a.confirmation_queued) return "This address is subscribed already: nothing more to do.";
  if (a.subscriber.channel == SubscriberChannel::kWebhook)
    return "We are sending your webhook a confirmation challenge: answer it (echo the "
           "challenge) and the notices follow.";
  return "Check your inbox: we sent a link to confirm the subscription. Nothing is sent until "
         "you open it.";
}

// The token of a confirm or unsubscribe request: the query's, else the form's.
std::string TokenOf(const Request& req) {
  auto q = QueryParams(req.target());
  if (auto it = q.find("token"); it != q.end()) return it->second;
  auto fields = FormFields(req);
  return fields.ok() ? FieldOf(*fields, "token") : "";
}

struct LinkPages {
  std::string path;     // "/status/subscriptions/confirm"
  std::string heading;  // "Confirm your subscription"
  std::string button;   // "Confirm"
  std::string done_heading;
  std::string done_message;
  std::string outcome;
  bool confirm;
};

void AddLinkRoutes(Router& r, const ApiServices& s, const LinkPages& p) {
  // The GET shows a button: opening the link (or a scanner's prefetch)
  // changes nothing.
  r.Add(verb::get, p.path, Scope::kPublic,
        [s, p](const engine::Caller&, const Request& req,
               const Params&) -> asio::awaitable<Response> {
          if (!Ready(s)) co_return Problem(NotOffered(), req.version());
          auto q = QueryParams(req.target());
          std::string token = q.count("token") ? q.at("token") : "";
          if (token.empty())
            co_return Html(status::bad_request,
                           OutcomePage(s, "invalid", "This link is incomplete",
                                       "Open the link from the message again, whole."),
                           req.version());
          co_return Html(status::ok,
                         Framed(s, p.heading, "status/subscription.html",
                                {{"outcome", "ask"},
                                 {"heading", p.heading},
                                 {"message", p.confirm ? "One step left: confirm below."
                                                       : "Stop receiving this page's notices?"},
                                 {"action", p.path},
                                 {"token", token},
                                 {"button", p.button}}),
                         req.version());
        });
  r.Add(verb::post, p.path, Scope::kPublic,
        [s, p](const engine::Caller&, const Request& req,
               const Params&) -> asio::awaitable<Response> {
          if (!Ready(s)) co_return Problem(NotOffered(), req.version());
          std::string token = TokenOf(req);
          Result<Subscriber> done = co_await Await<Subscriber>([&](Done<Subscriber> d) {
            if (p.confirm)
              s.subscribers->Confirm(token, std::move(d));
            else
              s.subscribers->Unsubscribe(token, std::move(d));
          });
          if (!done.ok())
            co_return Html(
                StatusFor(done.error().code),
                OutcomePage(s, "refused", "This link did not work", done.error().message),
                req.version());
          co_return Html(status::ok, OutcomePage(s, p.outcome, p.done_heading, p.done_message),
                         req.version());
        });
}

void AddJsonLinkRoute(Router& r, const ApiServices& s, const std::string& path, bool confirm) {
  r.Add(verb::post, path, Scope::kPublic,
        Handle<Subscriber>(
            JsonBody([](const json::object& body) -> Result<std::string> {
              WARROOM_RETURN_IF_ERROR(api::OnlyFields(body, {"token"}, "a link's token"));
              return api::StringField(body, "token", 128, true);
            }),
            [s, confirm](const engine::Caller&, const std::string& token, Done<Subscriber> done) {
              if (!s.subscribers) return done(NotOffered());
              if (confirm) return s.subscribers->Confirm(token, std::move(done));
              s.subscribers->Unsubscribe(token, std::move(done));
            },
            PublicJson));
}

}  // namespace

json::object SubscriberJson(const Subscriber& s) {
  json::object o = PublicJson(s);
  o["id"] = s.id;
  o["created_at"] = FormatTime(s.created_at);
  o["confirmed_at"] = s.confirmed_at ? json::value(FormatTime(*s.confirmed_at)) : nullptr;
  o["unsubscribed_at"] = s.unsubscribed_at ? json::value(FormatTime(*s.unsubscribed_at)) : nullptr;
  o["confirmation_requested_at"] =
      s.confirmation_requested_at ? json::value(FormatTime(*s.confirmation_requested_at)) : nullptr;
  o["client"] = s.client;
  return o;
}

void AddStatusPageSubscriptionRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/status/subscribe", Scope::kPublic,
        [s](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          if (!Ready(s)) co_return Problem(NotOffered(), req.version());
          co_return Html(status::ok, FormPage(s, "", ""), req.version());
        });
  r.Add(verb::post, "/status/subscribe", Scope::kPublic,
        [s](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          if (!Ready(s)) co_return Problem(NotOffered(), req.version());
          auto fields = FormFields(req);
          if (!fields.ok())
            co_return Html(status::bad_request, FormPage(s, fields.error().message, ""),
                           req.version());
          engine::SubscriptionRequest in;
          std::string email = FieldOf(*fields, "email"), webhook = FieldOf(*fields, "webhook");
          in.channel = email.empty() && !webhook.empty() ? SubscriberChannel::kWebhook
                                                         : SubscriberChannel::kEmail;
          in.address = in.channel == SubscriberChannel::kEmail ? email : webhook;
          for (const auto& [k, v] : *fields)
            if (k == "component" && in.components.size() < kMaxComponents)
              in.components.push_back(v);
          in.client = ClientOf(req);
          Result<engine::SubscriptionAnswer> done =
              co_await Await<engine::SubscriptionAnswer>([&](Done<engine::SubscriptionAnswer> d) {
                s.subscribers->Subscribe(in, std::move(d));
              });
          if (!done.ok())
            co_return Html(StatusFor(done.error().code),
                           FormPage(s, done.error().message, in.address), req.version());
          co_return Html(
              status::accepted,
              OutcomePage(s, done->confirmation_queued ? "pending" : "subscribed",
                          done->confirmation_queued ? "Almost there" : "Subscribed", Said(*done)),
              req.version());
        });
  r.Add(verb::post, "/api/v2/subscriptions", Scope::kPublic,
        [s](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          if (!s.subscribers) co_return Problem(NotOffered(), req.version());
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto in = RequestOf(*body);
          if (!in.ok()) co_return Problem(in.error(), req.version());
          in->client = ClientOf(req);
          Result<engine::SubscriptionAnswer> done =
              co_await Await<engine::SubscriptionAnswer>([&](Done<engine::SubscriptionAnswer> d) {
                s.subscribers->Subscribe(*in, std::move(d));
              });
          if (!done.ok()) co_return Problem(done.error(), req.version());
          json::object out = PublicJson(done->subscriber);
          out["confirmation"] = done->confirmation_queued ? "sent" : "not needed";
          out["message"] = Said(*done);
          co_return Json(status::accepted, out, req.version());
        });
  AddLinkRoutes(
      r, s,
      {"/status/subscriptions/confirm", "Confirm your subscription", "Confirm", "Subscribed",
       "You will receive this page's incident and maintenance notices.", "confirmed", true});
  AddLinkRoutes(r, s,
                {"/status/subscriptions/unsubscribe", "Unsubscribe", "Unsubscribe", "Unsubscribed",
                 "You will receive no more notices from this page.", "unsubscribed", false});
  AddJsonLinkRoute(r, s, "/api/v2/subscriptions/confirm", true);
  AddJsonLinkRoute(r, s, "/api/v2/subscriptions/unsubscribe", false);
}

namespace {

Result<store::SubscriberFilter> FilterOf(const Request& req, const Params&) {
  store::SubscriberFilter f;
  auto q = QueryParams(req.target());
  for (const auto& [k, v] : q) {
    if (k == "state") {
      auto st = store::ParseSubscriberState(v);
      if (!st)
        return Error::InvalidArgument("'state' must be pending, confirmed or unsubscribed, not '" +
                                      api::Shown(v) + "'");
      f.state = *st;
    } else if (k == "channel") {
      auto c = store::ParseSubscriberChannel(v);
      if (!c) return Error::InvalidArgument("'channel' must be email or webhook");
      f.channel = *c;
    } else if (k == "after" || k == "limit") {
      std::int64_t n = 0;
      try {
        std::size_t used = 0;
        n = std::stoll(v, &used);
        if (used != v.size()) throw std::invalid_argument(v);
      } catch (...) {
        return Error::InvalidArgument("'" + k + "' must be a whole number");
      }
      if (k == "after") {
        if (n < 0) return Error::InvalidArgument("'after' must be 0 or more (a subscriber's id)");
        f.after_id = n;
      }
      if (k == "limit") {
        if (n < 1 || n > 1000) return Error::InvalidArgument("'limit' must be from 1 to 1000");
        f.limit = static_cast<int>(n);
      }
    } else {
      return Error::InvalidArgument("unknown parameter '" + api::Shown(k) +
                                    "': use state, channel, after or limit");
    }
  }
  return f;
}

Result<std::int64_t> IdOf(const Request&, const Params& p) {
  const std::string& v = p.at("id");
  try {
    std::size_t used = 0;
    std::int64_t id = std::stoll(v, &used);
    if (used == v.size() && id > 0) return id;
  } catch (...) {
  }
  return Error::NotFound("no subscriber '" + api::Shown(v) +
                         "' (ids are whole numbers: see `warroom status-page subscriber list`)");
}

json::object ListJson(const std::vector<Subscriber>& items) {
  json::array out;
  for (const auto& s : items) out.push_back(SubscriberJson(s));
  json::object o{{"items", std::move(out)}};
  o["next_after"] = items.empty() ? json::value(nullptr) : json::value(items.back().id);
  return o;
}

}  // namespace

void AddStatusPageSubscriberAdminRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/status-page/subscribers", Scope::kRespond,
        Handle<std::vector<Subscriber>>(
            FilterOf,
            [s](const engine::Caller& c, const store::SubscriberFilter& f,
                Done<std::vector<Subscriber>> done) {
              if (!s.subscribers) return done(NotOffered());
              s.subscribers->List(c, f, std::move(done));
            },
            ListJson));
  r.Add(verb::post, "/api/v1/status-page/subscribers", Scope::kRespond,
        Handle<Subscriber>(
            JsonBody(RequestOf),
            [s](const engine::Caller& c, const engine::SubscriptionRequest& in,
                Done<Subscriber> done) {
              if (!s.subscribers) return done(NotOffered());
              s.subscribers->Add(c, in, std::move(done));
            },
            SubscriberJson, status::created));
  r.Add(verb::get, "/api/v1/status-page/subscribers/{id}", Scope::kRespond,
        Handle<Subscriber>(
            IdOf,
            [s](const engine::Caller& c, std::int64_t id, Done<Subscriber> done) {
              if (!s.subscribers) return done(NotOffered());
              s.subscribers->Get(c, id, std::move(done));
            },
            SubscriberJson));
  r.Add(verb::delete_, "/api/v1/status-page/subscribers/{id}", Scope::kRespond,
        Handle<Ok>(
            IdOf,
            [s](const engine::Caller& c, std::int64_t id, Done<Ok> done) {
              if (!s.subscribers) return done(NotOffered());
              s.subscribers->Remove(c, id, [done = std::move(done)](Outcome r) {
                if (!r.ok()) return done(r.error());
                done(Ok{});
              });
            },
            [](const Ok&) {
              return json::object{{"removed", true}};
            }));
}

}  // namespace warroom::http
