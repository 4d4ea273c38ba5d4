// Onboarding and numbers through a real `converza serve` and the Twilio sandbox: creating an
// organisation (tenant, owner, default script, app_metadata in one transaction), searching,
// buying (webhooks set, idempotent, rolled back at Twilio when storing fails, Twilio's refusals
// passed on, within the plan's quota and the countries the tenant may dial), listing and
// releasing numbers, attaching a number a tenant already owns on its own Twilio account,
// `converza numbers sync` after PUBLIC_URL changes, and tenants kept apart throughout.
#include <boost/json.hpp>
#include <set>
#include <thread>

#include "common/strings.h"
#include "http/form.h"
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
  // The first `n` numbers the search offers that nobody holds yet ("" for each one missing).
  std::vector<std::string> Available(const std::string& token, std::size_t n) {
    auto r = Call("GET", "/api/v1/onboarding/numbers?area_code=415", token);
    EXPECT_EQ(r.status, 200) << r.body;
    // The seeded demo number is only in our database, not in the sandbox's inventory: skip it.
    const json::object body = Body(r);
    std::vector<std::string> found;
    for (const auto& number : body.at("numbers").as_array()) {
      std::string e164(number.at("phone_number").as_string());
      if (found.size() < n &&
          Count("select count(*) from phone_numbers where e164 = '" + e164 + "'") == 0) {
        found.push_back(e164);
      }
    }
    if (found.size() < n) ADD_FAILURE() << "fewer than " << n << " available in " << r.body;
    found.resize(n);
    return found;
  }
  std::string FirstAvailable(const std::string& token) { return Available(token, 1).front(); }
  testing::HttpReply Buy(const std::string& token, const std::string& e164) {
    return Call("POST", "/api/v1/onboarding/numbers", token, R"({"phone_number":")" + e164 + "\"}");
  }
};

TEST_F(OnboardingTest, CreatesTheOrganisationInOneStep) {
  const std::string token = Token(testing::kOutsider, "");
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
                  testing::kOutsider + "' and role = 'owner'"),
            1);
  EXPECT_EQ(Count("select jsonb_array_length(items) from scripts where tenant_id = '" + id +
                  "' and version = 1"),
            6);
  EXPECT_EQ(Sql("select raw_app_meta_data ->> 'tenant_id' from auth.users where id = $1",
                {std::string(testing::kOutsider)})
                .get(0, 0),
            id);

  // Again with the old token (no tenant_id yet): refused, nothing added.
  r = Call("POST", "/api/v1/onboarding/organization", token, R"({"name":"Bolt Hotels!"})");
  EXPECT_EQ(r.status, 409);
  // And with the refreshed token.
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/organization", Token(testing::kOutsider, id),
                 R"({"name":"X"})")
                .status,
            409);
  EXPECT_EQ(Count("select count(*) from tenants"), 3);
  // The new owner can use the API for their tenant straight away.
  EXPECT_EQ(Call("GET", "/api/v1/numbers", Token(testing::kOutsider, id)).body,
            R"({"numbers":[]})");

  // Same name from someone else: a unique slug.
  Sql("insert into auth.users (id, aud, role, email) values"
      " ('eeeeeeee-2222-4000-8000-000000000000', 'authenticated', 'authenticated', 'x@e.com')");
  r = Call("POST", "/api/v1/onboarding/organization",
           Token("eeeeeeee-2222-4000-8000-000000000000", ""), R"({"name":"bolt hotels"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r).at("tenant").at("slug").as_string(), "bolt-hotels-2");
}

// The plan chosen at sign-up (?plan=) is recorded; it is billed nothing until an admin sets the
// price, and a plan that is not on the price list is refused with nothing created.
TEST_F(OnboardingTest, RecordsThePlanChosenAtSignUpButBillsNothingYet) {
  const std::string token = Token(testing::kOutsider, "");
  for (const char* bad : {R"({"name":"Globex","plan":"enterprise"})",
                          R"({"name":"Globex","plan":7})", R"({"name":"Globex","plan":""})"}) {
    auto r = Call("POST", "/api/v1/onboarding/organization", token, bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("plan"), std::string::npos) << r.body;
  }
  EXPECT_EQ(Count("select count(*) from tenants"), 2);

  auto r =
      Call("POST", "/api/v1/onboarding/organization", token, R"({"name":"Globex","plan":"scale"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r).at("tenant").at("plan").as_string(), "scale");
  EXPECT_EQ(Count("select plan_price_cents from tenants where slug = 'globex'"), 0);
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
  // Not an ownership oracle: the answer is the one given when Twilio cannot sell a number, and
  // it says what to do next.
  r = Call("POST", "/api/v1/onboarding/numbers", TokenA(), body);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(
      r.body,
      R"x({"error":{"code":"number_unavailable","message":"That number was just taken — pick another from the list"}})x");
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
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("\"number_unavailable\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("pick another from the list"), std::string::npos) << r.body;
  EXPECT_EQ(Count("select count(*) from phone_numbers where e164 = '+15005550000'"), 0);
  EXPECT_EQ(
      Call("POST", "/api/v1/onboarding/numbers", TokenB(), R"({"phone_number":"415"})").status,
      400);
  // No organisation yet: nothing to link a number to.
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/numbers", Token(testing::kOutsider, ""),
                 R"({"phone_number":"+14155550123"})")
                .status,
            403);
}

TEST_F(OnboardingTest, SearchOffersOnlyNumbersThatCanBeBoughtWithTheirPrice) {
  auto r = Call("GET", "/api/v1/onboarding/numbers?area_code=415", TokenB());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto first = Body(r).at("numbers").as_array();
  ASSERT_GE(first.size(), 2u) << r.body;
  for (const auto& n : first) {
    const std::string e164(n.at("phone_number").as_string());
    EXPECT_EQ(Count("select count(*) from phone_numbers where e164 = '" + e164 + "'"), 0) << e164;
    EXPECT_EQ(n.at("monthly_price_cents").as_int64(), 115);  // Twilio's US local number price
  }
  // Once A holds the first, B is no longer offered it; A is not either (it is already A's).
  const std::string bought(first.at(0).at("phone_number").as_string());
  ASSERT_EQ(Buy(TokenA(), bought).status, 201);
  EXPECT_EQ(
      Sql("select monthly_price_cents from phone_numbers where e164 = $1", {bought}).get(0, 0),
      "115");
  for (const std::string& token : {TokenB(), TokenA()}) {
    r = Call("GET", "/api/v1/onboarding/numbers?area_code=415", token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find(bought), std::string::npos) << r.body;
  }
  // A released number of A's is A's to buy back, and nobody else's.
  const std::string id(Sql("select id from phone_numbers where e164 = $1", {bought}).get(0, 0));
  ASSERT_EQ(Call("DELETE", "/api/v1/numbers/" + id, TokenA()).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/numbers?area_code=415", TokenB()).body.find(bought),
            std::string::npos);
}

TEST_F(OnboardingTest, TheChecklistFollowsTheDatabase) {
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/checklist", "").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/checklist?x=1", TokenB()).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/onboarding/checklist", Token(testing::kOutsider, "")).status, 403);
  // Tenant B of the fixture: no number, no agents, the default script, no calls.
  auto r = Call("GET", "/api/v1/onboarding/checklist", TokenB());
  ASSERT_EQ(r.status, 200) << r.body;
  auto c = Body(r);
  EXPECT_EQ(c.at("next").as_string(), "number") << r.body;
  EXPECT_FALSE(c.at("complete").as_bool());
  EXPECT_TRUE(c.at("number").is_null());
  const std::string number = FirstAvailable(TokenB());
  ASSERT_EQ(Buy(TokenB(), number).status, 201);
  c = Body(Call("GET", "/api/v1/onboarding/checklist", TokenB()));
  EXPECT_TRUE(c.at("steps").at(0).at("done").as_bool());
  EXPECT_EQ(c.at("number").as_string(), number);
  EXPECT_NE(c.at("next").as_string(), "number");
  // Tenant A (the seeded demo tenant: a number and agents, no calls yet) is complete once one
  // of its calls has been analysed; B's answer never counts A's rows.
  auto a = Body(Call("GET", "/api/v1/onboarding/checklist", TokenA()));
  EXPECT_FALSE(a.at("steps").at(3).at("done").as_bool());
  EXPECT_FALSE(a.at("complete").as_bool());
  Sql("insert into calls (tenant_id, id, call_sid, started_at) values"
      " ($1::uuid, 'de30de30-ca11-4000-8000-000000000001', 'CAchecklist', now())",
      {testing::kDemoTenant});
  Sql("insert into insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,"
      " upsell_cents, ai_score, script_met, script_total) values"
      " ($1::uuid, 'de30de30-ca11-4000-8000-000000000001', 0.5, 'positive', true, 0, 90, 6, 6)",
      {testing::kDemoTenant});
  a = Body(Call("GET", "/api/v1/onboarding/checklist", TokenA()));
  EXPECT_TRUE(a.at("steps").at(3).at("done").as_bool());
  EXPECT_TRUE(a.at("complete").as_bool());  // a call analysed: the dashboard's list is gone
  EXPECT_EQ(a.at("calls").as_int64(), 1);
  EXPECT_EQ(Body(Call("GET", "/api/v1/onboarding/checklist", TokenB())).at("calls").as_int64(), 0);
}

TEST_F(OnboardingTest, TheTestCallGoesThroughTheSandboxAndOurWebhooks) {
  auto r = Call("POST", "/api/v1/onboarding/test-call", TokenB());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("no_number"), std::string::npos) << r.body;
  const std::string number = FirstAvailable(TokenB());
  ASSERT_EQ(Buy(TokenB(), number).status, 201);
  r = Call("POST", "/api/v1/onboarding/test-call", TokenB());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("no_agents"), std::string::npos) << r.body;
  EXPECT_EQ(Count("select count(*) from calls where tenant_id = '" +
                  std::string(testing::kTenantB) + "'"),
            0);
  ASSERT_EQ(
      Call("POST", "/api/v1/agents", TokenB(), R"({"name":"Test Agent","phone":"+14155550177"})")
          .status,
      201);
  EXPECT_EQ(Call("POST", "/api/v1/onboarding/test-call?x=1", TokenB()).status, 400);
  r = Call("POST", "/api/v1/onboarding/test-call", TokenB());
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_TRUE(Body(r).at("simulated").as_bool());
  EXPECT_EQ(Body(r).at("number").as_string(), number);
  // The call arrives through the voice webhook, to B's number and nobody else's.
  long long calls = 0;
  for (int i = 0; i < 200 && calls == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    calls = Count("select count(*) from calls where tenant_id = '" +
                  std::string(testing::kTenantB) + "' and to_number = '" + number + "'");
  }
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Body(Call("GET", "/api/v1/onboarding/checklist", TokenB())).at("calls").as_int64(), 1);
}

TEST_F(OnboardingTest, WebhookStatusSaysWhetherTwilioCallsUs) {
  const std::string number = FirstAvailable(TokenB());
  auto r = Buy(TokenB(), number);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id(Body(r).at("number").at("id").as_string());
  r = Call("GET", "/api/v1/numbers/" + id + "/webhooks", TokenB());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Body(r).at("voice").as_bool()) << r.body;
  EXPECT_TRUE(Body(r).at("status_callback").as_bool()) << r.body;
  // Another tenant, a bad id: not found; nothing to ask Twilio.
  EXPECT_EQ(Call("GET", "/api/v1/numbers/" + id + "/webhooks", TokenA()).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/numbers/nope/webhooks", TokenB()).status, 404);
  // The list says who it rings (nobody in particular: every agent) and its price.
  auto list = Body(Call("GET", "/api/v1/numbers", TokenB())).at("numbers").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(list.at(0).at("agent").is_null());
  EXPECT_EQ(list.at(0).at("monthly_price_cents").as_int64(), 115);
  // Released: no calls reach it.
  ASSERT_EQ(Call("DELETE", "/api/v1/numbers/" + id, TokenB()).status, 204);
  auto released = Call("GET", "/api/v1/numbers/" + id + "/webhooks", TokenB());
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_TRUE(Body(released).at("released").as_bool());
  EXPECT_FALSE(Body(released).at("voice").as_bool());
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

// Sign-up needs no payment, and numbers are bought on the platform's account: an organisation
// that pays nothing holds one number (NUMBER_QUOTAS, unpaid=1). Beyond it a purchase is a 403
// that says what to do, and Twilio is not asked.
TEST_F(OnboardingTest, ASelfRegisteredOrganisationHoldsOneNumber) {
  auto org = Call("POST", "/api/v1/onboarding/organization", Token(testing::kOutsider, ""),
                  R"({"name":"Fresh Start"})");
  ASSERT_EQ(org.status, 201) << org.body;
  const std::string tenant(Body(org).at("tenant").at("id").as_string());
  const std::string token = Token(testing::kOutsider, tenant);
  const auto numbers = Available(token, 2);

  auto first = Buy(token, numbers[0]);
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = Buy(token, numbers[1]);
  EXPECT_EQ(second.status, 403) << second.body;
  EXPECT_EQ(Body(second).at("error").at("code"), "quota_exceeded") << second.body;
  EXPECT_NE(second.body.find("includes 1 phone number and your organisation has 1"),
            std::string::npos)
      << second.body;
  EXPECT_NE(second.body.find("release one"), std::string::npos) << second.body;
  EXPECT_TRUE(SandboxNumber(numbers[1]).is_null());  // never bought
  EXPECT_EQ(Count("select count(*) from phone_numbers where tenant_id = '" + tenant + "'"), 1);
  // The one it has, again: still the idempotent 200.
  EXPECT_EQ(Buy(token, numbers[0]).status, 200);

  // Released, the quota has room again.
  const std::string id(Body(first).at("number").at("id").as_string());
  EXPECT_EQ(Call("DELETE", "/api/v1/numbers/" + id, token).status, 204);
  EXPECT_EQ(Buy(token, numbers[1]).status, 201);
  EXPECT_EQ(Count("select count(*) from phone_numbers where tenant_id = '" + tenant +
                  "' and status = 'active'"),
            1);
}

// Two purchases at once cannot both pass the quota: the tenant's purchases are serialised.
TEST_F(OnboardingTest, ConcurrentPurchasesStayWithinTheQuota) {
  const auto numbers = Available(TokenB(), 2);  // B pays nothing: one number
  testing::HttpReply replies[2];
  std::thread other([&] { replies[1] = Buy(TokenB(), numbers[1]); });
  replies[0] = Buy(TokenB(), numbers[0]);
  other.join();
  std::multiset<int> statuses = {replies[0].status, replies[1].status};
  EXPECT_EQ(statuses, (std::multiset<int>{201, 403})) << replies[0].body << replies[1].body;
  EXPECT_EQ(Count("select count(*) from phone_numbers where tenant_id = '" +
                  std::string(testing::kTenantB) + "'"),
            1);
  EXPECT_NE(SandboxNumber(numbers[0]).is_null(), SandboxNumber(numbers[1]).is_null());
}

// A number is bought only in a country the tenant may dial (by default its own, the US for a
// tenant without numbers): not abroad, not a NANP territory with its own rates.
TEST_F(OnboardingTest, NumbersAreBoughtOnlyWhereTheTenantMayDial) {
  for (const auto& [number, where] :
       {std::pair{"+442079460000", "rings in GB"}, std::pair{"+18765550100", "rings in JM"}}) {
    auto r = Buy(TokenB(), number);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Body(r).at("error").at("code"), "invalid_parameter") << r.body;
    EXPECT_NE(r.body.find("phone_number"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(where), std::string::npos) << r.body;
    EXPECT_TRUE(SandboxNumber(number).is_null());
    EXPECT_EQ(
        Count(std::string("select count(*) from phone_numbers where e164 = '") + number + "'"), 0);
  }
}

// NUMBER_QUOTAS sets each plan's quota over the defaults; unpaid=0 means no number before paying.
class NumberQuotasTest : public OnboardingTest {
 protected:
  testing::Stack::EnvMap ServerEnv() override { return {{"NUMBER_QUOTAS", "growth=6,unpaid=0"}}; }
};

TEST_F(NumberQuotasTest, EachPlanHoldsWhatItsQuotaSays) {
  // The demo tenant is on growth, paid, with 4 numbers.
  ASSERT_EQ(Count("select count(*) from phone_numbers where tenant_id = '" +
                  std::string(testing::kDemoTenant) + "' and status = 'active'"),
            4);
  const auto numbers = Available(TokenA(), 3);
  EXPECT_EQ(Buy(TokenA(), numbers[0]).status, 201);
  EXPECT_EQ(Buy(TokenA(), numbers[1]).status, 201);
  auto third = Buy(TokenA(), numbers[2]);
  EXPECT_EQ(third.status, 403) << third.body;
  EXPECT_NE(third.body.find("your plan (growth) includes 6 phone numbers"), std::string::npos)
      << third.body;
  // B pays nothing: not even one.
  auto unpaid = Buy(TokenB(), numbers[2]);
  EXPECT_EQ(unpaid.status, 403) << unpaid.body;
  EXPECT_NE(unpaid.body.find("(starter, not yet paid) includes 0 phone numbers"), std::string::npos)
      << unpaid.body;
  EXPECT_TRUE(SandboxNumber(numbers[2]).is_null());
}

// The sandbox buys the number and then answers 504, as when Twilio's answer is lost: the manager
// gets the number, bought once, with our webhooks — never an orphan on our Twilio bill.
class LostPurchaseAnswerTest : public OnboardingTest {
 protected:
  testing::Stack::EnvMap SandboxEnv() override {
    return {{"SANDBOX_LOST_PURCHASE_RESPONSES", "1"}};
  }
};

TEST_F(LostPurchaseAnswerTest, ABoughtNumberWhoseAnswerWasLostIsStillTheTenants) {
  const std::string number = FirstAvailable(TokenB());
  auto r = Buy(TokenB(), number);
  ASSERT_EQ(r.status, 201) << r.body;
  auto at_twilio = SandboxNumber(number);
  ASSERT_TRUE(at_twilio.is_object());
  EXPECT_EQ(Sql("select twilio_sid from phone_numbers where e164 = $1", {number}).get(0, 0),
            at_twilio.at("sid").as_string());
  EXPECT_EQ(at_twilio.at("voice_url").as_string(),
            stack_->Env().at("PUBLIC_URL") + "/webhooks/twilio/voice");
  // Exactly one number at the sandbox for this tenant's purchase: nothing bought twice.
  auto all = json::parse(Sandbox("/IncomingPhoneNumbers.json").body);
  int matching = 0;
  for (const auto& n : all.at("incoming_phone_numbers").as_array()) {
    matching += n.at("phone_number").as_string() == number ? 1 : 0;
  }
  EXPECT_EQ(matching, 1);
}

// A tenant's own Twilio account — a subaccount of the sandbox's main account, made through
// Twilio's API and registered in twilio_accounts — holding a number Converza did not buy, whose
// calls go to the tenant's old phone system.
class AttachNumberTest : public OnboardingTest {
 protected:
  struct OwnAccount {
    std::string sid, token, number;
  };

  // `path` on the Twilio account `sid` with its own token (or the main account's when empty).
  http::ClientResponse AsAccount(const OwnAccount& a, const std::string& method,
                                 const std::string& path, const std::string& form = "") {
    http::ClientRequest req;
    req.method = method;
    req.url = sandbox_url_ + "/2010-04-01/Accounts/" + a.sid + path;
    req.headers = {{"Authorization", http::BasicAuth(a.sid, a.token)}};
    if (!form.empty()) {
      req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
      req.body = form;
    }
    auto r = http::Fetch(req);
    return r.ok() ? *r : http::ClientResponse{};
  }

  OwnAccount MakeOwnAccount(const std::string& tenant, bool with_number = true) {
    http::ClientRequest req;
    req.method = "POST";
    req.url = sandbox_url_ + "/2010-04-01/Accounts.json";
    req.headers = {
        {"Authorization", http::BasicAuth(sandbox_creds_.account_sid, sandbox_creds_.auth_token)},
        {"Content-Type", "application/x-www-form-urlencoded"}};
    req.body = "FriendlyName=Own+account";
    auto r = http::Fetch(req);
    EXPECT_TRUE(r.ok() && r->status == 201) << (r.ok() ? r->body : r.status().message());
    if (!r.ok() || r->status != 201) return {};
    auto v = json::parse(r->body);
    OwnAccount a{std::string(v.at("sid").as_string()), std::string(v.at("auth_token").as_string()),
                 ""};
    EXPECT_EQ(v.at("owner_account_sid").as_string(), sandbox_creds_.account_sid);
    Sql("insert into twilio_accounts (account_sid, tenant_id, auth_token) values ($1, $2, $3)",
        {a.sid, tenant, a.token});
    if (with_number) {
      const std::string wanted = FirstAvailable(TokenB());
      auto bought =
          AsAccount(a, "POST", "/IncomingPhoneNumbers.json",
                    http::FormEncode({{"PhoneNumber", wanted},
                                      {"VoiceUrl", "https://old-pbx.example.com/voice"}}));
      EXPECT_EQ(bought.status, 201) << bought.body;
      a.number = std::string(json::parse(bought.body).at("phone_number").as_string());
    }
    return a;
  }

  // The number as the account holding it sees it at Twilio (null when it has none).
  json::value AtTwilio(const OwnAccount& a, const std::string& e164) {
    auto r = AsAccount(a, "GET", "/IncomingPhoneNumbers.json?PhoneNumber=%2B" + e164.substr(1));
    if (r.status != 200) return nullptr;
    const json::value v = json::parse(r.body);
    const auto& list = v.at("incoming_phone_numbers").as_array();
    return list.empty() ? json::value(nullptr) : list.front();
  }

  testing::HttpReply Attach(const std::string& token, const std::string& e164) {
    return Call("POST", "/api/v1/numbers", token, R"({"phone_number":")" + e164 + "\"}");
  }
};

TEST_F(AttachNumberTest, ANumberTheTenantOwnsIsAttachedWithOurWebhooksAndNeverReleased) {
  const OwnAccount own = MakeOwnAccount(testing::kTenantB);
  ASSERT_FALSE(own.number.empty());
  auto r = Attach(TokenB(), own.number);
  ASSERT_EQ(r.status, 201) << r.body;
  auto n = Body(r).at("number").as_object();
  EXPECT_EQ(n.at("phone_number").as_string(), own.number);
  EXPECT_TRUE(n.at("attached").as_bool());
  const std::string id(n.at("id").as_string());
  // Its calls now come to us; it stays on the tenant's account, and we bill nothing for it.
  auto at_twilio = AtTwilio(own, own.number);
  ASSERT_TRUE(at_twilio.is_object());
  const std::string public_url = stack_->Env().at("PUBLIC_URL");
  EXPECT_EQ(at_twilio.at("voice_url").as_string(), public_url + "/webhooks/twilio/voice");
  EXPECT_EQ(at_twilio.at("status_callback").as_string(),
            public_url + "/webhooks/twilio/call-status");
  EXPECT_EQ(at_twilio.at("account_sid").as_string(), own.sid);
  EXPECT_EQ(Count("select count(*) from phone_numbers where id = '" + id + "' and account_sid = '" +
                  own.sid + "' and monthly_price_cents = 0"),
            1);
  EXPECT_TRUE(SandboxNumber(own.number).is_null()) << "not on the platform's account";
  // Again: the same number (200), nothing changed.
  r = Attach(TokenB(), own.number);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("number").at("id").as_string(), id);
  // Unlinking leaves the number on the tenant's account: we did not buy it, so never release it.
  EXPECT_EQ(Call("DELETE", "/api/v1/numbers/" + id, TokenB()).status, 204);
  EXPECT_EQ(Sql("select status from phone_numbers where id = $1", {id}).get(0, 0), "released");
  EXPECT_TRUE(AtTwilio(own, own.number).is_object());
  // And it can be attached again.
  EXPECT_EQ(Attach(TokenB(), own.number).status, 201);
}

TEST_F(AttachNumberTest, OnlyTheTenantsOwnAccountIsLookedAt) {
  const OwnAccount b = MakeOwnAccount(testing::kTenantB);
  // A has no account of its own yet: nothing to attach from, and the answer says what to do.
  auto r = Attach(TokenA(), b.number);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("no_twilio_account"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("/api/v1/onboarding/numbers"), std::string::npos) << r.body;
  // With one: B's number is not on it, nor is a number on the platform's account.
  const OwnAccount a = MakeOwnAccount(testing::kDemoTenant, /*with_number=*/false);
  r = Attach(TokenA(), b.number);
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.body.find(b.sid), std::string::npos) << "B's account is never named to A";
  const std::string platform_number = FirstAvailable(TokenB());
  ASSERT_EQ(Buy(TokenB(), platform_number).status, 201);
  EXPECT_EQ(Attach(TokenA(), platform_number).status, 404);
  // Nothing moved: B's number still rings B's old system, and A holds neither.
  EXPECT_EQ(AtTwilio(b, b.number).at("voice_url").as_string(), "https://old-pbx.example.com/voice");
  EXPECT_EQ(Count("select count(*) from phone_numbers where e164 in ('" + b.number + "', '" +
                  platform_number + "') and tenant_id = '" + testing::kDemoTenant + "'"),
            0);
  // Bad input is a clear 400.
  EXPECT_EQ(Attach(TokenB(), "4155550100").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/numbers", "", "{}").status, 401);
  (void)a;
}

// PUBLIC_URL changed: `converza numbers sync` re-points every active number — bought on the
// platform's account or attached from a tenant's own — reports what it could not reach, and a
// second run changes nothing. --check only reports.
TEST_F(AttachNumberTest, NumbersSyncFollowsPublicUrl) {
  Sql("update tenants set plan = 'growth', plan_price_cents = 29900 where id = $1",
      {std::string(testing::kTenantB)});  // room for two numbers
  const OwnAccount own = MakeOwnAccount(testing::kTenantB);
  ASSERT_EQ(Attach(TokenB(), own.number).status, 201);
  const std::string bought = FirstAvailable(TokenB());
  ASSERT_EQ(Buy(TokenB(), bought).status, 201);
  const std::string moved = "https://calls.new-domain.example";
  auto sync = [&](const std::string& args) {
    auto p = std::make_unique<testing::ConverzaProcess>("numbers sync" + args,
                                                        stack_->Env({{"PUBLIC_URL", moved}}));
    const int rc = p->Wait(60000);
    return std::make_pair(rc, p->log());
  };
  // The seeded demo numbers exist only in our database, not at the sandbox: named, exit 1.
  auto [rc, out] = sync(" --check");
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("+14155550100  not found"), std::string::npos) << out;
  EXPECT_NE(out.find("2 to re-point"), std::string::npos) << out;
  EXPECT_NE(AtTwilio(own, own.number).at("voice_url").as_string(), moved + "/webhooks/twilio/voice")
      << "--check changed a number";
  Sql("update phone_numbers set status = 'released' where tenant_id = $1",
      {std::string(testing::kDemoTenant)});

  std::tie(rc, out) = sync("");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("2 active, 0 already at " + moved + ", 2 re-pointed, 0 failed"),
            std::string::npos)
      << out;
  for (const json::value& n : {AtTwilio(own, own.number), SandboxNumber(bought)}) {
    ASSERT_TRUE(n.is_object());
    EXPECT_EQ(n.at("voice_url").as_string(), moved + "/webhooks/twilio/voice");
    EXPECT_EQ(n.at("status_callback").as_string(), moved + "/webhooks/twilio/call-status");
  }
  std::tie(rc, out) = sync("");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("2 already at " + moved + ", 0 re-pointed"), std::string::npos) << out;
}

}  // namespace
}  // namespace converza::api
