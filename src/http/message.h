// Request and Response as handlers see them: plain structs with no Boost types, so route
// handlers compile without Asio/Beast headers (build time on 2 cores matters).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/strings.h"

namespace converza::http {

using converza::JsonEscape;

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> params;  // filled by the router from `{name}` segments

  // First header named `name` (lower case), or "" when absent.
  std::string_view header(std::string_view name) const;
  // Decoded value of query parameter `name`, or "" when absent.
  std::string query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(std::string name, std::string value);
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain");
  // The one error shape of the API: {"error":{"code":"...","message":"..."}}.
  static Response Error(int status, std::string_view code, std::string_view message);
};

// Decodes %XX escapes (and '+' as space when `form` is true). Returns false on a malformed
// escape.
bool PercentDecode(std::string_view in, std::string* out, bool form = false);

// Splits an application/x-www-form-urlencoded body or query string into decoded pairs, in order
// (repeated names kept). Returns false on malformed escapes.
bool ParseForm(std::string_view text, std::vector<std::pair<std::string, std::string>>* out);

// application/x-www-form-urlencoded encoding of pairs, in the given order (' ' becomes '+').
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace converza::http
