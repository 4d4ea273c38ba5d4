#include "analysis/script_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "analysis/grounding.h"
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

// Where in the call an item can happen, by the agent's turn index: a greeting opens the call,
// a recap or closing ends it (the windows the features use), the rest anywhere.
bool BelongsAt(const std::string& key, std::size_t agent_index, std::size_t agent_turns) {
  if (key == "greeting") return agent_index < kOpeningTurns;
  if (key == "recap" || key == "closing") return agent_index + kEndingTurns >= agent_turns;
  return true;
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
    if (agent_index == 0) add(FeatureId("|f:", BusinessNamed(turns[i])), 1.0f, i);
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

std::string_view BusinessNamed(const TokenizedTurn& first) {
  static const PhraseSet kIntro = {"this is",  "my name is",      "my name's", "my names",
                                   "speaking", "you're speaking", "it's",      "i'm"};
  static const PhraseSet kLeadIn = {"calling", "reached", "welcome to", "through to"};
  // Lower-case ASR text has no capitals to go by: "comfort pro heating and air this is vince".
  // Two or more words before the introduction, past any hello, are a name; "hi rachel it's ben"
  // has one.
  static const PhraseSet kHello = {"hi",      "hello", "hey",    "good",  "morning", "afternoon",
                                   "evening", "there", "thanks", "thank", "you",     "for",
                                   "um",      "uh",    "yes",    "yeah",  "oh",      "okay"};
  const auto& t = first.tokens;
  const std::string& text = first.turn->text;
  std::size_t intro = t.size();
  kIntro.Find(t, 0, t.size(), &intro);
  bool sentence_start = true, capital = false;
  std::size_t lead_in = std::string::npos;
  int named = 0;  // words before the introduction that are no hello
  for (std::size_t i = 0; i < intro; ++i) {
    if (!t[i].IsWord()) {
      sentence_start = t[i].Is(".") || t[i].Is("?") || t[i].Is("!");
      continue;
    }
    capital |= !sentence_start && IsName(text, t[i]);
    sentence_start = false;
    if (lead_in == std::string::npos && kLeadIn.MatchAt(t, i)) lead_in = i;
    named += !kHello.MatchAt(t, i);
  }
  if (capital) return "<Business:capital>";
  if (lead_in != std::string::npos) {
    int words = 0;
    for (std::size_t i = lead_in + 1; i < intro; ++i) words += t[i].IsWord() && !t[i].Is("to");
    if (words >= 1) return "<Business:after-lead-in>";
  }
  if (intro == t.size()) return "<Business:none>";
  if (named >= 2) return "<Business:words-before>";
  // Or after it: "this is wellspring pharmacy calling for" (two words or more before "calling":
  // "this is amy calling" names the agent), "it's derek with sunward energy".
  for (std::size_t i = intro + 1; i < t.size() && i < intro + 8; ++i) {
    if (!t[i].IsWord()) break;
    if ((t[i].Is("with") || t[i].Is("from")) && i + 1 < t.size() && t[i + 1].IsWord()) {
      return "<Business:after-intro>";
    }
    if (t[i].Is("calling") && i >= intro + 4) return "<Business:after-intro>";
  }
  return "<Business:none>";
}

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
  std::size_t agent_turns = 0;
  for (const auto& t : turns) agent_turns += t.turn->speaker == Speaker::kAgent;
  for (const ScriptItem& item : script) {
    if (!HasLearnedModel(item)) continue;
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
    // The agent turn, where the item belongs, that pushed hardest toward "met" is its quote;
    // without one the finding has nothing to show for it and the rules' "missed" stands.
    std::vector<std::size_t> turn_of;
    const std::vector<Feature> features = ScriptItemFeatures(turns, item.key, r, &turn_of);
    std::vector<bool> in_place(turns.size());
    for (std::size_t i = 0, agent = 0; i < turns.size(); ++i) {
      if (turns[i].turn->speaker == Speaker::kAgent) {
        in_place[i] = BelongsAt(item.key, agent++, agent_turns);
      }
    }
    const std::size_t at = CarryingTurn(Model(), features, turn_of, in_place, 1, /*alone=*/false);
    if (at >= turns.size()) continue;
    const std::string& text = turns[at].turn->text;
    r.met = true;
    r.evidence = ShortQuote(text);
    r.at_ms = turns[at].turn->start_ms;
  }
}

}  // namespace converza::analysis
