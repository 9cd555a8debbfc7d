#include "engine/request_scope.hpp"

namespace warroom::engine {

Outcome RequestScope::RecordRefusal(store::WriteTx& tx, const Error& e) {
  if (!refuse_)
    return Error::Internal("the route cannot write a refusal (" + record_.method + " " +
                           record_.path + ")");
  return Keep(tx, refuse_(e));
}

Outcome RequestScope::Keep(store::WriteTx& tx, RecordedAnswer answer) {
  store::RequestRecord r = record_;
  r.status = answer.status;
  r.content_type = std::move(answer.content_type);
  r.answer = std::move(answer.body);
  Outcome kept = tx.RecordRequest(r);
  if (!kept.ok() && kept.error().code == ErrorCode::kAlreadyExists) {
    already_applied_ = true;
    return Error::Conflict("the request of Idempotency-Key '" + record_.key +
                           "' was applied meanwhile");
  }
  if (kept.ok()) recorded_ = true;
  return kept;
}

}  // namespace warroom::engine
