#include "analysis/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "analysis/confidence.h"

namespace converza::analysis {

void BinaryConfusion::Add(bool want, bool got) {
  if (want && got) ++tp;
  if (!want && got) ++fp;
  if (want && !got) ++fn;
  if (!want && !got) ++tn;
}

void Evaluation::Add(const CallInput& call, const Insight& answer) {
  if (!call.labels) return;
  ++calls_;
  const CallLabels& l = *call.labels;
  auto miss = [&](const std::string& field, const std::string& got, const std::string& want) {
    misses_.push_back(call.id + " " + field + ": got " + got + " want " + want);
  };
  auto yes_no = [](bool b) { return std::string(b ? "true" : "false"); };
  bool flagged = false;
  auto graded = [&](const std::string& group, const std::string& field, bool ok) {
    auto c = answer.confidence.find(field);
    if (c == answer.confidence.end()) return;
    by_confidence_[{group, c->second >= kNeedsReview}].Add(ok);
  };
  for (const auto& [field, v] : answer.confidence) flagged |= v < kNeedsReview;
  flagged_ += flagged ? 1 : 0;
  if (l.converted) {
    converted_.Add(*l.converted, answer.converted);
    graded("converted", "converted", answer.converted == *l.converted);
    overall_.Add(answer.converted == *l.converted);
    if (answer.converted != *l.converted)
      miss("converted", yes_no(answer.converted), yes_no(*l.converted));
  }
  if (l.upsell_cents) {
    const long long want = *l.upsell_cents;
    const bool exact = answer.upsell_cents == want;
    upsell_exact_.Add(exact);
    graded("upsell", "upsell", exact);
    upsell_close_.Add(std::llabs(answer.upsell_cents - want) <= std::llabs(want) / 20);
    overall_.Add(exact);
    if (!exact) miss("upsell_cents", std::to_string(answer.upsell_cents), std::to_string(want));
  }
  if (l.sentiment) {
    ++sentiment_[*l.sentiment][answer.sentiment.label];
    graded("sentiment", "sentiment", answer.sentiment.label == *l.sentiment);
    overall_.Add(answer.sentiment.label == *l.sentiment);
    if (answer.sentiment.label != *l.sentiment)
      miss("sentiment", answer.sentiment.label, *l.sentiment);
  }
  for (const auto& [key, want] : l.script) {
    auto it = answer.script.find(key);
    const bool got = it != answer.script.end() && it->second.met;
    items_[key].Add(want, got);
    graded("script", "script." + key, got == want);
    overall_.Add(got == want);
    if (got != want) miss("script." + key, yes_no(got), yes_no(want));
  }
}

Accuracy Evaluation::ByConfidence(const std::string& group, bool confident) const {
  auto it = by_confidence_.find({group, confident});
  return it == by_confidence_.end() ? Accuracy{} : it->second;
}

Accuracy Evaluation::sentiment() const {
  Accuracy a;
  for (const auto& [want, row] : sentiment_) {
    for (const auto& [got, n] : row) {
      a.right += want == got ? n : 0;
      a.total += n;
    }
  }
  return a;
}

Accuracy Evaluation::SentimentRecall(const std::string& label) const {
  Accuracy a;
  auto row = sentiment_.find(label);
  if (row == sentiment_.end()) return a;
  for (const auto& [got, n] : row->second) {
    a.right += got == label ? n : 0;
    a.total += n;
  }
  return a;
}

namespace {

std::string Cell(const Accuracy& a) {
  if (a.total == 0) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f (%d)", a.Rate(), a.total);
  return buf;
}

void Line(std::string& out, const std::string& name, const std::vector<std::string>& cells) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-30s", name.c_str());
  out += buf;
  for (const auto& c : cells) {
    std::snprintf(buf, sizeof buf, " %16s", c.c_str());
    out += buf;
  }
  out += "\n";
}

}  // namespace

std::string FormatEvaluations(const std::vector<std::pair<std::string, Evaluation>>& sets,
                              const std::vector<std::string>& item_order) {
  std::string out;
  auto row = [&](const std::string& name, auto cell) {
    std::vector<std::string> cells;
    for (const auto& [set_name, e] : sets) cells.push_back(cell(e));
    Line(out, name, cells);
  };
  std::vector<std::string> head;
  for (const auto& [name, e] : sets) head.push_back(name);
  Line(out, "field: accuracy (n)", head);
  row("calls", [](const Evaluation& e) { return std::to_string(e.calls()); });
  row("converted", [](const Evaluation& e) { return Cell(e.converted().accuracy()); });
  row("upsell_cents exact", [](const Evaluation& e) { return Cell(e.upsell_exact()); });
  row("upsell_cents within 5%", [](const Evaluation& e) { return Cell(e.upsell_within_5pct()); });
  row("sentiment label", [](const Evaluation& e) { return Cell(e.sentiment()); });
  for (const char* label : {"negative", "neutral", "positive"}) {
    row(std::string("  recall of ") + label,
        [&](const Evaluation& e) { return Cell(e.SentimentRecall(label)); });
  }
  // Script items: the script's order first, then any other key a label names.
  std::vector<std::string> keys = item_order;
  std::set<std::string> seen(keys.begin(), keys.end());
  for (const auto& [name, e] : sets) {
    for (const auto& [key, c] : e.script_items()) {
      if (seen.insert(key).second) keys.push_back(key);
    }
  }
  for (const auto& key : keys) {
    row("script." + key, [&](const Evaluation& e) {
      auto it = e.script_items().find(key);
      return it == e.script_items().end() ? std::string("-") : Cell(it->second.accuracy());
    });
  }
  row("overall (all fields)", [](const Evaluation& e) { return Cell(e.overall()); });
  // Does confidence mean anything? Accuracy of confident answers vs the ones flagged for review.
  for (const char* group : {"converted", "upsell", "sentiment", "script"}) {
    for (bool confident : {true, false}) {
      row(std::string(group) + (confident ? " confident" : " low-confidence"),
          [&](const Evaluation& e) { return Cell(e.ByConfidence(group, confident)); });
    }
  }
  row("share of calls flagged for review", [](const Evaluation& e) {
    return Cell(Accuracy{e.flagged_calls(), e.calls()});
  });

  for (const auto& [name, e] : sets) {
    out += "\n[" + name + "] sentiment: rows = label, columns = answer\n";
    Line(out, "", {"negative", "neutral", "positive"});
    for (const char* want : {"negative", "neutral", "positive"}) {
      std::vector<std::string> cells;
      auto r = e.sentiment_confusion().find(want);
      for (const char* got : {"negative", "neutral", "positive"}) {
        int n = 0;
        if (r != e.sentiment_confusion().end()) {
          auto c = r->second.find(got);
          n = c == r->second.end() ? 0 : c->second;
        }
        cells.push_back(std::to_string(n));
      }
      Line(out, want, cells);
    }
    out += "[" + name + "] yes/no fields: true pos, false pos, false neg, true neg\n";
    auto confusion = [&](const std::string& field, const BinaryConfusion& c) {
      Line(
          out, field,
          {std::to_string(c.tp), std::to_string(c.fp), std::to_string(c.fn), std::to_string(c.tn)});
    };
    Line(out, "", {"tp", "fp", "fn", "tn"});
    confusion("converted", e.converted());
    for (const auto& key : keys) {
      auto it = e.script_items().find(key);
      if (it != e.script_items().end()) confusion("script." + key, it->second);
    }
  }
  return out;
}

std::string WriterBatch(std::string_view id) {
  const std::size_t dash = id.find('-');
  if (dash == std::string_view::npos || dash < 2 || id[0] != 't') return "";
  const std::string_view batch = id.substr(0, dash);
  const bool numbered =
      std::all_of(batch.begin() + 1, batch.end(), [](char c) { return c >= '0' && c <= '9'; });
  return numbered ? std::string(batch) : "";
}

}  // namespace converza::analysis
