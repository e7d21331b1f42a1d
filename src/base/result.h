// Result<T>: the one error model of Gazette. Services and storage return a
// value or an Error; HTTP maps Error::code to a status in one place.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace gazette::base {

enum class ErrorCode {
  kInvalid,      // the caller sent something wrong (bad field, bad format)
  kNotFound,     // the thing asked for does not exist (or is not visible)
  kConflict,     // the write clashes with the current state
  kForbidden,    // the caller may not do this
  kUnavailable,  // try again later (busy, shutting down)
  kRateLimited,  // too many attempts; `retry_after` says when to try again
  kInternal,     // a fault of ours or of the machine (I/O, broken invariant)
};

// A failure. `message` is safe to show to a person; `detail` is for the log
// only (it may hold SQL errors, paths...); `field` names the input at fault.
//
// `key` names the message for translation ("comment_too_long"); a page in
// another language shows its locale's text for the key, with `number` in
// place of "{n}", and falls back to `message`.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
  std::string detail;
  std::string key;
  long number = 0;
  long retry_after = 0;  // seconds, for kRateLimited and kUnavailable

  static Error Invalid(std::string message, std::string field = {}) {
    return {ErrorCode::kInvalid, std::move(message), std::move(field), {}};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}, {}};
  }
  static Error Conflict(std::string message, std::string field = {}) {
    return {ErrorCode::kConflict, std::move(message), std::move(field), {}};
  }
  static Error Internal(std::string detail) {
    return {ErrorCode::kInternal, "Something went wrong on our side.", {}, std::move(detail)};
  }
  static Error Forbidden(std::string message) { return {ErrorCode::kForbidden, std::move(message), {}, {}}; }
  static Error RateLimited(std::string message, long retry_after_seconds) {
    Error e{ErrorCode::kRateLimited, std::move(message), {}, {}};
    e.retry_after = retry_after_seconds;
    return e;
  }
  static Error Unavailable(std::string message, long retry_after_seconds) {
    Error e{ErrorCode::kUnavailable, std::move(message), {}, {}};
    e.retry_after = retry_after_seconds;
    return e;
  }
  // Names the message for translation (see `key`).
  Error&& Keyed(std::string message_key, long n = 0) && {
    key = std::move(message_key);
    number = n;
    return std::move(*this);
  }
};

// Short name of an error code, for logs and JSON ("invalid", "not_found"...).
const char* ErrorCodeName(ErrorCode code);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { assert(!ok_); return error_; }
  Error&& error() && { assert(!ok_); return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace gazette::base

// Propagates a failed Result from the enclosing function.
#define GZ_TRY(expr)                                   \
  do {                                                 \
    auto gz_try_result_ = (expr);                      \
    if (!gz_try_result_.ok()) return std::move(gz_try_result_).error(); \
  } while (0)
