// LocalServer: an http::Server for a test's own router, on a free loopback port, running on a
// background thread from construction until destruction (graceful shutdown). For tests and
// benchmarks that need a peer: fake providers, the sandbox in-process.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace converza::testing {

class LocalServer {
 public:
  // `router` must outlive the server. Access logging is off unless `options` says otherwise.
  explicit LocalServer(const http::Router& router, http::ServerOptions options = Quiet());
  ~LocalServer();
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  static http::ServerOptions Quiet() {
    http::ServerOptions o;
    o.port = 0;
    o.access_log = false;
    return o;
  }

 private:
  http::Metrics metrics_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace converza::testing
