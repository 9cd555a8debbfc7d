#include "http/client_limits.hpp"

#include <cstring>

namespace warroom::http {

std::size_t ClientTable::Hash::operator()(const AddressBytes& a) const {
  std::uint64_t hi, lo;
  std::memcpy(&hi, a.data(), 8);
  std::memcpy(&lo, a.data() + 8, 8);
  return std::hash<std::uint64_t>()(hi * 0x9E3779B97F4A7C15ULL ^ lo);
}

bool ClientTable::Forgettable(const Entry& e, Clock::time_point now) const {
  return e.connections == 0 && (!e.bucket || e.bucket->Full(now));
}

void ClientTable::MaybeSweep(Clock::time_point now) {
  if (clients_.size() < sweep_at_) return;
  std::erase_if(clients_, [&](const auto& kv) { return Forgettable(kv.second, now); });
  sweep_at_ = std::max<std::size_t>(1024, 2 * clients_.size());
}

bool ClientTable::Connect(const AddressBytes& client) {
  if (bounds_.max_connections_per_client <= 0) return true;
  std::lock_guard lock(mu_);
  MaybeSweep(Clock::now());
  Entry& e = clients_[client];
  if (e.connections >= bounds_.max_connections_per_client) return false;
  ++e.connections;
  return true;
}

void ClientTable::Disconnect(const AddressBytes& client) {
  if (bounds_.max_connections_per_client <= 0) return;
  std::lock_guard lock(mu_);
  auto it = clients_.find(client);
  if (it == clients_.end()) return;
  if (it->second.connections > 0) --it->second.connections;
  if (Forgettable(it->second, Clock::now())) clients_.erase(it);
}

ClientTable::Clock::duration ClientTable::Request(const AddressBytes& client,
                                                  Clock::time_point now) {
  double rate = bounds_.requests_per_second_per_client;
  if (rate <= 0) return Clock::duration::zero();
  std::lock_guard lock(mu_);
  MaybeSweep(now);
  Entry& e = clients_[client];
  if (!e.bucket) e.bucket.emplace(rate, std::max(1.0, rate * kBurstSeconds), now);
  return e.bucket->Take(now);
}

std::size_t ClientTable::size() const {
  std::lock_guard lock(mu_);
  return clients_.size();
}

}  // namespace warroom::http
