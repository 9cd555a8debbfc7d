#include "http/alertmanager_endpoint.hpp"

#include "http/webhook_endpoint.hpp"
#include "ingest/alertmanager/translate.hpp"

namespace warroom::http {

void AddAlertmanagerEndpoint(Router& r, const ApiServices& s) {
  AddWebhookEndpoint(r, s, "alertmanager", &ingest::alertmanager::Translate);
}

}  // namespace warroom::http
