#include "local_server.h"

#include <stdexcept>

namespace converza::testing {

LocalServer::LocalServer(const http::Router& router, http::ServerOptions options) {
  options.port = 0;
  server_ = std::make_unique<http::Server>(options, router, metrics_);
  if (Status st = server_->Listen(); !st.ok()) throw std::runtime_error(st.message());
  port_ = server_->port();
  thread_ = std::thread([this] { server_->Run(); });
}

LocalServer::~LocalServer() {
  server_->Shutdown();
  thread_.join();
}

}  // namespace converza::testing
