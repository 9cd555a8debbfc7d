#include "store/event_chain.hpp"

#include "crypto/sha256.hpp"
#include "store/binary_encoding.hpp"

namespace warroom::store {
namespace {

constexpr std::string_view kDomain = "warroom.event.v1";

}  // namespace

std::string ChainEncoding(const StoredEvent& e) {
  std::string out;
  out.reserve(128 + e.payload.size());
  PutStr(out, kDomain);
  PutU64(out, static_cast<std::uint64_t>(e.global_seq));
  PutStr(out, e.incident_id);
  PutU64(out, static_cast<std::uint64_t>(e.incident_seq));
  PutU64(out, static_cast<std::uint64_t>(ToMicros(e.occurred_at)));
  PutU64(out, static_cast<std::uint64_t>(ToMicros(e.recorded_at)));
  PutStr(out, e.actor_kind);
  PutStr(out, e.actor_id);
  PutStr(out, e.type);
  PutStr(out, e.payload);
  out.append(reinterpret_cast<const char*>(e.prev_hash.data()), e.prev_hash.size());
  return out;
}

Hash ChainHash(const StoredEvent& e) { return crypto::Sha256(ChainEncoding(e)); }

std::string HexOf(const Hash& h) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : h) {
    s.push_back(kHex[c >> 4]);
    s.push_back(kHex[c & 15]);
  }
  return s;
}

StoredEvent ChainedEvent(const NewEvent& ne, std::int64_t global_seq, std::int64_t incident_seq,
                         const Hash& prev_hash) {
  StoredEvent e{global_seq,     ne.incident_id, incident_seq, ne.occurred_at,
                ne.recorded_at, ne.actor_kind,  ne.actor_id,  ne.type,
                ne.payload,     prev_hash,      Hash{}};
  e.hash = ChainHash(e);
  return e;
}

Error StaleAppend(const std::string& incident_id, std::int64_t head, std::int64_t expected) {
  return Error::Conflict(incident_id + " changed concurrently (at seq " + std::to_string(head) +
                         ", expected " + std::to_string(expected) + "): retry");
}

}  // namespace warroom::store
