#include "engine/lease_keeper.hpp"

#include <spdlog/spdlog.h>

#include <future>
#include <memory>

namespace warroom::engine {

LeaseKeeper::LeaseKeeper(store::Store& store, std::string instance, Options options,
                         std::function<void(bool, std::int64_t)> on_change)
    : store_(store),
      instance_(std::move(instance)),
      options_(std::move(options)),
      on_change_(std::move(on_change)) {}

LeaseKeeper::~LeaseKeeper() { Stop(); }

void LeaseKeeper::Start() {
  std::unique_lock lock(mu_);
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { Loop(); });
  cv_.wait_for(lock, options_.renew_every, [this] { return answered_ || stop_; });
}

void LeaseKeeper::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (status().held) {
    Set(false, status().epoch);
    auto r = store_.WriteSync(
        [this](store::WriteTx& tx) { return tx.ReleaseLease(options_.name, instance_); });
    if (r.ok()) {
      spdlog::info("gave up the {} lease: another instance takes over at once", options_.name);
    } else {
      spdlog::warn("giving up the {} lease failed ({}): another instance takes over at its expiry",
                   options_.name, r.error().message);
    }
  }
}

bool LeaseKeeper::HeldNow() const {
  std::lock_guard lock(mu_);
  return status_.held && renewed_at_ && Steady::now() < *renewed_at_ + options_.ttl / 2;
}

LeaseKeeper::Status LeaseKeeper::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

void LeaseKeeper::Set(bool held, std::int64_t epoch) {
  bool changed;
  {
    std::lock_guard lock(mu_);
    changed = status_.held != held;
    status_.held = held;
    if (held) status_.epoch = epoch;
  }
  if (!changed) return;
  if (held) {
    spdlog::info("holding the {} lease (epoch {}): this instance runs the background modules",
                 options_.name, epoch);
  } else {
    spdlog::warn("not holding the {} lease: this instance's background modules are paused",
                 options_.name);
  }
  if (on_change_) on_change_(held, epoch);
}

void LeaseKeeper::Loop() {
  auto ttl = std::chrono::duration_cast<std::chrono::microseconds>(options_.ttl);
  std::optional<Steady::time_point> renewed;  // the last renewal that held
  for (;;) {
    auto answer = std::make_shared<std::promise<Result<store::Lease>>>();
    auto future = answer->get_future();
    auto lease = std::make_shared<store::Lease>();
    store_.Write(
        // By value: the write may run after this keeper is gone.
        [name = options_.name, instance = instance_, ttl, lease](store::WriteTx& tx) -> Outcome {
          WARROOM_ASSIGN_OR_RETURN(*lease, tx.TakeLease(name, instance, ttl));
          return Success();
        },
        [answer, lease](Outcome r) {
          answer->set_value(r.ok() ? Result<store::Lease>(*lease)
                                   : Result<store::Lease>(r.error()));
        });
    // While the answer is awaited the claim may run out: half the ttl after
    // the last renewal, the modules stop, answered or not.
    auto sent = Steady::now();
    for (;;) {
      auto limit = sent + options_.renew_every;
      if (renewed) limit = std::min(limit, *renewed + options_.ttl / 2);
      if (future.wait_until(limit) == std::future_status::ready) break;
      if (renewed && Steady::now() >= *renewed + options_.ttl / 2) {
        renewed.reset();
        Set(false, 0);
      }
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    if (future.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      auto r = future.get();
      if (r.ok()) {
        {
          std::lock_guard lock(mu_);
          status_.holder = r->holder;
          if (!r->HeldBy(instance_)) status_.epoch = r->epoch;
        }
        if (r->HeldBy(instance_)) {
          renewed = sent;
          {
            std::lock_guard lock(mu_);
            renewed_at_ = sent;
          }
          Set(true, r->epoch);
        } else {
          renewed.reset();
          Set(false, r->epoch);
        }
      } else if (!renewed || Steady::now() >= *renewed + options_.ttl / 2) {
        renewed.reset();
        Set(false, 0);
      }
    }
    std::unique_lock lock(mu_);
    if (!answered_) {
      answered_ = true;
      cv_.notify_all();  // Start waits for the first answer
    }
    if (stop_) return;
    cv_.wait_until(lock, sent + options_.renew_every, [this] { return stop_; });
    if (stop_) return;
  }
}

}  // namespace warroom::engine
