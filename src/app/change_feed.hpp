#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "engine/change_bus.hpp"
#include "store/postgres/pg_notifier.hpp"

namespace warroom::app {

// The channel every instance of a database listens on.
inline constexpr const char* kChangeChannel = "warroom_changes";

// Joins `bus` to the other instances on the PostgreSQL database `conninfo`
// (LISTEN/NOTIFY): what this instance publishes reaches them, theirs arrive
// here. The notifier must be stopped (destroyed) before the bus.
Result<std::unique_ptr<store::postgres::PgNotifier>> ConnectPeers(engine::ChangeBus& bus,
                                                                  const std::string& conninfo,
                                                                  const std::string& instance);

}  // namespace warroom::app
