// The cross-tenant sweep: for EVERY operation in the served OpenAPI document, with two
// tenants holding data,
//   - tenant A's manager, aiming at tenant B's real ids (path parameters), gets 403 or 404;
//   - admin routes answer 403 to a manager;
//   - no token, a tampered token, an expired token and an `alg: none` token get 401;
//   - and no response body ever contains any of B's ids, names or content.
// /auth/v1/* and operations documented as public (`security: []`) skip the token checks but are
// still checked for B's data. New paths in the document are covered automatically; a path
// parameter the sweep cannot fill, or an operation the server does not route, fails the test:
// nothing in the document goes unexercised.
#include <boost/json.hpp>
#include <iostream>

#include "api/api_pgtest_fixture.h"
#include "common/base64.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

// A re-analysis run of B's (added in SetUp).
constexpr char kRunB[] = "bbbbbbbb-4e4e-4000-8000-000000000001";
// An alert rule of B's, with its secret and a delivery (added in SetUp).
constexpr char kAlertRuleB[] = "bbbbbbbb-a1e7-4000-8000-000000000001";

// Everything of B's in the fixture that must never reach A.
const char* const kBMarkers[] = {kRunB,
                                 kTenantB,
                                 kManagerB,
                                 kAgentBea,
                                 kCallB1,
                                 kNumberB,
                                 "Bolt Hotels",
                                 "bolt",
                                 "Bea Bolt",
                                 kBeaPhone,
                                 kLineB,
                                 "CAb1",
                                 "front desk",
                                 "checkout",
                                 "manager-b@example.com",
                                 kAccountB,
                                 "HTTP 500 from provider",
                                 kTrackerB,
                                 "Late checkout",
                                 kAlertRuleB,
                                 "Bolt escalations",
                                 "bolt-signing-secret"};

class CrossTenantSweep : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // The fixture's calls, moved into every default period (the last 30 days, this month).
    Sql("update public.calls set started_at = now() - interval '1 hour'");
    RefreshKpis();
    Sql("insert into public.reanalysis_runs (tenant_id, id, from_day, to_day, total)"
        " values ($1, $2, current_date - 1, current_date, 1)",
        {kTenantB, kRunB});
    Sql("insert into public.alert_rules (tenant_id, id, name, kind, threshold, webhook_url, secret)"
        " values ($1, $2, 'Bolt escalations', 'ai_score_below', 50,"
        " 'https://hooks.bolt.test/T0/B0/x', 'bolt-signing-secret')",
        {kTenantB, kAlertRuleB});
    Sql("insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel)"
        " values ($1, $2, $3, 'webhook')",
        {kTenantB, kAlertRuleB, kCallB1});
    dead_job_b_ = std::string(
        Sql("select id::text from public.jobs where tenant_id = $1 and state = 'dead'", {kTenantB})
            .get(0, 0));
  }

  // The path with B's ids in its parameters; "" when a parameter is unknown to the sweep.
  std::string FillWithB(const std::string& path) {
    std::string out;
    for (std::size_t i = 0; i < path.size();) {
      if (path[i] != '{') {
        out += path[i++];
        continue;
      }
      auto close = path.find('}', i);
      const std::string name = path.substr(i + 1, close - i - 1);
      i = close + 1;
      if (name == "tenant_id") {
        out += kTenantB;
      } else if (name == "id" && path.rfind("/api/v1/admin/dead-jobs/", 0) == 0) {
        out += dead_job_b_;
      } else if (name == "id" && path.rfind("/api/v1/agents/", 0) == 0) {
        out += kAgentBea;
      } else if (name == "id" && path.rfind("/api/v1/calls/", 0) == 0) {
        out += kCallB1;
      } else if (name == "id" && path.rfind("/api/v1/invitations/", 0) == 0) {
        out += "bbbbbbbb-1a17-4000-8000-000000000001";  // none of A's: 404
      } else if (name == "comment_id") {
        out += "bbbbbbbb-c0de-4000-8000-000000000001";  // none: B's call answers 404 first
      } else if (name == "id" && path.rfind("/api/v1/trackers/", 0) == 0) {
        out += kTrackerB;
      } else if (name == "id" && path.rfind("/api/v1/alerts/rules/", 0) == 0) {
        out += kAlertRuleB;
      } else if (name == "id" && path.rfind("/api/v1/numbers/", 0) == 0) {
        out += kNumberB;
      } else {
        return "";
      }
    }
    return out;
  }

  std::string dead_job_b_;
};

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A's token with B's tenant in the payload and A's signature.
std::string Tampered(const std::string& a, const std::string& b) {
  auto pa = a.find('.'), sa = a.rfind('.');
  auto pb = b.find('.'), sb = b.rfind('.');
  return a.substr(0, pa) + b.substr(pb, sb - pb) + a.substr(sa);
}

std::string AlgNone(const std::string& token) {
  auto p = token.find('.'), s = token.rfind('.');
  return Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + token.substr(p, s - p) + ".";
}

TEST_F(CrossTenantSweep, EveryOperationInTheOpenApiDocument) {
  auto doc_reply = GetAs("/api/openapi.json", "");
  ASSERT_EQ(doc_reply.status, 200);
  json::value doc = json::parse(doc_reply.body);
  ASSERT_EQ(std::string(doc.at("openapi").as_string()).substr(0, 2), "3.");

  const std::string token_a = TokenA();
  const std::map<std::string, std::string> bad_tokens = {
      {"tampered", Tampered(token_a, TokenB())},
      {"expired", Token(kManagerA, kTenantA, false, std::chrono::seconds(-3600))},
      {"alg none", AlgNone(token_a)},
  };
  int operations = 0, documented = 0;

  for (const auto& [path_key, item] : doc.at("paths").as_object()) {
    const std::string path(path_key);
    for (const auto& [method_key, op_value] : item.as_object()) {
      const std::string method = Upper(std::string(method_key));
      if (method != "GET" && method != "POST" && method != "PUT" && method != "PATCH" &&
          method != "DELETE") {
        continue;
      }
      ++documented;
      const json::object& op = op_value.as_object();
      const std::string what = method + " " + path;
      const std::string target = FillWithB(path);
      if (target.empty()) {
        ADD_FAILURE() << what << ": the sweep does not know which of B's ids to use";
        continue;
      }
      std::string body;
      if (const auto* rb = op.if_contains("requestBody")) {
        if (const auto* ex = rb->as_object()
                                 .at("content")
                                 .as_object()
                                 .at("application/json")
                                 .as_object()
                                 .if_contains("example")) {
          body = json::serialize(*ex);
        }
      }
      bool streaming = false;
      for (const auto& [code, resp] : op.at("responses").as_object()) {
        if (const auto* content = resp.as_object().if_contains("content")) {
          if (content->as_object().contains("text/event-stream")) streaming = true;
        }
      }
      const bool auth_route = path.rfind("/auth/v1/", 0) == 0;
      const auto* security = op.if_contains("security");
      const bool is_public = security && security->as_array().empty();
      const bool has_ids = path.find('{') != std::string::npos;
      const bool admin = path.rfind("/api/v1/admin/", 0) == 0;

      auto send = [&](const std::string& token) { return Call(method, target, token, body); };
      auto leaks = [&](const HttpReply& r, const std::string& as) {
        for (const char* marker : kBMarkers) {
          EXPECT_EQ(r.body.find(marker), std::string::npos)
              << what << " as " << as << " leaked \"" << marker << "\": " << r.body;
        }
      };

      auto as_a = send(token_a);
      const bool no_route =
          (as_a.status == 404 && as_a.body.find("\"no route") != std::string::npos) ||
          as_a.status == 405;
      if (no_route) {
        ADD_FAILURE() << what << " is in the OpenAPI document but not routed: " << as_a.body;
        continue;
      }
      ++operations;
      leaks(as_a, "tenant A");
      // 502/503 are fine (e.g. no Twilio configured here); 500 would be a bug.
      EXPECT_NE(as_a.status, 500) << what << ": " << as_a.body;
      if (auth_route || is_public) continue;

      if (admin) {
        EXPECT_EQ(as_a.status, 403) << what << " as a manager: " << as_a.body;
      } else if (has_ids && !(streaming && as_a.status == 0)) {
        EXPECT_TRUE(as_a.status == 403 || as_a.status == 404)
            << what << " with B's ids answered " << as_a.status << ": " << as_a.body;
      }
      auto anon = send("");
      EXPECT_EQ(anon.status, 401) << what << " without a token: " << anon.body;
      leaks(anon, "anonymous");
      for (const auto& [kind, token] : bad_tokens) {
        auto r = send(token);
        EXPECT_EQ(r.status, 401) << what << " with a " << kind << " token: " << r.body;
        leaks(r, kind);
      }
    }
  }
  EXPECT_EQ(operations, documented) << "every documented operation is exercised";
  EXPECT_GT(documented, 30);
  std::cout << "[ sweep    ] " << operations << " of " << documented << " operations checked"
            << std::endl;
}

// The sweep's premise: B's data is really there and B sees it with B's token.
TEST_F(CrossTenantSweep, TenantBSeesItsOwnData) {
  auto call = GetAs(std::string("/api/v1/calls/") + kCallB1, TokenB());
  EXPECT_EQ(call.status, 200);
  EXPECT_NE(call.body.find("front desk"), std::string::npos);
  auto agents = GetAs("/api/v1/agents", TokenB());
  EXPECT_NE(agents.body.find("Bea Bolt"), std::string::npos);
  // Both tenants' transcripts match; A finds only its own.
  auto search = GetAs("/api/v1/calls?q=help", TokenA());
  EXPECT_EQ(search.status, 200);
  EXPECT_NE(search.body.find(kCallA1), std::string::npos);
  EXPECT_EQ(search.body.find("front desk"), std::string::npos);
}

}  // namespace
}  // namespace converza::testing::rest
