#pragma once

#include "engine/module.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Module: forgets browser sessions that ended (expired, signed out, ended
// by an admin) more than kKeep ago, and sign-in links past their expiry by
// as long, once an hour. Kept that long so that a user's session list
// still shows what ended recently (the one an admin ended yesterday).
class SessionJanitor final : public Module {
 public:
  static constexpr Duration kKeep = std::chrono::hours(24 * 30);
  explicit SessionJanitor(store::Store& store) : store_(store) {}
  std::string_view Name() const override { return "session_janitor"; }
  Result<NextTick> Tick(TimePoint now) override;

 private:
  store::Store& store_;
};

}  // namespace warroom::engine
