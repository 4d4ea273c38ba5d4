#include "analysis/openai_prompt.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace converza::analysis {
namespace {

std::string Completion(const std::string& content_json, const char* finish = "stop") {
  boost::json::object msg{{"role", "assistant"}, {"content", content_json}, {"refusal", nullptr}};
  boost::json::object body{
      {"id", "chatcmpl-1"},
      {"model", "gpt-4o-2024-08-06"},
      {"choices", boost::json::array{{{"index", 0}, {"message", msg}, {"finish_reason", finish}}}},
      {"usage", {{"prompt_tokens", 812}, {"completion_tokens", 164}, {"total_tokens", 976}}}};
  return boost::json::serialize(body);
}

constexpr const char* kInsight =
    R"({"sentiment":{"score":-0.4,"label":"negative"},"converted":false,
  "converted_evidence":"","converted_at_ms":null,"upsell_cents":0,"currency":"USD",
  "upsell_items":[],"script":{"greeting":{"met":true,"evidence":"Hi"},
  "verify_identity":{"met":false,"evidence":""},"needs_discovery":{"met":false,"evidence":""},
  "offer":{"met":false,"evidence":""},"recap":{"met":false,"evidence":""},
  "closing":{"met":true,"evidence":"Bye"}},"ai_score":35,"summary":"Complaint.",
  "coaching":[{"note":"Apologise first","at_ms":0}]})";

TEST(OpenAiPromptTest, RequestHasStrictSchemaAndRedactedTranscript) {
  std::vector<Turn> turns = {
      {Speaker::kAgent, 0, 3000, "Um, hi, thanks for calling Acme.", {}},
      {Speaker::kCustomer, 65000, 70000, "My card is [card number].", {}},
  };
  auto v = boost::json::parse(BuildChatCompletionRequest(turns, DefaultScript(), {}).body);
  EXPECT_EQ(v.at("model"), "gpt-4o");
  EXPECT_EQ(v.at("max_completion_tokens"), 1500);
  EXPECT_EQ(std::string(v.at("prompt_cache_key").as_string()).rfind("converza-", 0), 0u);
  auto& rf = v.at("response_format").as_object();
  EXPECT_EQ(rf.at("type"), "json_schema");
  EXPECT_EQ(rf.at("json_schema").at("strict"), true);
  EXPECT_EQ(rf.at("json_schema").at("name"), "call_insight");
  auto& msgs = v.at("messages").as_array();
  ASSERT_EQ(msgs.size(), 2u);
  std::string system(msgs[0].at("content").as_string());
  EXPECT_NE(system.find("Free service visits"), std::string::npos);
  EXPECT_NE(system.find("verify_identity"), std::string::npos);
  std::string user(msgs[1].at("content").as_string());
  EXPECT_NE(user.find("00:00 [0] Agent: Hi, thanks for calling Acme."), std::string::npos);
  EXPECT_NE(user.find("01:05 [65000] Customer: My card is [card number]."), std::string::npos);
  EXPECT_NE(user.find("Amounts spoken: none."), std::string::npos) << user;
}

// The amounts said in the call are listed for the model with when, who and what kind, so its
// upsell can be checked against them.
TEST(OpenAiPromptTest, AmountsSpokenAreListedAsHints) {
  std::vector<Turn> turns = {
      {Speaker::kAgent, 0, 3000, "The plan is $40 a month, or $15 more for premium.", {}},
      {Speaker::kCustomer, 5000, 7000, "Ok, premium then. Any discount? Take $5 off?", {}},
  };
  auto v = boost::json::parse(BuildChatCompletionRequest(turns, DefaultScript(), {}).body);
  std::string user(v.at("messages").as_array()[1].at("content").as_string());
  EXPECT_NE(user.find("Amounts spoken: 00:00 agent $40 recurring; 00:00 agent $15 more; 00:05 "
                      "customer $5 discount."),
            std::string::npos)
      << user;
}

TEST(OpenAiPromptTest, ParsesAValidCompletion) {
  auto r = ParseChatCompletion(Completion(kInsight), DefaultScript());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->insight.coaching.size() == 1 && r->insight.review.empty());
  EXPECT_EQ(r->prompt_tokens, 812);
  EXPECT_EQ(r->completion_tokens, 164);
  EXPECT_EQ(r->insight.sentiment.label, "negative");
  EXPECT_EQ(r->insight.converted_at_ms, -1);
  EXPECT_EQ(r->insight.prompt_version, kPromptVersion);
  EXPECT_EQ(r->insight.analyzer, "openai:gpt-4o-2024-08-06");
}

TEST(OpenAiPromptTest, RefusalTruncationAndInvalidJson) {
  std::string refusal = R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,
    "refusal":"I'm very sorry, but I can't assist with that."},"finish_reason":"stop"}],
    "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}})";
  CompletionResult usage;
  auto r = ParseChatCompletion(refusal, DefaultScript(), 0, &usage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kPermissionDenied);
  EXPECT_NE(r.status().message().find("can't assist"), std::string::npos);
  EXPECT_EQ(usage.refusal, "I'm very sorry, but I can't assist with that.");
  EXPECT_EQ(usage.prompt_tokens, 10);

  r = ParseChatCompletion(Completion("{\"sentiment\":", "content_filter"), DefaultScript(), 0,
                          &usage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(usage.finish_reason, "content_filter");

  // Cut at the token limit: its own code, so the caller can ask again with a larger limit.
  r = ParseChatCompletion(Completion("{\"sentiment\":", "length"), DefaultScript());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kOutOfRange);
  EXPECT_NE(r.status().message().find("length"), std::string::npos);

  r = ParseChatCompletion(Completion("{\"oops\": true}"), DefaultScript(), 0, &usage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(usage.content, "{\"oops\": true}");
  auto repair = BuildRepairRequest({}, DefaultScript(), {}, usage.content, r.status().message());
  EXPECT_EQ(boost::json::parse(repair.body).at("messages").as_array().size(), 4u);

  EXPECT_FALSE(ParseChatCompletion("<html>502</html>", DefaultScript()).ok());
}

TEST(OpenAiPromptTest, CachedTokensAreReadFromPromptTokensDetails) {
  boost::json::object body = boost::json::parse(Completion(kInsight)).as_object();
  body["usage"].as_object()["prompt_tokens_details"] = {{"cached_tokens", 768}};
  CompletionResult usage;
  auto r = ParseChatCompletion(boost::json::serialize(body), DefaultScript(), 0, &usage);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->cached_tokens, 768);
  EXPECT_EQ(usage.cached_tokens, 768);
}

// The static instructions come first and are the same for every script, so the provider's
// prompt cache can serve them to every tenant; the tenant's checklist follows.
TEST(OpenAiPromptTest, TheSystemPromptStartsWithAPrefixSharedByEveryTenant) {
  std::vector<ScriptItem> other = {{"warranty", "Warranty", "offers the extended warranty"}};
  auto a = boost::json::parse(BuildChatCompletionRequest({}, DefaultScript(), {}).body);
  auto b = boost::json::parse(BuildChatCompletionRequest({}, other, {}).body);
  std::string sa(a.at("messages").at(0).at("content").as_string());
  std::string sb(b.at("messages").at(0).at("content").as_string());
  std::size_t common = 0;
  while (common < sa.size() && common < sb.size() && sa[common] == sb[common]) ++common;
  EXPECT_GT(common, 3000u);
  EXPECT_EQ(sa.find("verify_identity"), sa.find("- verify_identity (") + 2);  // only in the list
  EXPECT_GT(sa.find("- verify_identity ("), common);
  EXPECT_NE(a.at("prompt_cache_key"), b.at("prompt_cache_key"));
}

std::vector<Turn> LongCall(int minutes) {
  std::vector<Turn> turns;
  for (int ms = 0; ms < minutes * 60000; ms += 3000) {
    turns.push_back({ms % 6000 == 0 ? Speaker::kAgent : Speaker::kCustomer,
                     ms,
                     ms + 2800,
                     "Line at " + std::to_string(ms) + " about the warranty and the delivery date.",
                     {}});
  }
  return turns;
}

TEST(OpenAiPromptTest, ALongCallLosesItsMiddleToFitThePromptBudget) {
  auto turns = LongCall(120);  // a two-hour call: 2,400 turns
  ChatRequestOptions options;
  auto full = BuildChatCompletionRequest(turns, DefaultScript(), options);
  EXPECT_FALSE(full.trimmed);
  ASSERT_GT(full.estimated_prompt_tokens, 40000);
  options.max_prompt_tokens = 12000;
  auto fit = BuildChatCompletionRequest(turns, DefaultScript(), options);
  EXPECT_TRUE(fit.trimmed);
  EXPECT_LE(fit.estimated_prompt_tokens, 12000);
  EXPECT_GT(fit.estimated_prompt_tokens, 10000);  // the budget is used, not wasted
  // The estimate is an upper bound of the body's size in tokens (3 bytes a token).
  EXPECT_LE(static_cast<long>(fit.body.size()) / 3, fit.estimated_prompt_tokens + 300);
  std::string user(boost::json::parse(fit.body).at("messages").at(1).at("content").as_string());
  // The opening and the ending are kept; a marker says what is missing.
  EXPECT_NE(user.find("00:00 [0] Agent: Line at 0 "), std::string::npos);
  EXPECT_NE(user.find("[7197000] Customer: Line at 7197000 "), std::string::npos);
  EXPECT_NE(user.find("of the call left out to fit the model's context window"), std::string::npos);
  EXPECT_EQ(user.find("[3600000]"), std::string::npos);
  // A repair request fits the same budget although it carries the rejected answer.
  auto repair = BuildRepairRequest(turns, DefaultScript(), options, std::string(4000, 'x'), "bad");
  EXPECT_LE(repair.estimated_prompt_tokens, 12000);
}

}  // namespace
}  // namespace converza::analysis
