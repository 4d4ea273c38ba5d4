// QueryParams: validated access to a request's query string. Every getter names the parameter
// it reads; a malformed value records a 400 naming the parameter and the expected form, and
// Finish() also refuses parameters no getter asked for (a typo such as `?agentid=` is an error,
// not a silently ignored filter).
//
//   QueryParams q(req);
//   auto range = q.Range(731);
//   auto limit = q.Int("limit", 1, 100).value_or(25);
//   if (auto bad = q.Finish()) return *bad;
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "http/form.h"
#include "http/message.h"

namespace converza::api {

// Inclusive UTC days, as the KPI, leaderboard, calls and admin endpoints filter by.
struct DateRange {
  std::string from;           // YYYY-MM-DD
  std::string to;             // YYYY-MM-DD, >= from
  int days = 0;               // to - from + 1
  std::string previous_from;  // the equally long period just before `from`
  std::string previous_to;
};

// Today (UTC) as YYYY-MM-DD: where a range without `to` ends.
std::string TodayUtc();

class QueryParams {
 public:
  explicit QueryParams(const http::Request& req);

  // The decoded value, or nullopt when absent or empty. Longer than max_len: 400.
  std::optional<std::string> Text(std::string_view name, std::size_t max_len = 200);
  // YYYY-MM-DD (a real calendar date).
  std::optional<std::string> Date(std::string_view name);
  // A UUID in canonical 8-4-4-4-12 hex form (returned lower-cased).
  std::optional<std::string> Uuid(std::string_view name);
  std::optional<long long> Int(std::string_view name, long long min, long long max);
  std::optional<double> Number(std::string_view name, double min, double max);
  // "true" or "false".
  std::optional<bool> Bool(std::string_view name);
  // One of `allowed`.
  std::optional<std::string> OneOf(std::string_view name,
                                   std::initializer_list<std::string_view> allowed);
  // The dates `from` and `to` (YYYY-MM-DD) as a range: a missing `to` is today, a missing `from`
  // 29 days before `to`. A `from` after `to`, or a range longer than `max_days`, is a 400 that
  // Finish() reports after every single parameter's own problems; nullopt when it fails.
  std::optional<DateRange> Range(int max_days);
  // Marks a parameter as known without reading it (e.g. access_token, read elsewhere).
  void Allow(std::string_view name);

  // The 400 response for the first problem found, or nullopt when everything was valid.
  std::optional<http::Response> Finish();

 private:
  std::optional<std::string> Raw(std::string_view name);
  void Fail(std::string_view name, std::string_view expected);

  http::Form pairs_;
  bool malformed_ = false;
  std::set<std::string, std::less<>> known_;
  std::string error_;
  std::string range_error_;  // reported after error_ and unknown parameters
};

// Validators shared with JSON bodies (and IsUuid, common/strings.h).
bool IsE164(std::string_view s);  // +[1-9] and 1..14 more digits

}  // namespace converza::api
