#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

void AddUiRoutes(Router& r, const ApiServices& s) {
  AddAssetRoutes(r);
  AddSignInPage(r);
  AddDashboardPage(r, s);
  AddIncidentPage(r, s);
  AddDeclarePage(r, s);
  AddPolicyPage(r, s);
  AddTriagePage(r, s);
  AddPeoplePage(r, s);
  AddIntegrationsPage(r, s);
  AddOutboxPage(r, s);
  AddStatusPagePage(r, s);
}

}  // namespace warroom::http::ui
