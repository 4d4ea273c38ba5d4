// `converza analyze FILE.jsonl` and `converza eval FILE.jsonl` (DESIGN.md "Command line"): offline
// batch analysis of transcripts, and accuracy of the analyzer against labelled calls. Both use the
// rules analyzer for now; the OpenAI analyzer is selected elsewhere once its transport exists.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "analysis/call_input.h"
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

struct Tally {
  int right = 0, total = 0;
  void Add(bool ok) {
    right += ok;
    ++total;
  }
  std::string Percent() const {
    if (total == 0) return "    -";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%5.1f%%", 100.0 * right / total);
    return buf;
  }
};

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

int Eval(const Config& /*config*/, const std::string& path) {
  const auto script = analysis::DefaultScript();
  Tally converted, upsell_exact, upsell_close, sentiment, overall;
  std::map<std::string, Tally> items;
  int errors = 0, calls = 0;
  bool verbose = std::getenv("EVAL_VERBOSE") != nullptr;
  bool opened = ForEachLine(path, [&](int n, const std::string& line) {
    auto call = analysis::ParseCallLine(line);
    if (!call.ok() || !call->labels) {
      std::fprintf(stderr, "converza eval: %s:%d: %s\n", path.c_str(), n,
                   call.ok() ? "labels: missing" : call.status().message().c_str());
      ++errors;
      return;
    }
    ++calls;
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
    analysis::Insight in = analysis::AnalyzeCallWithRules(call->segments, call_script);
    const auto& l = *call->labels;
    auto miss = [&](const char* field, const std::string& got, const std::string& want) {
      if (verbose) {
        std::fprintf(stderr, "MISS %s %s: got %s want %s\n", call->id.c_str(), field, got.c_str(),
                     want.c_str());
      }
    };
    if (l.converted) {
      bool ok = in.converted == *l.converted;
      converted.Add(ok);
      overall.Add(ok);
      if (!ok) miss("converted", in.converted ? "true" : "false", *l.converted ? "true" : "false");
    }
    if (l.upsell_cents) {
      long long want = *l.upsell_cents;
      bool exact = in.upsell_cents == want;
      upsell_exact.Add(exact);
      upsell_close.Add(std::llabs(in.upsell_cents - want) <= std::llround(0.05 * want));
      overall.Add(exact);
      if (!exact) miss("upsell_cents", std::to_string(in.upsell_cents), std::to_string(want));
    }
    if (l.sentiment) {
      bool ok = in.sentiment.label == *l.sentiment;
      sentiment.Add(ok);
      overall.Add(ok);
      if (!ok) {
        miss("sentiment", in.sentiment.label + " (" + std::to_string(in.sentiment.score) + ")",
             *l.sentiment);
      }
    }
    for (const auto& [key, want] : l.script) {
      auto it = in.script.find(key);
      bool got = it != in.script.end() && it->second.met;
      items[key].Add(got == want);
      overall.Add(got == want);
      if (got != want)
        miss(("script." + key).c_str(), got ? "true" : "false", want ? "true" : "false");
    }
  });
  if (!opened) {
    std::fprintf(stderr, "converza eval: cannot open %s\n", path.c_str());
    return 2;
  }
  std::printf("Evaluation of the rules analyzer on %d labelled calls (%s)\n\n", calls,
              path.c_str());
  std::printf("%-28s %8s %8s\n", "field", "accuracy", "n");
  auto row = [](const std::string& name, const Tally& t) {
    std::printf("%-28s %8s %8d\n", name.c_str(), t.Percent().c_str(), t.total);
  };
  row("converted", converted);
  row("upsell_cents (exact)", upsell_exact);
  row("upsell_cents (within 5%)", upsell_close);
  row("sentiment label", sentiment);
  for (const auto& item : script) {
    if (items.count(item.key)) row("script." + item.key, items[item.key]);
  }
  for (const auto& [key, t] : items) {
    bool known = false;
    for (const auto& item : script) known |= item.key == key;
    if (!known) row("script." + key, t);
  }
  row("overall (all fields)", overall);
  if (errors > 0) {
    std::fprintf(stderr, "converza eval: %d line(s) failed\n", errors);
    return 1;
  }
  return 0;
}

}  // namespace converza::cli
