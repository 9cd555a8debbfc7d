#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "core/incident/role.hpp"
#include "core/severity/severity.hpp"

namespace warroom::core {

// Whether a severity's clocks count every minute or only business hours.
enum class TimeBasis {
  kWall,      // every minute counts (P0, P1 by default)
  kBusiness,  // only business hours count (P2, P3 by default)
};

// A deadline measured from the moment its clock starts.
struct Deadline {
  enum class Kind {
    kNone,                    // no such requirement: the clock is not_applicable
    kWithin,                  // due `within` after the start, counted on the time basis
    kCloseOfNextBusinessDay,  // due when business hours end on the next business day
  };
  Kind kind = Kind::kNone;
  Duration within{0};

  static Deadline None() { return {}; }
  static Deadline Within(Duration d) { return {Kind::kWithin, d}; }
  static Deadline CloseOfNextBusinessDay() { return {Kind::kCloseOfNextBusinessDay, {}}; }
  bool operator==(const Deadline&) const = default;
};

// The spec's "Customer Communication" column.
struct CustomerCommunication {
  enum class Kind {
    kNone,               // no customer communication required
    kWithin,             // due `within` after declaration (P0: 15 min, P1: 1 h)
    kWhenCustomersOver,  // only when more than `customers_over` customers are affected;
                         // then due one update cadence after that became true (P2)
    kDirectToAffected,   // directly to the affected customer, no clock (P3)
  };
  Kind kind = Kind::kNone;
  Duration within{0};
  int customers_over = 0;
  bool operator==(const CustomerCommunication&) const = default;
};

// The spec's "Post-Incident Review" column.
struct PirRequirement {
  enum class Kind {
    kNone,       // not required
    kOptional,   // optional: no clock
    kMandatory,  // due `within` after resolution
  };
  Kind kind = Kind::kNone;
  Duration within{0};
  bool operator==(const PirRequirement&) const = default;
};

// One row of the spec's severity table, as data.
struct SeverityLevel {
  Severity severity = Severity::kP3;
  std::string name;        // "Critical"
  std::string definition;  // the spec's one-line definition
  std::vector<std::string> examples;
  std::vector<std::string> impact;
  TimeBasis time_basis = TimeBasis::kWall;
  Deadline acknowledge;
  std::vector<std::string> page_groups;  // responder groups paged at declaration
  bool chat_notification = false;        // a chat notification instead of a page
  std::optional<Duration> update_cadence;
  CustomerCommunication customer_communication;
  // Groups told at declaration (due at once); empty: not required.
  std::vector<std::string> executive_notification;
  Duration target_resolution_min{0};
  Duration target_resolution_max{0};  // the resolution clock is due at this bound
  PirRequirement pir;
  bool operator==(const SeverityLevel&) const = default;
};

// When business-time clocks count.
struct BusinessHours {
  std::string time_zone = "UTC";
  // Working days, 0 = Sunday .. 6 = Saturday.
  std::vector<unsigned> days = {1, 2, 3, 4, 5};
  std::chrono::minutes start{9 * 60};
  std::chrono::minutes end{18 * 60};
  std::vector<std::chrono::year_month_day> holidays;
  bool operator==(const BusinessHours&) const = default;
};

struct RoleDefinition {
  Role role = Role::kScribe;
  std::vector<std::string> responsibilities;
  std::vector<std::string> authority;
  std::string who;                  // the spec's "Who" line
  std::vector<std::string> groups;  // responder groups that fill it, primary first
  bool operator==(const RoleDefinition&) const = default;
};

// The spec's metric targets ("P0 MTTR: <4 hours").
struct MetricTarget {
  std::string metric;  // "mttd", "mtta", "mttr", ...
  Severity severity = Severity::kP0;
  Duration below{0};
  bool operator==(const MetricTarget&) const = default;
};

// Where a share of affected customers lands; reasons that force P0.
struct ClassifierRules {
  double p0_above_pct = 90;  // > 90 % -> P0
  double p1_from_pct = 30;   // 30 % .. 90 % -> P1
  double p2_from_pct = 5;    // 5 % .. < 30 % -> P2; below -> P3
  bool operator==(const ClassifierRules&) const = default;
};

// The organisation's procedures as data: the spec's tables are the default
// (DefaultPolicy()), operators load their own from YAML.
struct Policy {
  std::string version;  // recorded on every incident declared under it
  std::array<SeverityLevel, 4> levels;
  BusinessHours business_hours;
  std::vector<RoleDefinition> roles;
  std::vector<MetricTarget> targets;
  std::vector<std::string> root_cause_categories;
  ClassifierRules classifier;
  // How long a service must stay mitigated before the incident may be resolved
  // (the spec's "Monitoring confirms stability for 1+ hour").
  Duration stability_before_resolve = std::chrono::hours(1);

  const SeverityLevel& Level(Severity s) const { return levels[static_cast<int>(s)]; }
  const RoleDefinition* FindRole(Role r) const;
  bool HasRootCauseCategory(std::string_view c) const;
  bool operator==(const Policy&) const = default;
};

// The spec's procedures, exactly: warroom's built-in default configuration.
const Policy& DefaultPolicy();

// Checks a policy for internal consistency; returns every problem found.
std::vector<std::string> ValidatePolicy(const Policy& p);

}  // namespace warroom::core
