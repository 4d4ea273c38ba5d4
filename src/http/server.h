// Server: the HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines) behind `converza serve`.
//
// I/O runs on `io_threads` threads, one strand per connection; route handlers run on a
// separate pool of `handler_threads` because they may block on PostgreSQL. Every network step
// has a deadline. Limits: headers > header_limit -> 431, body > body_limit -> 413, malformed
// requests -> 400, all with the JSON error body. Exceptions escaping a handler are caught here,
// the one place per request: `map_error` may answer them (serve maps a lost database to 503),
// anything else is a 500 (never a trace).
//
// Shutdown (SIGTERM/SIGINT or Shutdown()): stop accepting, close idle keep-alive connections,
// let in-flight requests finish and answer with `Connection: close`, and after `grace` stop
// whatever is left. This header is free of Boost so callers compile fast.
//
// Streaming responses (Response::stream, e.g. Server-Sent Events) get a thread of their own
// that calls BodyStream::Next(), so a long-lived stream never occupies an I/O or handler thread;
// at most `max_streams` run at once (503 beyond). A stream is cancelled when its client
// disconnects and at shutdown, and its connection closes when the stream ends.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace converza::http {

// The response for an exception a handler threw, or nullopt for the server's 500. Called on a
// handler thread; must not throw.
using ErrorMapper = std::function<std::optional<Response>(const Request&, const std::exception&)>;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 picks a free port; see Server::port()
  int io_threads = 1;
  int handler_threads = 16;
  int max_streams = 256;  // concurrent streaming responses (one thread each)
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 8 << 10;
  std::chrono::milliseconds timeout{15000};
  std::chrono::milliseconds grace{10000};
  bool access_log = true;
  ErrorMapper map_error;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  Status Listen();
  [[nodiscard]] int port() const;
  // Serves until shutdown completes. Installs SIGINT/SIGTERM handlers.
  void Run();
  // Thread-safe; begins the graceful shutdown.
  void Shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace converza::http
