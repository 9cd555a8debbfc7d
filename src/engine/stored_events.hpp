#pragma once

#include <vector>

#include "core/incident/event.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// Between the log's rows and the domain's events.
store::NewEvent ToNewEvent(const core::Event& e);
Result<core::Event> FromStored(const store::StoredEvent& s);
Result<std::vector<core::Event>> FromStored(const std::vector<store::StoredEvent>& rows);

}  // namespace warroom::engine
