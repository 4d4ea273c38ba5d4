#include "analysis/linear_model.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

std::vector<Feature> Words(std::initializer_list<const char*> words) {
  std::vector<Feature> f{{FeatureId("bias", ""), 1.0f}};
  for (const char* w : words) f.push_back({FeatureId("w:", w), 1.0f});
  return f;
}

TEST(LinearModelTest, LearnsWhichWordsMarkEachClassAndSurvivesARoundTrip) {
  const std::vector<std::pair<std::vector<Feature>, int>> examples = {
      {Words({"awful", "refund"}), 0}, {Words({"terrible", "refund"}), 0},
      {Words({"okay", "time"}), 1},    {Words({"fine", "time"}), 1},
      {Words({"great", "love"}), 2},   {Words({"wonderful", "love"}), 2}};
  const auto model = LinearModel::Train(examples, {"neg", "neu", "pos"}, TrainOptions{});
  auto best = [](const LinearModel& m, const std::vector<Feature>& f) {
    return LinearModel::MostLikely(m.Probabilities(f));
  };
  EXPECT_EQ(best(model, Words({"refund"})), 0u);
  EXPECT_EQ(best(model, Words({"time"})), 1u);
  EXPECT_EQ(best(model, Words({"love"})), 2u);

  auto again = LinearModel::Parse(model.Serialize());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->classes(), model.classes());
  const auto p = model.Probabilities(Words({"refund", "love"}));
  const auto q = again->Probabilities(Words({"refund", "love"}));
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(p[i], q[i], 1e-3);

  // A word's weights say which class it pushes toward; unknown words weigh nothing.
  const auto refund = FeatureId("w:", "refund");
  EXPECT_GT(model.Weight(refund, 0), model.Weight(refund, 2));
  EXPECT_EQ(model.Weight(FeatureId("w:", "never-seen"), 0), 0.0);
  EXPECT_EQ(model.Weight(refund, 7), 0.0);
}

TEST(LinearModelDeathTest, AShippedModelThatDoesNotParseOrNamesOtherClassesAborts) {
  const std::string text = "# converza linear model v1; classes: no yes\n7\t0.5\t-0.5\n";
  EXPECT_EQ(LinearModel::Shipped("test", text, {"no", "yes"}).size(), 1u);
  EXPECT_DEATH(LinearModel::Shipped("test", text, {"negative", "positive"}), "test model");
  EXPECT_DEATH(LinearModel::Shipped("test", "garbage", {"no", "yes"}), "test model: model line 1");
}

TEST(LinearModelTest, MalformedTextIsRefusedNamingTheLine) {
  EXPECT_FALSE(LinearModel::Parse("").ok());
  EXPECT_FALSE(LinearModel::Parse("weights\n1\t0.5\t0.5\n").ok());
  auto short_row = LinearModel::Parse("# converza linear model v1; classes: a b\n7\t0.5\n");
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(LinearModel::Parse("# converza linear model v1; classes: a b\n7\t0.5\tx\n").ok());
  EXPECT_TRUE(LinearModel::Parse("# converza linear model v1; classes: a b\n7\t0.5\t-1e-3\n").ok());
}

TEST(LinearModelTest, FeatureIdsKeepTheirPartsApart) {
  EXPECT_NE(FeatureId("e:", "ab", "c"), FeatureId("e:", "a", "bc"));
  EXPECT_NE(FeatureId("a:", "refund"), FeatureId("e:", "refund"));
  EXPECT_EQ(FeatureId("a:", "refund"), FeatureId("a:", "refund"));
}

}  // namespace
}  // namespace converza::analysis
