#pragma once

#include <CLI/CLI.hpp>

#include "cli/registrar.hpp"

namespace warroom::cli {

// Adds `export DIR` under `status-page`: the public page, its incidents'
// and maintenances' pages, the feed and the Statuspage-shaped JSON, fetched
// from the server and written as static files a web server or CDN serves
// at the same paths.
void AddStatusPageExport(CLI::App* status_page, const Registrar& k);

}  // namespace warroom::cli
