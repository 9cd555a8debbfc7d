#pragma once

// How every page of the web application is answered: its template (web/
// pages/NAME.html, Mustache, every {{value}} HTML-escaped) rendered from a
// JSON object of the same shapes the API answers, inside the one shared
// layout (web/layout.html: the header, the navigation, who is signed in,
// the CSRF token the scripts send, the styles and scripts).

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "engine/caller.hpp"
#include "http/types.hpp"

namespace warroom::http::ui {

struct PageContext {
  std::string_view title;
  std::string_view nav;  // which navigation entry is current: "dashboard", "triage", ...
  const engine::Caller* caller = nullptr;  // null on the sign-in page
  std::string csrf;                        // the session's CSRF token ("" without one)
};

// The page `name` with `data` (a JSON object; `page.*` in the template is
// the context), 200 unless told. Headers: HTML, no caching (a page shows
// an incident's state of this moment), a Content-Security-Policy that runs
// only warroom's own scripts and styles (no inline script, no other site).
Response RenderPage(std::string_view name, boost::json::object data, const PageContext& ctx,
                    const Request& req, beast_http::status status = beast_http::status::ok);

// The page's CSRF token: derived from the request's session cookie.
std::string CsrfOf(const Request& req);

// A page for an error (unknown incident, refused), in the layout.
Response ErrorPage(const Error& e, const PageContext& ctx, const Request& req);

// `next` when it is a path on this site ("/incidents/INC-1"), "/" otherwise:
// a sign-in link must not send the browser to another site.
std::string LocalPath(std::string_view next);

// `url` when it is http(s), "" otherwise: a link a sender wrote (an
// alert's source) never becomes a javascript: or data: link.
std::string SafeHref(std::string_view url);

// Renders one Mustache template from JSON (exposed for tests).
Result<std::string> RenderTemplate(std::string_view text, const boost::json::value& data);

}  // namespace warroom::http::ui
