#include "domain/validation.h"

#include <cctype>

namespace hall::domain {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF are invalid.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

Status CheckText(std::string_view field, std::string_view value, size_t min_chars,
                 size_t max_chars) {
  if (!IsValidUtf8(value)) {
    return Error::InvalidArgument(std::string(field) + " is not valid UTF-8 text");
  }
  size_t n = CodePoints(value);
  if (n < min_chars) {
    return Error::InvalidArgument(std::string(field) +
                                  (min_chars == 1 ? " is required" : " is too short"));
  }
  if (n > max_chars) {
    return Error::InvalidArgument(std::string(field) + " is too long: " + std::to_string(n) +
                                  " characters, the limit is " + std::to_string(max_chars));
  }
  return kOk;
}

Status CheckSlug(std::string_view field, std::string_view value) {
  if (value.empty()) return Error::InvalidArgument(std::string(field) + " is required");
  if (value.size() > kMaxIdChars) {
    return Error::InvalidArgument(std::string(field) + " is longer than 64 characters");
  }
  bool ok = std::islower(static_cast<unsigned char>(value[0])) ||
            std::isdigit(static_cast<unsigned char>(value[0]));
  for (char c : value) {
    ok = ok && (std::islower(static_cast<unsigned char>(c)) ||
                std::isdigit(static_cast<unsigned char>(c)) || c == '-');
  }
  if (!ok) {
    return Error::InvalidArgument(std::string(field) +
                                  " must be lower-case letters, digits and '-', e.g. 'dongguan-1'");
  }
  return kOk;
}

Status CheckTimestamp(std::string_view field, const google::protobuf::Timestamp& ts) {
  constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
  if (ts.seconds() < 0 || ts.seconds() > kMaxSeconds || ts.nanos() < 0 ||
      ts.nanos() >= 1000000000) {
    return Error::InvalidArgument(std::string(field) +
                                  " is not a time between 1970-01-01 and 9999-12-31");
  }
  return kOk;
}

Status CheckUuid(std::string_view field, std::string_view value) {
  if (value.empty()) return Error::InvalidArgument(std::string(field) + " is required");
  bool ok = value.size() == 36;
  for (size_t i = 0; ok && i < value.size(); ++i) {
    char c = value[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      ok = c == '-';
    } else {
      ok = std::isxdigit(static_cast<unsigned char>(c));
    }
  }
  if (!ok) {
    return Error::InvalidArgument(std::string(field) + " '" + std::string(value.substr(0, 64)) +
                                  "' is not an id this server issued (expected a UUID)");
  }
  return kOk;
}

Status CheckCount(std::string_view field, int count, int max) {
  if (count <= max) return kOk;
  return Error::InvalidArgument(std::string(field) + " holds " + std::to_string(count) +
                                " items; the limit is " + std::to_string(max));
}

v1::Limits LimitsForClients() {
  v1::Limits l;
  l.set_max_id_chars(static_cast<int32_t>(kMaxIdChars));
  l.set_max_summary_chars(static_cast<int32_t>(kMaxSummaryChars));
  l.set_max_note_chars(static_cast<int32_t>(kMaxNoteChars));
  l.set_max_name_chars(static_cast<int32_t>(kMaxNameChars));
  l.set_max_headcount(kMaxHeadcount);
  l.set_withdraw_window_seconds(kWithdrawWindowSeconds);
  l.set_max_page_size(kMaxPageSize);
  l.set_heartbeat_interval_seconds(kHeartbeatIntervalSeconds);
  l.set_min_password_chars(static_cast<int32_t>(kMinPasswordChars));
  return l;
}

}  // namespace hall::domain
