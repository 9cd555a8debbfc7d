#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace warroom {

// Result<T> holds either a value or an Error. Expected failures travel in it;
// exceptions are for start-up and broken invariants only.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The value, or `fallback` on an error (a stored name a newer version
  // wrote, read by an older one).
  T value_or(T fallback) const& { return ok() ? std::get<0>(v_) : std::move(fallback); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Outcome is a Result with no value.
struct Ok {};
using Outcome = Result<Ok>;
inline Outcome Success() { return Ok{}; }

}  // namespace warroom

// Returns the error of `expr` (a Result) from the enclosing function.
#define WARROOM_RETURN_IF_ERROR(expr)                          \
  do {                                                         \
    auto warroom_status_ = (expr);                             \
    if (!warroom_status_.ok()) return warroom_status_.error(); \
  } while (0)

#define WARROOM_CONCAT_INNER_(a, b) a##b
#define WARROOM_CONCAT_(a, b) WARROOM_CONCAT_INNER_(a, b)
// Declares `lhs` from the value of `expr`, or returns its error.
#define WARROOM_ASSIGN_OR_RETURN(lhs, expr) \
  WARROOM_ASSIGN_OR_RETURN_IMPL_(WARROOM_CONCAT_(warroom_result_, __LINE__), lhs, expr)
#define WARROOM_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.error();                   \
  lhs = std::move(tmp).value()
