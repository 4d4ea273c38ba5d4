#include "mail/smtp_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace converza::mail {
namespace {

TEST(SmtpFormat, DotStuffsCrlfsAndKeepsHeadersOnOneLine) {
  SmtpSettings s{.host = "h", .from = "Converza <no-reply@converza.test>"};
  const auto data = FormatMessage(
      s,
      {.to = "a@b.test\r\nBcc: x@y.test", .subject = "Réinitialiser", .text = "hi\n.hidden\nend\n"},
      "Fri, 04 Dec 2026 19:00:00 +0000", "abc");
  EXPECT_NE(data.find("To: a@b.test  Bcc: x@y.test\r\n"), std::string::npos);
  EXPECT_NE(data.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(data.find("Message-ID: <abc@converza.test>\r\n"), std::string::npos);
  EXPECT_NE(data.find("\r\n\r\nhi\r\n..hidden\r\nend\r\n"), std::string::npos);
  EXPECT_EQ(AddressOf("Converza <no-reply@converza.test>"), "no-reply@converza.test");
}

// A one-connection SMTP sink on loopback that records what it was sent.
class Sink {
 public:
  explicit Sink(bool refuse_rcpt) {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t len = sizeof a;
    ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(listen_, 1);
    thread_ = std::thread([this, refuse_rcpt] { Serve(refuse_rcpt); });
  }
  ~Sink() {
    if (thread_.joinable()) thread_.join();
    ::close(listen_);
  }
  // Everything the client sent, once it has hung up.
  std::string Finish() {
    thread_.join();
    return transcript_;
  }
  [[nodiscard]] int port() const { return port_; }

 private:
  std::string transcript_;
  void Serve(bool refuse_rcpt) {
    const int fd = ::accept(listen_, nullptr, nullptr);
    auto say = [fd](const std::string& s) { ::send(fd, s.data(), s.size(), MSG_NOSIGNAL); };
    say("220 sink\r\n");
    std::string buf;
    bool data = false;
    char chunk[512];
    for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;) {
      buf.append(chunk, static_cast<std::size_t>(n));
      transcript_.append(chunk, static_cast<std::size_t>(n));
      for (std::size_t eol; (eol = buf.find("\r\n")) != std::string::npos;) {
        const std::string line = buf.substr(0, eol);
        buf.erase(0, eol + 2);
        if (data) {
          if (line == ".") {
            data = false;
            say("250 queued\r\n");
          }
        } else if (line.starts_with("EHLO")) {
          say("250-sink\r\n250 AUTH PLAIN\r\n");
        } else if (line.starts_with("RCPT") && refuse_rcpt) {
          say("550 no such mailbox\r\n");
        } else if (line == "DATA") {
          data = true;
          say("354 go on\r\n");
        } else if (line == "QUIT") {
          say("221 bye\r\n");
          ::close(fd);
          return;
        } else {
          say(line.starts_with("AUTH") ? "235 ok\r\n" : "250 ok\r\n");
        }
      }
    }
    ::close(fd);
  }
  int listen_ = -1, port_ = 0;
  std::thread thread_;
};

TEST(SmtpClient, DeliversToARelayWithAuthPlain) {
  Sink sink(false);
  SmtpClient client({.host = "127.0.0.1",
                     .port = sink.port(),
                     .user = "u",
                     .password = "pw",
                     .from = "Converza <no-reply@converza.test>"});
  const auto st = client.Send({.to = "dana@acme.test", .subject = "Hello", .text = "Line\n"});
  EXPECT_TRUE(st.ok()) << st.message();
  const std::string t = sink.Finish();
  EXPECT_NE(t.find("AUTH PLAIN AHUAcHc=\r\n"), std::string::npos);  // base64("\0u\0pw")
  EXPECT_NE(t.find("MAIL FROM:<no-reply@converza.test>\r\n"), std::string::npos);
  EXPECT_NE(t.find("RCPT TO:<dana@acme.test>\r\n"), std::string::npos);
  EXPECT_NE(t.find("Subject: Hello\r\n"), std::string::npos);
  EXPECT_NE(t.find("\r\n\r\nLine\r\n.\r\nQUIT\r\n"), std::string::npos);
}

TEST(SmtpClient, ARefusedRecipientIsAPermanentErrorWithoutThePassword) {
  Sink sink(true);
  SmtpClient client({.host = "127.0.0.1",
                     .port = sink.port(),
                     .user = "u",
                     .password = "very-secret",
                     .from = "no-reply@converza.test"});
  const auto st = client.Send({.to = "nobody@acme.test", .subject = "x", .text = "y"});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("550"), std::string::npos);
  EXPECT_EQ(st.message().find("very-secret"), std::string::npos);
}

TEST(SmtpClient, NoRelayIsUnavailable) {
  SmtpClient client({.host = "127.0.0.1",
                     .port = 1,
                     .from = "a@b.test",
                     .timeout = std::chrono::milliseconds(500)});
  EXPECT_EQ(client.Send({.to = "x@y.test", .subject = "s", .text = "t"}).code(),
            Status::Code::kUnavailable);
}

}  // namespace
}  // namespace converza::mail
