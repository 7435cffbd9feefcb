// Errors as values: the engine never aborts or exits; every fallible call returns a Result.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace causerie {

struct Error {
    std::string message;
};

inline Error make_error(std::string message) { return Error{std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : err_(std::move(error)), failed_(true) {}
    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return err_; }

private:
    Error err_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace causerie

#define CAUSERIE_CONCAT_(a, b) a##b
#define CAUSERIE_CONCAT(a, b) CAUSERIE_CONCAT_(a, b)

// Propagates the error of a Status-returning expression.
#define TRY_STATUS(expr)                                      \
    do {                                                      \
        auto causerie_st_ = (expr);                           \
        if (!causerie_st_) return causerie_st_.error();       \
    } while (0)

// Declares `decl` from the value of a Result, or returns its error.
#define TRY_ASSIGN(decl, expr) TRY_ASSIGN_IMPL(CAUSERIE_CONCAT(causerie_r_, __LINE__), decl, expr)
#define TRY_ASSIGN_IMPL(tmp, decl, expr) \
    auto tmp = (expr);                   \
    if (!tmp) return tmp.error();        \
    decl = std::move(tmp).value()
