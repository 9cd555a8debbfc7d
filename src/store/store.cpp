#include "store/store.hpp"

#include <future>

#include "store/lease_rule.hpp"

namespace warroom::store {

Outcome WriteTx::CheckLease(const std::string& name, const std::string& holder,
                            std::int64_t epoch) {
  WARROOM_ASSIGN_OR_RETURN(auto current, FindLease(name));
  return FenceOf(current, name, holder, epoch, current ? current->now : SystemNow());
}

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
