// Error: the one error type of the server's domain and store layers.
//
// A value type; safe to copy between threads. It mirrors the gRPC status
// codes a caller can act on, and is turned into a grpc::Status in exactly
// one place (api/status.cpp).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace hall {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kUnauthenticated,
  kFailedPrecondition,
  kAborted,            // optimistic check failed: re-read and retry
  kUnavailable,        // database or peer down: retry later
  kResourceExhausted,  // too many: a rate limit or a sign-in lock; retry later
  kInternal,
};

struct Error {
  ErrorCode code;
  std::string message;  // a sentence a person can act on

  static Error InvalidArgument(std::string m) {
    return {ErrorCode::kInvalidArgument, std::move(m)};
  }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
  static Error PermissionDenied(std::string m) {
    return {ErrorCode::kPermissionDenied, std::move(m)};
  }
  static Error Unauthenticated(std::string m) {
    return {ErrorCode::kUnauthenticated, std::move(m)};
  }
  static Error FailedPrecondition(std::string m) {
    return {ErrorCode::kFailedPrecondition, std::move(m)};
  }
  static Error Aborted(std::string m) { return {ErrorCode::kAborted, std::move(m)}; }
  static Error ResourceExhausted(std::string m) {
    return {ErrorCode::kResourceExhausted, std::move(m)};
  }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
};

// The result of an operation that yields a T or fails with an Error.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// The result of an operation that yields nothing or fails.
using Status = std::optional<Error>;  // nullopt = success
inline const Status kOk = std::nullopt;

}  // namespace hall
