#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "twilio/sandbox/sandbox_test_fixture.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;

TEST_F(SandboxTest, SearchesDeterministicNumbers) {
  auto r = Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=3");
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = Body(r);
  auto& nums = b.at("available_phone_numbers").as_array();
  ASSERT_EQ(nums.size(), 3u);
  EXPECT_EQ(nums[0].at("phone_number").as_string(), "+14155550100");
  EXPECT_EQ(nums[0].at("friendly_name").as_string(), "(415) 555-0100");
  EXPECT_EQ(nums[0].at("locality").as_string(), "San Francisco");
  EXPECT_TRUE(nums[0].at("capabilities").at("voice").as_bool());
  EXPECT_EQ(Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=3").body,
            r.body);

  r = Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=099");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r).at("code").as_int64(), 21452);
  r = Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=533");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Body(r).at("available_phone_numbers").as_array().empty());
}

TEST_F(SandboxTest, BuysUpdatesListsAndReleasesNumbers) {
  auto r = PostForm(Acct() + "/IncomingPhoneNumbers.json",
                    {{"PhoneNumber", "+14155550100"},
                     {"VoiceUrl", "https://x.example/webhooks/twilio/voice"},
                     {"StatusCallback", "https://x.example/s"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto n = Body(r);
  std::string sid(n.at("sid").as_string());
  EXPECT_EQ(sid.substr(0, 2), "PN");
  EXPECT_EQ(n.at("phone_number").as_string(), "+14155550100");
  EXPECT_EQ(n.at("voice_url").as_string(), "https://x.example/webhooks/twilio/voice");
  EXPECT_EQ(n.at("voice_method").as_string(), "POST");
  EXPECT_EQ(n.at("uri").as_string(), Acct() + "/IncomingPhoneNumbers/" + sid + ".json");

  // Bought numbers leave the inventory; buying twice fails like Twilio.
  auto s = Body(Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=1"));
  EXPECT_EQ(s.at("available_phone_numbers").as_array()[0].at("phone_number").as_string(),
            "+14155550101");
  r = PostForm(Acct() + "/IncomingPhoneNumbers.json", {{"PhoneNumber", "+14155550100"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r).at("code").as_int64(), 21422);
  EXPECT_EQ(
      Body(PostForm(Acct() + "/IncomingPhoneNumbers.json", {{"PhoneNumber", "123"}})).at("code"),
      21421);
  EXPECT_EQ(
      Body(PostForm(Acct() + "/IncomingPhoneNumbers.json", {{"VoiceUrl", "ftp://x"}})).at("code"),
      21421);
  r = PostForm(Acct() + "/IncomingPhoneNumbers.json", {{"AreaCode", "212"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(Body(r).at("phone_number").as_string(), "+12125550100");

  r = PostForm(Acct() + "/IncomingPhoneNumbers/" + sid + ".json",
               {{"VoiceUrl", "https://y.example/v"}, {"VoiceMethod", "get"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("voice_url").as_string(), "https://y.example/v");
  EXPECT_EQ(Body(r).at("voice_method").as_string(), "GET");
  EXPECT_EQ(Body(r).at("status_callback").as_string(), "https://x.example/s");

  r = Get(Acct() + "/IncomingPhoneNumbers.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 2u);
  r = Get(Acct() + "/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100");
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);

  r = Delete(Acct() + "/IncomingPhoneNumbers/" + sid + ".json");
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Delete(Acct() + "/IncomingPhoneNumbers/" + sid + ".json").status, 404);
  EXPECT_EQ(Get(Acct() + "/IncomingPhoneNumbers/" + sid + ".json").status, 404);
}

}  // namespace
}  // namespace converza::twilio::sandbox
