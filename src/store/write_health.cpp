#include "store/write_health.hpp"

#include <spdlog/spdlog.h>

namespace warroom::store {

void WriteHealth::Note(const std::optional<std::string>& failure, bool committed,
                       std::size_t writes) {
  auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  if (failure) {
    bool first = !failure_;
    if (first) {
      failing_since_ = now;
      refused_ = 0;
    }
    failure_ = "database writes fail: " + *failure;
    refused_ += writes;
    refused_unlogged_ += writes;
    if (first || now - last_logged_ >= log_interval_) {
      last_logged_ = now;
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - failing_since_).count();
      std::uint64_t refused = refused_, unlogged = refused_unlogged_;
      refused_unlogged_ = 0;
      lock.unlock();
      spdlog::error(
          "database write failed: {} at {}; {}; writes are refused (503) and /readyz is not ready "
          "until one succeeds ({} write(s) refused in {} s, {} since the last report)",
          *failure, where_, advice_, refused, secs, unlogged);
    }
    return;
  }
  if (committed && failure_) {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - failing_since_).count();
    std::uint64_t refused = refused_;
    failure_.reset();
    refused_ = refused_unlogged_ = 0;
    lock.unlock();
    spdlog::info("database writes succeed again at {} after {} s ({} write(s) were refused)",
                 where_, secs, refused);
  }
}

std::optional<std::string> WriteHealth::Failure() const {
  std::lock_guard lock(mu_);
  return failure_;
}

}  // namespace warroom::store
