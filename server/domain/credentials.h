// Secrets: password / device-secret hashing (argon2id, libsodium), bearer
// tokens and random ids.
//
// Thread-safe once InitCrypto() has run (it is idempotent).
#pragma once

#include <cstdint>
#include <string>

namespace hall::domain {

// Initialises libsodium. Returns false when it cannot.
bool InitCrypto();

// argon2id hash in libsodium's self-describing string form. Deliberately
// slow (interactive limits): call it off the RPC threads.
std::string HashSecret(const std::string& secret);
bool VerifySecret(const std::string& hash, const std::string& secret);

// A new bearer token: 43 chars of URL-safe base64 over 32 random bytes.
std::string NewToken();
// The token's hash as stored (raw 32 bytes); tokens themselves are never stored.
std::string TokenHash(const std::string& token);

// A random (version 4) UUID in canonical form.
std::string NewUuid();
// A time-ordered (version 7, RFC 9562) UUID: the first 48 bits are
// `now_us` in milliseconds, the other 74 random. For rows inserted often
// and indexed by id (incidents): new ids land at the right end of the
// primary key and of every index that leads with the id, where random ids
// touch a random leaf page each — and after every checkpoint write that
// whole page to the WAL again.
std::string NewTimeOrderedUuid(int64_t now_us);
// A random device secret for a kiosk (shown once).
std::string NewDeviceSecret();

// A one-time kiosk enrollment code: 12 characters a person can read off a
// screen and type (no 0/O, 1/I/L), about 58 bits of randomness.
std::string NewEnrollmentCode();
bool IsEnrollmentCodeShape(const std::string& code);
// How long an enrollment code works: long enough to walk to the kiosk.
inline constexpr int64_t kEnrollmentCodeTtlUs = 10LL * 60 * 1'000'000;

}  // namespace hall::domain
