#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace converza::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("static-test-" + std::to_string(getpid()));
    fs::create_directories(base_ / "root/_next/static/chunks");
    fs::create_directories(base_ / "root/calls");
    Write(base_ / "root/index.html", "<h1>home</h1>");
    Write(base_ / "root/agents.html", "<h1>agents</h1>");
    Write(base_ / "root/calls/index.html", "<h1>calls</h1>");
    Write(base_ / "root/404.html", "<h1>lost</h1>");
    Write(base_ / "root/_next/static/chunks/app.js", "console.log(1)");
    Write(base_ / "secret.txt", "top secret");
    fs::create_symlink(base_ / "secret.txt", base_ / "root/link.txt");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }
  Response Get(const std::string& path, std::vector<std::pair<std::string, std::string>> h = {}) {
    Request req;
    req.method = "GET";
    req.path = path;
    req.headers = std::move(h);
    return StaticFiles((base_ / "root").string()).Serve(req);
  }
  static std::string Header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }
  fs::path base_;
};

TEST_F(StaticFilesTest, ServesIndexAndNextExportRoutes) {
  auto r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<h1>home</h1>");
  EXPECT_EQ(Header(r, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/agents").body, "<h1>agents</h1>");
  EXPECT_EQ(Get("/calls").body, "<h1>calls</h1>");
  EXPECT_EQ(Get("/calls/").body, "<h1>calls</h1>");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
  auto r = Get("/_next/static/chunks/app.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Header(r, "Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, EtagRevalidationAnswers304) {
  auto first = Get("/agents");
  auto etag = Header(first, "ETag");
  ASSERT_FALSE(etag.empty());
  auto again = Get("/agents", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(StaticFilesTest, TraversalIsRefused) {
  for (const char* p : {"/../secret.txt", "/calls/../../secret.txt", "/./index.html"}) {
    auto r = Get(p);
    EXPECT_EQ(r.status, 400) << p;
    EXPECT_EQ(r.body.find("top secret"), std::string::npos) << p;
  }
}

TEST_F(StaticFilesTest, SymlinkLeadingOutsideRootIsNotServed) {
  auto r = Get("/link.txt");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("top secret"), std::string::npos);
}

TEST_F(StaticFilesTest, MissingFileIsJson404OrTheExportsPageForBrowsers) {
  auto api = Get("/nope");
  EXPECT_EQ(api.status, 404);
  EXPECT_NE(api.body.find("\"not_found\""), std::string::npos);
  auto browser = Get("/nope", {{"accept", "text/html,application/xhtml+xml"}});
  EXPECT_EQ(browser.status, 404);
  EXPECT_EQ(browser.body, "<h1>lost</h1>");
}

TEST(MimeTypeTest, KnownAndUnknownExtensions) {
  EXPECT_EQ(MimeType("a/b.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(MimeType("x.woff2"), "font/woff2");
  EXPECT_EQ(MimeType("x.svg"), "image/svg+xml");
  EXPECT_EQ(MimeType("x.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace converza::http
