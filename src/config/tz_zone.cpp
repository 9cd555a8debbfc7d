#include "config/tz_zone.hpp"

#include <date/tz.h>

namespace warroom::config {
namespace {

class TzdbZone final : public TimeZone {
 public:
  explicit TzdbZone(const date::time_zone* z) : z_(z) {}
  std::string Name() const override { return std::string(z_->name()); }
  LocalTime ToLocal(TimePoint utc) const override {
    auto info = z_->get_info(utc);
    return LocalTime((utc + info.offset).time_since_epoch());
  }
  TimePoint ToUtc(LocalTime local) const override {
    date::local_time<Duration> lt{local.time_since_epoch()};
    auto info = z_->get_info(lt);
    switch (info.result) {
      case date::local_info::unique:
      case date::local_info::ambiguous:  // the earlier instant
        return TimePoint((lt - info.first.offset).time_since_epoch());
      case date::local_info::nonexistent:  // in a DST gap: the moment the gap ends
        return TimePoint(info.second.begin.time_since_epoch());
    }
    return TimePoint((lt - info.first.offset).time_since_epoch());
  }

 private:
  const date::time_zone* z_;
};

}  // namespace

Result<std::shared_ptr<const TimeZone>> LoadTimeZone(const std::string& name) {
  if (name == "UTC" || name == "Etc/UTC")
    return std::shared_ptr<const TimeZone>(new FixedOffsetZone("UTC"));
  try {
    return std::shared_ptr<const TimeZone>(new TzdbZone(date::locate_zone(name)));
  } catch (const std::exception& e) {
    return Error::InvalidArgument("unknown time zone '" + name +
                                  "': use an IANA name such as Europe/London (" + e.what() + ")");
  }
}

}  // namespace warroom::config
