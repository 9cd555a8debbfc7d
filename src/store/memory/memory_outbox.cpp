// The outbox of the memory twin.
#include <algorithm>

#include "store/memory/memory_tx.hpp"
#include "store/memory/window.hpp"

namespace warroom::store::memory {
namespace {

Tables::StoredMessage* FindMessage(Tables& t, std::int64_t id) {
  if (id < 1 || id > static_cast<std::int64_t>(t.outbox.size())) return nullptr;
  return &t.outbox[static_cast<std::size_t>(id - 1)];
}

bool StateMatches(OutboxState state, const std::vector<OutboxState>& wanted) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), state) != wanted.end();
}

}  // namespace

Result<std::vector<OutboxMessage>> MemoryTx::ListOutbox(const OutboxFilter& f) {
  std::vector<OutboxMessage> out;
  for (auto it = t_.outbox.rbegin(); it != t_.outbox.rend(); ++it) {
    const OutboxMessage& m = it->message;
    if (!StateMatches(m.state, f.states)) continue;
    if (!f.incident_id.empty() && m.incident_id != f.incident_id) continue;
    if (f.lane && LaneOf(m.kind) != *f.lane) continue;
    out.push_back(m);
  }
  return Window(std::move(out), f.limit);
}

Result<std::optional<OutboxMessage>> MemoryTx::FindOutbox(std::int64_t id) {
  auto* m = FindMessage(t_, id);
  if (!m) return std::optional<OutboxMessage>();
  return std::optional<OutboxMessage>(m->message);
}

Result<std::vector<OutboxAttempt>> MemoryTx::ListAttempts(std::int64_t message_id) {
  std::vector<OutboxAttempt> out;
  for (const auto& a : t_.attempts)
    if (a.message_id == message_id) out.push_back(a);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.attempt < b.attempt; });
  return out;
}

Result<std::optional<TimePoint>> MemoryTx::NextOutboxDue(OutboxLane lane) {
  std::optional<TimePoint> due;
  for (const auto& s : t_.outbox) {
    if (s.message.state != OutboxState::kPending || LaneOf(s.message.kind) != lane) continue;
    TimePoint t = std::max(s.message.next_attempt_at, s.lease_until);
    if (!due || t < *due) due = t;
  }
  return due;
}

Outcome MemoryTx::InsertOutbox(const OutboxMessage& m) {
  for (const auto& s : t_.outbox)
    if (s.message.idempotency_key == m.idempotency_key) return Success();
  OutboxMessage stored = m;
  stored.id = static_cast<std::int64_t>(t_.outbox.size()) + 1;
  stored.state = OutboxState::kPending;
  stored.attempts = 0;
  stored.last_error.clear();
  stored.finished_at.reset();
  t_.outbox.push_back({std::move(stored), TimePoint{}});
  return Success();
}

Result<std::vector<OutboxMessage>> MemoryTx::ClaimOutbox(OutboxLane lane, TimePoint now,
                                                         TimePoint lease_until, int limit) {
  std::vector<Tables::StoredMessage*> due;
  // The lane is the kind's, as the SQL adapters store it.
  for (auto& s : t_.outbox)
    if (LaneOf(s.message.kind) == lane && s.message.state == OutboxState::kPending &&
        s.message.next_attempt_at <= now && s.lease_until <= now)
      due.push_back(&s);
  // Earliest due first; the outbox is in id order, so ties keep the lowest id.
  std::stable_sort(due.begin(), due.end(), [](const auto* a, const auto* b) {
    return a->message.next_attempt_at < b->message.next_attempt_at;
  });
  std::vector<OutboxMessage> out;
  for (auto* s : due) {
    if (limit >= 0 && out.size() >= static_cast<std::size_t>(limit)) break;
    out.push_back(s->message);
    s->lease_until = lease_until;
  }
  return out;
}

Outcome MemoryTx::FinishAttempt(const OutboxAttempt& a, OutboxState state,
                                TimePoint next_attempt_at, const std::string& last_error) {
  auto* s = FindMessage(t_, a.message_id);
  // The SQLite schema's foreign key and primary key.
  if (!s) return Error::Conflict("no outbox message " + std::to_string(a.message_id));
  for (const auto& earlier : t_.attempts)
    if (earlier.message_id == a.message_id && earlier.attempt == a.attempt)
      return Error::Conflict("attempt " + std::to_string(a.attempt) + " of outbox message " +
                             std::to_string(a.message_id) + " was recorded before");
  t_.attempts.push_back(a);
  OutboxMessage& m = s->message;
  m.state = state;
  m.attempts = a.attempt;
  m.next_attempt_at = next_attempt_at;
  m.last_error = last_error;
  if (state == OutboxState::kPending) {
    m.finished_at.reset();
  } else {
    m.finished_at = a.finished_at;
  }
  s->lease_until = TimePoint{};
  return Success();
}

Outcome MemoryTx::ReleaseOutboxLeases() {
  for (auto& s : t_.outbox)
    if (s.message.state == OutboxState::kPending) s.lease_until = TimePoint{};
  return Success();
}

Outcome MemoryTx::RetryOutbox(std::int64_t id, TimePoint now) {
  auto* s = FindMessage(t_, id);
  if (!s)
    return Error::NotFound("no outbox message " + std::to_string(id) +
                           " (see `warroom outbox list`)");
  OutboxMessage& m = s->message;
  if (m.state == OutboxState::kPending || m.state == OutboxState::kDelivered)
    return Error::FailedPrecondition("outbox message " + std::to_string(id) + " is " +
                                     std::string(OutboxStateName(m.state)) +
                                     ": only dead or unknown messages are retried by hand");
  m.state = OutboxState::kPending;
  m.next_attempt_at = now;
  m.finished_at.reset();
  s->lease_until = TimePoint{};
  return Success();
}

}  // namespace warroom::store::memory
