#include "twilio/sandbox/handler.h"

#include <algorithm>

#include "common/base64.h"
#include "common/strings.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// The account a request authenticates as (HTTP Basic): the main account with its auth token or
// its API key, or a subaccount with its own auth token; "" when none.
std::string AuthenticatedAccount(const Request& req, const Credentials& c, Store& store) {
  std::string_view h = req.header("authorization");
  constexpr std::string_view kBasic = "Basic ";
  if (h.size() <= kBasic.size() || h.substr(0, kBasic.size()) != kBasic) return "";
  std::string_view b64 = h.substr(kBasic.size());
  if (b64.size() > 1024) return "";
  auto decoded_or = Base64Decode(b64);
  if (!decoded_or.ok()) return "";
  const std::string& decoded = *decoded_or;
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return "";
  const std::string user = decoded.substr(0, colon);
  const std::string_view pass = std::string_view(decoded).substr(colon + 1);
  const bool as_account =
      ConstantTimeEquals(user, c.account_sid) && ConstantTimeEquals(pass, c.auth_token);
  const bool as_key = ConstantTimeEquals(user, c.api_key) && ConstantTimeEquals(pass, c.api_secret);
  if (as_account || as_key) return c.account_sid;
  if (auto sub = store.GetSubAccount(user); sub && ConstantTimeEquals(pass, sub->auth_token)) {
    return sub->sid;
  }
  return "";
}

Response Unauthorized() {
  Response r = TwilioError(401, 20003, "Authenticate");
  r.set_header("WWW-Authenticate", "Basic realm=\"Twilio API\"");
  return r;
}

}  // namespace

http::Handler Guard(const Sandbox& sandbox, SandboxHandler handler) {
  return [sandbox, handler](Request& req) -> Response {
    Store& store = sandbox.store;
    const std::string who = AuthenticatedAccount(req, sandbox.options.credentials, store);
    if (who.empty()) return Unauthorized();
    std::string account = who;
    if (auto it = req.params.find("AccountSid"); it != req.params.end() && it->second != who) {
      auto sub = store.GetSubAccount(it->second);
      if (!sub || sub->owner_account_sid != who) return NotFound(req);
      account = sub->sid;
    }
    req.params["_account"] = account;
    return handler(sandbox, req);
  };
}

const std::string& Account(Request& req) { return req.params["_account"]; }

Response TwilioError(int status, int code, const std::string& message) {
  json::object o{{"code", code},
                 {"message", message},
                 {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
                 {"status", status}};
  return Response::Json(status, json::serialize(o));
}

Response NotFound(const Request& req) {
  return TwilioError(404, 20404, "The requested resource " + req.path + " was not found");
}

Response MalformedForm() { return TwilioError(400, 20001, "Malformed form body"); }

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

int IntParam(const Request& req, const char* name, int fallback, int lo, int hi) {
  std::string v = req.query_param(name);
  if (v.empty()) return fallback;
  try {
    return std::clamp(std::stoi(v), lo, hi);
  } catch (...) {
    return fallback;
  }
}

std::pair<std::string, std::string> SplitExt(const std::string& file) {
  auto dot = file.rfind('.');
  if (dot == std::string::npos) return {file, ""};
  return {file.substr(0, dot), file.substr(dot + 1)};
}

json::value NullIfEmpty(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

bool TakeOne(std::atomic<int>& counter) {
  int n = counter.load();
  while (n > 0 && !counter.compare_exchange_weak(n, n - 1)) {
  }
  return n > 0;
}

json::object ListEnvelope(const std::string& key, json::array items, const std::string& uri,
                          int page, int page_size, bool has_next) {
  auto page_uri = [&](int p) {
    return uri + "?PageSize=" + std::to_string(page_size) + "&Page=" + std::to_string(p);
  };
  int start = page * page_size;
  int count = static_cast<int>(items.size());
  json::object o{{key, std::move(items)},
                 {"uri", page_uri(page)},
                 {"first_page_uri", page_uri(0)},
                 {"next_page_uri", has_next ? json::value(page_uri(page + 1)) : json::value()},
                 {"previous_page_uri", page > 0 ? json::value(page_uri(page - 1)) : json::value()},
                 {"page", page},
                 {"page_size", page_size},
                 {"start", start},
                 {"end", count == 0 ? start : start + count - 1}};
  return o;
}

}  // namespace converza::twilio::sandbox
