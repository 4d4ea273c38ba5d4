// The sandbox as a whole (routes.cc, handler.cc): HTTP Basic auth and the account in the path,
// Twilio's error shape, and state that survives a restart.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "twilio/sandbox/sandbox_test_fixture.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;

TEST_F(SandboxTest, RejectsBadAuthWithTwilioError) {
  auto r = converza::testing::Get(port_, Acct() + "/IncomingPhoneNumbers.json");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(
      r.body,
      R"({"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401})");
  EXPECT_EQ(r.headers["www-authenticate"], "Basic realm=\"Twilio API\"");
  r = converza::testing::Get(
      port_, Acct() + "/IncomingPhoneNumbers.json",
      "Authorization: Basic " + B64(options_.credentials.account_sid + ":wrong") + "\r\n");
  EXPECT_EQ(r.status, 401);
  // Another account's path: not found, like Twilio.
  r = Get("/2010-04-01/Accounts/AC00000000000000000000000000000000/IncomingPhoneNumbers.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r).at("code").as_int64(), 20404);
}

TEST_F(SandboxTest, StatePersistsAcrossRestarts) {
  auto r = PostForm(Acct() + "/IncomingPhoneNumbers.json", {{"AreaCode", "617"}});
  ASSERT_EQ(r.status, 201);
  std::string pn(Body(r).at("sid").as_string());
  std::string re = AddRecording(2, "persisted audio");
  Stop();
  Start();
  r = Get(Acct() + "/IncomingPhoneNumbers/" + pn + ".json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r).at("phone_number").as_string(), "+16175550100");
  EXPECT_EQ(Get(Acct() + "/Recordings/" + re + ".wav").body, "persisted audio");
}

}  // namespace
}  // namespace converza::twilio::sandbox
