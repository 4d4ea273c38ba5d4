// StreamClient: a blocking test client for streaming responses (Server-Sent Events, chunked
// bodies). It sends one GET, parses the status line and headers, then decodes the chunked body
// incrementally so a test can wait for a piece of text to arrive while the response is still
// open, and close the connection mid-stream the way a browser tab does.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "http_client.h"

namespace converza::testing {

class StreamClient {
 public:
  // Connects to 127.0.0.1:port and sends `GET target` with `extra_headers` (each ending in
  // "\r\n"). Waits up to `timeout_ms` for the status line and headers.
  StreamClient(int port, const std::string& target, const std::string& extra_headers = "",
               int timeout_ms = 5000);
  ~StreamClient();
  StreamClient(const StreamClient&) = delete;
  StreamClient& operator=(const StreamClient&) = delete;

  [[nodiscard]] int status() const { return head_.status; }  // 0: no reply
  [[nodiscard]] const std::map<std::string, std::string>& headers() const { return head_.headers; }
  // The decoded body received so far.
  [[nodiscard]] const std::string& body() const { return body_; }
  // Reads until body() contains `needle` after position `from`; false on timeout or end.
  bool WaitFor(std::string_view needle, int timeout_ms, std::size_t from = 0);
  // Reads until the server ends the response (last chunk or close); false on timeout.
  bool WaitForEnd(int timeout_ms);
  [[nodiscard]] bool ended() const { return ended_; }
  // Chunks of a chunked body decoded so far, and the largest one's size (how a streamed body
  // was cut: a server that built the whole body first sends it in one piece).
  [[nodiscard]] int chunks() const { return chunks_; }
  [[nodiscard]] std::size_t largest_chunk() const { return largest_chunk_; }
  void Close();

 private:
  bool ReadSome(int timeout_ms);  // false on timeout; sets ended_ on close
  void Decode();

  int fd_ = -1;
  HttpReply head_;  // status and headers (the body is decoded into body_)
  bool chunked_ = false;
  std::string raw_;   // received bytes not yet decoded
  std::string body_;  // decoded
  bool ended_ = false;
  int chunks_ = 0;
  std::size_t largest_chunk_ = 0;
};

}  // namespace converza::testing
