#include "stream_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace converza::testing {

StreamClient::StreamClient(int port, const std::string& target, const std::string& extra_headers,
                           int timeout_ms) {
  fd_ = ConnectLoopback(port);
  if (fd_ < 0) return;
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
  if (send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    Close();
    return;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::size_t end;
  while ((end = raw_.find("\r\n\r\n")) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0 || !ReadSome(static_cast<int>(left)) || ended_) break;
  }
  if (end == std::string::npos) return;
  ParseReplyHead(std::string_view(raw_).substr(0, end), &head_);
  raw_.erase(0, end + 4);
  auto te = head_.headers.find("transfer-encoding");
  chunked_ = te != head_.headers.end() && te->second.find("chunked") != std::string::npos;
  Decode();
}

StreamClient::~StreamClient() { Close(); }

void StreamClient::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool StreamClient::ReadSome(int timeout_ms) {
  if (fd_ < 0) {
    ended_ = true;
    return true;
  }
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  char buf[65536];
  ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) {
    ended_ = true;
    Close();
    return true;
  }
  raw_.append(buf, static_cast<std::size_t>(n));
  return true;
}

void StreamClient::Decode() {
  if (!chunked_) {
    body_ += raw_;
    raw_.clear();
    return;
  }
  for (;;) {
    auto nl = raw_.find("\r\n");
    if (nl == std::string::npos) return;
    std::size_t size = std::strtoul(raw_.c_str(), nullptr, 16);
    if (size == 0) {
      ended_ = true;
      raw_.clear();
      return;
    }
    if (raw_.size() < nl + 2 + size + 2) return;
    body_.append(raw_, nl + 2, size);
    ++chunks_;
    largest_chunk_ = std::max(largest_chunk_, size);
    raw_.erase(0, nl + 2 + size + 2);
  }
}

bool StreamClient::WaitFor(std::string_view needle, int timeout_ms, std::size_t from) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (body_.find(needle, std::min(from, body_.size())) != std::string::npos) return true;
    if (ended_) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0 || !ReadSome(static_cast<int>(left))) return false;
    Decode();
  }
}

bool StreamClient::WaitForEnd(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!ended_) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0 || !ReadSome(static_cast<int>(left))) return false;
    Decode();
  }
  return true;
}

}  // namespace converza::testing
