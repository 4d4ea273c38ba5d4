#include "alerts/target.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

namespace converza::alerts {
namespace {

bool Public(const std::string& ip) {
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, ip.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return IsPublicAddress(reinterpret_cast<sockaddr*>(&v4));
  }
  EXPECT_EQ(inet_pton(AF_INET6, ip.c_str(), &v6.sin6_addr), 1) << ip;
  v6.sin6_family = AF_INET6;
  return IsPublicAddress(reinterpret_cast<sockaddr*>(&v6));
}

TEST(WebhookTarget, OnlyPublicUnicastAddressesArePublic) {
  for (const char* ip : {"8.8.8.8", "1.1.1.1", "93.184.216.34", "100.128.0.1", "172.32.0.1",
                         "2606:4700:4700::1111", "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(Public(ip)) << ip;
  }
  for (const char* ip : {"127.0.0.1",
                         "127.8.9.10",
                         "10.1.2.3",
                         "172.16.0.1",
                         "172.31.255.255",
                         "192.168.1.1",
                         "169.254.169.254",
                         "100.64.0.1",
                         "0.0.0.0",
                         "224.0.0.1",
                         "255.255.255.255",
                         "192.0.2.7",
                         "::1",
                         "::",
                         "fd00::1",
                         "fe80::1",
                         "ff02::1",
                         "2001:db8::1",
                         "::ffff:127.0.0.1",
                         "::ffff:169.254.169.254"}) {
    EXPECT_FALSE(Public(ip)) << ip;
  }
}

TEST(WebhookTarget, LoopbackAndLiteralPrivateHostsAreRefusedWithoutTheUrl) {
  Status s = CheckPublicTarget("http://127.0.0.1:8080/secret-path");
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("127.0.0.1 is not a public address"), std::string::npos);
  EXPECT_EQ(s.message().find("secret-path"), std::string::npos);
  EXPECT_EQ(CheckPublicTarget("http://[::1]/x").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckPublicTarget("http://169.254.169.254/latest/meta-data").code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckPublicTarget("http://localhost/x").code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(CheckPublicTarget("https://93.184.216.34/hook").ok());  // a literal: no lookup
}

}  // namespace
}  // namespace converza::alerts
