// What every resource handler of the sandbox shares (accounts, numbers, recordings,
// transcripts): the store and options it acts on, the auth guard that runs before it, and
// Twilio's error and list shapes (docs/architecture.md#twilio-phone-numbers-and-errors).
// Handlers run on the HTTP server's threads; the store is thread-safe and the options are only
// read.
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router.h"
#include "twilio/sandbox/routes.h"
#include "twilio/sandbox/store.h"

namespace converza::twilio::sandbox {

// A handler's view of the sandbox; both outlive the router.
struct Sandbox {
  Store& store;
  const SandboxOptions& options;
};

using SandboxHandler = http::Response (*)(const Sandbox& sandbox, http::Request& req);

// `handler` behind HTTP Basic auth (401 + Twilio's error otherwise): the main account with its
// auth token or API key, or a subaccount with its own token. On 2010-04-01 routes the
// {AccountSid} in the path must be that account or, for the main account, one of its
// subaccounts (a parent account may act on its subaccounts' resources, as on Twilio; 404
// otherwise). The handler finds the account it acts on in Account(req).
http::Handler Guard(const Sandbox& sandbox, SandboxHandler handler);
const std::string& Account(http::Request& req);

// The 2010-04-01 API's account paths: kApi + "AC…".
inline constexpr std::string_view kApi = "/2010-04-01/Accounts/";

// Twilio's error body {"code","message","more_info","status"}.
http::Response TwilioError(int status, int code, const std::string& message);
http::Response NotFound(const http::Request& req);  // 20404 naming the path
http::Response MalformedForm();                     // 400 / 20001
http::Response NoContent();                         // 204, as a DELETE answers

// Query parameter `name` as an int clamped to [lo, hi]; `fallback` when absent or not a number.
int IntParam(const http::Request& req, const char* name, int fallback, int lo, int hi);

// Splits "PNxxx.json" into sid and extension ("" when none).
std::pair<std::string, std::string> SplitExt(const std::string& file);

boost::json::value NullIfEmpty(const std::string& s);

// Fault injection: takes one from `counter` (SandboxOptions' failed_transcripts,
// lost_purchase_responses); false when it was already 0.
bool TakeOne(std::atomic<int>& counter);

// Twilio's list envelope of the 2010-04-01 API under `key`.
boost::json::object ListEnvelope(const std::string& key, boost::json::array items,
                                 const std::string& uri, int page, int page_size, bool has_next);

// One page of `all` in that envelope: ?Page (from 0) and ?PageSize (1 to 1000, 50 by default).
template <typename T, typename ToJson>
http::Response ListPage(const http::Request& req, const std::string& key, const std::vector<T>& all,
                        ToJson to_json) {
  const int page_size = IntParam(req, "PageSize", 50, 1, 1000);
  const int page = IntParam(req, "Page", 0, 0, 1 << 20);
  boost::json::array items;
  const std::size_t begin = static_cast<std::size_t>(page) * page_size;
  for (std::size_t i = begin; i < all.size() && i < begin + page_size; ++i) {
    items.push_back(to_json(all[i]));
  }
  const bool more = all.size() > begin + page_size;
  return http::Response::Json(200, boost::json::serialize(ListEnvelope(
                                       key, std::move(items), req.path, page, page_size, more)));
}

}  // namespace converza::twilio::sandbox
