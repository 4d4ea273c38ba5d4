// `converza analyze` and `converza eval` with either analyzer, as a user runs them: the rules
// analyzer by default without a key, the OpenAI analyzer with `--analyzer openai` (or a key)
// through the same request and policy as the pipeline, against the fake OpenAI server — one
// well-formed request per call, the model named in the report, and every answer grounded: a
// quote the model invented never comes out as evidence.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/grounding.h"
#include "fake_openai.h"
#include "test_cluster.h"

namespace converza::cli {
namespace {

namespace json = boost::json;
using testing::ConverzaProcess;

class OfflineAnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The first six labelled calls of the project's set.
    std::ifstream in(std::string(CONVERZA_SOURCE_DIR) + "/eval/calls.jsonl");
    path_ = (std::filesystem::temp_directory_path() /
             ("converza-eval-" + std::to_string(getpid()) + ".jsonl"))
                .string();
    std::ofstream out(path_);
    std::string line;
    for (int i = 0; i < 6 && std::getline(in, line); ++i) {
      out << line << "\n";
      lines_.push_back(line);
    }
    ASSERT_EQ(lines_.size(), 6u);
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Runs `converza <args>`; returns its exit code and its output.
  std::pair<int, std::string> Run(const std::string& args,
                                  const std::map<std::string, std::string>& env) {
    ConverzaProcess p(args, env);
    const int rc = p.Wait(120000);
    return {rc, p.log()};
  }
  std::map<std::string, std::string> OpenAiEnv() const {
    return {{"OPENAI_API_KEY", "sk-test"}, {"OPENAI_BASE_URL", openai_.base_url()}};
  }

  testing::FakeOpenAi openai_;
  std::string path_;
  std::vector<std::string> lines_;
};

TEST_F(OfflineAnalysisTest, EvalUsesTheRulesWithoutAKeyAndOpenAiWhenAsked) {
  auto [rc, out] = Run("eval " + path_, {});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("Evaluation of the rules analyzer"), std::string::npos) << out;
  EXPECT_EQ(openai_.requests(), 0);

  std::tie(rc, out) = Run("eval --analyzer openai " + path_, OpenAiEnv());
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("Evaluation of the openai:gpt-4o analyzer"), std::string::npos) << out;
  EXPECT_NE(out.find("converted"), std::string::npos) << out;
  EXPECT_EQ(openai_.requests(), 6) << "one request per call";
  EXPECT_EQ(openai_.invalid_requests(), 0);

  // A key configures OpenAI as the default; --analyzer rules still picks the rules.
  std::tie(rc, out) = Run("eval --analyzer rules " + path_, OpenAiEnv());
  EXPECT_NE(out.find("Evaluation of the rules analyzer"), std::string::npos) << out;
  EXPECT_EQ(openai_.requests(), 6);

  // Asking for OpenAI without a key is a clear error, not a silent fallback.
  std::tie(rc, out) = Run("eval --analyzer openai " + path_, {});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("--analyzer openai needs OPENAI_API_KEY"), std::string::npos) << out;
  std::tie(rc, out) = Run("eval --analyzer gpt " + path_, {});
  EXPECT_NE(rc, 0);
}

// Answers that are random instances of the schema: their quotes were never said. Every quote
// that comes out of `analyze` is in the call; the rest are dropped and noted for review.
TEST_F(OfflineAnalysisTest, AnalyzeGroundsWhatTheModelInvents) {
  openai_.Script({}, testing::FakeOpenAi::Behaviour::kSchemaSample);
  auto [rc, out] = Run("analyze --analyzer openai " + path_, OpenAiEnv());
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(openai_.requests(), 6);
  std::map<std::string, std::string> said;  // call id -> its normalised words
  for (const auto& line : lines_) {
    auto call = json::parse(line).as_object();
    std::string text;
    for (const auto& t : call.at("turns").as_array()) {
      text += " " + std::string(t.at("text").as_string());
    }
    said[std::string(call.at("id").as_string())] = " " + analysis::NormalizeForQuote(text) + " ";
  }
  std::istringstream lines(out);
  int insights = 0, reviewed = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("{", 0) != 0) continue;  // log lines
    auto insight = json::parse(line).as_object();
    if (!insight.contains("converted")) continue;
    ++insights;
    const std::string& words = said[std::string(insight.at("id").as_string())];
    ASSERT_FALSE(words.empty()) << line;
    const std::string quote(insight.at("converted_evidence").as_string());
    if (!quote.empty()) {
      EXPECT_NE(words.find(" " + analysis::NormalizeForQuote(quote) + " "), std::string::npos)
          << "invented quote came out as evidence: " << quote;
    }
    reviewed += insight.at("review").as_array().empty() ? 0 : 1;
  }
  EXPECT_EQ(insights, 6) << out;
  EXPECT_GT(reviewed, 0) << "random answers should have had findings dropped";
}

}  // namespace
}  // namespace converza::cli
