// Streaming responses (Response::stream) on a real loopback http::Server: chunked delivery,
// cancellation when the client goes away, the cap on concurrent streams, that open streams never
// hold up ordinary handlers, and graceful shutdown with streams open.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "http_client.h"
#include "stream_client.h"

namespace converza::http {
namespace {

using converza::testing::Get;
using converza::testing::StreamClient;

// Counts live streams so tests can wait for the server to let go of them.
struct Tally {
  std::mutex mu;
  std::condition_variable cv;
  int live = 0, cancelled = 0;
  bool WaitLive(int n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(5), [&] { return live == n; });
  }
};

// `count` chunks then the end; count < 0: a chunk per Next() until cancelled, blocking between.
class TestStream : public BodyStream {
 public:
  TestStream(Tally& tally, int count) : tally_(tally), count_(count) {
    std::lock_guard lock(tally_.mu);
    ++tally_.live;
  }
  ~TestStream() override {
    std::lock_guard lock(tally_.mu);
    --tally_.live;
    tally_.cv.notify_all();
  }
  std::optional<std::string> Next() override {
    std::unique_lock lock(mu_);
    if (count_ >= 0) {
      if (sent_ == count_) return std::nullopt;
      return "chunk " + std::to_string(sent_++) + "\n";
    }
    if (sent_ > 0) cv_.wait_for(lock, std::chrono::seconds(30), [&] { return cancelled_; });
    if (cancelled_) return std::nullopt;
    return "open " + std::to_string(sent_++) + "\n";
  }
  void Cancel() override {
    {
      std::lock_guard lock(mu_);
      if (cancelled_) return;
      cancelled_ = true;
    }
    cv_.notify_all();
    std::lock_guard lock(tally_.mu);
    ++tally_.cancelled;
  }

 private:
  Tally& tally_;
  std::mutex mu_;
  std::condition_variable cv_;
  const int count_;
  int sent_ = 0;
  bool cancelled_ = false;
};

class ServerStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Get("/finite", [this](Request&) {
      Response r;
      r.set_header("Content-Type", "text/plain");
      r.stream = std::make_shared<TestStream>(tally_, 3);
      return r;
    });
    router_.Get("/endless", [this](Request&) {
      Response r;
      r.set_header("Content-Type", "text/event-stream");
      r.stream = std::make_shared<TestStream>(tally_, -1);
      return r;
    });
    router_.Get("/hello", [](Request&) { return Response::Text(200, "hi"); });
    ServerOptions o;
    o.port = 0;
    o.handler_threads = 1;  // streams must not need handler threads
    o.max_streams = 2;
    o.timeout = std::chrono::milliseconds(2000);
    o.grace = std::chrono::milliseconds(5000);
    o.access_log = false;
    server_ = std::make_unique<Server>(o, router_, metrics_);
    ASSERT_TRUE(server_->Listen().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (thread_.joinable()) {
      server_->Shutdown();
      thread_.join();
    }
  }

  Tally tally_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerStreamTest, SendsChunksAndEnds) {
  StreamClient c(port_, "/finite");
  EXPECT_EQ(c.status(), 200);
  EXPECT_EQ(c.headers().at("transfer-encoding"), "chunked");
  EXPECT_EQ(c.headers().count("content-length"), 0u);
  EXPECT_EQ(c.headers().at("x-content-type-options"), "nosniff");
  ASSERT_TRUE(c.WaitForEnd(5000));
  EXPECT_EQ(c.body(), "chunk 0\nchunk 1\nchunk 2\n");
  EXPECT_TRUE(tally_.WaitLive(0));
}

TEST_F(ServerStreamTest, ClientGoingAwayCancelsAndDestroysTheStream) {
  {
    StreamClient c(port_, "/endless");
    ASSERT_EQ(c.status(), 200);
    ASSERT_TRUE(c.WaitFor("open 0\n", 5000));
    EXPECT_TRUE(tally_.WaitLive(1));
  }  // closes the socket while Next() is blocked
  EXPECT_TRUE(tally_.WaitLive(0));
  std::lock_guard lock(tally_.mu);
  EXPECT_EQ(tally_.cancelled, 1);
}

TEST_F(ServerStreamTest, StreamsBeyondTheCapGet503AndHandlersKeepRunning) {
  StreamClient a(port_, "/endless"), b(port_, "/endless");
  ASSERT_TRUE(a.WaitFor("open 0", 5000));
  ASSERT_TRUE(b.WaitFor("open 0", 5000));
  // Two streams are open on a server with one handler thread: ordinary requests still run.
  EXPECT_EQ(Get(port_, "/hello").body, "hi");
  StreamClient c(port_, "/endless");
  EXPECT_EQ(c.status(), 503);
  EXPECT_EQ(c.headers().at("retry-after"), "5");
  a.Close();
  ASSERT_TRUE(tally_.WaitLive(1));  // the rejected one and a's are gone
  // A freed slot is reusable (the count drops once a's connection has wound down).
  bool reopened = false;
  for (int i = 0; i < 50 && !reopened; ++i) {
    StreamClient d(port_, "/endless");
    reopened = d.status() == 200 && d.WaitFor("open 0", 5000);
    if (!reopened) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(reopened);
}

TEST_F(ServerStreamTest, ShutdownEndsOpenStreams) {
  StreamClient a(port_, "/endless"), b(port_, "/endless");
  ASSERT_TRUE(a.WaitFor("open 0", 5000));
  ASSERT_TRUE(b.WaitFor("open 0", 5000));
  server_->Shutdown();
  // Both clients see a properly terminated body, well before the 5 s grace period would
  // force the connections closed.
  EXPECT_TRUE(a.WaitForEnd(4000));
  EXPECT_TRUE(b.WaitForEnd(4000));
  thread_.join();
  EXPECT_TRUE(tally_.WaitLive(0));
}

TEST_F(ServerStreamTest, HeadGetsHeadersOnly) {
  auto r = converza::testing::SendRaw(
      port_, "HEAD /endless HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(tally_.WaitLive(0));
}

}  // namespace
}  // namespace converza::http
