#include "ingest/grafana/translate.hpp"

#include "ingest/alertmanager/webhook_shape.hpp"

namespace warroom::ingest::grafana {

namespace {
constexpr WebhookShape kShape{"Grafana webhook contact point", "1",
                              "use Grafana's unified alerting webhook contact point", true};
}  // namespace

Result<std::vector<core::Alert>> Translate(std::string_view body, const Headers&, TimePoint now) {
  return ReadWebhook(kShape, body, now);
}

}  // namespace warroom::ingest::grafana
