#include "engine/password_hasher.hpp"

#include <stdexcept>

namespace warroom::engine {

PasswordHasher::PasswordHasher(crypto::PasswordCost cost, int threads, std::size_t queue)
    : cost_(cost), queue_(queue) {
  auto decoy = crypto::HashPassword("a password nobody has", cost_);
  if (!decoy.ok()) throw std::runtime_error("cannot hash passwords: " + decoy.error().message);
  decoy_ = *decoy;
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { Work(); });
}

PasswordHasher::~PasswordHasher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void PasswordHasher::Push(std::function<void()> job,
                          const std::function<void(const Error&)>& refuse) {
  {
    std::lock_guard lock(mu_);
    if (stop_) return refuse(Error::Unavailable("the server is shutting down"));
    if (jobs_.size() >= queue_)
      return refuse(Error::ResourceExhausted(
          "too many sign-ins at once (" + std::to_string(queue_) +
          " waiting to have their password checked): try again in a few seconds"));
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void PasswordHasher::Hash(std::string password, std::function<void(Result<std::string>)> done) {
  auto shared = std::make_shared<decltype(done)>(std::move(done));
  Push([this, password = std::move(password),
        shared] { (*shared)(crypto::HashPassword(password, cost_)); },
       [shared](const Error& e) { (*shared)(e); });
}

void PasswordHasher::Check(std::string password, std::string stored,
                           std::function<void(Result<Checked>)> done) {
  auto shared = std::make_shared<decltype(done)>(std::move(done));
  Push(
      [this, password = std::move(password), stored = std::move(stored), shared] {
        if (stored.empty()) {
          (void)crypto::VerifyPassword(password, decoy_);
          return (*shared)(Checked{});
        }
        Checked c;
        c.match = crypto::VerifyPassword(password, stored);
        c.needs_rehash = c.match && crypto::NeedsRehash(stored, cost_);
        (*shared)(c);
      },
      [shared](const Error& e) { (*shared)(e); });
}

void PasswordHasher::Work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to answer
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace warroom::engine
