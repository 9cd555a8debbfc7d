#include "engine/checkpointer.hpp"

namespace warroom::engine {

Result<NextTick> Checkpointer::Tick(TimePoint) {
  WARROOM_RETURN_IF_ERROR(Checkpoint());
  return NextTick::WhenWoken().OrWithin(interval_);
}

Result<std::int64_t> Checkpointer::Checkpoint() {
  std::int64_t written = 0;
  TimePoint now = clock_.Now();
  auto r = store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(std::int64_t last, tx.LastGlobalSeq());
    WARROOM_ASSIGN_OR_RETURN(auto prev, tx.LastCheckpoint());
    if (last == 0 || (prev && prev->global_seq == last)) return Success();
    WARROOM_ASSIGN_OR_RETURN(auto heads, tx.LoadChainHeads());
    store::Checkpoint c;
    c.global_seq = last;
    c.created_at = now;
    c.heads_digest = store::HeadsDigest(last, heads);
    c.public_key = key_.public_key();
    c.signature = key_.Sign(store::CheckpointMessage(c.global_seq, c.created_at, c.heads_digest));
    WARROOM_RETURN_IF_ERROR(tx.InsertCheckpoint(c));
    written = last;
    return Success();
  });
  if (!r.ok()) return r.error();
  return written;
}

}  // namespace warroom::engine
