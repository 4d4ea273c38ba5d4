#include "analysis/evaluation.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

CallInput Labelled(std::string id, bool converted, long long upsell, std::string sentiment,
                   std::map<std::string, bool> script) {
  CallInput call;
  call.id = std::move(id);
  call.labels = CallLabels{converted, upsell, std::move(sentiment), std::move(script)};
  return call;
}

Insight Answer(bool converted, long long upsell, std::string sentiment,
               std::map<std::string, bool> script) {
  Insight in;
  in.converted = converted;
  in.upsell_cents = upsell;
  in.sentiment.label = std::move(sentiment);
  for (const auto& [key, met] : script) in.script[key].met = met;
  return in;
}

TEST(EvaluationTest, AWritersBatchIsTheNumberedPrefixOfItsCallsIds) {
  EXPECT_EQ(WriterBatch("t26-moving-01"), "t26");
  EXPECT_EQ(WriterBatch("t3-dental-12"), "t3");
  // The team's own calls, and ids that only look alike, are one batch.
  EXPECT_EQ(WriterBatch("telecom-01"), "");
  EXPECT_EQ(WriterBatch("tires-02"), "");
  EXPECT_EQ(WriterBatch("t-01"), "");
  EXPECT_EQ(WriterBatch("t26"), "");
}

TEST(EvaluationTest, AnAnalyzerThatCallsEveryCallNeutralIsCaughtByNegativeRecall) {
  Evaluation e;
  for (int i = 0; i < 6; ++i)
    e.Add(Labelled("n" + std::to_string(i), false, 0, "neutral", {}),
          Answer(false, 0, "neutral", {}));
  for (int i = 0; i < 4; ++i)
    e.Add(Labelled("x" + std::to_string(i), false, 0, "negative", {}),
          Answer(false, 0, "neutral", {}));
  EXPECT_EQ(e.calls(), 10);
  EXPECT_EQ(e.sentiment().right, 6);
  EXPECT_EQ(e.sentiment().total, 10);
  EXPECT_EQ(e.SentimentRecall("negative").right, 0);
  EXPECT_EQ(e.SentimentRecall("negative").total, 4);
  EXPECT_EQ(e.sentiment_confusion().at("negative").at("neutral"), 4);
  EXPECT_EQ(e.SentimentRecall("positive").total, 0);
}

TEST(EvaluationTest, YesNoFieldsCountFalsePositivesAndFalseNegativesApart) {
  Evaluation e;
  e.Add(Labelled("a", true, 1500, "positive", {{"offer", true}}),
        Answer(true, 1500, "positive", {{"offer", true}}));
  e.Add(Labelled("b", false, 0, "neutral", {{"offer", false}}),
        Answer(true, 0, "neutral", {{"offer", true}}));
  e.Add(Labelled("c", true, 0, "neutral", {{"offer", true}}), Answer(false, 9900, "neutral", {}));
  const BinaryConfusion& c = e.converted();
  EXPECT_EQ(c.tp, 1);
  EXPECT_EQ(c.fp, 1);
  EXPECT_EQ(c.fn, 1);
  EXPECT_EQ(c.tn, 0);
  const BinaryConfusion& offer = e.script_items().at("offer");
  EXPECT_EQ(offer.tp, 1);
  EXPECT_EQ(offer.fp, 1);
  EXPECT_EQ(offer.fn, 1);  // an item the answer does not mention is not met
  EXPECT_EQ(e.upsell_exact().right, 2);
  EXPECT_EQ(e.upsell_exact().total, 3);
  EXPECT_EQ(e.misses().size(), 5u);
  EXPECT_EQ(e.misses()[0], "b converted: got true want false");
}

TEST(EvaluationTest, UnlabelledFieldsAndCallsAreNotScored) {
  Evaluation e;
  CallInput bare;
  bare.id = "no-labels";
  e.Add(bare, Answer(true, 0, "positive", {}));
  CallInput partial;
  partial.id = "only-sentiment";
  partial.labels = CallLabels{};
  partial.labels->sentiment = "negative";
  e.Add(partial, Answer(true, 100, "negative", {{"greeting", true}}));
  EXPECT_EQ(e.calls(), 1);
  EXPECT_EQ(e.converted().accuracy().total, 0);
  EXPECT_EQ(e.upsell_exact().total, 0);
  EXPECT_TRUE(e.script_items().empty());
  EXPECT_EQ(e.overall().right, 1);
  EXPECT_EQ(e.overall().total, 1);
}

// Confidence earns its place only if the answers it flags are wrong more often: the report
// splits each field's accuracy by it and counts the calls flagged.
TEST(EvaluationTest, AccuracyIsSplitByConfidence) {
  Evaluation e;
  auto sure = Answer(false, 0, "negative", {});
  sure.confidence = {{"sentiment", 0.9}, {"converted", 0.8}};
  auto unsure = Answer(false, 0, "neutral", {});
  unsure.confidence = {{"sentiment", 0.3}, {"converted", 0.8}};
  e.Add(Labelled("a", false, 0, "negative", {}), sure);
  e.Add(Labelled("b", false, 0, "negative", {}), unsure);
  e.Add(Labelled("c", false, 0, "neutral", {}), unsure);
  EXPECT_EQ(e.ByConfidence("sentiment", true).right, 1);
  EXPECT_EQ(e.ByConfidence("sentiment", true).total, 1);
  EXPECT_EQ(e.ByConfidence("sentiment", false).right, 1);
  EXPECT_EQ(e.ByConfidence("sentiment", false).total, 2);
  EXPECT_EQ(e.ByConfidence("converted", true).total, 3);
  EXPECT_EQ(e.ByConfidence("converted", false).total, 0);
  EXPECT_EQ(e.flagged_calls(), 2);
  const std::string report = FormatEvaluations({{"set", e}}, {});
  EXPECT_NE(report.find("sentiment low-confidence"), std::string::npos) << report;
  EXPECT_NE(report.find("share of calls flagged for review"), std::string::npos) << report;
}

TEST(EvaluationTest, TheReportPutsDataSetsSideBySideWithTheirConfusions) {
  Evaluation tuning, heldout;
  tuning.Add(Labelled("t", true, 0, "positive", {{"greeting", true}}),
             Answer(true, 0, "positive", {{"greeting", true}}));
  heldout.Add(Labelled("h", true, 0, "negative", {{"greeting", true}}),
              Answer(false, 0, "neutral", {{"greeting", false}}));
  const std::string report =
      FormatEvaluations({{"tuning", tuning}, {"heldout", heldout}}, {"greeting", "offer"});
  // The first table's rows: a field name, then one cell per data set in the order given.
  const std::string text = "\n" + report;
  auto row = [&](const std::string& field) {
    const size_t at = text.find("\n" + field + " ");
    return at == std::string::npos ? std::string()
                                   : text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  };
  EXPECT_EQ(row("field: accuracy (n)").find("tuning") < row("field: accuracy (n)").find("heldout"),
            true);
  EXPECT_NE(row("converted").find("1.000 (1)        0.000 (1)"), std::string::npos) << report;
  EXPECT_NE(row("  recall of negative").find("-        0.000 (1)"), std::string::npos) << report;
  EXPECT_NE(row("script.offer").find("-                -"), std::string::npos) << report;
  EXPECT_NE(report.find("[heldout] sentiment: rows = label, columns = answer"), std::string::npos);
}

}  // namespace
}  // namespace converza::analysis
