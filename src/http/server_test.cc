// In-process tests of http::Server on loopback: limits, keep-alive, error mapping, metrics and
// graceful shutdown. No database needed (see serve_pgtest.cc for the real binary).
#include "http/server.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "http/reply.h"
#include "http_client.h"

namespace converza::http {
namespace {

// What the server's owner maps (serve maps db::Error; see api::DatabaseErrorResponse).
struct Outage : std::runtime_error {
  using std::runtime_error::runtime_error;
};
std::optional<Response> MapOutage(const Request&, const std::exception& e) {
  if (dynamic_cast<const Outage*>(&e) == nullptr) return std::nullopt;
  Response r = Response::Error(503, "unavailable", "retry later");
  r.set_header("Retry-After", "1");
  return r;
}

using converza::testing::Get;
using converza::testing::Post;
using converza::testing::SendRaw;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Get("/hello", [](Request& r) {
      return Response::Json(200, "{\"hello\":\"" + JsonEscape(r.query_param("name")) + "\"}");
    });
    router_.Post("/echo", [](Request& r) { return Response::Text(200, r.body); });
    router_.Get("/slow", [](Request&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return Response::Text(200, "done");
    });
    router_.Get("/db-down", [](Request&) -> Response { throw Outage("connection refused"); });
    router_.Get("/bug", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
    router_.Get("/items/{id}", [](Request& r) { return Response::Text(200, r.params["id"]); });
    // Later replies: answered from another thread, failed, dropped, or held by the test.
    router_.Get("/later", [](Request&) {
      auto [res, reply] = ReplyLater();
      std::thread([reply = reply] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        reply.Send(Response::Text(200, "later"));
      }).detach();
      return res;
    });
    router_.Get("/later/db-down", [](Request&) {
      auto [res, reply] = ReplyLater();
      reply.Fail(std::make_exception_ptr(Outage("connection refused")));
      return res;
    });
    router_.Get("/later/dropped", [](Request&) { return ReplyLater().first; });
    router_.Get("/later/held", [this](Request&) {
      auto [res, reply] = ReplyLater();
      std::lock_guard lock(held_mu_);
      held_.push_back(reply);
      held_cv_.notify_all();
      return res;
    });
    router_.AddAfter([](const Request&, Response& r) { r.set_header("X-After", "yes"); });

    ServerOptions o;
    o.port = 0;
    o.body_limit = 4096;
    o.header_limit = 2048;
    o.handler_threads = 4;
    o.timeout = std::chrono::milliseconds(2000);
    o.grace = std::chrono::milliseconds(3000);
    o.access_log = false;
    o.map_error = MapOutage;
    server_ = std::make_unique<Server>(o, router_, metrics_);
    ASSERT_TRUE(server_->Listen().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    server_->Shutdown();
    thread_.join();
  }

  // Waits until `n` /later/held requests are waiting, and takes their replies.
  std::vector<Reply> Held(std::size_t n) {
    std::unique_lock lock(held_mu_);
    held_cv_.wait_for(lock, std::chrono::seconds(5), [&] { return held_.size() >= n; });
    return std::move(held_);
  }

  std::mutex held_mu_;
  std::condition_variable held_cv_;
  std::vector<Reply> held_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerTest, RoutesWithParamsAndQuery) {
  auto r = Get(port_, "/hello?name=Ada%20L");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"hello":"Ada L"})");
  EXPECT_EQ(r.headers["content-type"], "application/json");
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  EXPECT_EQ(Get(port_, "/items/42").body, "42");
}

TEST_F(ServerTest, UnknownPathIs404Json) {
  auto r = Get(port_, "/missing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"no route for GET /missing"}})");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto r = Post(port_, "/hello", "x", "text/plain");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET");
  EXPECT_NE(r.body.find("method_not_allowed"), std::string::npos);
}

TEST_F(ServerTest, OversizedBodyIs413) {
  auto r = Post(port_, "/echo", std::string(10000, 'x'), "text/plain");
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("payload_too_large"), std::string::npos);
  // A body within the limit is fine.
  EXPECT_EQ(Post(port_, "/echo", std::string(4000, 'y'), "text/plain").body,
            std::string(4000, 'y'));
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  auto r = Get(port_, "/hello", "X-Big: " + std::string(4000, 'h') + "\r\n");
  EXPECT_EQ(r.status, 431);
  EXPECT_NE(r.body.find("headers_too_large"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  auto r = SendRaw(port_, "GARBAGE\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("bad_request"), std::string::npos);
  auto bad_escape = SendRaw(port_, "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(bad_escape.status, 400);
}

TEST_F(ServerTest, TheOwnersErrorMapAnswersAndOtherExceptionsAre500WithoutDetails) {
  auto down = Get(port_, "/db-down");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.headers["retry-after"], "1");
  auto bug = Get(port_, "/bug");
  EXPECT_EQ(bug.status, 500);
  EXPECT_EQ(bug.body.find("secret detail"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  // Two pipelined requests; the second says close so the reply stream ends.
  auto r = SendRaw(port_,
                   "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "1");  // the first reply; the client helper reads one
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  auto r = SendRaw(port_, "HEAD /items/12345 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-length"], "5");
  EXPECT_TRUE(r.body.empty());
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  Get(port_, "/items/1");
  Get(port_, "/items/2");
  Get(port_, "/missing");
  auto text = metrics_.Render();
  EXPECT_NE(
      text.find(R"(converza_http_requests_total{route="/items/{id}",method="GET",status="200"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(status="404"} 1)"), std::string::npos);
  EXPECT_NE(text.find("converza_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(ServerTest, ShutdownFinishesInFlightRequestsAndStopsAccepting) {
  auto slow = std::async(std::launch::async, [&] { return Get(port_, "/slow"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the request is in flight
  server_->Shutdown();
  auto r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "done");
  EXPECT_EQ(r.headers["connection"], "close");
  thread_.join();                             // Run() returned: everything drained
  EXPECT_EQ(Get(port_, "/hello").status, 0);  // nobody listens any more
  thread_ = std::thread([] {});               // for TearDown
}

TEST_F(ServerTest, ALaterReplyIsSentWhenAnotherThreadAnswers) {
  auto r = Get(port_, "/later");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "later");
  EXPECT_EQ(r.headers["x-after"], "yes");  // the after hooks saw the real response
}

TEST_F(ServerTest, ALaterFailureIsMappedLikeAThrowAndADroppedReplyIs500) {
  auto down = Get(port_, "/later/db-down");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.headers["retry-after"], "1");
  EXPECT_EQ(Get(port_, "/later/dropped").status, 500);
}

TEST_F(ServerTest, WaitingRepliesHoldNoHandlerThread) {
  // 12 requests wait at once on a server with 4 handler threads: a handler that blocked until
  // answered would let only 4 arrive.
  constexpr std::size_t kWaiting = 12;
  std::vector<std::future<converza::testing::HttpReply>> clients;
  for (std::size_t i = 0; i < kWaiting; ++i) {
    clients.push_back(std::async(std::launch::async, [&] { return Get(port_, "/later/held"); }));
  }
  auto replies = Held(kWaiting);
  ASSERT_EQ(replies.size(), kWaiting);
  for (std::size_t i = 0; i < replies.size(); ++i) {
    replies[i].Send(Response::Text(200, std::to_string(i)));
    replies[i].Send(Response::Text(200, "ignored"));  // only the first answer counts
  }
  std::set<std::string> bodies;
  for (auto& c : clients) {
    auto r = c.get();
    EXPECT_EQ(r.status, 200);
    bodies.insert(r.body);
  }
  EXPECT_EQ(bodies.size(), kWaiting);
}

TEST_F(ServerTest, AReplyAnsweredAfterTheServerIsGoneIsHarmless) {
  auto client = std::async(std::launch::async, [&] { return Get(port_, "/later/held"); });
  auto replies = Held(1);
  ASSERT_EQ(replies.size(), 1u);
  server_->Shutdown();  // the request stays in flight until the grace period ends
  thread_.join();
  server_.reset();
  replies[0].Send(Response::Text(200, "too late"));  // must touch nothing of the server
  EXPECT_EQ(client.get().status, 0);                 // the connection was closed unanswered
  server_ = std::make_unique<Server>(ServerOptions{}, router_, metrics_);  // for TearDown
  thread_ = std::thread([] {});
}

}  // namespace
}  // namespace converza::http
