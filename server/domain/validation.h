// Input checks shared by every RPC: UTF-8, lengths, identifier shapes.
//
// Pure functions; thread-safe. Each returns kOk or an INVALID_ARGUMENT
// Error whose message names the field and the rule it broke.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <string_view>

#include "domain/error.h"
#include "hall/v1/common.pb.h"

namespace hall::domain {

// Documented limits (also in proto/hall/v1/incident.proto).
inline constexpr size_t kMaxIdChars = 64;
inline constexpr size_t kMaxSummaryChars = 500;
inline constexpr size_t kMaxNoteChars = 2000;
inline constexpr size_t kMaxNameChars = 200;
inline constexpr int kMaxHeadcount = 100000;
inline constexpr int kMaxPageSize = 500;
inline constexpr int kDefaultPageSize = 50;
inline constexpr size_t kMinPasswordChars = 8;
// How long after reporting a reporter may still withdraw a false alarm.
inline constexpr int kWithdrawWindowSeconds = 120;
inline constexpr int kHeartbeatIntervalSeconds = 10;
inline constexpr size_t kMaxPhoneChars = 32;
inline constexpr size_t kMaxReferenceChars = 64;
// Repeated fields: how many items a request may carry.
inline constexpr int kMaxListItems = 500;   // hall ids, zones …
inline constexpr int kMaxFilterItems = 50;  // statuses, actions, tiers

// kOk, or INVALID_ARGUMENT naming the field when it holds more than `max`.
Status CheckCount(std::string_view field, int count, int max);

// The limits above as the contract carries them to clients (ServerInfo).
v1::Limits LimitsForClients();

// True when `s` is well-formed UTF-8 without NUL bytes.
bool IsValidUtf8(std::string_view s);
// Number of Unicode code points in a valid UTF-8 string.
size_t CodePoints(std::string_view s);

// Text of [min_chars, max_chars] code points, valid UTF-8.
Status CheckText(std::string_view field, std::string_view value, size_t min_chars,
                 size_t max_chars);
// A human-chosen id: [a-z0-9][a-z0-9-]*, at most 64 chars.
Status CheckSlug(std::string_view field, std::string_view value);
// A server-made UUID in canonical 8-4-4-4-12 hex form.
Status CheckUuid(std::string_view field, std::string_view value);
// A time between 1970-01-01 and 9999-12-31 (UTC) with nanos in [0, 1e9):
// what a person can mean, and what converts to microseconds safely.
Status CheckTimestamp(std::string_view field, const google::protobuf::Timestamp& ts);

}  // namespace hall::domain
