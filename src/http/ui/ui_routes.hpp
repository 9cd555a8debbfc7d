#pragma once

// The web application's routes: its assets, the sign-in page and one page
// per handler file (dashboard_page.cpp, incident_page.cpp, ...). Every page
// is Scope::kPage: HTML for a signed-in user, the sign-in page otherwise.
// What a page does, it does through the API (web/assets/app.js): a page
// adds no second way to change anything.

#include <string>
#include <vector>

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http::ui {

void AddUiRoutes(Router& r, const ApiServices& s);

// One page's registration (each in its own file).
// The assets of web/assets; with `only`, just those names (the rest 404).
void AddAssetRoutes(Router& r, std::vector<std::string> only = {});
void AddSignInPage(Router& r);
void AddDashboardPage(Router& r, const ApiServices& s);
void AddIncidentPage(Router& r, const ApiServices& s);
void AddDeclarePage(Router& r, const ApiServices& s);
void AddPolicyPage(Router& r, const ApiServices& s);
void AddTriagePage(Router& r, const ApiServices& s);
void AddPeoplePage(Router& r, const ApiServices& s);
void AddIntegrationsPage(Router& r, const ApiServices& s);
void AddOutboxPage(Router& r, const ApiServices& s);
void AddStatusPagePage(Router& r, const ApiServices& s);

}  // namespace warroom::http::ui
