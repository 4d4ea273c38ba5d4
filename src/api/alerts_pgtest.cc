// Alert rules and the delivery log through the real server: managers create, change, disable
// and delete rules and read each rule's webhook URL and signing secret; bad bodies (a non-http
// URL, a missing threshold, another tenant's tracker...) are refused and change nothing; viewers
// read rules without URLs or secrets and cannot write; another tenant's rule is a 404; the log
// lists deliveries newest first with their status, attempts and last error.
#include <boost/json.hpp>
#include <regex>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

constexpr char kRuleB[] = "bbbbbbbb-a1e7-4000-8000-000000000001";

class AlertsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    Sql("insert into public.alert_rules (tenant_id, id, name, kind, threshold, emails)"
        " values ($1, $2, 'B''s rule', 'upsell_above', 10, '{b@bolt.test}')",
        {kTenantB, kRuleB});
  }
  long long Rules() { return Sql("select count(*) from public.alert_rules").get_int(0, 0); }
  std::string Viewer() {
    Sql("insert into public.members (tenant_id, user_id, role) values ($1::uuid, $2::uuid,"
        " 'viewer')",
        {kTenantA, kOutsider});
    return Token(kOutsider, kTenantA);
  }
  std::string Create(const std::string& body) {
    auto r = Call("POST", "/api/v1/alerts/rules", TokenA(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("id").as_string());
  }
};

TEST_F(AlertsTest, ManagersCreateChangeDisableAndDeleteRules) {
  auto made = Call("POST", "/api/v1/alerts/rules", TokenA(),
                   R"({"name":" Long and negative ","kind":"negative_long_call","threshold":120,)"
                   R"("webhook_url":"https://hooks.example.test/services/T0/B0/abc",)"
                   R"("emails":["Lead@Acme.test","lead@acme.test"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  json::object r = json::parse(made.body).as_object();
  EXPECT_EQ(r.at("name").as_string(), "Long and negative");
  EXPECT_EQ(r.at("threshold").to_number<double>(), 120);
  EXPECT_EQ(r.at("webhook_host").as_string(), "hooks.example.test");
  EXPECT_EQ(r.at("webhook_url").as_string(), "https://hooks.example.test/services/T0/B0/abc");
  EXPECT_EQ(json::serialize(r.at("emails")), R"(["lead@acme.test"])");
  EXPECT_TRUE(r.at("enabled").as_bool());
  const std::string secret(r.at("secret").as_string());
  EXPECT_TRUE(std::regex_match(secret, std::regex("[0-9a-f]{64}"))) << secret;
  const std::string id(r.at("id").as_string());

  // A tracker rule names one of the tenant's trackers; its threshold is dropped.
  auto tracker = Call("POST", "/api/v1/alerts/rules", TokenA(),
                      std::string(R"({"name":"Leaks","kind":"tracker_hit","threshold":3,)") +
                          R"("tracker_id":")" + kTrackerA + R"(","emails":["a@acme.test"]})");
  ASSERT_EQ(tracker.status, 201) << tracker.body;
  EXPECT_EQ(json::parse(tracker.body).at("tracker_name").as_string(), "Leak");
  EXPECT_TRUE(json::parse(tracker.body).at("threshold").is_null());

  auto list = GetAs("/api/v1/alerts/rules", TokenA());
  ASSERT_EQ(list.status, 200) << list.body;
  auto rules = json::parse(list.body).at("rules").as_array();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].at("secret").as_string(), secret);

  // PATCH changes what it names and keeps the rest (the URL and secret included).
  auto off = Call("PATCH", "/api/v1/alerts/rules/" + id, TokenA(),
                  R"({"enabled":false,"threshold":90.5})");
  ASSERT_EQ(off.status, 200) << off.body;
  json::object o = json::parse(off.body).as_object();
  EXPECT_FALSE(o.at("enabled").as_bool());
  EXPECT_EQ(o.at("threshold").to_number<double>(), 90.5);
  EXPECT_EQ(o.at("webhook_url").as_string(), "https://hooks.example.test/services/T0/B0/abc");
  EXPECT_EQ(o.at("secret").as_string(), secret);
  // Dropping the webhook leaves the e-mail; dropping both is refused.
  auto mail_only = Call("PATCH", "/api/v1/alerts/rules/" + id, TokenA(), R"({"webhook_url":null})");
  ASSERT_EQ(mail_only.status, 200) << mail_only.body;
  EXPECT_TRUE(json::parse(mail_only.body).at("webhook_host").is_null());
  EXPECT_EQ(Call("PATCH", "/api/v1/alerts/rules/" + id, TokenA(), R"({"emails":[]})").status, 400);

  EXPECT_EQ(Call("POST", "/api/v1/alerts/rules", TokenA(),
                 R"({"name":"Leaks","kind":"ai_score_below","threshold":5,"emails":["x@y.test"]})")
                .status,
            409);
  EXPECT_EQ(Call("DELETE", "/api/v1/alerts/rules/" + id, TokenA()).status, 204);
  EXPECT_EQ(Call("DELETE", "/api/v1/alerts/rules/" + id, TokenA()).status, 404);
  EXPECT_EQ(Rules(), 2);  // the tracker rule and B's
}

TEST_F(AlertsTest, BadBodiesAreRefusedAndChangeNothing) {
  const std::string id =
      Create(R"({"name":"Low","kind":"ai_score_below","threshold":40,"emails":["a@acme.test"]})");
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "JSON object"},
      {R"({"kind":"ai_score_below","threshold":5,"emails":["a@b.test"]})", "`name` is required"},
      {R"({"name":"X","threshold":5,"emails":["a@b.test"]})", "`kind` is required"},
      {R"({"name":"X","kind":"loud_call","threshold":5,"emails":["a@b.test"]})", "`kind` must"},
      {R"({"name":"X","kind":"ai_score_below","emails":["a@b.test"]})", "needs `threshold`"},
      {R"({"name":"X","kind":"ai_score_below","threshold":101,"emails":["a@b.test"]})",
       "between 0 and 100"},
      {R"({"name":"X","kind":"upsell_above","threshold":-1,"emails":["a@b.test"]})",
       "`threshold` must be between"},
      {R"({"name":"X","kind":"upsell_above","threshold":"5","emails":["a@b.test"]})",
       "`threshold` must be a number"},
      {R"({"name":"X","kind":"tracker_hit","emails":["a@b.test"]})", "needs `tracker_id`"},
      {std::string(R"({"name":"X","kind":"tracker_hit","tracker_id":")") + kTrackerB +
           R"(","emails":["a@b.test"]})",
       "not one of your trackers"},
      {R"({"name":"X","kind":"upsell_above","threshold":5})", "`webhook_url` or at least one"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"webhook_url":"ftp://files.test/x"})",
       "http:// or https://"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"webhook_url":"file:///etc/passwd"})",
       "http:// or https://"},
      {R"x({"name":"X","kind":"upsell_above","threshold":5,"webhook_url":"javascript:alert(1)"})x",
       "http:// or https://"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"webhook_url":"https:///path"})",
       "needs a host"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"webhook_url":"https://a b.test/"})",
       "spaces"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"emails":["not-an-address"]})",
       "is not an e-mail address"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"emails":"a@b.test"})", "`emails`"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"emails":["a@b.test"],"enabled":1})",
       "`enabled`"},
      {R"({"name":"X","kind":"upsell_above","threshold":5,"emails":["a@b.test"],"secret":"s"})",
       "unknown field"},
      {R"({"name":")" + std::string(61, 'n') +
           R"(","kind":"upsell_above","threshold":5,"emails":["a@b.test"]})",
       "`name`"},
  };
  for (const auto& [body, message] : cases) {
    auto r = Call("POST", "/api/v1/alerts/rules", TokenA(), body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_NE(r.body.find(message), std::string::npos) << body << " -> " << r.body;
    EXPECT_NE(r.body.find("\"error\""), std::string::npos) << r.body;
    // A PATCH may leave out what the rule already has (a name, a kind, a threshold, a target).
    const bool complete_as_patch = message.find("is required") != std::string::npos ||
                                   message.find("needs `threshold`") != std::string::npos ||
                                   message.find("at least one") != std::string::npos;
    if (complete_as_patch) continue;
    auto p = Call("PATCH", "/api/v1/alerts/rules/" + id, TokenA(), body);
    EXPECT_EQ(p.status, 400) << body << " -> " << p.body;
  }
  EXPECT_EQ(Rules(), 2);
  auto row =
      Sql("select name, kind, threshold::text, enabled, webhook_url is null from"
          " public.alert_rules where id = $1::uuid",
          {id});
  EXPECT_EQ(row.get(0, 0), "Low");
  EXPECT_EQ(row.get(0, 1), "ai_score_below");
  EXPECT_EQ(row.get(0, 2), "40.00");
  EXPECT_TRUE(row.get_bool(0, 3));
  EXPECT_TRUE(row.get_bool(0, 4));
  EXPECT_EQ(GetAs("/api/v1/alerts/deliveries?limit=0", TokenA()).status, 400);
  EXPECT_EQ(GetAs("/api/v1/alerts/rules?x=1", TokenA()).status, 400);
}

TEST_F(AlertsTest, ViewersReadRulesWithoutSecretsAndCannotWrite) {
  const std::string id =
      Create(R"({"name":"Low","kind":"ai_score_below","threshold":40,)"
             R"("webhook_url":"https://hooks.example.test/services/T0/B0/abc"})");
  const std::string viewer = Viewer();
  auto list = GetAs("/api/v1/alerts/rules", viewer);
  ASSERT_EQ(list.status, 200) << list.body;
  auto rules = json::parse(list.body).at("rules").as_array();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].at("webhook_host").as_string(), "hooks.example.test");
  EXPECT_TRUE(rules[0].at("webhook_url").is_null());
  EXPECT_TRUE(rules[0].at("secret").is_null());
  EXPECT_EQ(list.body.find("services/T0"), std::string::npos);

  auto post = Call("POST", "/api/v1/alerts/rules", viewer,
                   R"({"name":"V","kind":"ai_score_below","threshold":5,"emails":["v@b.test"]})");
  EXPECT_EQ(post.status, 403);
  EXPECT_NE(post.body.find("read_only"), std::string::npos);
  EXPECT_EQ(Call("PATCH", "/api/v1/alerts/rules/" + id, viewer, R"({"enabled":false})").status,
            403);
  EXPECT_EQ(Call("DELETE", "/api/v1/alerts/rules/" + id, viewer).status, 403);
  EXPECT_EQ(GetAs("/api/v1/alerts/deliveries", viewer).status, 200);
  EXPECT_EQ(Rules(), 2);
  EXPECT_TRUE(
      Sql("select enabled from public.alert_rules where id = $1::uuid", {id}).get_bool(0, 0));
}

TEST_F(AlertsTest, AnotherTenantsRuleIsNotFound) {
  EXPECT_EQ(
      Call("PATCH", std::string("/api/v1/alerts/rules/") + kRuleB, TokenA(), R"({"enabled":false})")
          .status,
      404);
  EXPECT_EQ(Call("DELETE", std::string("/api/v1/alerts/rules/") + kRuleB, TokenA()).status, 404);
  EXPECT_EQ(Call("PATCH", "/api/v1/alerts/rules/not-a-uuid", TokenA(), "{}").status, 404);
  auto list = GetAs("/api/v1/alerts/rules", TokenA());
  EXPECT_EQ(list.body.find("B's rule"), std::string::npos);
  EXPECT_TRUE(
      Sql("select enabled from public.alert_rules where id = $1::uuid", {kRuleB}).get_bool(0, 0));
  EXPECT_EQ(Rules(), 1);
}

TEST_F(AlertsTest, TheDeliveryLogListsNewestFirstWithStatusAttemptsAndError) {
  const std::string id =
      Create(R"({"name":"Low","kind":"ai_score_below","threshold":40,"emails":["a@acme.test"],)"
             R"("webhook_url":"http://127.0.0.1:9/hook"})");
  Sql("insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel, target, status,"
      " attempts, last_error, created_at) values"
      " ($1, $2, $3, 'webhook', '', 'failed', 8, 'the webhook answered HTTP 500',"
      "  now() - interval '1 hour'),"
      " ($1, $2, $3, 'email', 'a@acme.test', 'sent', 1, null, now())",
      {kTenantA, id, kCallA1});
  Sql("insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel)"
      " values ($1, $2, $3, 'email')",
      {kTenantB, kRuleB, kCallB1});
  auto log = GetAs("/api/v1/alerts/deliveries", TokenA());
  ASSERT_EQ(log.status, 200) << log.body;
  auto d = json::parse(log.body).at("deliveries").as_array();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].at("status").as_string(), "sent");
  EXPECT_EQ(d[0].at("target").as_string(), "a@acme.test");
  EXPECT_EQ(d[1].at("status").as_string(), "failed");
  EXPECT_EQ(d[1].at("attempts").as_int64(), 8);
  EXPECT_EQ(d[1].at("last_error").as_string(), "the webhook answered HTTP 500");
  EXPECT_EQ(d[1].at("rule_name").as_string(), "Low");
  EXPECT_EQ(d[1].at("call_id").as_string(), kCallA1);
  EXPECT_EQ(json::parse(GetAs("/api/v1/alerts/deliveries?limit=1", TokenA()).body)
                .at("deliveries")
                .as_array()
                .size(),
            1u);
}

}  // namespace
}  // namespace converza::testing::rest
