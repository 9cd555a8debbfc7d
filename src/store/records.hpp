#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"

namespace warroom::store {

using Hash = std::array<unsigned char, 32>;

// An event as the log keeps it: payload bytes exactly as hashed.
struct StoredEvent {
  std::int64_t global_seq = 0;
  std::string incident_id;
  std::int64_t incident_seq = 0;
  TimePoint occurred_at;
  TimePoint recorded_at;
  std::string actor_kind;
  std::string actor_id;
  std::string type;
  std::string payload;
  Hash prev_hash{};
  Hash hash{};
};

// What a writer appends; the store assigns the sequence numbers and hashes.
struct NewEvent {
  std::string incident_id;
  TimePoint occurred_at;
  TimePoint recorded_at;
  std::string actor_kind;
  std::string actor_id;
  std::string type;
  std::string payload;
};

// The incident list's read model, written in the same transaction as the
// events it reflects.
struct IncidentRow {
  std::string id;
  std::string severity;
  std::string status;
  bool open = true;
  std::string summary;
  std::string visibility;
  std::vector<std::string> participants;
  TimePoint declared_at;
  TimePoint updated_at;
  std::int64_t last_seq = 0;
};

struct IncidentFilter {
  std::optional<bool> open;
  std::optional<std::string> severity;
  std::optional<std::string> status;
  std::string text;    // matched against the summary and id
  std::string viewer;  // restricted incidents only when a participant
  bool viewer_is_admin = false;
  int limit = 50;
  int offset = 0;
};

enum class Permission {
  kViewer,     // reads
  kResponder,  // reads and incident commands
  kAdmin,      // everything, including users and every restricted incident
};
std::string_view PermissionName(Permission p);
std::optional<Permission> ParsePermission(std::string_view s);

struct User {
  std::string handle;
  std::string name;
  std::string email;
  std::string chat_handle;
  Permission permission = Permission::kViewer;
  TimePoint created_at;
};

}  // namespace warroom::store
