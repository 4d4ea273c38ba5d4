// Outbound HTTP(S) client used to reach Twilio, OpenAI-compatible servers, the Twilio sandbox
// and our own webhooks (the simulator). Beast/Asio stay in client.cc; this header is Boost-free.
//
// TLS: SNI is set, the peer certificate and host name are verified against the system trust
// store, and a TLS `stream_truncated` at the end of a response is treated as a normal close
// (many servers skip close_notify). Every step (resolve, connect, handshake, write, read) shares
// one deadline, `timeout`. A transport failure is a Status (Unavailable); any HTTP status,
// including 4xx/5xx, is a ClientResponse for the caller to interpret.
//
// Connections are kept open after a response that allows it (HTTP/1.1 keep-alive) and reused for
// the next request to the same origin on the same event loop, for up to a few seconds idle. A kept
// connection the server has meanwhile closed is never an error of its own: the request goes again
// on a new connection when none of it was sent, or when it got no reply and is safe to repeat
// (GET, HEAD, OPTIONS, PUT, DELETE).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace converza::http {

struct ClientRequest {
  std::string method = "GET";
  std::string url;  // http://host[:port]/path?query or https://...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};
  std::size_t max_body = 64u << 20;  // responses larger than this fail
  // Redirects (301, 302, 303, 307, 308) followed, at most this many; 0 returns them as they are.
  // Authorization is dropped when a redirect leaves the origin (scheme, host, port): a media
  // link may send us to a storage host that must never see our credentials.
  int follow_redirects = 0;
};

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  [[nodiscard]] std::string_view header(std::string_view name) const;
  // How long the server asked us to wait (Retry-After in seconds, or the retry-after-ms that
  // OpenAI also sends), if it said.
  [[nodiscard]] std::optional<std::chrono::milliseconds> retry_after() const;
};

// Blocking request on a private event loop. For command-line tools and tests; services use
// the asynchronous Client below.
Result<ClientResponse> Fetch(const ClientRequest& request);

// Asynchronous client on a caller-owned event loop (see client_async.h for the coroutine API).
// Basic auth header helper: "Basic base64(user:password)".
std::string BasicAuth(const std::string& user, const std::string& password);

}  // namespace converza::http
