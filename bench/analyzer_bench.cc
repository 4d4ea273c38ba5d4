// Rules analyzer throughput (target, docs/architecture.md#performance-targets: >= 2,000
// calls/s per core on 10-minute calls).
// Each iteration runs the whole offline pipeline on one synthetic 10-minute call (~150 turns,
// ~1,500 words): CleanTranscript, RedactTurns, ComputeTalkMetrics and AnalyzeWithRules, then
// what the analyze stage adds to every answer: GroundInsight and AssessConfidence.
// Run: build/<dir>/analyzer_bench (single-threaded; items_per_second = calls/s on one core).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analysis/confidence.h"
#include "analysis/grounding.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"

namespace {

using converza::analysis::Segment;
using converza::analysis::Speaker;

// A plausible sales/support call: greeting, identity, discovery, offer with price, chit-chat,
// a card read out, acceptance, recap and closing, padded with varied small talk.
std::vector<Segment> SyntheticCall(unsigned seed) {
  static const char* kAgent[] = {
      "Thank you for calling Northwind Telecom, this is Alex, how can I help you today?",
      "Can I get your full name and the account PIN please?",
      "How many people are on the plan and how much data do you use each month?",
      "I understand, let me pull that up for you, one moment please.",
      "Our Unlimited Plus plan is $15 more a month and includes hotspot and HD streaming.",
      "We also have device protection for twelve ninety-nine a month if you'd like to add it.",
      "Sure, I can take the card number whenever you are ready.",
      "Okay so to recap, you're moving to Unlimited Plus starting today, and you'll get an email.",
      "Is there anything else I can help you with?",
      "Thanks so much for calling Northwind, have a great day!"};
  static const char* kCustomer[] = {
      "Hi, um, I've been running out of data every month and it's getting really annoying.",
      "Sure, it's Jamie Rivera, and the PIN is on file.",
      "It's me and my two kids, we probably use like forty gigs.",
      "Okay, no problem, take your time.",
      "Hmm, that sounds pretty good actually, what does hotspot include?",
      "Yeah, okay, let's do the Unlimited Plus, and sure, add the protection too.",
      "It's four one one one, one one one one, one one one one, one one one one.",
      "Great, thank you, that's really helpful.",
      "No, that's everything, thanks.",
      "Bye!"};
  std::mt19937 rng(seed);
  std::vector<Segment> segs;
  int t = 0;
  for (int i = 0; i < 150; ++i) {
    bool agent = i % 2 == 0;
    int k = (i < 20 || i >= 130) ? (i / 2) % 10 : static_cast<int>(rng() % 10);
    std::string text = agent ? kAgent[k] : kCustomer[k];
    int words = 1 + static_cast<int>(std::count(text.begin(), text.end(), ' '));
    int dur = words * 380 + static_cast<int>(rng() % 400);
    segs.push_back({agent ? Speaker::kAgent : Speaker::kCustomer, t, t + dur, text, 0.95});
    t += dur + 150 + static_cast<int>(rng() % 700);
  }
  return segs;
}

void BM_RulesAnalyzerTenMinuteCall(benchmark::State& state) {
  const auto script = converza::analysis::DefaultScript();
  std::vector<std::vector<Segment>> calls;
  for (unsigned s = 0; s < 16; ++s) calls.push_back(SyntheticCall(s));
  long words = 0, ms = 0;
  for (const auto& seg : calls[0]) {
    words += 1 + static_cast<long>(std::count(seg.text.begin(), seg.text.end(), ' '));
    ms = seg.end_ms;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    std::vector<converza::analysis::Turn> turns;
    auto insight =
        converza::analysis::AnalyzeCallWithRules(calls[i++ % calls.size()], script, &turns);
    converza::analysis::GroundInsight(turns, insight);
    converza::analysis::AssessConfidence(turns, insight);
    benchmark::DoNotOptimize(insight);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["words_per_call"] = static_cast<double>(words);
  state.counters["call_minutes"] = ms / 60000.0;
}
BENCHMARK(BM_RulesAnalyzerTenMinuteCall)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
