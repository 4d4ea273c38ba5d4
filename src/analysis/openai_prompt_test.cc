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

const char* kInsight = R"({"sentiment":{"score":-0.4,"label":"negative"},"converted":false,
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
  auto v = boost::json::parse(BuildChatCompletionRequest(turns, DefaultScript(), "gpt-4o"));
  EXPECT_EQ(v.at("model"), "gpt-4o");
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
}

TEST(OpenAiPromptTest, ParsesAValidCompletion) {
  auto r = ParseChatCompletion(Completion(kInsight), DefaultScript());
  ASSERT_TRUE(r.ok()) << r.status().message();
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
  auto r = ParseChatCompletion(refusal, DefaultScript(), &usage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kPermissionDenied);
  EXPECT_NE(r.status().message().find("can't assist"), std::string::npos);
  EXPECT_EQ(usage.prompt_tokens, 10);

  r = ParseChatCompletion(Completion("{\"sentiment\":", "length"), DefaultScript());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("length"), std::string::npos);

  r = ParseChatCompletion(Completion("{\"oops\": true}"), DefaultScript(), &usage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(usage.content, "{\"oops\": true}");
  std::string repair =
      BuildRepairRequest({}, DefaultScript(), "gpt-4o", usage.content, r.status().message());
  EXPECT_EQ(boost::json::parse(repair).at("messages").as_array().size(), 4u);

  EXPECT_FALSE(ParseChatCompletion("<html>502</html>", DefaultScript()).ok());
}

}  // namespace
}  // namespace converza::analysis
