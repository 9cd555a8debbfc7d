#pragma once

// The public status page as HTML (web/status/: no script, its own
// stylesheet) and as an Atom feed, from the page as last built.

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/status_page/page.hpp"

namespace warroom::http {

struct StatusPageHtml {
  const core::status_page::PageSettings& settings;
  const core::status_page::PageView& view;

  // GET /status: the roll-up, the unresolved incidents with their updates,
  // the maintenances running and to come, the components with their daily
  // uptime bars, the past incidents and maintenances.
  std::string Index() const;
  // GET /status/incidents/{slug}; nullopt for a slug no public incident has.
  std::optional<std::string> Incident(const std::string& slug) const;
  // GET /status/maintenances/{id}; nullopt for an id no maintenance of the
  // page's window has.
  std::optional<std::string> Maintenance(const std::string& id) const;
  // GET /status/feed.atom: every public incident of the window, newest
  // first, then every maintenance.
  std::string Feed() const;
  // Another page in the status page's frame: `template_path` (under web/)
  // rendered with `data` and the page's settings as "page".
  std::string Framed(const std::string& title, const std::string& template_path,
                     boost::json::object data) const;
};

}  // namespace warroom::http
