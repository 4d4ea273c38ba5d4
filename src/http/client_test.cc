#include "http/client.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

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
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 8), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ClientRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
  req.timeout = std::chrono::milliseconds(200);
  auto started = std::chrono::steady_clock::now();
  auto r = Fetch(req);
  auto took = std::chrono::steady_clock::now() - started;
  close(fd);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos) << r.status().message();
  EXPECT_LT(took, std::chrono::seconds(5));  // bounded by the deadline, not hanging
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
