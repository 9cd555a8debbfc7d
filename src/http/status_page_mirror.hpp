#pragma once

#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "base/result.hpp"
#include "engine/status_page_feed.hpp"

namespace warroom::http {

// --status-page-mirror DIR: the public page, its incidents' and
// maintenances' pages, its feed and its JSON kept as static files in DIR,
// written again on every build of the page, so any web server or CDN can
// serve the status page while warroom itself is down. Each file is replaced
// whole (a reader never sees half of one) and only when its bytes changed;
// an incident's or maintenance's page that left the page's window is
// removed. Writing happens on a thread of its own: a slow disk never holds
// up the page's build.
class StatusPageMirror {
 public:
  // Offered every build of `feed` once opened; while nothing changes, it
  // asks `feed` for one a minute (today's uptime runs on even when nobody
  // reads warroom's own page).
  StatusPageMirror(std::filesystem::path dir, engine::StatusPageFeed& feed);
  ~StatusPageMirror();  // finishes the write under way, then stops
  StatusPageMirror(const StatusPageMirror&) = delete;
  StatusPageMirror& operator=(const StatusPageMirror&) = delete;

  // Makes DIR when missing and checks it can be written; then starts and
  // writes the current build.
  Outcome Open();
  // A new build to write (never blocks: while one is being written only the
  // latest offered waits; the ones between are never written).
  void Offer(engine::StatusPageFeed::SnapshotPtr snap);

 private:
  void Run();
  void Write(const engine::StatusPageFeed::Snapshot& snap);

  const std::filesystem::path dir_;
  engine::StatusPageFeed& feed_;
  std::mutex mu_;
  std::condition_variable wake_;
  engine::StatusPageFeed::SnapshotPtr next_;
  bool stop_ = false;
  std::thread thread_;
  // What the mirror holds on disk (only its thread): a path's ETag, so an
  // unchanged file is not written again (a CDN's sync sees what changed).
  std::map<std::string, std::string> written_;
  bool failing_ = false;  // the last write failed (logged once until it recovers)
};

}  // namespace warroom::http
