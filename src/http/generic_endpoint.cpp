#include "http/generic_endpoint.hpp"

#include "http/webhook_endpoint.hpp"
#include "ingest/generic/translate.hpp"

namespace warroom::http {

void AddGenericEndpoint(Router& r, const ApiServices& s) {
  AddWebhookEndpoint(r, s, "generic", &ingest::generic::Translate);
}

}  // namespace warroom::http
