#include "common/config.h"

#include <gtest/gtest.h>

#include <map>

namespace converza {
namespace {

Result<Config> LoadFrom(std::map<std::string, std::string> env) {
  return Config::Load([&](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

TEST(ConfigTest, DefaultsPointAtTheLocalClusterAndLoopback) {
  auto c = LoadFrom({{"CONVERZA_DATA_DIR", "/tmp/cz"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->bind, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c->database_url, "host=/tmp/cz/pg port=54329 dbname=converza user=converza");
  EXPECT_EQ(c->openai_model, "gpt-4o");
}

TEST(ConfigTest, ExplicitValuesWin) {
  auto c = LoadFrom({{"PORT", "9000"},
                     {"DATABASE_URL", "postgresql://u@db/x"},
                     {"PUBLIC_URL", "https://calls.example.com/"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->database_url, "postgresql://u@db/x");
  EXPECT_EQ(c->public_url, "https://calls.example.com");  // trailing slash dropped
}

TEST(ConfigTest, BadValuesNameTheVariable) {
  auto port = LoadFrom({{"PORT", "80a"}});
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.status().message().find("PORT"), std::string::npos);

  auto range = LoadFrom({{"PORT", "70000"}});
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.status().message().find("between 0 and 65535"), std::string::npos);

  auto url = LoadFrom({{"PUBLIC_URL", "calls.example.com"}});
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.status().message().find("PUBLIC_URL"), std::string::npos);

  auto level = LoadFrom({{"LOG_LEVEL", "loud"}});
  ASSERT_FALSE(level.ok());
  EXPECT_NE(level.status().message().find("LOG_LEVEL"), std::string::npos);
}

TEST(ConfigTest, TwilioCredentialsComeInPairs) {
  auto c = LoadFrom({{"TWILIO_ACCOUNT_SID", "AC123"}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("TWILIO_AUTH_TOKEN"), std::string::npos);
}

TEST(ConfigTest, TranscriptionProviderIsCheckedAndOpenAiNeedsAKey) {
  EXPECT_EQ(LoadFrom({})->transcribe_provider, "twilio");
  auto unknown = LoadFrom({{"TRANSCRIBE_PROVIDER", "deepgram"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("TRANSCRIBE_PROVIDER"), std::string::npos);
  EXPECT_FALSE(LoadFrom({{"TRANSCRIBE_PROVIDER", "openai"}}).ok());
  auto ok = LoadFrom({{"TRANSCRIBE_PROVIDER", "openai"}, {"OPENAI_API_KEY", "sk-x"}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->openai_transcribe_model, "whisper-1");
  // Models without segment timestamps are refused at start, not per call.
  auto no_segments = LoadFrom({{"TRANSCRIBE_PROVIDER", "openai"},
                               {"OPENAI_API_KEY", "sk-x"},
                               {"OPENAI_TRANSCRIBE_MODEL", "gpt-4o-mini-transcribe"}});
  ASSERT_FALSE(no_segments.ok());
  EXPECT_NE(no_segments.status().message().find("whisper-1"), std::string::npos);
}

TEST(ConfigTest, PlanModelsAndTheMarginTargetAreParsedOrRefused) {
  auto c = LoadFrom({{"OPENAI_PLAN_MODELS", "starter=gpt-4o-mini,growth=gpt-4o"},
                     {"TARGET_GROSS_MARGIN", "0.75"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->openai_plan_models.at("starter"), "gpt-4o-mini");
  EXPECT_EQ(c->openai_plan_models.at("growth"), "gpt-4o");
  EXPECT_DOUBLE_EQ(c->target_margin, 0.75);
  EXPECT_DOUBLE_EQ(LoadFrom({})->target_margin, 0.8);
  auto bad = LoadFrom({{"OPENAI_PLAN_MODELS", "starter:gpt-4o-mini"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("plan=model"), std::string::npos);
  EXPECT_FALSE(LoadFrom({{"TARGET_GROSS_MARGIN", "80%"}}).ok());
  EXPECT_FALSE(LoadFrom({{"TARGET_GROSS_MARGIN", "1.5"}}).ok());
  EXPECT_FALSE(LoadFrom({{"OPENAI_MAX_COMPLETION_TOKENS", "10"}}).ok());
}

// Configuration that cannot work fails at start with a clear message, not one dead letter per
// call later.
TEST(ConfigTest, ConfigurationThatCannotWorkFailsAtStart) {
  auto no_service = LoadFrom(
      {{"TWILIO_ACCOUNT_SID", "AC" + std::string(32, 'a')}, {"TWILIO_AUTH_TOKEN", "token"}});
  ASSERT_FALSE(no_service.ok());
  EXPECT_NE(no_service.status().message().find("TWILIO_INTELLIGENCE_SERVICE_SID"),
            std::string::npos);
  EXPECT_TRUE(LoadFrom({{"TWILIO_ACCOUNT_SID", "AC" + std::string(32, 'a')},
                        {"TWILIO_AUTH_TOKEN", "token"},
                        {"TWILIO_INTELLIGENCE_SERVICE_SID", "GA" + std::string(32, 'b')}})
                  .ok());
  EXPECT_TRUE(LoadFrom({}).ok());  // the sandbox brings its own service
  auto old_model = LoadFrom({{"OPENAI_API_KEY", "sk-x"}, {"OPENAI_MODEL", "gpt-3.5-turbo"}});
  ASSERT_FALSE(old_model.ok());
  EXPECT_NE(old_model.status().message().find("structured outputs"), std::string::npos);
  EXPECT_FALSE(
      LoadFrom({{"OPENAI_API_KEY", "sk-x"}, {"OPENAI_PLAN_MODELS", "starter=gpt-4"}}).ok());
  EXPECT_TRUE(LoadFrom({{"OPENAI_API_KEY", "sk-x"}, {"OPENAI_MODEL", "gpt-4o-mini"}}).ok());
}

TEST(ConfigTest, TwilioApiKeysComeInPairsWithTheAccountTheySignFor) {
  const std::map<std::string, std::string> account = {
      {"TWILIO_ACCOUNT_SID", "AC" + std::string(32, 'a')},
      {"TWILIO_AUTH_TOKEN", "token"},
      {"TWILIO_INTELLIGENCE_SERVICE_SID", "GA" + std::string(32, 'b')}};
  auto with = [&](std::map<std::string, std::string> extra, bool keep_account = true) {
    auto env = keep_account ? account : std::map<std::string, std::string>{};
    env.insert(extra.begin(), extra.end());
    return LoadFrom(env);
  };
  const std::string key = "SK" + std::string(32, 'c');
  auto ok = with({{"TWILIO_API_KEY", key}, {"TWILIO_API_SECRET", "secret"}});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->twilio_api_key, key);
  auto half = with({{"TWILIO_API_KEY", key}});
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.status().message().find("TWILIO_API_SECRET"), std::string::npos);
  auto not_a_key =
      with({{"TWILIO_API_KEY", "AC" + std::string(32, 'c')}, {"TWILIO_API_SECRET", "s"}});
  ASSERT_FALSE(not_a_key.ok());
  EXPECT_NE(not_a_key.status().message().find("SK followed by 32 hex"), std::string::npos);
  auto no_account = with({{"TWILIO_API_KEY", key}, {"TWILIO_API_SECRET", "s"}}, false);
  ASSERT_FALSE(no_account.ok());
  EXPECT_NE(no_account.status().message().find("signs webhooks"), std::string::npos);
}

TEST(ConfigTest, ShortJwtSecretIsRejected) {
  EXPECT_FALSE(LoadFrom({{"JWT_SECRET", "short"}}).ok());
  EXPECT_TRUE(LoadFrom({{"JWT_SECRET", std::string(32, 'x')}}).ok());
}

TEST(ConfigTest, SpendLimitsHaveDefaultsAndNameTheirVariable) {
  auto d = LoadFrom({});
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_TRUE(d->agent_dial_countries.empty());  // each tenant its own country
  EXPECT_EQ(d->number_quotas.For("starter", 9900), 1);
  EXPECT_EQ(d->number_quotas.For("growth", 49900), 5);
  EXPECT_EQ(d->number_quotas.For("growth", 0), 1);  // unpaid
  EXPECT_EQ(d->dial_minutes_per_day.For("starter", 9900), 600);
  EXPECT_EQ(d->dial_minutes_per_day.For("starter", 0), 60);

  auto c = LoadFrom({{"AGENT_DIAL_COUNTRIES", "US, CA,,GB"},
                     {"NUMBER_QUOTAS", "growth=8"},
                     {"DIAL_MINUTES_PER_DAY", "*=100"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->agent_dial_countries, (std::vector<std::string>{"US", "CA", "GB"}));
  EXPECT_EQ(c->number_quotas.For("growth", 49900), 8);
  EXPECT_EQ(c->number_quotas.For("starter", 9900), 1);  // the defaults' other plans remain
  EXPECT_EQ(c->dial_minutes_per_day.For("enterprise", 1), 100);

  for (auto [name, value] :
       {std::pair{"AGENT_DIAL_COUNTRIES", "US,UK"}, std::pair{"AGENT_DIAL_COUNTRIES", "usa"},
        std::pair{"NUMBER_QUOTAS", "growth:5"}, std::pair{"DIAL_MINUTES_PER_DAY", "*=-1"}}) {
    auto bad = LoadFrom({{name, value}});
    ASSERT_FALSE(bad.ok()) << name << "=" << value;
    EXPECT_EQ(bad.status().message().rfind(name, 0), 0u) << bad.status().message();
  }
}

TEST(DotEnvTest, ParsesQuotesCommentsAndExport) {
  auto env = ParseDotEnv(
      "# comment\n\nPORT=9001\nexport BIND=0.0.0.0\nA=\"quoted # not a comment\"\n"
      "B='single'\nC=value # trailing comment\n");
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->at("PORT"), "9001");
  EXPECT_EQ(env->at("BIND"), "0.0.0.0");
  EXPECT_EQ(env->at("A"), "quoted # not a comment");
  EXPECT_EQ(env->at("B"), "single");
  EXPECT_EQ(env->at("C"), "value");
}

TEST(DotEnvTest, MalformedLineIsAnErrorWithItsNumber) {
  auto env = ParseDotEnv("PORT=1\nnot a pair\n");
  ASSERT_FALSE(env.ok());
  EXPECT_NE(env.status().message().find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace converza
