#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace converza::testing {
namespace {

// Parses as much of `data` as forms a complete reply; returns false if incomplete.
bool Parse(const std::string& data, bool eof, HttpReply* out) {
  auto end = data.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  HttpReply r;
  if (!ParseReplyHead(std::string_view(data).substr(0, end), &r)) return false;
  std::string body = data.substr(end + 4);
  if (auto it = r.headers.find("content-length"); it != r.headers.end()) {
    std::size_t len = std::stoul(it->second);
    if (body.size() < len && !eof) return false;
    body.resize(std::min(len, body.size()));
  } else if (!eof && r.status != 304 && r.status != 204) {
    return false;
  }
  r.body = std::move(body);
  *out = std::move(r);
  return true;
}

}  // namespace

bool ParseReplyHead(std::string_view head, HttpReply* out) {
  const auto line_end = std::min(head.find("\r\n"), head.size());
  if (line_end < 12) return false;  // "HTTP/1.1 200"
  out->status = std::atoi(std::string(head.substr(9, 3)).c_str());
  for (std::size_t pos = line_end + 2; pos < head.size();) {
    const auto nl = std::min(head.find("\r\n", pos), head.size());
    const std::string_view line = head.substr(pos, nl - pos);
    if (auto colon = line.find(':'); colon != std::string_view::npos) {
      std::string name(line.substr(0, colon));
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view value = line.substr(colon + 1);
      value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
      out->headers[name] = std::string(value);
    }
    pos = nl + 2;
  }
  return true;
}

int ConnectLoopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

HttpReply SendRaw(int port, const std::string& raw, int timeout_ms) {
  HttpReply reply;
  int fd = ConnectLoopback(port);
  if (fd < 0) return reply;
  std::size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may stop reading early (413/431): read its answer anyway
    sent += static_cast<std::size_t>(n);
  }
  std::string data;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      Parse(data, true, &reply);
      break;
    }
    data.append(buf, static_cast<std::size_t>(n));
    if (Parse(data, false, &reply)) break;
  }
  close(fd);
  return reply;
}

HttpReply Get(int port, const std::string& target, const std::string& extra_headers,
              int timeout_ms) {
  return SendRaw(port,
                 "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                     extra_headers + "\r\n",
                 timeout_ms);
}

HttpReply Post(int port, const std::string& target, const std::string& body,
               const std::string& content_type, const std::string& extra_headers) {
  return SendRaw(port, "POST " + target +
                           " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " +
                           content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
                           "\r\n" + extra_headers + "\r\n" + body);
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  const int error = errno;
  close(fd);
  if (!bound) throw std::runtime_error(std::string("FreePort: ") + std::strerror(error));
  return ntohs(addr.sin_port);
}

}  // namespace converza::testing
