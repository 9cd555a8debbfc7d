#include "ingest/alertmanager/translate.hpp"

#include "ingest/alertmanager/webhook_shape.hpp"

namespace warroom::ingest::alertmanager {

namespace {
constexpr WebhookShape kShape{"Alertmanager webhook", "4",
                              "configure a webhook_config; Alertmanager 0.x and later send it",
                              false};
}  // namespace

Result<std::vector<core::Alert>> Translate(std::string_view body, const Headers&, TimePoint now) {
  return ReadWebhook(kShape, body, now);
}

}  // namespace warroom::ingest::alertmanager
