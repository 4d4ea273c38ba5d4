#include "mail/smtp_client.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>

#include "common/base64.h"
#include "common/log.h"
#include "common/strings.h"

namespace converza::mail {
namespace {

using Clock = std::chrono::steady_clock;

bool Ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Header values never carry a line break (header injection through a subject or an address).
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string EncodedWord(std::string_view s) {
  if (Ascii(s)) return OneLine(s);
  return "=?UTF-8?B?" + Base64Encode(OneLine(s)) + "?=";
}

// One SMTP conversation on a connected socket, with a deadline for every step.
class Conversation {
 public:
  Conversation(int fd, std::chrono::milliseconds timeout) : fd_(fd), timeout_(timeout) {}
  ~Conversation() { ::close(fd_); }
  Conversation(const Conversation&) = delete;
  Conversation& operator=(const Conversation&) = delete;

  // Reads one (possibly multi-line) reply; its code, or -1 when the connection failed.
  int Reply() {
    const auto deadline = Clock::now() + timeout_;
    for (;;) {
      // A reply ends with a line "NNN text" (a space, not a '-', after the code).
      std::size_t start = 0;
      for (std::size_t eol; (eol = buffer_.find("\r\n", start)) != std::string::npos;
           start = eol + 2) {
        const std::string line = buffer_.substr(start, eol - start);
        if (line.size() >= 3 && (line.size() == 3 || line[3] == ' ')) {
          buffer_.erase(0, eol + 2);
          last_ = line;
          return std::atoi(line.substr(0, 3).c_str());
        }
      }
      if (!Wait(POLLIN, deadline)) return -1;
      char chunk[1024];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return -1;
      buffer_.append(chunk, static_cast<std::size_t>(n));
      if (buffer_.size() > 64 * 1024) return -1;
    }
  }

  bool Write(std::string_view data) {
    const auto deadline = Clock::now() + timeout_;
    while (!data.empty()) {
      if (!Wait(POLLOUT, deadline)) return false;
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Sends `command` (logged as `shown` in errors) and expects a reply code in [lo, hi].
  Status Step(std::string_view command, std::string_view shown, int lo, int hi) {
    if (!command.empty() && !Write(command)) return Status::Unavailable("SMTP: write failed");
    const int code = Reply();
    if (code < 0) return Status::Unavailable("SMTP: no reply to " + std::string(shown));
    if (code >= lo && code <= hi) return Status::Ok();
    const std::string why = "SMTP " + std::string(shown) + ": " + OneLine(last_).substr(0, 200);
    return code >= 500 ? Status::InvalidArgument(why) : Status::Unavailable(why);
  }

 private:
  bool Wait(short events, Clock::time_point deadline) {
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{fd_, events, 0};
      const int r = ::poll(&p, 1, static_cast<int>(left));
      if (r > 0) return true;
      if (r == 0 || errno != EINTR) return false;
    }
  }

  int fd_;
  std::chrono::milliseconds timeout_;
  std::string buffer_, last_;
};

// A connected socket to host:port within `timeout`, or -1.
int Connect(const std::string& host, int port, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      pollfd p{fd, POLLOUT, 0};
      int err = 0;
      socklen_t len = sizeof err;
      if (errno != EINPROGRESS || ::poll(&p, 1, static_cast<int>(timeout.count())) != 1 ||
          ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
        ::close(fd);
        fd = -1;
      }
    }
  }
  ::freeaddrinfo(found);
  return fd;
}

std::string RfcDate() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return out;
}

std::string RandomId() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned> digit(0, 15);
  std::string id;
  for (int i = 0; i < 24; ++i) id += "0123456789abcdef"[digit(rd)];
  return id;
}

}  // namespace

std::string AddressOf(const std::string& mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return mailbox.substr(open + 1, close - open - 1);
  return std::string(Trim(mailbox));
}

std::string FormatMessage(const SmtpSettings& s, const Message& m, const std::string& date,
                          const std::string& message_id) {
  std::string out;
  out += "From: " + OneLine(s.from) + "\r\n";
  out += "To: " + OneLine(m.to) + "\r\n";
  out += "Subject: " + EncodedWord(m.subject) + "\r\n";
  out += "Date: " + date + "\r\n";
  const std::string from = AddressOf(s.from);
  out +=
      "Message-ID: <" + message_id + from.substr(std::min(from.find('@'), from.size())) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n\r\n";
  std::size_t start = 0;
  while (start <= m.text.size()) {
    auto eol = m.text.find('\n', start);
    if (eol == std::string::npos) eol = m.text.size();
    std::string line = m.text.substr(start, eol - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.front() == '.') line.insert(0, ".");  // dot-stuffing
    if (eol < m.text.size() || !line.empty()) out += line + "\r\n";
    start = eol + 1;
  }
  return out;
}

Status SmtpClient::Send(const Message& m) const {
  if (!configured()) return Status::InvalidArgument("SMTP_HOST is not set");
  const std::string to = AddressOf(m.to), from = AddressOf(settings_.from);
  for (const auto& a : {to, from}) {
    if (a.empty() || a.find_first_of("\r\n<> ") != std::string::npos)
      return Status::InvalidArgument("not a plain e-mail address");
  }
  const int fd = Connect(settings_.host, settings_.port, settings_.timeout);
  if (fd < 0)
    return Status::Unavailable("SMTP: cannot connect to " + settings_.host + ":" +
                               std::to_string(settings_.port));
  Conversation c(fd, settings_.timeout);
  if (auto st = c.Step("", "greeting", 220, 220); !st.ok()) return st;
  if (auto st = c.Step("EHLO " + settings_.helo + "\r\n", "EHLO", 250, 250); !st.ok()) return st;
  if (!settings_.user.empty()) {
    const std::string plain = std::string(1, '\0') + settings_.user + '\0' + settings_.password;
    if (auto st = c.Step("AUTH PLAIN " + Base64Encode(plain) + "\r\n", "AUTH", 235, 235); !st.ok())
      return st;
  }
  if (auto st = c.Step("MAIL FROM:<" + from + ">\r\n", "MAIL FROM", 250, 250); !st.ok()) return st;
  if (auto st = c.Step("RCPT TO:<" + to + ">\r\n", "RCPT TO", 250, 251); !st.ok()) return st;
  if (auto st = c.Step("DATA\r\n", "DATA", 354, 354); !st.ok()) return st;
  const std::string body = FormatMessage(settings_, m, RfcDate(), RandomId());
  if (auto st = c.Step(body + ".\r\n", "message", 250, 250); !st.ok()) return st;
  (void)c.Step("QUIT\r\n", "QUIT", 221, 221);  // the message is accepted either way
  return Status::Ok();
}

}  // namespace converza::mail

namespace converza::mail {

void SendInBackground(const SmtpClient& client, Message m, std::string purpose) {
  const std::string to = AddressOf(m.to);
  std::string domain = to.substr(std::min(to.find('@') + 1, to.size()));
  if (!client.configured()) {
    log::Warn("mail not sent: SMTP_HOST is not set", {{"purpose", purpose}, {"domain", domain}});
    return;
  }
  std::thread([client, m = std::move(m), purpose = std::move(purpose), domain = std::move(domain)] {
    const Status st = client.Send(m);
    if (st.ok()) {
      log::Info("mail sent", {{"purpose", purpose}, {"domain", domain}});
    } else {
      log::Warn("mail not sent",
                {{"purpose", purpose}, {"domain", domain}, {"error", st.message()}});
    }
  }).detach();
}

}  // namespace converza::mail
