#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// Alerts: one firing of one thing, as an integration reported it, and which
// incidents hold an alert group.
class AlertReads {
 public:
  virtual ~AlertReads() = default;
  // Alerts matching `f`, the last seen first (ties: highest id), at most
  // `f.limit`.
  virtual Result<std::vector<AlertRecord>> ListAlerts(const AlertFilter& f) = 0;
  virtual Result<std::optional<AlertRecord>> FindAlert(std::int64_t id) = 0;
  // The newest incident holding the alert group (the latest attached), if any.
  virtual Result<std::optional<std::string>> AlertGroupHolder(const std::string& integration,
                                                              const std::string& group_key) = 0;
  // Alerts still firing (or acknowledged) of an incident: (of one group, of
  // the whole incident).
  virtual Result<std::pair<std::int64_t, std::int64_t>> CountFiringAlerts(
      const std::string& incident_id, const std::string& integration,
      const std::string& group_key) = 0;
  // The start time of the open (firing or acknowledged) alert with this key
  // (the latest start when several are open).
  virtual Result<std::optional<TimePoint>> OpenAlertStart(const std::string& integration,
                                                          const std::string& key) = 0;
};

class AlertWrites {
 public:
  virtual ~AlertWrites() = default;
  // Records one report of an alert: a new alert (fire_count 1, no incident,
  // no triage; the answer is `a` with its new id), or a repeat of the one
  // with the same (integration, key, start) whose count, last seen, status,
  // end, summary and annotations it updates. Resolved is final for one
  // firing (a late copy from another Alertmanager peer cannot revive it); an
  // acknowledgment holds against repeats of firing.
  virtual Result<AlertUpsert> UpsertAlert(const AlertRecord& a) = 0;
  // A repeat of firing, the report most often sent (Alertmanager re-sends
  // whole groups): when an alert with `a`'s (integration, key, start) exists,
  // counts the repeat as UpsertAlert would (count, last seen, summary and
  // annotations; a firing report changes no status and no end) and answers
  // true; answers false, having written nothing, when there is none (the
  // caller then upserts). `a.status` must be firing. Cheaper than UpsertAlert
  // because the caller needs nothing back: a repeat of firing is not routed.
  virtual Result<bool> RepeatFiring(const AlertRecord& a) = 0;
  // The same for a sender that names no start (PagerDuty's dedup_key): the
  // repeat counts against the newest open (firing or acknowledged) alert of
  // `a`'s (integration, key), whatever `a.starts_at`; false, having written
  // nothing, when none is open. One statement where OpenAlertStart and
  // RepeatFiring were two, for the common case of an open alert.
  virtual Result<bool> RepeatOpenFiring(const AlertRecord& a) = 0;
  // Sets where alerts went (the router, or a responder's triage): an empty
  // `d.route` keeps the route recorded; an empty `d.by` (the router) keeps
  // the triage fields. Unknown ids are ignored.
  virtual Outcome SetAlertDisposition(const std::vector<std::int64_t>& ids,
                                      const AlertDisposition& d) = 0;
  // Records that an incident holds an alert group (idempotent: a repeat
  // keeps the first time).
  virtual Outcome AddAlertGroupHolder(const std::string& integration, const std::string& group_key,
                                      const std::string& incident_id, TimePoint at) = 0;
};

}  // namespace warroom::store
