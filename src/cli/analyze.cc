// `converza analyze FILE.jsonl` and `converza eval FILE.jsonl...` (README "Commands"): offline
// batch analysis of transcripts, and accuracy of an analyzer against labelled calls. The analyzer
// is the configured one — OpenAI when OPENAI_API_KEY is set, else the rules analyzer — or the one
// `--analyzer rules|openai` names. Each call goes the pipeline's way: cleaned, redacted, analysed
// (OpenAI through the same request and policy as the analyze stage, pipeline/openai_analyzer.h)
// and grounded, so what is measured here is what managers would see.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "analysis/call_input.h"
#include "analysis/confidence.h"
#include "analysis/evaluation.h"
#include "analysis/grounding.h"
#include "analysis/insight.h"
#include "analysis/redaction.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "analysis/sentiment_model.h"
#include "analysis/transcript_cleanup.h"
#include "cli/commands.h"
#include "http/run_sync.h"
#include "pipeline/openai_analyzer.h"

namespace converza::cli {
namespace {

using analysis::CallInput;

// Calls `fn(line_number, line)` for each non-blank line of `path` ("-" = stdin); false when the
// file cannot be opened.
template <typename Fn>
bool ForEachLine(const std::string& path, Fn fn) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) return false;
    in = &file;
  }
  std::string line;
  int n = 0;
  while (std::getline(*in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    fn(n, line);
  }
  return true;
}

// One call through the chosen analyzer, as the pipeline would analyse it.
class OfflineAnalyzer {
 public:
  // `choice`: "rules", "openai", or "" for the configured one.
  static Result<OfflineAnalyzer> For(const Config& config, const std::string& choice) {
    OfflineAnalyzer a;
    a.openai_ = pipeline::OpenAiOptions::FromConfig(config);
    const bool openai = choice == "openai" || (choice.empty() && !a.openai_.api_key.empty());
    if (!openai) {
      a.openai_.api_key.clear();
      return a;
    }
    if (a.openai_.api_key.empty()) {
      return Status::InvalidArgument("--analyzer openai needs OPENAI_API_KEY");
    }
    a.limiter_ = std::make_unique<pipeline::RateLimiter>(a.openai_.rpm, a.openai_.tpm);
    return a;
  }

  [[nodiscard]] std::string name() const { return limiter_ ? "openai:" + openai_.model : "rules"; }

  // The insight; an error when the model could not be asked (after a few waits for a retryable
  // failure). A call the model refused to analyse comes back empty with `not_analysed` set.
  Result<analysis::Insight> Analyze(const std::vector<analysis::Segment>& segments,
                                    const std::vector<analysis::ScriptItem>& script,
                                    bool* not_analysed) {
    *not_analysed = false;
    std::vector<analysis::Turn> turns;
    if (!limiter_) {
      auto insight = analysis::AnalyzeCallWithRules(segments, script, &turns);
      analysis::GroundInsight(turns, insight);  // gives each quote its moment
      analysis::AssessConfidence(turns, insight);
      return insight;
    }
    turns = analysis::CleanTranscript(segments);
    analysis::RedactTurns(turns);
    for (int attempt = 1;; ++attempt) {
      auto answer = http::RunSync(pipeline::AskOpenAi(
          openai_, *limiter_, openai_.model,
          pipeline::PrepareLlmRequest(openai_, openai_.model, turns, script), turns, script));
      if (answer.insight) {
        analysis::GroundInsight(turns, *answer.insight);
        analysis::AssessConfidence(turns, *answer.insight);
        return std::move(*answer.insight);
      }
      if (answer.not_analysed) {
        *not_analysed = true;
        return analysis::Insight{};
      }
      if (!answer.retryable || attempt == 5) return answer.error;
      std::this_thread::sleep_for(answer.retry_after.value_or(std::chrono::seconds(attempt)));
    }
  }

 private:
  pipeline::OpenAiOptions openai_;
  std::unique_ptr<pipeline::RateLimiter> limiter_;
};

}  // namespace

int Analyze(const Config& config, const std::string& path, const std::string& analyzer_choice) {
  auto analyzer = OfflineAnalyzer::For(config, analyzer_choice);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "converza analyze: %s\n", analyzer.status().message().c_str());
    return 2;
  }
  const auto script = analysis::DefaultScript();
  int errors = 0;
  bool opened = ForEachLine(path, [&](int n, const std::string& line) {
    auto call = analysis::ParseCallLine(line);
    if (!call.ok()) {
      std::fprintf(stderr, "converza analyze: %s:%d: %s\n", path.c_str(), n,
                   call.status().message().c_str());
      ++errors;
      return;
    }
    bool not_analysed = false;
    auto insight = analyzer->Analyze(call->segments, script, &not_analysed);
    if (!insight.ok()) {
      std::fprintf(stderr, "converza analyze: %s:%d: %s\n", path.c_str(), n,
                   insight.status().message().c_str());
      ++errors;
      return;
    }
    if (not_analysed) {
      std::fprintf(stderr, "converza analyze: %s:%d: the model declined to analyse the call\n",
                   path.c_str(), n);
      ++errors;
      return;
    }
    std::string out = analysis::InsightToJson(*insight, call->id);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
  });
  if (!opened) {
    std::fprintf(stderr, "converza analyze: cannot open %s\n", path.c_str());
    return 2;
  }
  std::fflush(stdout);
  if (errors > 0) {
    std::fprintf(stderr, "converza analyze: %d line(s) failed\n", errors);
    return 1;
  }
  return 0;
}

int Eval(const Config& config, const std::vector<std::string>& paths,
         const std::string& analyzer_choice) {
  auto analyzer = OfflineAnalyzer::For(config, analyzer_choice);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "converza eval: %s\n", analyzer.status().message().c_str());
    return 2;
  }
  const auto script = analysis::DefaultScript();
  int declined = 0, done = 0;
  std::vector<std::pair<std::string, analysis::Evaluation>> sets;
  int errors = 0;
  const bool verbose = std::getenv("EVAL_VERBOSE") != nullptr;
  for (const auto& path : paths) {
    analysis::Evaluation evaluation;
    bool opened = ForEachLine(path, [&](int n, const std::string& line) {
      auto call = analysis::ParseCallLine(line);
      if (!call.ok() || !call->labels) {
        std::fprintf(stderr, "converza eval: %s:%d: %s\n", path.c_str(), n,
                     call.ok() ? "labels: missing" : call.status().message().c_str());
        ++errors;
        return;
      }
      // Custom (tenant) items named only in the labels join the script, described by their key.
      std::vector<analysis::ScriptItem> call_script = script;
      for (const auto& [key, want] : call->labels->script) {
        bool known = false;
        for (const auto& item : script) known |= item.key == key;
        if (known) continue;
        std::string label = key;
        for (char& ch : label) ch = ch == '_' ? ' ' : ch;
        call_script.push_back({key, label, label});
      }
      bool not_analysed = false;
      auto insight = analyzer->Analyze(call->segments, call_script, &not_analysed);
      if (!insight.ok()) {
        std::fprintf(stderr, "converza eval: %s:%d: %s\n", path.c_str(), n,
                     insight.status().message().c_str());
        ++errors;
        return;
      }
      declined += not_analysed ? 1 : 0;  // scored as an empty insight: a miss where it matters
      evaluation.Add(*call, *insight);
      if (analyzer->name() != "rules" && ++done % 10 == 0) {
        std::fprintf(stderr, "converza eval: %d calls analysed\n", done);
      }
    });
    if (!opened) {
      std::fprintf(stderr, "converza eval: cannot open %s\n", path.c_str());
      return 2;
    }
    if (verbose) {
      for (const auto& m : evaluation.misses()) std::fprintf(stderr, "MISS %s\n", m.c_str());
    }
    // The column is the file's name without folder or extension ("heldout", "tuning").
    std::string name = path.substr(path.find_last_of('/') + 1);
    name = name.substr(0, name.find('.'));
    sets.emplace_back(name, std::move(evaluation));
  }
  std::vector<std::string> order;
  for (const auto& item : script) order.push_back(item.key);
  std::printf("Evaluation of the %s analyzer\n\n%s", analyzer->name().c_str(),
              analysis::FormatEvaluations(sets, order).c_str());
  if (declined > 0) std::printf("\n%d call(s) the model declined to analyse\n", declined);
  if (errors > 0) {
    std::fprintf(stderr, "converza eval: %d line(s) failed\n", errors);
    return 1;
  }
  return 0;
}

int Train(const std::vector<std::string>& paths, const std::string& out) {
  std::vector<std::pair<std::vector<analysis::Feature>, int>> examples;
  int errors = 0;
  for (const auto& path : paths) {
    bool opened = ForEachLine(path, [&](int n, const std::string& line) {
      auto call = analysis::ParseCallLine(line);
      if (!call.ok() || !call->labels || !call->labels->sentiment) {
        std::fprintf(stderr, "converza train: %s:%d: %s\n", path.c_str(), n,
                     call.ok() ? "no sentiment label" : call.status().message().c_str());
        ++errors;
        return;
      }
      const auto& classes = analysis::kSentimentClasses;
      const auto label = std::find(classes.begin(), classes.end(), *call->labels->sentiment);
      if (label == classes.end()) {
        std::fprintf(stderr, "converza train: %s:%d: unknown sentiment\n", path.c_str(), n);
        ++errors;
        return;
      }
      std::vector<analysis::Turn> turns;
      auto tokenized = analysis::PrepareTurns(call->segments, &turns);
      examples.emplace_back(analysis::SentimentFeatures(tokenized),
                            static_cast<int>(label - classes.begin()));
    });
    if (!opened) {
      std::fprintf(stderr, "converza train: cannot open %s\n", path.c_str());
      return 2;
    }
  }
  if (errors > 0 || examples.size() < 10) return 1;
  // The L2 strength is chosen by 5-fold cross-validation on these calls alone (a held-out set
  // must not choose it), then the model is fitted to all of them.
  auto accuracy = [](const analysis::LinearModel& m, const auto& begin, const auto& end) {
    int right = 0;
    for (auto it = begin; it != end; ++it) {
      right += analysis::LinearModel::MostLikely(m.Probabilities(it->first)) ==
               static_cast<std::size_t>(it->second);
    }
    return static_cast<double>(right) / static_cast<double>(end - begin);
  };
  analysis::TrainOptions options;
  double best = -1;
  for (double l2 : {0.0003, 0.001, 0.003, 0.01, 0.03}) {
    analysis::TrainOptions o;
    o.l2 = l2;
    double sum = 0;
    constexpr int kFolds = 5;
    for (int k = 0; k < kFolds; ++k) {
      std::vector<std::pair<std::vector<analysis::Feature>, int>> fit, test;
      for (std::size_t i = 0; i < examples.size(); ++i) {
        (static_cast<int>(i % kFolds) == k ? test : fit).push_back(examples[i]);
      }
      sum += accuracy(analysis::LinearModel::Train(fit, analysis::kSentimentClasses, o),
                      test.begin(), test.end());
    }
    std::printf("l2 %-7g cross-validated accuracy %.3f\n", l2, sum / kFolds);
    if (sum / kFolds > best + 1e-9) best = sum / kFolds, options = o;
  }
  const auto model = analysis::LinearModel::Train(examples, analysis::kSentimentClasses, options);
  std::ofstream file(out, std::ios::trunc);
  file << "// Generated by `converza train` from labelled calls; do not edit.\nR\"tsv("
       << model.Serialize() << ")tsv\"\n";
  file.close();
  if (!file) {
    std::fprintf(stderr, "converza train: cannot write %s\n", out.c_str());
    return 2;
  }
  std::printf("sentiment model: %zu calls, l2 %g, %zu weight rows, cross-validated %.3f -> %s\n",
              examples.size(), options.l2, model.size(), best, out.c_str());
  return 0;
}

}  // namespace converza::cli
