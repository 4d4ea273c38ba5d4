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
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis/call_input.h"
#include "analysis/confidence.h"
#include "analysis/conversion_model.h"
#include "analysis/evaluation.h"
#include "analysis/grounding.h"
#include "analysis/insight.h"
#include "analysis/redaction.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "analysis/script_matcher.h"
#include "analysis/script_model.h"
#include "analysis/sentiment_model.h"
#include "analysis/transcript_cleanup.h"
#include "analysis/upsell.h"
#include "analysis/upsell_model.h"
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

namespace {

using Examples = std::vector<std::pair<std::vector<analysis::Feature>, int>>;

// A model `converza train` fits: its classes, and how a labelled call becomes examples — with
// the same feature functions the analyzer calls, so training and serving cannot drift apart.
// `add` returns false when the call lacks the label the model learns.
struct TrainTask {
  const std::vector<std::string>* classes;
  // TrainOptions::min_count. 3 for the models over every word of the call: it keeps their
  // shipped weights to ~0.1-0.5 MB at no cost in cross-validated accuracy (docs/benchmarks.md).
  int min_count;
  // A yes/no model refining a rule (analysis::RefinedVerdict decides, in serving and here).
  bool refines_rules;
  std::function<bool(const analysis::CallLabels&, const std::vector<analysis::TokenizedTurn>&,
                     Examples&)>
      add;
  // Optional: whether a model fitted without this call gets the call's field right as the
  // analyzer reports it (the upsell total, not each offer), for a call-level cross-validated
  // figure; nullopt when the call lacks the label.
  std::function<std::optional<bool>(const analysis::LinearModel&, const analysis::CallLabels&,
                                    const std::vector<analysis::TokenizedTurn>&)>
      call_right;
};

Result<TrainTask> TaskFor(const std::string& model) {
  using analysis::CallLabels;
  using Turns = std::vector<analysis::TokenizedTurn>;
  if (model == "sentiment") {
    return TrainTask{&analysis::kSentimentClasses,
                     1,
                     false,
                     [](const CallLabels& l, const Turns& turns, Examples& out) {
                       const auto& c = analysis::kSentimentClasses;
                       const auto it = std::find(c.begin(), c.end(), l.sentiment.value_or(""));
                       if (it == c.end()) return false;
                       out.emplace_back(analysis::SentimentFeatures(turns),
                                        static_cast<int>(it - c.begin()));
                       return true;
                     },
                     {}};
  }
  if (model == "converted") {
    return TrainTask{
        &analysis::kConvertedClasses, 3, true,
        [](const CallLabels& l, const Turns& turns, Examples& out) {
          if (!l.converted) return false;
          const auto rules = analysis::DetectConversion(turns, analysis::FindUpsells(turns));
          out.emplace_back(analysis::ConversionFeatures(turns, rules), *l.converted ? 1 : 0);
          return true;
        },
        [](const analysis::LinearModel& m, const CallLabels& l,
           const Turns& turns) -> std::optional<bool> {
          if (!l.converted) return std::nullopt;
          const auto rules = analysis::DetectConversion(turns, analysis::FindUpsells(turns));
          return analysis::LearnedConversion(m, turns, rules).converted == *l.converted;
        }};
  }
  if (model == "script") {
    return TrainTask{&analysis::kScriptClasses,
                     3,
                     true,
                     [](const CallLabels& l, const Turns& turns, Examples& out) {
                       const auto script = analysis::DefaultScript();
                       const auto rules = analysis::MatchScript(turns, script);
                       bool any = false;
                       for (const auto& item : script) {
                         const auto want = l.script.find(item.key);
                         if (want == l.script.end()) continue;
                         out.emplace_back(analysis::ScriptItemFeatures(turns, item.key,
                                                                       rules.results.at(item.key)),
                                          want->second ? 1 : 0);
                         any = true;
                       }
                       return any;
                     },
                     {}};
  }
  if (model == "upsell") {
    return TrainTask{
        &analysis::kUpsellClasses, 3, true,
        [](const CallLabels& l, const Turns& turns, Examples& out) {
          if (!l.upsell_cents) return false;
          const auto candidates =
              analysis::FindUpsellCandidates(turns, analysis::FindUpsells(turns));
          const auto labels = analysis::InferCandidateLabels(candidates, *l.upsell_cents);
          // A call whose total no single set of amounts explains teaches nothing.
          for (std::size_t i = 0; i < labels.size(); ++i) {
            out.emplace_back(analysis::CandidateFeatures(turns, candidates[i]), labels[i]);
          }
          return true;
        },
        [](const analysis::LinearModel& m, const CallLabels& l,
           const Turns& turns) -> std::optional<bool> {
          if (!l.upsell_cents) return std::nullopt;
          return analysis::LearnedUpsells(m, turns, analysis::FindUpsells(turns)).cents ==
                 *l.upsell_cents;
        }};
  }
  return Status::InvalidArgument("unknown model " + model +
                                 " (sentiment, converted, script, upsell)");
}

}  // namespace

int Train(const std::string& model, const std::vector<std::string>& paths, std::string out,
          const std::string& wrong_out) {
  auto task = TaskFor(model);
  if (!task.ok()) {
    std::fprintf(stderr, "converza train: %s\n", task.status().message().c_str());
    return 2;
  }
  if (out.empty()) out = "src/analysis/models/" + model + "_weights.inc";
  const auto& classes = *task->classes;
  Examples examples;
  std::vector<int> call_of;  // the call each example came from: folds never split a call
  constexpr int kFolds = 5;
  std::vector<int> fold_of;            // per call, its fold: its writer's batch's (WriterBatch)
  std::map<std::string, int> batches;  // batch -> its number, in order of first call
  std::vector<std::string> lines;      // the calls, for the call-level figure
  int errors = 0;
  int calls = 0;
  for (const auto& path : paths) {
    bool opened = ForEachLine(path, [&](int n, const std::string& line) {
      auto call = analysis::ParseCallLine(line);
      std::vector<analysis::Turn> turns;
      if (!call.ok() || !call->labels ||
          !task->add(*call->labels, analysis::PrepareTurns(call->segments, &turns), examples)) {
        std::fprintf(
            stderr, "converza train: %s:%d: %s\n", path.c_str(), n,
            call.ok() ? ("no " + model + " label").c_str() : call.status().message().c_str());
        ++errors;
      }
      call_of.resize(examples.size(), calls++);
      const std::string batch = call.ok() ? analysis::WriterBatch(call->id) : "";
      const int number = batches.emplace(batch, static_cast<int>(batches.size())).first->second;
      fold_of.push_back(number % kFolds);
      if (task->call_right) lines.push_back(line);
    });
    if (!opened) {
      std::fprintf(stderr, "converza train: cannot open %s\n", path.c_str());
      return 2;
    }
  }
  if (errors > 0 || examples.size() < 10) return 1;
  // Per example: the verdict the analyzer would give it.
  auto accuracy = [&](const analysis::LinearModel& m, const auto& begin, const auto& end) {
    int right = 0;
    for (auto it = begin; it != end; ++it) {
      const std::size_t got = task->refines_rules
                                  ? analysis::RefinedVerdict(m, it->first)
                                  : analysis::LinearModel::MostLikely(m.Probabilities(it->first));
      right += got == static_cast<std::size_t>(it->second);
    }
    return static_cast<double>(right) / static_cast<double>(end - begin);
  };
  // The field as the analyzer reports it (the call's upsell total, not each offer), per call,
  // from models fitted without the call; nullopt for tasks without `call_right`.
  auto calls_right = [&](const analysis::TrainOptions& o,
                         std::vector<std::string>* wrong) -> std::optional<double> {
    if (!task->call_right) return std::nullopt;
    int right = 0, scored = 0;
    for (int k = 0; k < kFolds; ++k) {
      Examples fit;
      for (std::size_t i = 0; i < examples.size(); ++i) {
        if (fold_of[call_of[i]] != k) fit.push_back(examples[i]);
      }
      const auto m = analysis::LinearModel::Train(fit, classes, o);
      for (std::size_t c = 0; c < lines.size(); ++c) {
        if (fold_of[c] != k) continue;
        auto call = analysis::ParseCallLine(lines[c]);
        if (!call.ok() || !call->labels) continue;
        std::vector<analysis::Turn> turns;
        const auto got =
            task->call_right(m, *call->labels, analysis::PrepareTurns(call->segments, &turns));
        if (!got) continue;
        ++scored;
        right += *got ? 1 : 0;
        if (!*got) wrong->push_back(call->id);
      }
    }
    return scored ? static_cast<double>(right) / scored : 0.0;
  };
  // The L2 strength is chosen by 5-fold cross-validation on these calls alone, each writer's
  // batch in one fold (analysis::WriterBatch; a held-out set must not choose it) — by the per-call
  // figure where the task has one — then the model is fitted to all of them. The best figure wins,
  // the stronger strength on a tie. (Taking the strongest within 0.005 of the best, as a guard
  // against noise, chose 0.1 for converted where 0.03 scored best, and lost 2-5 points on every
  // independent set: docs/benchmarks.md, 2026-12-06.) The grid reaches down to 1e-5 because the
  // script model's figure kept rising below 0.0003 (0.925 at 0.0003, 0.933 at 1e-5).
  struct Tried {
    analysis::TrainOptions options;
    double score;
    std::vector<std::string> wrong;
  };
  std::vector<Tried> tried;
  for (double l2 : {0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3}) {
    analysis::TrainOptions o;
    o.l2 = l2;
    o.min_count = task->min_count;
    double sum = 0;
    for (int k = 0; k < kFolds; ++k) {
      Examples fit, test;
      for (std::size_t i = 0; i < examples.size(); ++i) {
        (fold_of[call_of[i]] == k ? test : fit).push_back(examples[i]);
      }
      sum += accuracy(analysis::LinearModel::Train(fit, classes, o), test.begin(), test.end());
    }
    std::vector<std::string> wrong;
    const auto per_call = calls_right(o, &wrong);
    std::printf("l2 %-7g cross-validated accuracy %.3f", l2, sum / kFolds);
    if (per_call) std::printf(", calls right %.3f", *per_call);
    std::printf("\n");
    tried.push_back({o, per_call.value_or(sum / kFolds), std::move(wrong)});
  }
  const Tried* chosen = &tried.front();
  for (const auto& t : tried) {
    if (t.score >= chosen->score) chosen = &t;  // the strengths are tried weakest first
  }
  const analysis::TrainOptions options = chosen->options;
  const double best = chosen->score;
  const std::vector<std::string>& best_wrong = chosen->wrong;
  if (!wrong_out.empty()) {
    std::ofstream file(wrong_out, std::ios::trunc);
    for (const auto& id : best_wrong) file << id << '\n';
  }
  const auto fitted = analysis::LinearModel::Train(examples, classes, options);
  std::ofstream file(out, std::ios::trunc);
  file << "// Generated by `converza train` from labelled calls; do not edit.\nR\"tsv("
       << fitted.Serialize() << ")tsv\"\n";
  file.close();
  if (!file) {
    std::fprintf(stderr, "converza train: cannot write %s\n", out.c_str());
    return 2;
  }
  std::printf("%s model: %zu examples, l2 %g, %zu weight rows, cross-validated %.3f -> %s\n",
              model.c_str(), examples.size(), options.l2, fitted.size(), best, out.c_str());
  return 0;
}

}  // namespace converza::cli
