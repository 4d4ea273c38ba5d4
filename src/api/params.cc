#include "api/params.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "common/strings.h"

namespace converza::api {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

sys_days ParseDay(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(s.c_str(), "%d-%u-%u", &y, &m, &d);  // already validated by IsDate
  return sys_days{year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

std::string FormatDay(sys_days day) {
  year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

sys_days Today() { return std::chrono::floor<days>(std::chrono::system_clock::now()); }

}  // namespace

std::string TodayUtc() { return FormatDay(Today()); }

bool IsE164(std::string_view s) {
  if (s.size() < 3 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return false;
  for (std::size_t i = 2; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

QueryParams::QueryParams(const http::Request& req) {
  malformed_ = !http::ParseForm(req.query, &pairs_);
}

std::optional<std::string> QueryParams::Raw(std::string_view name) {
  known_.emplace(name);
  const std::string* v = http::FindFormField(pairs_, name);
  return v && !v->empty() ? std::optional<std::string>(*v) : std::nullopt;
}

void QueryParams::Fail(std::string_view name, std::string_view expected) {
  if (error_.empty())
    error_ = "query parameter `" + std::string(name) + "` must be " + std::string(expected);
}

std::optional<DateRange> QueryParams::Range(int max_days) {
  auto from = Date("from");
  auto to = Date("to");
  const sys_days end = to ? ParseDay(*to) : Today();
  const sys_days start = from ? ParseDay(*from) : end - days(29);
  if (start > end) {
    range_error_ = "query parameter `from` must not be after `to`";
    return std::nullopt;
  }
  const int n = static_cast<int>((end - start).count()) + 1;
  if (n > max_days) {
    range_error_ =
        "query parameter `from` must be at most " + std::to_string(max_days) + " days before `to`";
    return std::nullopt;
  }
  return DateRange{FormatDay(start), FormatDay(end), n, FormatDay(start - days(n)),
                   FormatDay(start - days(1))};
}

void QueryParams::Allow(std::string_view name) { known_.emplace(name); }

std::optional<std::string> QueryParams::Text(std::string_view name, std::size_t max_len) {
  auto v = Raw(name);
  if (v && v->size() > max_len) {
    Fail(name, "at most " + std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> QueryParams::Date(std::string_view name) {
  auto v = Raw(name);
  if (v && !IsDate(*v)) {
    Fail(name, "a date as YYYY-MM-DD");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> QueryParams::Uuid(std::string_view name) {
  auto v = Raw(name);
  if (!v) return v;
  if (!IsUuid(*v)) {
    Fail(name, "a UUID");
    return std::nullopt;
  }
  return AsciiLower(*v);
}

std::optional<long long> QueryParams::Int(std::string_view name, long long min, long long max) {
  auto v = Raw(name);
  if (!v) return std::nullopt;
  long long n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n < min || n > max) {
    Fail(name, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> QueryParams::Number(std::string_view name, double min, double max) {
  auto v = Raw(name);
  if (!v) return std::nullopt;
  double n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || !(n >= min && n <= max)) {
    Fail(name, "a number from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> QueryParams::Bool(std::string_view name) {
  auto v = Raw(name);
  if (!v) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  Fail(name, "true or false");
  return std::nullopt;
}

std::optional<std::string> QueryParams::OneOf(std::string_view name,
                                              std::initializer_list<std::string_view> allowed) {
  auto v = Raw(name);
  if (!v) return v;
  std::string list;
  for (auto a : allowed) {
    if (*v == a) return v;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  Fail(name, "one of: " + list);
  return std::nullopt;
}

std::optional<http::Response> QueryParams::Finish() {
  if (malformed_) return http::Response::Error(400, "invalid_parameter", "malformed query string");
  if (error_.empty()) {
    for (const auto& [k, v] : pairs_) {
      if (!known_.contains(k)) {
        error_ = "unknown query parameter `" + k + "`";
        break;
      }
    }
  }
  if (error_.empty()) error_ = range_error_;
  if (error_.empty()) return std::nullopt;
  return http::Response::Error(400, "invalid_parameter", error_);
}

}  // namespace converza::api
