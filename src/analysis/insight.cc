#include "analysis/insight.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <optional>

namespace converza::analysis {
namespace json = boost::json;
namespace {

double Round(double v, double unit) { return std::round(v / unit) * unit; }

json::object TalkToJson(const TalkMetrics& t) {
  json::object o;
  o["agent_ms"] = t.agent_ms;
  o["customer_ms"] = t.customer_ms;
  o["talk_listen_ratio"] = Round(t.talk_listen_ratio, 0.01);
  o["longest_monologue_ms"] = t.longest_monologue_ms;
  o["longest_monologue_speaker"] = SpeakerName(t.longest_monologue_speaker);
  o["longest_monologue_start_ms"] = t.longest_monologue_start_ms;
  o["silence_share"] = Round(t.silence_share, 0.001);
  o["interruptions"] = t.interruptions;
  o["agent_wpm"] = Round(t.agent_wpm, 0.1);
  o["customer_wpm"] = Round(t.customer_wpm, 0.1);
  o["duration_ms"] = t.duration_ms;
  return o;
}

// Schema helpers.
json::object Str(std::string_view description) {
  return {{"type", "string"}, {"description", description}};
}
json::object Obj(json::object properties) {
  json::array required;
  for (auto& kv : properties) required.emplace_back(kv.key());
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

json::object Int(long long lo, long long hi, std::string_view description = {}) {
  json::object o{{"type", "integer"}, {"minimum", lo}, {"maximum", hi}};
  if (!description.empty()) o["description"] = description;
  return o;
}

// A moment in the call: ms from the start, or null when there is none.
// The objection kinds an LLM may name, plus "none".
json::array ObjectionKindEnum() {
  json::array kinds{"none"};
  for (auto k : kObjectionKinds) kinds.emplace_back(k);
  return kinds;
}

json::object Moment(std::string_view description) {
  return {{"type", json::array{"integer", "null"}},
          {"minimum", 0},
          {"maximum", kMaxMomentMs},
          {"description", description}};
}

// Keeps text storable and bounded: drops NUL and other C0 controls but \n and \t (jsonb
// refuses U+0000), then cuts at `max` bytes on a UTF-8 boundary. Returns whether it cut.
bool Clean(std::string* s, std::size_t max) {
  std::string out;
  out.reserve(s->size());
  for (char ch : *s) {
    auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 && ch != '\n' && ch != '\t') continue;
    if (u == 0x7f) continue;
    out += ch;
  }
  bool cut = out.size() > max;
  if (cut) {
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
    out.resize(n);
  }
  *s = std::move(out);
  return cut;
}

// Reads one LLM answer field by field; a field that fails a check is noted for review.
class Reader {
 public:
  explicit Reader(std::vector<ReviewNote>* review) : review_(review) {}

  void Note(std::string field, std::string reason) {
    review_->push_back({std::move(field), std::move(reason)});
  }

  // The member or null; notes a missing member.
  const json::value* Get(const json::object& o, std::string_view key, const std::string& path) {
    auto it = o.find(key);
    if (it != o.end()) return &it->value();
    Note(path, "missing");
    return nullptr;
  }

  std::optional<std::string> Text(const json::object& o, std::string_view key,
                                  const std::string& path, std::size_t max) {
    auto* v = Get(o, key, path);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      Note(path, "expected a string; dropped");
      return std::nullopt;
    }
    std::string s(v->get_string());
    if (Clean(&s, max)) Note(path, "longer than " + std::to_string(max) + " bytes; shortened");
    return s;
  }

  // An integer in lo..hi (JSON numbers such as 3.0 count); nullopt with a note otherwise.
  std::optional<long long> Integer(const json::value& v, const std::string& path, long long lo,
                                   long long hi) {
    std::optional<long long> x;
    if (v.is_int64()) {
      x = v.get_int64();
    } else if (v.is_uint64()) {
      x = v.get_uint64() <= static_cast<std::uint64_t>(hi) ? static_cast<long long>(v.get_uint64())
                                                           : hi + 1;
    } else if (v.is_double() && std::floor(v.get_double()) == v.get_double() &&
               std::fabs(v.get_double()) < 9e15) {
      x = static_cast<long long>(v.get_double());
    }
    if (!x) {
      Note(path, "expected an integer; dropped");
      return std::nullopt;
    }
    if (*x < lo || *x > hi) {
      Note(path, std::to_string(*x) + " is outside " + std::to_string(lo) + ".." +
                     std::to_string(hi) + "; dropped");
      return std::nullopt;
    }
    return x;
  }

  // A moment (ms) or -1: null means "no moment"; past the call's end is dropped.
  int MomentMs(const json::object& o, std::string_view key, const std::string& path,
               int duration_ms) {
    auto* v = Get(o, key, path);
    if (!v || v->is_null()) return -1;
    auto x = Integer(*v, path, 0, kMaxMomentMs);
    if (!x) return -1;
    if (duration_ms > 0 && *x > duration_ms) {
      Note(path, std::to_string(*x) + " ms is past the end of the call (" +
                     std::to_string(duration_ms) + " ms); no moment");
      return -1;
    }
    return static_cast<int>(*x);
  }

 private:
  std::vector<ReviewNote>* review_;
};

std::string Path(std::string_view base, std::size_t index, std::string_view member = {}) {
  std::string p = std::string(base) + "[" + std::to_string(index) + "]";
  if (!member.empty()) p += "." + std::string(member);
  return p;
}

}  // namespace

const char* SentimentLabel(double score) {
  if (score >= kPositiveThreshold) return "positive";
  if (score <= kNegativeThreshold) return "negative";
  return "neutral";
}

std::string InsightToJson(const Insight& in, std::string_view id) {
  json::object o;
  if (!id.empty()) o["id"] = id;
  o["converted"] = in.converted;
  o["converted_evidence"] = in.converted_evidence;
  o["converted_at_ms"] = in.converted_at_ms;
  o["upsell_cents"] = in.upsell_cents;
  o["currency"] = in.currency;
  json::array items;
  for (const auto& u : in.upsell_items)
    items.push_back(json::object{{"name", u.name}, {"cents", u.cents}});
  o["upsell_items"] = std::move(items);
  o["sentiment"] =
      json::object{{"score", Round(in.sentiment.score, 0.01)}, {"label", in.sentiment.label}};
  json::object script, evidence, at;
  for (const auto& [key, r] : in.script) {
    script[key] = r.met;
    evidence[key] = r.evidence;
    if (r.at_ms >= 0) at[key] = r.at_ms;
  }
  o["script"] = std::move(script);
  o["script_evidence"] = std::move(evidence);
  o["script_at_ms"] = std::move(at);
  json::object confidence;
  for (const auto& [field, v] : in.confidence) confidence[field] = v;
  o["confidence"] = std::move(confidence);
  o["talk"] = TalkToJson(in.talk);
  if (in.ai_score >= 0) {
    o["ai_score"] = in.ai_score;
  } else {
    o["ai_score"] = nullptr;
  }
  o["summary"] = in.summary;
  json::array coaching;
  for (const auto& c : in.coaching)
    coaching.push_back(json::object{
        {"note", c.note}, {"at_ms", c.at_ms >= 0 ? json::value(c.at_ms) : json::value(nullptr)}});
  o["coaching"] = std::move(coaching);
  if (in.objection.kind.empty()) {
    o["objection"] = nullptr;
  } else {
    o["objection"] =
        json::object{{"kind", in.objection.kind},
                     {"quote", in.objection.quote},
                     {"at_ms", in.objection.at_ms >= 0 ? json::value(in.objection.at_ms)
                                                       : json::value(nullptr)}};
  }
  json::array red;
  for (const auto& r : in.redactions)
    red.push_back(json::object{{"kind", r.kind}, {"count", r.count}});
  o["redactions"] = std::move(red);
  o["analyzer"] = in.analyzer;
  o["prompt_version"] = in.prompt_version;
  json::array review;
  for (const auto& n : in.review)
    review.push_back(json::object{{"field", n.field}, {"reason", n.reason}});
  o["review"] = std::move(review);
  json::array flags;
  for (const auto& f : in.flags) flags.push_back(json::string(f));
  o["flags"] = std::move(flags);
  return json::serialize(o);
}

std::string InsightJsonSchema(const std::vector<ScriptItem>& script) {
  json::object script_props;
  for (const auto& item : script) {
    json::object one = Obj({{"met", json::object{{"type", "boolean"}}},
                            {"evidence", Str("Short verbatim quote showing the item was met; "
                                             "empty string when missed.")}});
    one["description"] = item.label + ": " + item.description;
    script_props[item.key] = std::move(one);
  }
  json::object score{
      {"type", "number"},
      {"minimum", -1},
      {"maximum", 1},
      {"description", "Customer sentiment -1..1, weighted toward the end of the call."}};
  json::object currency = Str("ISO 4217 code, e.g. USD.");
  currency["pattern"] = "^[A-Z]{3}$";
  json::object root = Obj({
      {"sentiment",
       Obj({{"score", std::move(score)},
            {"label", json::object{{"type", "string"},
                                   {"enum", json::array{"positive", "neutral", "negative"}}}}})},
      {"converted", json::object{{"type", "boolean"}}},
      {"converted_evidence",
       Str("Verbatim quote of the line that decided the verdict: the customer's commitment, or "
           "when not converted the line where they declined or deferred; empty only when no "
           "line decides it.")},
      {"converted_at_ms", Moment("Start of that turn in ms; null without a quote.")},
      {"upsell_cents", Int(0, kMaxCents, "Sum of the accepted upsell items, cents.")},
      {"currency", std::move(currency)},
      {"upsell_items",
       json::object{{"type", "array"},
                    {"maxItems", kMaxUpsellItems},
                    {"description", "Accepted add-ons or upgrades; empty when none."},
                    {"items", Obj({{"name", Str("The add-on or upgrade accepted.")},
                                   {"cents", Int(0, kMaxCents)}})}}},
      {"script", Obj(std::move(script_props))},
      {"ai_score", Int(0, 100, "Overall call quality 0..100.")},
      {"summary", Str("Two or three sentences in your own words: what the customer wanted, what "
                      "the agent did and how the call ended; do not repeat the opening line.")},
      {"objection",
       Obj({{"kind", json::object{{"type", "string"},
                                  {"enum", ObjectionKindEnum()},
                                  {"description",
                                   "The customer's last objection or blocker; none when they "
                                   "raised none."}}},
            {"quote", Str("Verbatim quote of the customer raising it; empty when none.")},
            {"at_ms", Moment("Start of that turn in ms; null when none.")}})},
      {"coaching",
       json::object{
           {"type", "array"},
           {"maxItems", kMaxCoachingNotes},
           {"description",
            "Up to 3 coaching notes for the agent; empty when there is nothing to "
            "coach."},
           {"items", Obj({{"note", Str("Specific, actionable advice.")},
                          {"at_ms", Moment("The moment the note refers to, in ms; null when it "
                                           "is about something that never happened.")}})}}},
  });
  return json::serialize(root);
}

Result<Insight> InsightFromLlmJson(std::string_view text, const std::vector<ScriptItem>& script,
                                   int call_duration_ms) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Status::InvalidArgument("insight: not valid JSON: " + ec.message());
  if (!v.is_object()) return Status::InvalidArgument("insight: expected a JSON object");
  const json::object& o = v.get_object();
  Insight in;
  Reader r(&in.review);

  // The headline fields: without them the answer cannot be used.
  const json::value* conv = o.if_contains("converted");
  if (!conv || !conv->is_bool()) {
    return Status::InvalidArgument("insight: converted: expected a boolean");
  }
  in.converted = conv->get_bool();
  const json::value* sent = o.if_contains("sentiment");
  const json::value* label =
      sent && sent->is_object() ? sent->get_object().if_contains("label") : nullptr;
  if (!label || !label->is_string() ||
      (label->get_string() != "positive" && label->get_string() != "neutral" &&
       label->get_string() != "negative")) {
    return Status::InvalidArgument(
        "insight: sentiment.label: expected positive, neutral or negative");
  }
  in.sentiment.label = std::string(label->get_string());

  static constexpr std::string_view kKnown[] = {
      "sentiment",    "converted", "converted_evidence", "converted_at_ms",
      "upsell_cents", "currency",  "upsell_items",       "script",
      "ai_score",     "summary",   "coaching",           "objection"};
  for (const auto& kv : o) {
    if (std::find(std::begin(kKnown), std::end(kKnown), kv.key()) == std::end(kKnown)) {
      r.Note(std::string(kv.key()), "not part of the schema; ignored");
    }
  }

  // Sentiment: the label is the verdict; the score must lie in its band.
  {
    const double lo = in.sentiment.label == "positive"   ? kPositiveThreshold
                      : in.sentiment.label == "negative" ? -1.0
                                                         : kNegativeThreshold + 0.01;
    const double hi = in.sentiment.label == "positive"   ? 1.0
                      : in.sentiment.label == "negative" ? kNegativeThreshold
                                                         : kPositiveThreshold - 0.01;
    const json::value* sc = sent->get_object().if_contains("score");
    if (!sc || !sc->is_number()) {
      in.sentiment.score = (lo + hi) / 2;
      r.Note("sentiment.score", "missing or not a number; set from the label");
    } else {
      double d = sc->to_number<double>();
      in.sentiment.score = std::clamp(d, lo, hi);
      if (in.sentiment.score != d) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%.2f does not fit the label %s; moved to %.2f", d,
                      in.sentiment.label.c_str(), in.sentiment.score);
        r.Note("sentiment.score", buf);
      }
    }
  }

  in.converted_evidence = r.Text(o, "converted_evidence", "converted_evidence", 1000).value_or("");
  in.converted_at_ms = r.MomentMs(o, "converted_at_ms", "converted_at_ms", call_duration_ms);
  if (in.converted_evidence.empty()) in.converted_at_ms = -1;  // a moment needs its quote

  // Optional: answers from before the objection was asked for (prompt v3) have none.
  if (const json::value* ob = o.if_contains("objection"); ob && !ob->is_null()) {
    const json::object* oo = ob->if_object();
    const json::value* kind = oo ? oo->if_contains("kind") : nullptr;
    if (!kind || !kind->is_string()) {
      r.Note("objection", "expected an object with a kind; dropped");
    } else if (kind->get_string() != "none") {
      if (!IsObjectionKind(kind->get_string())) {
        r.Note("objection.kind", "not a known kind; dropped");
      } else {
        in.objection.kind = std::string(kind->get_string());
        in.objection.quote = r.Text(*oo, "quote", "objection.quote", 1000).value_or("");
        in.objection.at_ms = r.MomentMs(*oo, "at_ms", "objection.at_ms", call_duration_ms);
      }
    }
  }

  // Upsell: the items are the evidence, the total is derived from them.
  long long sum = 0;
  if (auto* items = r.Get(o, "upsell_items", "upsell_items"); items) {
    if (!items->is_array()) {
      r.Note("upsell_items", "expected an array; dropped");
    } else {
      std::size_t idx = 0;
      for (const auto& it : items->get_array()) {
        std::string path = Path("upsell_items", idx++);
        if (in.upsell_items.size() == static_cast<std::size_t>(kMaxUpsellItems)) {
          r.Note(path, "more than " + std::to_string(kMaxUpsellItems) + " items; dropped");
          break;
        }
        if (!it.is_object()) {
          r.Note(path, "expected an object; dropped");
          continue;
        }
        const auto& io = it.get_object();
        auto name = r.Text(io, "name", path + ".name", 200);
        auto* cv = r.Get(io, "cents", path + ".cents");
        auto cents = cv ? r.Integer(*cv, path + ".cents", 0, kMaxCents) : std::nullopt;
        if (!name || !cents) continue;  // noted above
        sum += *cents;
        in.upsell_items.push_back({std::move(*name), *cents});
      }
    }
  }
  in.upsell_cents = sum;
  if (auto* total = r.Get(o, "upsell_cents", "upsell_cents"); total) {
    auto t = r.Integer(*total, "upsell_cents", 0, kMaxCents);
    if (t && *t != sum) {
      r.Note("upsell_cents", std::to_string(*t) + " is not the sum of the upsell items (" +
                                 std::to_string(sum) + "); the items' sum is used");
    }
  }
  // An accepted add-on or upgrade is itself a conversion (DESIGN.md), so an answer with an upsell
  // in a call it says did not convert contradicts itself. Which field is wrong cannot be told
  // from the answer: both are kept, and the manager asked to check. (The rules analyzer, whose
  // conversion is the better measured of its two, clears the upsell instead.)
  if (!in.converted && in.upsell_cents > 0) {
    r.Note("upsell_cents", "an upsell in a call the answer says did not convert; check both");
  }
  if (auto cur = r.Text(o, "currency", "currency", 16); cur) {
    bool ok = cur->size() == 3;
    for (char ch : *cur) ok &= ch >= 'A' && ch <= 'Z';
    if (ok) {
      in.currency = *cur;
    } else {
      r.Note("currency", "\"" + *cur + "\" is not an ISO 4217 code; USD is used");
    }
  }

  // Script: every item of the tenant's checklist gets a verdict.
  const json::value* sv = r.Get(o, "script", "script");
  const json::object* so = sv ? sv->if_object() : nullptr;
  if (sv && !so) r.Note("script", "expected an object; every item counted as not met");
  if (so) {
    for (const auto& kv : *so) {
      bool known = false;
      for (const auto& item : script) known |= item.key == kv.key();
      if (!known) r.Note("script." + std::string(kv.key()), "not an item of the script; ignored");
    }
  }
  for (const auto& item : script) {
    std::string path = "script." + item.key;
    ScriptResult res;
    const json::value* iv = so ? so->if_contains(item.key) : nullptr;
    if (so && !iv) r.Note(path, "missing; counted as not met");
    if (iv && !iv->is_object()) r.Note(path, "expected an object; counted as not met");
    if (iv && iv->is_object()) {
      const auto& io = iv->get_object();
      const json::value* met = r.Get(io, "met", path + ".met");
      if (met && !met->is_bool()) r.Note(path + ".met", "expected a boolean; counted as not met");
      res.met = met && met->is_bool() && met->get_bool();
      res.evidence = r.Text(io, "evidence", path + ".evidence", 1000).value_or("");
    }
    in.script[item.key] = std::move(res);
  }

  if (auto* sc = r.Get(o, "ai_score", "ai_score"); sc) {
    in.ai_score = static_cast<int>(r.Integer(*sc, "ai_score", 0, 100).value_or(-1));
  } else {
    in.ai_score = -1;
  }
  in.summary = r.Text(o, "summary", "summary", 2000).value_or("");

  if (auto* co = r.Get(o, "coaching", "coaching"); co) {
    if (!co->is_array()) {
      r.Note("coaching", "expected an array; dropped");
    } else {
      std::size_t idx = 0;
      for (const auto& n : co->get_array()) {
        std::string path = Path("coaching", idx++);
        if (in.coaching.size() == static_cast<std::size_t>(kMaxCoachingNotes)) {
          r.Note(path, "more than " + std::to_string(kMaxCoachingNotes) + " notes; dropped");
          break;
        }
        if (!n.is_object()) {
          r.Note(path, "expected an object; dropped");
          continue;
        }
        auto note = r.Text(n.get_object(), "note", path + ".note", 1000);
        if (!note || note->empty()) {
          if (note) r.Note(path + ".note", "empty; dropped");
          continue;
        }
        in.coaching.push_back({std::move(*note), r.MomentMs(n.get_object(), "at_ms",
                                                            path + ".at_ms", call_duration_ms)});
      }
    }
  }
  return in;
}

}  // namespace converza::analysis
