#include "core/clocks/clocks.hpp"

#include "base/text.hpp"

namespace warroom::core {

std::string_view ClockKindName(ClockKind k) {
  switch (k) {
    case ClockKind::kAcknowledge:
      return "acknowledge";
    case ClockKind::kUpdate:
      return "update";
    case ClockKind::kCustomerCommunication:
      return "customer_communication";
    case ClockKind::kExecutiveNotification:
      return "executive_notification";
    case ClockKind::kTargetResolution:
      return "target_resolution";
    case ClockKind::kPostIncidentReview:
      return "post_incident_review";
  }
  return "unknown";
}

Result<ClockKind> ParseClockKind(std::string_view s) {
  for (ClockKind k : kAllClockKinds)
    if (ClockKindName(k) == s) return k;
  return Error::InvalidArgument("unknown clock '" + Shown(s) + "'");
}

std::string_view ClockStatusName(ClockStatus s) {
  switch (s) {
    case ClockStatus::kPending:
      return "pending";
    case ClockStatus::kMet:
      return "met";
    case ClockStatus::kBreached:
      return "breached";
    case ClockStatus::kNotApplicable:
      return "not_applicable";
  }
  return "unknown";
}

namespace {

// One clock as the fold tracks it.
struct Track {
  bool armed = false;
  TimePoint armed_at;
  TimePoint armed_recorded_at;
  TimePoint due;
  std::optional<TimePoint> met_at;
  std::optional<TimePoint> stopped_at;  // the incident ended before it was met
  int missed = 0;
  std::string note;

  void Arm(TimePoint at, TimePoint recorded, TimePoint due_at) {
    armed = true;
    armed_at = at;
    armed_recorded_at = recorded;
    due = due_at;
    met_at.reset();
    stopped_at.reset();
  }
  void Disarm(std::string why) {
    armed = false;
    met_at.reset();
    stopped_at.reset();
    note = std::move(why);
  }
  bool Open() const { return armed && !met_at && !stopped_at; }
  void Meet(TimePoint t) {
    if (Open()) met_at = t;
  }
  void Stop(TimePoint t) {
    if (Open()) stopped_at = t;
  }
};

}  // namespace

class ClockFold {
 public:
  ClockFold(const Policy& p, const BusinessCalendar& c) : policy_(&p), cal_(&c) {}

  void Apply(const Event& e) {
    t_ = e.occurred_at;
    rec_ = e.recorded_at;
    std::visit([this](const auto& ev) { On(ev); }, e.payload);
  }

  std::vector<ClockView> View(TimePoint now) const {
    std::vector<ClockView> out;
    for (ClockKind k : kAllClockKinds) out.push_back(ViewOf(k, now));
    return out;
  }

 private:
  const SeverityLevel& Level() const { return policy_->Level(severity_); }
  Track& T(ClockKind k) { return tracks_[static_cast<int>(k)]; }

  // The due time of clock `k` armed at `t` under the current level, or nullopt
  // when the level does not require it (with the reason in `why`).
  std::optional<TimePoint> DueFrom(ClockKind k, TimePoint t, std::string& why) const {
    const SeverityLevel& l = Level();
    switch (k) {
      case ClockKind::kAcknowledge:
        if (l.acknowledge.kind == Deadline::Kind::kWithin)
          return cal_->Add(t, l.acknowledge.within, l.time_basis);
        if (l.acknowledge.kind == Deadline::Kind::kCloseOfNextBusinessDay)
          return cal_->CloseOfNextBusinessDay(t);
        why = "no acknowledgment required";
        return std::nullopt;
      case ClockKind::kUpdate:
        if (l.update_cadence) return cal_->Add(t, *l.update_cadence, l.time_basis);
        why = "no update cadence at this severity";
        return std::nullopt;
      case ClockKind::kCustomerCommunication: {
        if (restricted_) {
          why = "restricted: nothing goes to customers or the status page";
          return std::nullopt;
        }
        const CustomerCommunication& c = l.customer_communication;
        switch (c.kind) {
          case CustomerCommunication::Kind::kWithin:
            return cal_->Add(t, c.within, l.time_basis);
          case CustomerCommunication::Kind::kWhenCustomersOver:
            if (customers_ > c.customers_over && l.update_cadence)
              return cal_->Add(t, *l.update_cadence, l.time_basis);
            why = "required only when more than " + std::to_string(c.customers_over) +
                  " customers are affected";
            return std::nullopt;
          case CustomerCommunication::Kind::kDirectToAffected:
            why = "directly to the affected customer; no clock";
            return std::nullopt;
          case CustomerCommunication::Kind::kNone:
            why = "no customer communication required";
            return std::nullopt;
        }
        return std::nullopt;
      }
      case ClockKind::kExecutiveNotification:
        if (!l.executive_notification.empty()) return t;
        why = "no executive notification required";
        return std::nullopt;
      case ClockKind::kTargetResolution:
        return cal_->Add(t, l.target_resolution_max, l.time_basis);
      case ClockKind::kPostIncidentReview:
        if (l.pir.kind == PirRequirement::Kind::kMandatory) {
          if (!resolved_) {
            why = "due after resolution";
            return std::nullopt;
          }
          return cal_->Add(t, l.pir.within, TimeBasis::kWall);
        }
        why = l.pir.kind == PirRequirement::Kind::kOptional ? "optional at this severity"
                                                            : "not required at this severity";
        return std::nullopt;
    }
    return std::nullopt;
  }

  void ArmOrDisarm(ClockKind k) {
    std::string why;
    auto due = DueFrom(k, t_, why);
    if (due) {
      T(k).Arm(t_, rec_, *due);
    } else {
      T(k).Disarm(why);
    }
  }

  void On(const events::Declared& d) {
    declared_at_ = t_;
    severity_ = d.severity;
    restricted_ = d.visibility == Visibility::kRestricted;
    if (d.impact.customers_affected) customers_ = *d.impact.customers_affected;
    for (ClockKind k : kAllClockKinds) ArmOrDisarm(k);
  }
  void On(const events::Acknowledged&) {
    acknowledged_ = true;
    T(ClockKind::kAcknowledge).Meet(t_);
  }
  void On(const events::SeverityChanged& c) {
    severity_ = c.to;
    // Met and breached clocks stay; pending ones re-arm under the new row from
    // the change; clocks the new row does not require stop.
    for (ClockKind k : kAllClockKinds) {
      Track& tr = T(k);
      if (tr.armed && (tr.met_at || tr.stopped_at || tr.due < t_)) continue;
      if (!tr.armed && (k == ClockKind::kPostIncidentReview ? !resolved_ || closed_ : !open_))
        continue;
      if (!tr.armed && k == ClockKind::kAcknowledge && acknowledged_) continue;
      int missed = tr.missed;
      ArmOrDisarm(k);
      tr.missed = missed;
    }
  }
  void On(const events::RootCauseIdentified&) {}
  void On(const events::Mitigated&) {}
  void On(const events::Resolved&) {
    open_ = false;
    resolved_ = true;
    T(ClockKind::kTargetResolution).Meet(t_);
    for (ClockKind k : {ClockKind::kAcknowledge, ClockKind::kUpdate,
                        ClockKind::kCustomerCommunication, ClockKind::kExecutiveNotification})
      T(k).Stop(t_);
    ArmOrDisarm(ClockKind::kPostIncidentReview);
  }
  void On(const events::Closed&) {
    closed_ = true;
    T(ClockKind::kPostIncidentReview).Meet(t_);
  }
  void On(const events::Reopened&) {
    open_ = true;
    resolved_ = false;
    Track& target = T(ClockKind::kTargetResolution);
    if (target.met_at) {
      target.met_at.reset();
    }
    int missed = T(ClockKind::kUpdate).missed;
    ArmOrDisarm(ClockKind::kUpdate);
    T(ClockKind::kUpdate).missed = missed;
    T(ClockKind::kPostIncidentReview).Disarm("due after resolution");
  }
  void On(const events::Dismissed&) {
    open_ = false;
    for (ClockKind k : kAllClockKinds) T(k).Stop(t_);
  }
  void On(const events::UpdatePosted& u) {
    if (!open_) return;
    Track& up = T(ClockKind::kUpdate);
    if (up.armed && !up.stopped_at) {
      if (t_ > up.due) ++up.missed;
      int missed = up.missed;
      ArmOrDisarm(ClockKind::kUpdate);
      up.missed = missed;
    }
    if (u.audience == Audience::kStatusPage || u.audience == Audience::kCustomers)
      T(ClockKind::kCustomerCommunication).Meet(t_);
    if (u.audience == Audience::kExecutives) T(ClockKind::kExecutiveNotification).Meet(t_);
  }
  void On(const events::ImpactUpdated& i) {
    if (!i.change.customers_affected) return;
    customers_ = *i.change.customers_affected;
    Track& c = T(ClockKind::kCustomerCommunication);
    if (!c.armed && open_) ArmOrDisarm(ClockKind::kCustomerCommunication);
  }
  void On(const events::VisibilityChanged& v) {
    restricted_ = v.visibility == Visibility::kRestricted;
    Track& c = T(ClockKind::kCustomerCommunication);
    if (restricted_ && c.Open())
      c.Disarm("restricted: nothing goes to customers or the status page");
  }
  template <typename Other>
  void On(const Other&) {}

  ClockView ViewOf(ClockKind k, TimePoint now) const {
    const Track& tr = tracks_[static_cast<int>(k)];
    ClockView v;
    v.kind = k;
    v.missed_updates = k == ClockKind::kUpdate ? tr.missed : 0;
    if (!tr.armed) {
      v.status = ClockStatus::kNotApplicable;
      v.note = tr.note;
      return v;
    }
    v.started_at = tr.armed_at;
    v.due_at = tr.due;
    v.met_at = tr.met_at;
    bool breached;
    if (tr.met_at) {
      breached = *tr.met_at > tr.due;
      v.status = breached ? ClockStatus::kBreached : ClockStatus::kMet;
      if (breached) v.note = "met late";
    } else if (tr.stopped_at) {
      breached = *tr.stopped_at > tr.due;
      if (breached) {
        v.status = ClockStatus::kBreached;
      } else if (k == ClockKind::kUpdate && tr.missed == 0 && tr.armed_at > declared_at_) {
        v.status = ClockStatus::kMet;
        v.note = "every update was on time";
      } else {
        v.status = ClockStatus::kNotApplicable;
        v.note = "stopped: the incident ended before it was due";
      }
    } else {
      breached = now > tr.due;
      v.status = breached ? ClockStatus::kBreached : ClockStatus::kPending;
    }
    v.retroactive = breached && tr.due < tr.armed_recorded_at;
    return v;
  }

  const Policy* policy_;
  const BusinessCalendar* cal_;
  std::array<Track, kAllClockKinds.size()> tracks_;
  Severity severity_ = Severity::kP3;
  bool restricted_ = false;
  bool open_ = true;
  bool resolved_ = false;
  bool closed_ = false;
  bool acknowledged_ = false;
  std::int64_t customers_ = 0;
  TimePoint declared_at_;
  TimePoint t_;
  TimePoint rec_;
};

ClockTracker::ClockTracker(const Policy& policy, const BusinessCalendar& calendar)
    : fold_(std::make_unique<ClockFold>(policy, calendar)) {}
ClockTracker::ClockTracker(const ClockTracker& other)
    : fold_(std::make_unique<ClockFold>(*other.fold_)) {}
ClockTracker& ClockTracker::operator=(const ClockTracker& other) {
  *fold_ = *other.fold_;
  return *this;
}
ClockTracker::~ClockTracker() = default;
void ClockTracker::Apply(const Event& e) { fold_->Apply(e); }
std::vector<ClockView> ClockTracker::View(TimePoint now) const { return fold_->View(now); }

std::vector<ClockView> ComputeClocks(const Policy& policy, const BusinessCalendar& calendar,
                                     const std::vector<Event>& history, TimePoint now) {
  ClockTracker tracker(policy, calendar);
  for (const Event& e : history) tracker.Apply(e);
  return tracker.View(now);
}

}  // namespace warroom::core
