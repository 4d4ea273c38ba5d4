#include "http/client.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>
#include <vector>

#include "http/server.h"
#include "http_client.h"
#include "local_server.h"

namespace converza::http {
namespace {

ClientRequest GetRequest(std::string url) {
  ClientRequest r;
  r.url = std::move(url);
  return r;
}

// A listening socket on a free loopback port (stored in `port`), or -1.
int LoopbackListener(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(fd, 8) != 0 || getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  port = ntohs(addr.sin_port);
  return fd;
}

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Post("/echo", [](Request& r) {
      Response res = Response::Text(201, r.method + " " + r.target + " " + r.body);
      res.set_header("X-Auth", std::string(r.header("authorization")));
      return res;
    });
    router_.Get("/fail", [](Request&) { return Response::Error(429, "slow_down", "too many"); });
    server_ = std::make_unique<testing::LocalServer>(router_);
    base_ = server_->base_url();
  }
  Router router_;
  std::unique_ptr<testing::LocalServer> server_;
  std::string base_;
};

TEST_F(ClientTest, PostsBodyAndHeadersAndReadsTheReply) {
  ClientRequest req;
  req.method = "POST";
  req.url = base_ + "/echo?x=1";
  req.body = "a=b";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                 {"Authorization", BasicAuth("AC123", "secret")}};
  auto r = Fetch(req);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "POST /echo?x=1 a=b");
  EXPECT_EQ(r->header("x-auth"), "Basic QUMxMjM6c2VjcmV0");  // base64("AC123:secret")
}

TEST_F(ClientTest, HttpErrorsAreResponsesNotFailures) {
  auto r = Fetch(GetRequest(base_ + "/fail"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 429);
  EXPECT_NE(r->body.find("slow_down"), std::string::npos);
}

TEST(ClientFailureTest, RefusedConnectionIsUnavailable) {
  auto r = Fetch(GetRequest("http://127.0.0.1:" + std::to_string(testing::FreePort()) + "/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
}

TEST(ClientFailureTest, SilentServerTimesOut) {
  // A listener that accepts (via the kernel backlog) but never answers.
  int port = 0;
  const int fd = LoopbackListener(port);
  ASSERT_GE(fd, 0);
  ClientRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  req.timeout = std::chrono::milliseconds(200);
  auto started = std::chrono::steady_clock::now();
  auto r = Fetch(req);
  auto took = std::chrono::steady_clock::now() - started;
  close(fd);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos) << r.status().message();
  EXPECT_LT(took, std::chrono::seconds(5));  // bounded by the deadline, not hanging
}

// A loopback HTTP/1.1 server that follows a script, so a test can see the connections a client
// opens and what the server did with each: connection k answers answers[k] requests with
// keep-alive, then either closes at once (kClose) or reads one more request and closes without
// answering it (kDropNext, a server closing an idle connection as a request arrives).
class ScriptedServer {
 public:
  enum class Then { kClose, kDropNext };
  struct Step {
    int answers;
    Then then;
  };

  explicit ScriptedServer(std::vector<Step> script) : script_(std::move(script)) {
    fd_ = LoopbackListener(port_);
    EXPECT_GE(fd_, 0);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      if (conn_ >= 0) shutdown(conn_, SHUT_RDWR);  // a read waiting on the client ends
    }
    shutdown(fd_, SHUT_RDWR);
    thread_.join();
    close(fd_);
  }

  [[nodiscard]] std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  // The request lines it read, by connection.
  std::vector<std::vector<std::string>> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  // Connections it has closed, having followed their step (kDropNext: once the client has sent
  // one more request or closed its end).
  int closed() {
    std::lock_guard lock(mu_);
    return closed_;
  }

 private:
  // The next request's first line ("GET /a HTTP/1.1"), its body read past; "" at the end.
  static std::string ReadRequest(int c, std::string& buf) {
    std::size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
      char chunk[4096];
      const ssize_t n = recv(c, chunk, sizeof chunk, 0);
      if (n <= 0) return "";
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    std::size_t body = 0;
    if (auto cl = buf.find("Content-Length: "); cl != std::string::npos && cl < end) {
      body = std::stoul(buf.substr(cl + 16));
    }
    while (buf.size() < end + 4 + body) {
      char chunk[4096];
      const ssize_t n = recv(c, chunk, sizeof chunk, 0);
      if (n <= 0) return "";
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    std::string line = buf.substr(0, buf.find("\r\n"));
    buf.erase(0, end + 4 + body);
    return line;
  }

  void Serve() {
    for (const Step& step : script_) {
      const int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      {
        std::lock_guard lock(mu_);
        if (stopping_) {
          close(c);
          return;
        }
        conn_ = c;
        seen_.emplace_back();
      }
      std::string buf;
      auto read = [&] {
        std::string line = ReadRequest(c, buf);
        std::lock_guard lock(mu_);
        if (!line.empty()) seen_.back().push_back(line);
        return !line.empty();
      };
      for (int i = 0; i < step.answers && read(); ++i) {
        const std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        send(c, reply.data(), reply.size(), MSG_NOSIGNAL);
      }
      if (step.then == Then::kDropNext) read();
      std::lock_guard lock(mu_);
      close(c);
      conn_ = -1;
      ++closed_;
    }
  }

  std::vector<Step> script_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::vector<std::string>> seen_;
  int closed_ = 0;
  int conn_ = -1;  // the connection being served
  bool stopping_ = false;
};

TEST(ClientKeepAliveTest, AConnectionServesTheNextRequestsToItsOrigin) {
  ScriptedServer server({{3, ScriptedServer::Then::kClose}});
  for (const char* path : {"/a", "/b", "/c"}) {
    auto r = Fetch(GetRequest(server.url(path)));
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->body, "ok");
  }
  using Lines = std::vector<std::vector<std::string>>;
  EXPECT_EQ(server.seen(), (Lines{{"GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /c HTTP/1.1"}}));
}

TEST(ClientKeepAliveTest, AConnectionTheServerClosedIsNotUsedAgain) {
  ScriptedServer server({{1, ScriptedServer::Then::kClose}, {1, ScriptedServer::Then::kClose}});
  ClientRequest post;
  post.method = "POST";
  post.body = "x=1";
  for (const char* path : {"/a", "/b"}) {
    post.url = server.url(path);
    auto r = Fetch(post);
    ASSERT_TRUE(r.ok()) << r.status().message();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the server's close arrives
  }
  using Lines = std::vector<std::vector<std::string>>;
  EXPECT_EQ(server.seen(), (Lines{{"POST /a HTTP/1.1"}, {"POST /b HTTP/1.1"}}));
}

// A kept connection to an origin nobody asks again (a customer's webhook host) is closed once it
// has been idle too long, the next time any connection is returned, not left open for good.
TEST(ClientKeepAliveTest, AConnectionIdleTooLongIsClosedWhateverItsOrigin) {
  ScriptedServer once({{1, ScriptedServer::Then::kDropNext}});
  ScriptedServer other({{1, ScriptedServer::Then::kClose}});
  ASSERT_TRUE(Fetch(GetRequest(once.url("/a"))).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(4200));  // past the 4 s of idleness
  EXPECT_EQ(once.closed(), 0) << "nothing closes it while the client does nothing";
  ASSERT_TRUE(Fetch(GetRequest(other.url("/b"))).ok());
  for (int i = 0; i < 100 && once.closed() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(once.closed(), 1);
  EXPECT_EQ(once.seen().at(0).size(), 1u) << "closed, not used for another request";
}

// The server closes a kept connection just as a request arrives on it, without answering: a GET
// goes again on a new connection; a POST may have been acted on, so it fails and is not repeated.
TEST(ClientKeepAliveTest, ARequestLostOnAKeptConnectionGoesAgainOnlyWhenSafeToRepeat) {
  ScriptedServer server({{1, ScriptedServer::Then::kDropNext},
                         {1, ScriptedServer::Then::kDropNext},
                         {1, ScriptedServer::Then::kClose}});
  ASSERT_TRUE(Fetch(GetRequest(server.url("/a"))).ok());
  auto again = Fetch(GetRequest(server.url("/b")));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->body, "ok");

  ClientRequest post;
  post.method = "POST";
  post.url = server.url("/pay");
  post.body = "amount=1";
  auto lost = Fetch(post);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().code(), Status::Code::kUnavailable);
  using Lines = std::vector<std::vector<std::string>>;
  EXPECT_EQ(server.seen(), (Lines{{"GET /a HTTP/1.1", "GET /b HTTP/1.1"},
                                  {"GET /b HTTP/1.1", "POST /pay HTTP/1.1"}}));
}

TEST(ClientFailureTest, BadUrlsAreInvalidArguments) {
  EXPECT_EQ(Fetch(GetRequest("not a url")).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Fetch(GetRequest("ftp://example.com/")).status().code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace converza::http

namespace converza::http {
namespace {

// Redirects are followed only when asked, at most as often as asked; credentials stay on their
// origin (a storage host a media link redirects to never sees them); 303 continues as a GET.
TEST(ClientRedirectTest, FollowsRedirectsAndKeepsCredentialsOnTheirOrigin) {
  std::string storage_auth = "unset";
  Router storage_router;
  storage_router.Get("/media/RE1.wav", [&](Request& r) {
    storage_auth = std::string(r.header("authorization"));
    Response out;
    out.status = 200;
    out.body = "RIFF-audio";
    return out;
  });
  testing::LocalServer storage(storage_router);

  std::string same_origin_auth;
  Router api_router;
  auto redirect = [](int status, std::string to) {
    Response r;
    r.status = status;
    r.set_header("Location", std::move(to));
    return r;
  };
  api_router.Get("/Recordings/RE1.wav", [&](Request&) {
    return redirect(307, storage.base_url() + "/media/RE1.wav?token=t");
  });
  api_router.Get("/relative", [&](Request&) { return redirect(302, "/landing?x=1"); });
  api_router.Get("/landing", [&](Request& r) {
    same_origin_auth = std::string(r.header("authorization"));
    return Response::Json(200, R"({"ok":true})");
  });
  api_router.Get("/loop", [&](Request&) { return redirect(301, "/loop"); });
  api_router.Post("/form", [&](Request&) { return redirect(303, "/landing"); });
  testing::LocalServer api(api_router);

  ClientRequest req;
  req.url = api.base_url() + "/Recordings/RE1.wav";
  req.headers = {{"Authorization", BasicAuth("AC1", "secret")}};
  auto plain = Fetch(req);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->status, 307) << "not followed unless asked";

  req.follow_redirects = 5;
  auto media = Fetch(req);
  ASSERT_TRUE(media.ok()) << media.status().message();
  EXPECT_EQ(media->status, 200);
  EXPECT_EQ(media->body, "RIFF-audio");
  EXPECT_EQ(storage_auth, "") << "credentials must not follow a redirect to another host";

  req.url = api.base_url() + "/relative";
  auto relative = Fetch(req);
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->status, 200);
  EXPECT_EQ(same_origin_auth, BasicAuth("AC1", "secret")) << "same origin keeps them";

  req.url = api.base_url() + "/loop";
  auto loop = Fetch(req);
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.status().message(), "more than 5 redirects");

  req.url = api.base_url() + "/form";
  req.method = "POST";
  req.body = "a=1";
  auto form = Fetch(req);
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->status, 200) << "303 continues as a GET";
}

}  // namespace
}  // namespace converza::http
