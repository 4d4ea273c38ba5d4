// `converza analyze FILE.jsonl` and `converza eval FILE.jsonl...` (DESIGN.md "Command line"):
// offline batch analysis of transcripts, and accuracy of the analyzer against labelled calls. Both
// use the rules analyzer for now; the OpenAI analyzer is selected elsewhere once its transport
// exists.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "analysis/call_input.h"
#include "analysis/evaluation.h"
#include "analysis/insight.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "cli/commands.h"

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

}  // namespace

int Analyze(const Config& /*config*/, const std::string& path) {
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
    analysis::Insight insight = analysis::AnalyzeCallWithRules(call->segments, script);
    std::string out = analysis::InsightToJson(insight, call->id);
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

int Eval(const Config& /*config*/, const std::vector<std::string>& paths) {
  const auto script = analysis::DefaultScript();
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
      evaluation.Add(*call, analysis::AnalyzeCallWithRules(call->segments, call_script));
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
  std::printf("Evaluation of the rules analyzer\n\n%s",
              analysis::FormatEvaluations(sets, order).c_str());
  if (errors > 0) {
    std::fprintf(stderr, "converza eval: %d line(s) failed\n", errors);
    return 1;
  }
  return 0;
}

}  // namespace converza::cli
