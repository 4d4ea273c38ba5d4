// Onboarding and numbers through a real `converza serve` and the Twilio sandbox: creating an
// organisation (tenant, owner, default script, app_metadata in one transaction), searching,
// buying (webhooks set, idempotent, rolled back at Twilio when storing fails, Twilio's refusals
// passed on), listing and releasing numbers, and tenants kept apart throughout.
#include <boost/json.hpp>

#include "live_api_fixture.h"

namespace converza::api {
namespace {

namespace json = boost::json;

class OnboardingTest : public testing::LiveApiTest {
 protected:
  json::object Body(const testing::HttpReply& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    return !ec && v.is_object() ? v.as_object() : json::object{};
  }
  // The sandbox's record of `e164` (IncomingPhoneNumbers), or null when it holds none.
  json::value SandboxNumber(const std::string& e164) {
    auto r = Sandbox("/IncomingPhoneNumbers.json?PhoneNumber=%2B" + e164.substr(1));
    auto v = json::parse(r.body);
    const auto& list = v.at("incoming_phone_numbers").as_array();
    return list.empty() ? json::value(nullptr) : list.front();
  }
  std::string FirstAvailable(const std::string& token) {
    auto r = Call("GET", "/api/v1/onboarding/numbers?area_code=415", token);
    EXPECT_EQ(r.status, 200) << r.body;
    // The seeded demo number is only in our database, not in the sandbox's inventory: skip it.
    const json::object body = Body(r);
    for (const auto& n : body.at("numbers").as_array()) {
      std::string e164(n.at("phone_number").as_string());
      if (Count("select count(*) from phone_numbers where e164 = '" + e164 + "'") == 0) return e164;
    }
    ADD_FAILURE() << "no available number in " << r.body;
    return "";
  }
};

TEST_F(OnboardingTest, CreatesTheOrganisationInOneStep) {
  const std::string token = Token(testing::kNewUser, "");
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/organization", token, R"({"name":"  "})").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/organization", token, "not json").status, 400);
  EXPECT_EQ(Count("select count(*) from tenants"), 2);

  auto r = Call("POST", "/api/v1/onboarding/organization", token, R"({"name":"Bolt Hotels!"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto tenant = Body(r).at("tenant").as_object();
  const std::string id(tenant.at("id").as_string());
  EXPECT_EQ(tenant.at("name").as_string(), "Bolt Hotels!");
  EXPECT_EQ(tenant.at("slug").as_string(), "bolt-hotels");  // "bolt" is taken, this is not
  EXPECT_EQ(tenant.at("plan").as_string(), "starter");
  EXPECT_EQ(Count("select count(*) from members where tenant_id = '" + id + "' and user_id = '" +
                  testing::kNewUser + "' and role = 'owner'"),
            1);
  EXPECT_EQ(Count("select jsonb_array_length(items) from scripts where tenant_id = '" + id +
                  "' and version = 1"),
            6);
  EXPECT_EQ(Sql("select raw_app_meta_data ->> 'tenant_id' from auth.users where id = $1",
                {std::string(testing::kNewUser)})
                .get(0, 0),
            id);

  // Again with the old token (no tenant_id yet): refused, nothing added.
  r = Call("POST", "/api/v1/onboarding/organization", token, R"({"name":"Bolt Hotels!"})");
  EXPECT_EQ(r.status, 409);
  // And with the refreshed token.
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/organization", Token(testing::kNewUser, id),
                 R"({"name":"X"})")
                .status,
            409);
  EXPECT_EQ(Count("select count(*) from tenants"), 3);
  // The new owner can use the API for their tenant straight away.
  EXPECT_EQ(Call("GET", "/api/v1/numbers", Token(testing::kNewUser, id)).body, R"({"numbers":[]})");

  // Same name from someone else: a unique slug.
  Sql("insert into auth.users (id, aud, role, email) values"
      " ('eeeeeeee-2222-4000-8000-000000000000', 'authenticated', 'authenticated', 'x@e.com')");
  r = Call("POST", "/api/v1/onboarding/organization",
           Token("eeeeeeee-2222-4000-8000-000000000000", ""), R"({"name":"bolt hotels"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r).at("tenant").at("slug").as_string(), "bolt-hotels-2");
}

TEST_F(OnboardingTest, SearchesBuysIdempotentlyListsAndReleases) {
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/numbers?area_code=41", TokenB()).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/numbers", TokenB()).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/numbers?area_code=415", "").status, 401);
  const std::string number = FirstAvailable(TokenB());
  ASSERT_EQ(number.rfind("+1415", 0), 0u) << number;

  const std::string body = R"({"phone_number":")" + number + "\"}";
  auto r = Call("POST", "/api/v1/onboarding/numbers", TokenB(), body);
  ASSERT_EQ(r.status, 201) << r.body;
  auto n = Body(r).at("number").as_object();
  EXPECT_EQ(n.at("phone_number").as_string(), number);
  EXPECT_EQ(n.at("status").as_string(), "active");
  const std::string id(n.at("id").as_string());
  // Bought with our webhooks.
  auto at_twilio = SandboxNumber(number);
  ASSERT_TRUE(at_twilio.is_object());
  const std::string public_url = stack_->Env().at("PUBLIC_URL");
  EXPECT_EQ(at_twilio.at("voice_url").as_string(), public_url + "/webhooks/twilio/voice");
  EXPECT_EQ(at_twilio.at("status_callback").as_string(),
            public_url + "/webhooks/twilio/call-status");
  EXPECT_EQ(Sql("select twilio_sid from phone_numbers where id = $1", {id}).get(0, 0),
            at_twilio.at("sid").as_string());

  // The same request again: the same number, nothing bought twice.
  r = Call("POST", "/api/v1/onboarding/numbers", TokenB(), body);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("number").at("id").as_string(), id);
  EXPECT_EQ(Count("select count(*) from phone_numbers where tenant_id = '" +
                  std::string(testing::kTenantB) + "'"),
            1);

  // Listed for B, invisible to A, and A can neither buy nor release it.
  r = Call("GET", "/api/v1/numbers", TokenB());
  EXPECT_EQ(Body(r).at("numbers").as_array().size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/numbers", TokenA()).body.find(number), std::string::npos);
  // Not an ownership oracle: the answer is the one Twilio gives for a number it cannot sell.
  r = Call("POST", "/api/v1/onboarding/numbers", TokenA(), body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.body,
            R"x({"error":{"code":"twilio_rejected","message":"Twilio 21422: PhoneNumber )x" +
                number + R"x( is not available (HTTP 400)"}})x");
  EXPECT_EQ(r.body.find("organisation"), std::string::npos);
  EXPECT_EQ(Call("DELETE", "/api/v1/numbers/" + id, TokenA()).status, 404);

  // Released at Twilio and marked released; again is a no-op.
  EXPECT_EQ(Call("DELETE", "/api/v1/numbers/" + id, TokenB()).status, 204);
  EXPECT_TRUE(SandboxNumber(number).is_null());
  EXPECT_EQ(Sql("select status from phone_numbers where id = $1", {id}).get(0, 0), "released");
  EXPECT_EQ(Call("DELETE", "/api/v1/numbers/" + id, TokenB()).status, 204);
  // Buying it back reactivates the same row.
  r = Call("POST", "/api/v1/onboarding/numbers", TokenB(), body);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r).at("number").at("id").as_string(), id);
  EXPECT_TRUE(SandboxNumber(number).is_object());
}

TEST_F(OnboardingTest, TwilioRefusalsAreClearErrorsAndChangeNothing) {
  // Twilio's magic "not available" number (error 21422).
  auto r =
      Call("POST", "/api/v1/onboarding/numbers", TokenB(), R"({"phone_number":"+15005550000"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("\"twilio_rejected\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("not available"), std::string::npos) << r.body;
  EXPECT_EQ(Count("select count(*) from phone_numbers where e164 = '+15005550000'"), 0);
  EXPECT_EQ(
      Call("POST", "/api/v1/onboarding/numbers", TokenB(), R"({"phone_number":"415"})").status,
      400);
  // No organisation yet: nothing to link a number to.
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/numbers", Token(testing::kNewUser, ""),
                 R"({"phone_number":"+14155550123"})")
                .status,
            403);
}

TEST_F(OnboardingTest, AFailedInsertReleasesTheBoughtNumber) {
  const std::string number = FirstAvailable(TokenB());
  // Storing this number fails after Twilio sold it.
  stack_->sql().exec_script(
      "create function fail_insert() returns trigger language plpgsql as $$"
      " begin raise exception 'storage failed'; end $$;"
      "create trigger fail_insert before insert on phone_numbers"
      " for each row when (new.e164 = '" +
      number + "') execute function fail_insert();");
  auto r =
      Call("POST", "/api/v1/onboarding/numbers", TokenB(), R"({"phone_number":")" + number + "\"}");
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.body.find("storage failed"), std::string::npos);
  EXPECT_TRUE(SandboxNumber(number).is_null());  // released again
  EXPECT_EQ(Count("select count(*) from phone_numbers where e164 = '" + number + "'"), 0);
}

}  // namespace
}  // namespace converza::api
