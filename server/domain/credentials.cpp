#include "domain/credentials.h"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace hall::domain {

bool InitCrypto() { return sodium_init() >= 0; }

std::string HashSecret(const std::string& secret) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("crypto_pwhash_str: out of memory");
  }
  return out;
}

bool VerifySecret(const std::string& hash, const std::string& secret) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

namespace {
std::string RandomBase64(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}
}  // namespace

std::string NewToken() { return RandomBase64(32); }
std::string NewDeviceSecret() { return RandomBase64(24); }

std::string TokenHash(const std::string& token) {
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return out;
}

namespace {
// The canonical 8-4-4-4-12 form of 16 bytes, with the version and variant
// bits set.
std::string FormatUuid(unsigned char b[16], unsigned version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | (version << 4));
  b[8] = (b[8] & 0x3F) | 0x80;
  char s[37];
  std::snprintf(s, sizeof s, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15]);
  return s;
}
}  // namespace

std::string NewUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  return FormatUuid(b, 4);
}

std::string NewTimeOrderedUuid(int64_t now_us) {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  // unix_ts_ms, big-endian, in the first 48 bits (RFC 9562, 5.7).
  const uint64_t ms = now_us > 0 ? static_cast<uint64_t>(now_us) / 1000 : 0;
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  return FormatUuid(b, 7);
}

namespace {
constexpr char kCodeAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr size_t kCodeLength = 12;
}  // namespace

std::string NewEnrollmentCode() {
  std::string code;
  const uint32_t n = sizeof(kCodeAlphabet) - 1;
  for (size_t i = 0; i < kCodeLength; ++i) code += kCodeAlphabet[randombytes_uniform(n)];
  return code;
}

bool IsEnrollmentCodeShape(const std::string& code) {
  if (code.size() != kCodeLength) return false;
  for (char c : code) {
    if (!std::strchr(kCodeAlphabet, c) || c == 0) return false;
  }
  return true;
}

}  // namespace hall::domain
