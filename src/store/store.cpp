#include "store/store.hpp"

#include <future>

namespace warroom::store {

Outcome Store::WriteSync(WriteFn fn) {
  std::promise<Outcome> p;
  auto f = p.get_future();
  Write(std::move(fn), [&p](Outcome r) { p.set_value(std::move(r)); });
  return f.get();
}

Outcome Store::ReadSync(ReadFn fn) {
  std::promise<Outcome> p;
  auto f = p.get_future();
  Read(std::move(fn), [&p](Outcome r) { p.set_value(std::move(r)); });
  return f.get();
}

}  // namespace warroom::store
