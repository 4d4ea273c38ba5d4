// `converza eval --export-overrides`: a tenant's corrected calls come out as labelled calls that
// `converza eval` reads, the manager's value where one was given and the AI's elsewhere, and no
// other tenant's calls.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/call_input.h"
#include "db/connection.h"
#include "test_cluster.h"
#include "two_tenants.h"

namespace converza::cli {
namespace {

namespace json = boost::json;
using testing::ConverzaProcess;

class ExportOverridesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestDatabase>();
    conn_ = std::make_unique<db::Connection>(db_->conninfo());
    testing::LoadTwoTenants(*conn_);
    out_ = (std::filesystem::temp_directory_path() /
            ("converza-overrides-" + std::to_string(getpid()) + ".jsonl"))
               .string();
  }
  void TearDown() override { std::filesystem::remove(out_); }

  void Override(const char* tenant, const char* call, const char* author, const char* field,
                const char* value) {
    conn_->exec(
        "insert into public.insight_overrides (tenant_id, call_id, field, value, reason,"
        " author_id, author_email) values ($1::uuid, $2::uuid, $3, $4::jsonb, 'listened',"
        " $5::uuid, 'm@example.com')",
        {tenant, call, field, value, author});
  }
  std::pair<int, std::string> Run(const std::string& args) {
    ConverzaProcess p(args, {{"DATABASE_URL", db_->conninfo()}});
    const int rc = p.Wait(60000);
    return {rc, p.log()};
  }
  std::vector<std::string> Lines() {
    std::ifstream in(out_);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<db::Connection> conn_;
  std::string out_;
};

TEST_F(ExportOverridesTest, CorrectedCallsBecomeLabelledCallsForEval) {
  // A1: the AI said converted, recap missed, positive. The manager says not converted and the
  // recap was given; sentiment is left to the AI.
  Override(testing::kTenantA, testing::kCallA1, testing::kManagerA, "converted", "false");
  Override(testing::kTenantA, testing::kCallA1, testing::kManagerA, "script.recap", "true");
  Override(testing::kTenantB, testing::kCallB1, testing::kManagerB, "converted", "true");

  auto [rc, log] = Run("eval --export-overrides acme " + out_);
  ASSERT_EQ(rc, 0) << log;
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u) << log;  // B's call is not A's
  auto call = analysis::ParseCallLine(lines[0]);
  ASSERT_TRUE(call.ok()) << call.status().message();
  EXPECT_EQ(call->id, testing::kCallA1);
  ASSERT_EQ(call->segments.size(), 3u);
  EXPECT_EQ(call->segments[1].start_ms, 2100);
  ASSERT_TRUE(call->labels);
  EXPECT_EQ(call->labels->converted, false);             // the manager's
  EXPECT_EQ(call->labels->script.at("recap"), true);     // the manager's
  EXPECT_EQ(call->labels->script.at("greeting"), true);  // the AI's
  EXPECT_EQ(call->labels->sentiment, "positive");        // the AI's
  EXPECT_EQ(call->labels->upsell_cents, 2500);           // the AI's
  EXPECT_EQ(json::parse(lines[0]).at("overridden"), (json::array{"converted", "script.recap"}));

  // `converza eval` reads the file as it reads the project's labelled sets.
  auto [eval_rc, eval_log] = Run("eval --analyzer rules " + out_);
  EXPECT_EQ(eval_rc, 0) << eval_log;
  EXPECT_NE(eval_log.find("Evaluation of the rules analyzer"), std::string::npos) << eval_log;
}

TEST_F(ExportOverridesTest, AnUnknownTenantIsAnErrorAndWritesNothing) {
  auto [rc, log] = Run("eval --export-overrides nosuch " + out_);
  EXPECT_EQ(rc, 2) << log;
  EXPECT_NE(log.find("no tenant"), std::string::npos) << log;
  EXPECT_FALSE(std::filesystem::exists(out_));
  auto [rc2, log2] = Run("eval --export-overrides acme a.jsonl b.jsonl");
  EXPECT_EQ(rc2, 2) << log2;
}

}  // namespace
}  // namespace converza::cli
