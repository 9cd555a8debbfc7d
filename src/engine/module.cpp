#include "engine/module.hpp"

namespace warroom::engine {

void Module::Wake() {
  std::lock_guard lock(wake_mu_);
  if (wake_) wake_();
}

void Module::Attach(std::function<void()> wake) {
  std::lock_guard lock(wake_mu_);
  wake_ = std::move(wake);
}

}  // namespace warroom::engine
