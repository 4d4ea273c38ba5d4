#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "twilio/sandbox/sandbox_test_fixture.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;

// A subaccount (a tenant's own Twilio account): made by the main account only, authenticated
// with its own token, holding its own numbers; the main account may act on it, the subaccount
// never on the main account or a sibling; both survive a restart.
TEST_F(SandboxTest, SubaccountsHaveTheirOwnTokenAndNumbers) {
  auto r = PostForm("/2010-04-01/Accounts.json", {{"FriendlyName", "Bolt Hotels"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto sub = Body(r);
  const std::string sid(sub.at("sid").as_string()), token(sub.at("auth_token").as_string());
  EXPECT_EQ(sid.size(), 34u);
  EXPECT_EQ(sid.rfind("AC", 0), 0u);
  EXPECT_EQ(token.size(), 32u);
  EXPECT_EQ(sub.at("owner_account_sid").as_string(), options_.credentials.account_sid);
  EXPECT_EQ(sub.at("friendly_name").as_string(), "Bolt Hotels");
  EXPECT_EQ(sub.at("status").as_string(), "active");
  const std::string as_sub = "Authorization: Basic " + B64(sid + ":" + token) + "\r\n";
  const std::string sub_path = "/2010-04-01/Accounts/" + sid;

  r = converza::testing::Post(port_, sub_path + "/IncomingPhoneNumbers.json", "AreaCode=212",
                              "application/x-www-form-urlencoded", as_sub);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string number(Body(r).at("phone_number").as_string());
  EXPECT_EQ(Body(r).at("account_sid").as_string(), sid);
  // The subaccount sees its number; the main account sees it only under the subaccount's path.
  r = converza::testing::Get(port_, sub_path + "/IncomingPhoneNumbers.json", as_sub);
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);
  r = Get(Acct() + "/IncomingPhoneNumbers.json");
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 0u);
  r = Get(sub_path + "/IncomingPhoneNumbers.json");
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);
  // The subaccount reaches neither its parent's resources nor makes accounts; a wrong token is 401.
  EXPECT_EQ(converza::testing::Get(port_, Acct() + "/IncomingPhoneNumbers.json", as_sub).status,
            404);
  EXPECT_EQ(converza::testing::Post(port_, "/2010-04-01/Accounts.json", "FriendlyName=x",
                                    "application/x-www-form-urlencoded", as_sub)
                .status,
            403);
  EXPECT_EQ(converza::testing::Get(
                port_, sub_path + "/IncomingPhoneNumbers.json",
                "Authorization: Basic " + B64(sid + ":" + std::string(32, '0')) + "\r\n")
                .status,
            401);
  // And a number is one account's: the main account cannot buy it again.
  EXPECT_EQ(PostForm(Acct() + "/IncomingPhoneNumbers.json", {{"PhoneNumber", number}}).status, 400);

  Stop();
  Start();
  r = converza::testing::Get(port_, sub_path + "/IncomingPhoneNumbers.json", as_sub);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);
}

}  // namespace
}  // namespace converza::twilio::sandbox
