#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "store/leases.hpp"

namespace warroom::store {

// What LeaseWrites::TakeLease makes of the lease `current` (nullopt: never
// taken) at `now` on the database's clock, as every adapter applies it.
inline Lease TakenLease(const std::optional<Lease>& current, const std::string& name,
                        const std::string& holder, TimePoint now, std::chrono::microseconds ttl) {
  if (current && current->holder != holder && current->expires_at > now) {
    Lease held = *current;  // another instance holds it
    held.now = now;
    return held;
  }
  bool renewal = current && current->holder == holder && current->expires_at > now;
  Lease l;
  l.name = name;
  l.holder = holder;
  l.epoch = !current ? 1 : renewal ? current->epoch : current->epoch + 1;
  l.expires_at = now + ttl;
  l.now = now;
  return l;
}

// CheckLease's answer for the lease as it stands (`current`) at `now`.
inline Outcome FenceOf(const std::optional<Lease>& current, const std::string& name,
                       const std::string& holder, std::int64_t epoch, TimePoint now) {
  if (current && current->holder == holder && current->epoch == epoch && current->expires_at > now)
    return Success();
  std::string now_held = !current                    ? "never taken"
                         : current->expires_at > now ? "held by " + current->holder + " at epoch " +
                                                           std::to_string(current->epoch)
                                                     : "expired";
  return Error::FailedPrecondition("this instance (" + holder + ") no longer holds the " + name +
                                   " lease of epoch " + std::to_string(epoch) + " (it is " +
                                   now_held + "): its background writes are refused");
}

// The process's own clock, for the stores only one process writes.
inline TimePoint SystemNow() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace warroom::store
