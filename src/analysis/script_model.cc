#include "analysis/script_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "analysis/shipped_models.h"

namespace converza::analysis {
namespace {

const LinearModel& Model() { return Shipped(ShippedModel::kScript); }

constexpr std::size_t kWholeCall = static_cast<std::size_t>(-1);
constexpr std::size_t kOpeningTurns = 2;  // agent turns that hold a greeting or identity check
constexpr std::size_t kEndingTurns = 3;   // agent turns that hold a recap or closing

// A capitalised word inside a sentence is usually a name — of the company, the agent or the
// customer — which is what a greeting or an identity check says.
bool IsName(const std::string& text, const Token& tok) {
  return tok.begin < text.size() && std::isupper(static_cast<unsigned char>(text[tok.begin])) &&
         !tok.Is("i") && tok.text.rfind("i'", 0) != 0;
}

// True when the agent's first turn is only a salutation ("Hello?", "Hi there, yes?"): it names
// nothing, so it is no greeting by the definition. The tuning calls have no such opening, so
// the model never learned it; the rules decide those calls.
bool OpensWithBareSalutation(const std::vector<TokenizedTurn>& turns) {
  static const PhraseSet kSalutation = {"hello", "hi",      "hey",       "yes",     "yeah",
                                        "good",  "morning", "afternoon", "evening", "there"};
  for (const auto& t : turns) {
    if (t.turn->speaker != Speaker::kAgent) continue;
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
      if (t.tokens[i].IsWord() && !kSalutation.MatchAt(t.tokens, i)) return false;
    }
    return true;
  }
  return false;
}

// The call's features before they are named for an item: what all six items read.
std::vector<Feature> CallFeatures(const std::vector<TokenizedTurn>& turns,
                                  std::vector<std::size_t>* turn_of) {
  static constexpr std::uint32_t kAgent = WordHash("|a:"), kOpening = WordHash("|f:"),
                                 kEnding = WordHash("|l:");
  std::vector<Feature> out;
  auto add = [&](std::uint32_t id, float value, std::size_t turn) {
    out.push_back({id, value});
    if (turn_of) turn_of->push_back(turn);
  };
  std::size_t agent_turns = 0;
  for (const auto& t : turns) agent_turns += t.turn->speaker == Speaker::kAgent;
  const float agent_whole =
      1.0f / std::sqrt(static_cast<float>(std::max<std::size_t>(1, agent_turns)));
  std::size_t agent_index = 0;
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (turns[i].turn->speaker != Speaker::kAgent) continue;
    const std::string& text = turns[i].turn->text;
    const bool opening = agent_index < kOpeningTurns;
    const bool ending = agent_index + kEndingTurns >= agent_turns;
    ++agent_index;
    bool sentence_start = true;
    for (const Token& tok : turns[i].tokens) {
      if (!tok.IsWord()) {
        if (tok.Is("?")) add(CombineIds(kAgent, tok.hash), agent_whole, i);
        sentence_start = tok.Is(".") || tok.Is("?") || tok.Is("!");
        continue;
      }
      if (opening && !sentence_start && IsName(text, tok)) {
        add(FeatureId("|f:", "<Name>"), 1.0f, i);
      }
      sentence_start = false;
      add(CombineIds(kAgent, tok.hash), agent_whole, i);
      if (opening) add(CombineIds(kOpening, tok.hash), 1.0f, i);
      if (ending) add(CombineIds(kEnding, tok.hash), 1.0f, i);
    }
  }
  return out;
}

// The call's features named for one item, plus the item's bias and the rules' verdict.
std::vector<Feature> ForItem(const std::vector<Feature>& call, const std::string& key,
                             const ScriptResult& rules) {
  const std::uint32_t item = WordHash(key);
  std::vector<Feature> out;
  out.reserve(call.size() + 2);
  out.push_back({CombineIds(item, WordHash("|bias")), 1.0f});
  out.push_back({CombineIds(item, WordHash("|rules")), rules.met ? 1.0f : -1.0f});
  for (const Feature& f : call) out.push_back({CombineIds(item, f.id), f.value});
  return out;
}

}  // namespace

bool HasLearnedModel(const ScriptItem& item) {
  for (const ScriptItem& d : DefaultScript()) {
    if (d.key == item.key) return d.description == item.description;
  }
  return false;
}

std::vector<Feature> ScriptItemFeatures(const std::vector<TokenizedTurn>& turns,
                                        const std::string& key, const ScriptResult& rules,
                                        std::vector<std::size_t>* turn_of) {
  std::vector<Feature> call = CallFeatures(turns, turn_of);
  if (turn_of) turn_of->insert(turn_of->begin(), 2, kWholeCall);  // the bias and the verdict
  return ForItem(turn_of ? call : Coalesced(std::move(call)), key, rules);
}

void ApplyLearnedScript(const std::vector<TokenizedTurn>& turns,
                        const std::vector<ScriptItem>& script,
                        std::map<std::string, ScriptResult>& results,
                        std::map<std::string, double>* probability) {
  std::vector<Feature> call;  // computed on first use: a tenant's own script may need none
  for (const ScriptItem& item : script) {
    if (!HasLearnedModel(item)) continue;
    if (item.key == "greeting" && OpensWithBareSalutation(turns)) continue;
    if (call.empty()) call = Coalesced(CallFeatures(turns, nullptr));
    ScriptResult& r = results[item.key];
    double p = 0;
    const bool met = RefinedVerdict(Model(), ForItem(call, item.key, r), &p);
    if (probability) (*probability)[item.key] = p;
    if (!met) {
      r = ScriptResult{};
      continue;
    }
    if (r.met) continue;  // both say met: keep the rules' quote
    std::vector<std::size_t> turn_of;
    const std::vector<Feature> features = ScriptItemFeatures(turns, item.key, r, &turn_of);
    const std::vector<double> push = Model().Push(features, turn_of, turns.size(), 1, 0);
    r.met = true;
    double top = 0;
    for (std::size_t i = 0; i < turns.size(); ++i) {
      if (turns[i].turn->speaker != Speaker::kAgent || push[i] <= top) continue;
      top = push[i];
      const std::string& text = turns[i].turn->text;
      r.evidence = text.size() > 200 ? text.substr(0, 197) + "..." : text;
      r.at_ms = turns[i].turn->start_ms;
    }
  }
}

}  // namespace converza::analysis
