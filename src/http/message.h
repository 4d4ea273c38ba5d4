// Request and Response as handlers see them: plain structs with no Boost types, so route
// handlers compile without Asio/Beast headers (build time on 2 cores matters).
#pragma once

#include <map>
#include <memory>
#include <optional>
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
  [[nodiscard]] std::string_view header(std::string_view name) const;
  // Decoded value of query parameter `name`, or "" when absent.
  [[nodiscard]] std::string query_param(std::string_view name) const;
};

// A response body produced over time (Server-Sent Events), sent with chunked transfer encoding.
// The server calls Next() from a thread of the stream's own (never an I/O or handler thread),
// one call at a time; Next() may block until it has something to send. Cancel() is called from
// another thread when the client goes away or the server shuts down; Next() must then return
// nullopt promptly. The stream is destroyed after the last Next() returned. Next() throws when
// the body cannot be completed: the response then ends without its last chunk, cut.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // The next chunk to send (an empty string sends nothing), or nullopt at the end.
  virtual std::optional<std::string> Next() = 0;
  virtual void Cancel() = 0;
};

class PendingResponse;  // http/reply.h

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::shared_ptr<BodyStream> stream;        // when set, sent instead of `body` (not for HEAD)
  std::shared_ptr<PendingResponse> pending;  // when set, the real response comes later (reply.h)

  void set_header(std::string name, std::string value);
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain");
  // The one error shape of the API: {"error":{"code":"...","message":"..."}}.
  static Response Error(int status, std::string_view code, std::string_view message);
};

// The one spelling of a decoded request path that policy and routing both see: runs of '/'
// become one ("//api//v1/me" is "/api/v1/me"), so a prefix check such as "starts with /api/"
// cannot be dodged by a spelling the router would still match.
std::string CanonicalPath(std::string_view decoded_path);

}  // namespace converza::http
