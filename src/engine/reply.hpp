#pragma once

#include <functional>
#include <optional>

#include "base/result.hpp"

namespace warroom::engine {

// Completes a service call once the store has answered: the store's error,
// or the value the read or write filled in.
template <typename T>
void Reply(Outcome r, T& value, const std::function<void(Result<T>)>& done) {
  if (!r.ok()) return done(r.error());
  done(std::move(value));
}

template <typename T>
void Reply(Outcome r, std::optional<T>& value, const std::function<void(Result<T>)>& done) {
  if (!r.ok()) return done(r.error());
  done(std::move(*value));
}

}  // namespace warroom::engine
