#pragma once

// Every public document of one build of the status page, by the path it is
// served at: what the public routes answer, and what --status-page-mirror
// writes as static files (the same bytes, so a web server or CDN serving
// the copy answers as warroom would).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status_page/page.hpp"

namespace warroom::http {

// A document at a path every build has: the Statuspage-shaped JSON, the
// page and its feed.
struct FixedDocument {
  std::string_view path;
  std::string_view content_type;
  std::string (*render)(const core::status_page::PageSettings&, const core::status_page::PageView&);
};

std::span<const FixedDocument> FixedStatusPageDocuments();

// The page of one thing by its public name, under a prefix: an incident by
// its slug, a maintenance by its id; nullopt for a name none has.
struct ItemPage {
  std::string_view prefix;  // "/status/incidents/"
  std::string_view param;   // the route's parameter: "slug"
  std::optional<std::string> (*render)(const core::status_page::PageSettings&,
                                       const core::status_page::PageView&, const std::string&);
  // The names this build has a page for.
  std::vector<std::string> (*names)(const core::status_page::PageView&);
};

std::span<const ItemPage> StatusPageItemPages();

inline constexpr std::string_view kHtml = "text/html; charset=utf-8";

struct SiteFile {
  std::string path;  // "/status", "/api/v2/summary.json", "/assets/status.css"
  std::string_view content_type;
  std::string bytes;
};

// The whole site of one build: the fixed documents, every item's page and
// the page's stylesheet.
std::vector<SiteFile> StatusPageSite(const core::status_page::PageSettings& settings,
                                     const core::status_page::PageView& view);

}  // namespace warroom::http
