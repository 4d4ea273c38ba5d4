// A deliberately small blocking HTTP/1.1 client for tests. It sends bytes exactly as given
// (so tests can send malformed or oversized requests a real client would refuse to) and parses
// the status line, headers and a Content-Length body.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace converza::testing {

struct HttpReply {
  int status = 0;                              // 0: no parsable reply (connection closed)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// The one parser of a reply's head for the test clients: the status line and headers of `head`
// (everything before the blank line) into `out`. False when there is no status line.
bool ParseReplyHead(std::string_view head, HttpReply* out);

// A socket connected to 127.0.0.1:port, or -1.
int ConnectLoopback(int port);

// Sends `raw` to 127.0.0.1:port on a new connection and reads one reply.
HttpReply SendRaw(int port, const std::string& raw, int timeout_ms = 5000);

// GET/POST helpers (Connection: close).
HttpReply Get(int port, const std::string& target, const std::string& extra_headers = "",
              int timeout_ms = 5000);
HttpReply Post(int port, const std::string& target, const std::string& body,
               const std::string& content_type, const std::string& extra_headers = "");

// A port that was free a moment ago.
int FreePort();

}  // namespace converza::testing
