#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/incident/event.hpp"
#include "core/incident/state.hpp"
#include "core/status_page/maintenance.hpp"
#include "core/status_page/page.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// The outbox's destinations for the status page's subscribers: a notice
// goes once to "subscribers", whose delivery queues one message per
// subscriber to "subscriber" (the recipient: the subscriber's id).
inline constexpr std::string_view kSubscribersDestination = "subscribers";
inline constexpr std::string_view kSubscriberDestination = "subscriber";

// A notice as every subscriber receives it: what the page shows of an
// incident or a maintenance at the moment the notice was written.
struct Notice {
  std::string kind;  // "incident" or "maintenance"
  std::string id;    // a maintenance's public id (an incident's is never public)
  std::string name;
  std::string status;  // investigating ... resolved; scheduled, in_progress, verifying, completed
  std::string impact;  // none, minor, major, critical, maintenance
  std::string shortlink;                // its public page, absolute
  std::vector<std::string> components;  // component ids; empty: not about any one
  std::vector<std::string> component_names;
  std::string body;  // the update's text
  TimePoint at;
  std::optional<TimePoint> scheduled_for;  // maintenance
  std::optional<TimePoint> scheduled_until;
  // A maintenance's start or end by its schedule, queued when it was
  // announced: "start" or "end" at `at`, sent only if it still holds then.
  std::string boundary;
};

enum class NoticeBoundary { kStart, kEnd };

// Its stored form (an outbox message's body): JSON, read back by ParseNotice.
std::string NoticeJson(const Notice& n);
Result<Notice> ParseNotice(const std::string& body);

// Writes the notices the status page owes its subscribers, in the same
// transaction as what they announce: an incident's update posted to the
// status-page audience (a restricted incident's statement under the page's
// name for it, never its summary), a maintenance announced or updated.
class StatusPageNotices {
 public:
  // `base_url`: the page's address when the configuration gives none.
  StatusPageNotices(core::status_page::PageSettings settings, std::string slug_key,
                    std::string base_url);

  // The notice `e` owes, if any (an update posted to the status page),
  // queued at `now`.
  std::optional<store::OutboxMessage> ForIncident(const core::IncidentState& after,
                                                  const core::Event& e, TimePoint now) const;
  // A maintenance's notice as of `at`, caused by the status-page chain's
  // event `cause_seq`; `body` is what was said.
  store::OutboxMessage ForMaintenance(const core::status_page::Maintenance& m,
                                      std::int64_t cause_seq, const std::string& body,
                                      TimePoint at) const;

  // The notice of `m`'s start or end by its schedule, due then; nullopt
  // when that moment has passed as of `now` or a person already said it.
  std::optional<store::OutboxMessage> AtBoundary(const core::status_page::Maintenance& m,
                                                 NoticeBoundary b, TimePoint now) const;

  const core::status_page::PageSettings& settings() const { return settings_; }
  // The page's absolute address of `path` ("/status/...").
  std::string Link(std::string_view path) const;
  // The listener's address once bound (port 0 becomes the port it got),
  // when the configuration gives no `status_page.url`.
  void UseBoundAddress(std::string base_url);
  std::string SlugOf(const std::string& incident_id) const;

 private:
  store::OutboxMessage Message(const Notice& n, std::string incident_id, std::int64_t cause_seq,
                               std::string key, TimePoint now) const;
  std::vector<std::string> NamesOf(const std::vector<std::string>& ids) const;

  core::status_page::PageSettings settings_;
  std::string slug_key_;
  mutable std::mutex mu_;  // base_url_: set once bound, read by the dispatchers
  std::string base_url_;
};

// Whether a subscriber to `subscribed` (empty: every component) hears of
// a notice about `about` (empty: a word about no one component, for all).
bool Concerns(const std::vector<std::string>& subscribed, const std::vector<std::string>& about);

// Whether a boundary notice still holds for `m` (the maintenance as the
// log has it when the notice comes due): it starts or ends when the notice
// says, and no person said so first.
bool BoundaryHolds(const Notice& n, const core::status_page::Maintenance& m);

}  // namespace warroom::engine
