#include "alerts/target.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <boost/url/parse.hpp>
#include <cstdint>
#include <memory>
#include <string>

namespace converza::alerts {
namespace {

bool PublicV4(std::uint32_t a) {  // host byte order
  struct Range {
    std::uint32_t net, mask;
  };
  static constexpr std::array<Range, 13> kNotPublic = {{
      {0x00000000, 0xff000000},  // 0.0.0.0/8 "this network"
      {0x0a000000, 0xff000000},  // 10/8
      {0x64400000, 0xffc00000},  // 100.64/10 carrier-grade NAT
      {0x7f000000, 0xff000000},  // 127/8 loopback
      {0xa9fe0000, 0xffff0000},  // 169.254/16 link-local (cloud metadata)
      {0xac100000, 0xfff00000},  // 172.16/12
      {0xc0000000, 0xffffff00},  // 192.0.0/24 protocol assignments
      {0xc0000200, 0xffffff00},  // 192.0.2/24 documentation
      {0xc0a80000, 0xffff0000},  // 192.168/16
      {0xc6120000, 0xfffe0000},  // 198.18/15 benchmarking
      {0xc6336400, 0xffffff00},  // 198.51.100/24 documentation
      {0xcb007100, 0xffffff00},  // 203.0.113/24 documentation
      {0xe0000000, 0xe0000000},  // 224/3 multicast, reserved, broadcast
  }};
  for (const auto& r : kNotPublic) {
    if ((a & r.mask) == r.net) return false;
  }
  return true;
}

}  // namespace

bool IsPublicAddress(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    return PublicV4(ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  }
  if (address->sa_family != AF_INET6) return false;
  const auto& a = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
  const unsigned char* b = a.s6_addr;
  if (IN6_IS_ADDR_V4MAPPED(&a)) {
    return PublicV4((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) |
                    (std::uint32_t{b[14]} << 8) | std::uint32_t{b[15]});
  }
  if (IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LOOPBACK(&a)) return false;
  if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;  // fe80::/10 link-local
  if (b[0] == 0xff) return false;                           // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32
  return true;
}

Status CheckPublicTarget(std::string_view url) {
  auto u = boost::urls::parse_uri(url);
  if (!u || u->host().empty()) return Status::InvalidArgument("invalid webhook URL");
  std::string host = u->host();
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    return Status::Unavailable("cannot resolve " + host);
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    if (!IsPublicAddress(a->ai_addr)) {
      return Status::InvalidArgument(host +
                                     " is not a public address (set ALERT_WEBHOOKS_ALLOW_PRIVATE=1"
                                     " to allow private targets)");
    }
  }
  return Status::Ok();
}

}  // namespace converza::alerts
