#pragma once

#include <memory>
#include <string>

#include "base/time_zone.hpp"

namespace warroom::config {

// A time zone from the system's tz database (Howard Hinnant's date/tz).
// "UTC" never needs the database.
Result<std::shared_ptr<const TimeZone>> LoadTimeZone(const std::string& name);

}  // namespace warroom::config
