// Result<T>: a value or an error message, returned by every storage call that can fail.
// Storage never throws and never aborts; callers test ok() and show error() to the user.
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace causerie::storage {

// The error half of a Result, spelled out so that a Result<QString> stays unambiguous.
struct Error {
  QString message;
};

// Shorthand: `return fail(tr("..."));`
inline Error fail(QString message) { return Error{std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error.message)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  // The value; only valid when ok().
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }

  T valueOr(T fallback) const { return ok() ? *value_ : std::move(fallback); }

  // The reason of the failure; empty when ok().
  const QString& error() const { return error_; }

 private:
  std::optional<T> value_;
  QString error_;
};

// Result<void>: success or an error message.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : failed_(true), error_(std::move(error.message)) {}  // NOLINT: implicit

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const QString& error() const { return error_; }

 private:
  bool failed_ = false;
  QString error_;
};

using Status = Result<void>;

}  // namespace causerie::storage
