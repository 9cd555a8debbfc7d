#pragma once

#include <any>
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "engine/caller.hpp"
#include "store/requests.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// An answer as the client received it: what a retry with the same
// Idempotency-Key gets back.
struct RecordedAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
};

// A mutating request that carries an Idempotency-Key. The HTTP layer makes
// one per such request (it knows the key, the request and how the answer
// is written); the service that applies the request calls Record inside
// the write transaction of what it changed, as that transaction's last
// step. The answer and the change then commit together or not at all: a
// retry after a lost answer, or after a COMMIT whose outcome was lost, finds
// the answer and gets it back instead of applying the request twice.
class RequestScope {
 public:
  // `identity`: caller, key, method, path, body digest and when (status,
  // content type and answer are filled in by Record).
  explicit RequestScope(store::RequestRecord identity) : record_(std::move(identity)) {}

  // How the HTTP layer writes the service's result `Out` (set before the
  // service is asked).
  template <typename Out>
  void AnswerWith(std::function<RecordedAnswer(const Out&)> write) {
    write_ = std::move(write);
  }
  // How it writes a refusal (a problem document).
  void RefuseWith(std::function<RecordedAnswer(const Error&)> write) { refuse_ = std::move(write); }

  // Records `out`'s answer under the key, in `tx`. kConflict when the same
  // key was recorded meanwhile (a concurrent retry committed first): the
  // caller's write must then roll back, and AlreadyApplied() tells the HTTP
  // layer to answer what was recorded.
  template <typename Out>
  Outcome Record(store::WriteTx& tx, const Out& out) {
    auto* write = std::any_cast<std::function<RecordedAnswer(const Out&)>>(&write_);
    if (!write)
      return Error::Internal("the route's answer is not what its service records (" +
                             record_.method + " " + record_.path + ")");
    return Keep(tx, (*write)(out));
  }
  // Records, in place of an answer that cannot be repeated (it shows a
  // secret once), the refusal `e` that a retry gets instead.
  Outcome RecordRefusal(store::WriteTx& tx, const Error& e);

  bool AlreadyApplied() const { return already_applied_.load(); }
  // Whether Record or RecordRefusal kept an answer.
  bool Recorded() const { return recorded_.load(); }
  const store::RequestRecord& identity() const { return record_; }

 private:
  Outcome Keep(store::WriteTx& tx, RecordedAnswer answer);

  store::RequestRecord record_;
  std::any write_;
  std::function<RecordedAnswer(const Error&)> refuse_;
  std::atomic<bool> already_applied_{false};
  std::atomic<bool> recorded_{false};
};

// The service's side: records `out` when the caller's request carries a key
// (nothing otherwise). The last step of the write that applies the request.
template <typename Out>
Outcome RecordAnswer(store::WriteTx& tx, const Caller& caller, const Out& out) {
  return caller.request ? caller.request->Record(tx, out) : Success();
}

// For an answer that shows a secret once (a token, an integration key): the
// secret is never stored, so a retry gets the refusal `detail` (409) saying
// what was made and how to replace it if the answer was lost.
inline Outcome RecordShownOnce(store::WriteTx& tx, const Caller& caller,
                               const std::string& detail) {
  return caller.request ? caller.request->RecordRefusal(tx, Error::Conflict(detail)) : Success();
}

}  // namespace warroom::engine
