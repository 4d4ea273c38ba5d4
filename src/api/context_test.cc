#include "api/context.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "db/connection.h"

namespace converza::api {
namespace {

TEST(DatabaseErrorResponseTest, ALostConnectionIs503WithRetryAfter) {
  http::Request req;
  req.path = "/api/v1/calls";
  for (const char* state : {"08006", "57P01", ""}) {
    auto r = DatabaseErrorResponse(req, db::Error("server closed the connection", state));
    ASSERT_TRUE(r.has_value()) << state;
    EXPECT_EQ(r->status, 503) << state;
    EXPECT_NE(std::find(r->headers.begin(), r->headers.end(),
                        std::pair<std::string, std::string>("Retry-After", "1")),
              r->headers.end());
  }
}

TEST(DatabaseErrorResponseTest, OtherDatabaseErrorsAre500WithoutDetailsAndTheRestIsNotMapped) {
  http::Request req;
  auto r = DatabaseErrorResponse(req, db::Error("column \"secret\" does not exist", "42703"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("secret"), std::string::npos);
  EXPECT_FALSE(DatabaseErrorResponse(req, std::runtime_error("a bug")).has_value());
}

}  // namespace
}  // namespace converza::api
