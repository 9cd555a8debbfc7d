// Leases in the memory twin, on the process's clock.
#include "store/lease_rule.hpp"
#include "store/memory/memory_tx.hpp"

namespace warroom::store::memory {

Result<std::optional<Lease>> MemoryTx::FindLease(const std::string& name) {
  auto it = t_.leases.find(name);
  if (it == t_.leases.end()) return std::optional<Lease>();
  Lease l = it->second;
  l.now = SystemNow();
  return std::optional<Lease>(l);
}

Result<Lease> MemoryTx::TakeLease(const std::string& name, const std::string& holder,
                                  std::chrono::microseconds ttl) {
  auto it = t_.leases.find(name);
  std::optional<Lease> current;
  if (it != t_.leases.end()) current = it->second;
  Lease l = TakenLease(current, name, holder, SystemNow(), ttl);
  if (l.holder == holder) t_.leases[name] = l;
  return l;
}

Outcome MemoryTx::ReleaseLease(const std::string& name, const std::string& holder) {
  auto it = t_.leases.find(name);
  TimePoint now = SystemNow();
  if (it != t_.leases.end() && it->second.holder == holder && it->second.expires_at > now)
    it->second.expires_at = now;
  return Success();
}

}  // namespace warroom::store::memory
