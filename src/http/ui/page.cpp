#include "http/ui/page.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include <fmt/format.h>

#include <kainjow/mustache.hpp>

#include "engine/session_service.hpp"
#include "http/browser_session.hpp"
#include "http/problem.hpp"
#include "http/ui/web_files.hpp"

namespace warroom::http::ui {

namespace json = boost::json;
namespace mustache = kainjow::mustache;

namespace {

// Only warroom's own scripts and styles run: no inline script (a value
// that escaped its escaping still could not execute), no other site, no
// framing; the event stream and the API calls go to this origin alone.
constexpr std::string_view kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

mustache::data ToData(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: {
      mustache::data d{mustache::data::type::object};
      for (const auto& kv : v.get_object()) d.set(std::string(kv.key()), ToData(kv.value()));
      return d;
    }
    case json::kind::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& item : v.get_array()) d.push_back(ToData(item));
      return d;
    }
    case json::kind::string:
      // An empty text is false in a section ({{#workaround}}...): Mustache
      // would show the section for any string. It renders as "" all the same.
      if (v.get_string().empty()) return mustache::data(false);
      return mustache::data(std::string(v.get_string()));
    case json::kind::bool_:
      return mustache::data(v.get_bool());
    case json::kind::null:
      return mustache::data(false);  // a section over a missing value is skipped
    case json::kind::int64:
      return mustache::data(std::to_string(v.get_int64()));
    case json::kind::uint64:
      return mustache::data(std::to_string(v.get_uint64()));
    case json::kind::double_:
      // 12.5, not 1.25E1: the shortest text that reads back the same.
      return mustache::data(fmt::format("{}", v.get_double()));
  }
  return mustache::data(false);
}

std::string_view FileText(std::string_view path) {
  const WebFile* f = FindWebFile(path);
  return f ? f->bytes : std::string_view();
}

std::string AssetUrl(std::string_view path) {
  const WebFile* f = FindWebFile(path);
  std::string url = "/";
  url += path;
  if (f) {
    // The ETag without its quotes: a new build's file gets a new URL, so
    // the browser may keep each one for a year.
    url += "?v=";
    url += f->etag.substr(1, f->etag.size() - 2);
  }
  return url;
}

json::array Navigation(std::string_view current, const engine::Caller* caller) {
  struct Entry {
    std::string_view id, title, href;
    bool admin_only;
  };
  static constexpr Entry kEntries[] = {
      {"dashboard", "Dashboard", "/", false},
      {"declare", "Declare", "/declare", false},
      {"triage", "Triage", "/triage", false},
      {"people", "People", "/people", true},
      {"integrations", "Integrations", "/integrations", true},
      {"outbox", "Outbox", "/outbox", true},
      {"status-page", "Status page", "/status-page", false},
      {"policy", "Policy", "/policy", false},
  };
  json::array out;
  if (!caller) return out;
  for (const Entry& e : kEntries) {
    if (e.admin_only && !caller->IsAdmin()) continue;
    if (e.id == "declare" && !caller->CanRespond()) continue;
    out.push_back(json::object{{"title", e.title}, {"href", e.href}, {"current", e.id == current}});
  }
  return out;
}

}  // namespace

Result<std::string> RenderTemplate(std::string_view text, const json::value& data) {
  mustache::mustache m{std::string(text)};
  if (!m.is_valid()) return Error::Internal("page template: " + m.error_message());
  std::string out = m.render(ToData(data));
  if (!m.is_valid()) return Error::Internal("page template: " + m.error_message());
  return out;
}

std::string CsrfOf(const Request& req) {
  std::string secret = SessionSecretOf(req[beast_http::field::cookie]);
  return secret.empty() ? std::string() : engine::CsrfTokenFor(secret);
}

std::string LocalPath(std::string_view next) {
  // "/x" but not "//host" or "/\host" (both leave the site in browsers).
  if (next.size() < 1 || next[0] != '/' || next.starts_with("//") || next.starts_with("/\\"))
    return "/";
  for (char c : next)
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  return std::string(next);
}

std::string SafeHref(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  return starts("https://") || starts("http://") ? std::string(url) : std::string();
}

Response RenderPage(std::string_view name, json::object data, const PageContext& ctx,
                    const Request& req, beast_http::status status) {
  json::object page{{"title", ctx.title},
                    {"csrf", ctx.csrf},
                    {"nav", Navigation(ctx.nav, ctx.caller)},
                    {"signed_in", ctx.caller != nullptr},
                    {"css", AssetUrl("assets/app.css")},
                    {"js", AssetUrl("assets/app.js")}};
  if (ctx.caller) {
    page["handle"] = ctx.caller->handle;
    page["permission"] = store::PermissionName(ctx.caller->permission);
    page["can_respond"] = ctx.caller->CanRespond();
    page["is_admin"] = ctx.caller->IsAdmin();
  }
  data["page"] = page;
  std::string template_path = "pages/" + std::string(name) + ".html";
  Result<std::string> body = RenderTemplate(FileText(template_path), data);
  if (body.ok()) {
    json::object layout = std::move(page);
    layout["body"] = *body;
    body = RenderTemplate(FileText("layout.html"), layout);
  }
  Response res{status, req.version()};
  if (!body.ok()) {
    spdlog::error("page {}: {}", name, body.error().message);
    res.result(beast_http::status::internal_server_error);
    res.body() = "the page could not be rendered; it is logged";
  } else {
    res.body() = std::move(*body);
  }
  res.set(beast_http::field::content_type, "text/html; charset=utf-8");
  res.set(beast_http::field::cache_control, "no-store");
  res.set("Content-Security-Policy", kPagePolicy);
  // Same-origin: a form's POST carries its Origin (no-referrer would send
  // "null"), while a link to another site carries no incident's URL.
  res.set("Referrer-Policy", "same-origin");
  return res;
}

Response ErrorPage(const Error& e, const PageContext& ctx, const Request& req) {
  Response problem = Problem(e, req.version());
  json::object data{{"status", static_cast<int>(problem.result_int())},
                    {"title", std::string(beast_http::obsolete_reason(problem.result()))},
                    {"code", ErrorCodeName(e.code)},
                    {"message", e.message}};
  return RenderPage("error", std::move(data), ctx, req, problem.result());
}

}  // namespace warroom::http::ui
