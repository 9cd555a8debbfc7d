#include "app/change_feed.hpp"

#include <spdlog/spdlog.h>

namespace warroom::app {

Result<std::unique_ptr<store::postgres::PgNotifier>> ConnectPeers(engine::ChangeBus& bus,
                                                                  const std::string& conninfo,
                                                                  const std::string& instance) {
  auto notifier = std::make_unique<store::postgres::PgNotifier>(
      conninfo, kChangeChannel, [&bus](const std::string& payload) { bus.FromPeers(payload); });
  WARROOM_RETURN_IF_ERROR(notifier->Start());
  spdlog::info("change notifications: listening on {} for the other instances' changes",
               kChangeChannel);
  bus.SetPeers(instance,
               [n = notifier.get()](std::string payload) { n->Send(std::move(payload)); });
  return notifier;
}

}  // namespace warroom::app
