// Digest: the hex SHA-256 the server names content by (applied migrations,
// the playbook set's version).
//
// A pure function (libsodium's SHA-256 needs no initialisation); thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace hall::domain {

// The SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace hall::domain
