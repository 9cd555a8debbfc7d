#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "engine/module.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// The answers kept under Idempotency-Keys: looked up before a request is
// applied, and forgotten after `keep` (a retry comes within minutes; a day
// covers a client that retries after a night's outage).
class RequestLog {
 public:
  static constexpr Duration kKeep = std::chrono::hours(24);
  explicit RequestLog(store::Store& store) : store_(store) {}

  void Find(const std::string& caller, const std::string& key,
            std::function<void(Result<std::optional<store::RequestRecord>>)> done);

 private:
  store::Store& store_;
};

// Module: forgets the answers kept longer than RequestLog::kKeep, once an
// hour (on the background holder, as every module).
class RequestJanitor final : public Module {
 public:
  explicit RequestJanitor(store::Store& store) : store_(store) {}
  std::string_view Name() const override { return "request_janitor"; }
  Result<NextTick> Tick(TimePoint now) override;

 private:
  store::Store& store_;
};

}  // namespace warroom::engine
