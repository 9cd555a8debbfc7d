#include "http/grafana_endpoint.hpp"

#include "http/webhook_endpoint.hpp"
#include "ingest/grafana/translate.hpp"

namespace warroom::http {

void AddGrafanaEndpoint(Router& r, const ApiServices& s) {
  AddWebhookEndpoint(r, s, "grafana", &ingest::grafana::Translate);
}

}  // namespace warroom::http
