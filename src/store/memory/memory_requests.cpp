// Idempotency records in the memory twin.
#include "store/memory/memory_tx.hpp"

namespace warroom::store::memory {

Result<std::optional<RequestRecord>> MemoryTx::FindRequest(const std::string& caller,
                                                           const std::string& key) {
  auto it = t_.requests.find({caller, key});
  if (it == t_.requests.end()) return std::optional<RequestRecord>();
  return std::optional<RequestRecord>(it->second);
}

Outcome MemoryTx::RecordRequest(const RequestRecord& r) {
  if (!t_.requests.emplace(std::pair{r.caller, r.key}, r).second)
    return Error::AlreadyExists("the Idempotency-Key '" + r.key + "' was used before");
  return Success();
}

Result<std::int64_t> MemoryTx::ForgetRequests(TimePoint before) {
  return static_cast<std::int64_t>(
      std::erase_if(t_.requests, [before](const auto& kv) { return kv.second.at < before; }));
}

}  // namespace warroom::store::memory
