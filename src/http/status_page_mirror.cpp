#include "http/status_page_mirror.hpp"

#include <spdlog/spdlog.h>

#include <optional>
#include <set>

#include "base/atomic_file.hpp"
#include "http/etag.hpp"
#include "http/status_page_site.hpp"

namespace warroom::http {

namespace fs = std::filesystem;

StatusPageMirror::StatusPageMirror(fs::path dir, engine::StatusPageFeed& feed)
    : dir_(std::move(dir)), feed_(feed) {}

StatusPageMirror::~StatusPageMirror() {
  // No more offers (the server stops the store's builds before this).
  if (thread_.joinable()) feed_.OnBuilt(nullptr);
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Outcome StatusPageMirror::Open() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec)
    return Error::InvalidArgument("--status-page-mirror: cannot make " + dir_.string() + ": " +
                                  ec.message());
  WARROOM_RETURN_IF_ERROR(WriteFileAtomically(dir_ / ".warroom-mirror", "warroom status page\n"));
  // The pages of items an earlier run wrote: kept while the page still has
  // them, removed once it does not (the mirror owns these folders).
  for (const ItemPage& item : StatusPageItemPages()) {
    fs::path folder = StaticFileFor(dir_, item.prefix).parent_path();
    if (!fs::is_directory(folder, ec)) continue;
    for (const auto& entry : fs::directory_iterator(folder, ec))
      if (entry.is_directory() && fs::exists(entry.path() / "index.html"))
        written_[std::string(item.prefix) + entry.path().filename().string()] = "";
  }
  thread_ = std::thread([this] { Run(); });
  feed_.OnBuilt([this](const engine::StatusPageFeed::SnapshotPtr& snap) { Offer(snap); });
  Offer(feed_.Current());
  return Success();
}

void StatusPageMirror::Offer(engine::StatusPageFeed::SnapshotPtr snap) {
  {
    std::lock_guard lock(mu_);
    next_ = std::move(snap);
  }
  wake_.notify_one();
}

void StatusPageMirror::Run() {
  for (;;) {
    engine::StatusPageFeed::SnapshotPtr snap;
    {
      std::unique_lock lock(mu_);
      if (!wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stop_ || next_; })) {
        lock.unlock();
        feed_.Current();  // a build when the last is a minute old: offered here
        continue;
      }
      if (!next_) return;  // stopping with nothing left to write
      snap = std::move(next_);
    }
    Write(*snap);
  }
}

void StatusPageMirror::Write(const engine::StatusPageFeed::Snapshot& snap) {
  std::set<std::string> now;
  std::size_t changed = 0;
  std::optional<Error> failed;
  for (SiteFile& f : StatusPageSite(feed_.settings(), snap.view)) {
    now.insert(f.path);
    std::string etag = EtagOf(f.bytes);
    auto it = written_.find(f.path);
    if (it != written_.end() && it->second == etag) continue;
    if (Outcome w = WriteFileAtomically(StaticFileFor(dir_, f.path), f.bytes); !w.ok()) {
      failed = w.error();
      written_.erase(f.path);  // written again next time
      continue;
    }
    written_[f.path] = std::move(etag);
    ++changed;
  }
  for (auto it = written_.begin(); it != written_.end();) {
    if (now.contains(it->first)) {
      ++it;
      continue;
    }
    fs::path file = StaticFileFor(dir_, it->first);
    std::error_code ec;
    fs::remove(file, ec);
    if (file.filename() == "index.html") fs::remove(file.parent_path(), ec);  // only when empty
    it = written_.erase(it);
    ++changed;
  }
  if (failed) {
    if (!failing_)
      spdlog::error(
          "status page mirror: {} (the copy in {} is out of date; retried on the next change)",
          failed->message, dir_.string());
    failing_ = true;
    return;
  }
  if (failing_) spdlog::info("status page mirror: {} is current again", dir_.string());
  failing_ = false;
  if (changed)
    spdlog::debug("status page mirror: build {}, {} files changed", snap.version, changed);
}

}  // namespace warroom::http
