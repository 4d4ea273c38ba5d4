#include "analysis/insight.h"

#include <boost/json.hpp>
#include <cmath>

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

// Validation helpers: each returns an error message or empty.
struct Checker {
  std::string error;
  const json::value* Field(const json::object& o, std::string_view key, std::string_view path) {
    auto it = o.find(key);
    if (it == o.end()) {
      Fail(std::string(path) + std::string(key) + ": missing");
      return nullptr;
    }
    return &it->value();
  }
  void Fail(std::string msg) {
    if (error.empty()) error = std::move(msg);
  }
  bool Bool(const json::object& o, std::string_view key, std::string_view path, bool* out) {
    auto* v = Field(o, key, path);
    if (!v) return false;
    if (!v->is_bool()) {
      Fail(std::string(path) + std::string(key) + ": expected a boolean");
      return false;
    }
    *out = v->get_bool();
    return true;
  }
  bool String(const json::object& o, std::string_view key, std::string_view path,
              std::string* out) {
    auto* v = Field(o, key, path);
    if (!v) return false;
    if (!v->is_string()) {
      Fail(std::string(path) + std::string(key) + ": expected a string");
      return false;
    }
    *out = std::string(v->get_string());
    return true;
  }
  bool Int(const json::object& o, std::string_view key, std::string_view path, long long lo,
           long long hi, long long* out) {
    auto* v = Field(o, key, path);
    if (!v) return false;
    long long x;
    if (v->is_int64()) {
      x = v->get_int64();
    } else if (v->is_uint64() && v->get_uint64() <= 9007199254740992ull) {
      x = static_cast<long long>(v->get_uint64());
    } else if (v->is_double() && std::floor(v->get_double()) == v->get_double() &&
               std::fabs(v->get_double()) < 9e15) {
      x = static_cast<long long>(v->get_double());
    } else {
      Fail(std::string(path) + std::string(key) + ": expected an integer");
      return false;
    }
    if (x < lo || x > hi) {
      Fail(std::string(path) + std::string(key) + ": " + std::to_string(x) + " is out of range " +
           std::to_string(lo) + ".." + std::to_string(hi));
      return false;
    }
    *out = x;
    return true;
  }
  void NoExtra(const json::object& o, std::initializer_list<std::string_view> keys,
               std::string_view path) {
    for (auto& kv : o) {
      bool known = false;
      for (auto k : keys) known |= kv.key() == k;
      if (!known) Fail(std::string(path) + std::string(kv.key()) + ": unexpected property");
    }
  }
};

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
  json::object script, evidence;
  for (const auto& [key, r] : in.script) {
    script[key] = r.met;
    evidence[key] = r.evidence;
  }
  o["script"] = std::move(script);
  o["script_evidence"] = std::move(evidence);
  o["talk"] = TalkToJson(in.talk);
  o["ai_score"] = in.ai_score;
  o["summary"] = in.summary;
  json::array coaching;
  for (const auto& c : in.coaching)
    coaching.push_back(json::object{{"note", c.note}, {"at_ms", c.at_ms}});
  o["coaching"] = std::move(coaching);
  json::array red;
  for (const auto& r : in.redactions)
    red.push_back(json::object{{"kind", r.kind}, {"count", r.count}});
  o["redactions"] = std::move(red);
  o["analyzer"] = in.analyzer;
  o["prompt_version"] = in.prompt_version;
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
  json::object root = Obj({
      {"sentiment",
       Obj({{"score", json::object{{"type", "number"},
                                   {"description",
                                    "Customer sentiment -1..1, weighted toward "
                                    "the end of the call."}}},
            {"label", json::object{{"type", "string"},
                                   {"enum", json::array{"positive", "neutral", "negative"}}}}})},
      {"converted", json::object{{"type", "boolean"}}},
      {"converted_evidence", Str("Quote of the customer's commitment; empty when not converted.")},
      {"converted_at_ms", json::object{{"type", json::array{"integer", "null"}},
                                       {"description",
                                        "Start of the commitment turn in ms; "
                                        "null when not converted."}}},
      {"upsell_cents", json::object{{"type", "integer"},
                                    {"description", "Sum of the accepted upsell items, cents."}}},
      {"currency", Str("ISO 4217 code, e.g. USD.")},
      {"upsell_items",
       json::object{{"type", "array"},
                    {"items", Obj({{"name", Str("The add-on or upgrade accepted.")},
                                   {"cents", json::object{{"type", "integer"}}}})}}},
      {"script", Obj(std::move(script_props))},
      {"ai_score",
       json::object{{"type", "integer"}, {"description", "Overall call quality 0..100."}}},
      {"summary", Str("Two or three sentences: why the customer called, what happened, outcome.")},
      {"coaching", json::object{{"type", "array"},
                                {"description", "1 to 3 coaching notes for the agent."},
                                {"items", Obj({{"note", Str("Specific, actionable advice.")},
                                               {"at_ms", json::object{{"type", "integer"}}}})}}},
  });
  return json::serialize(root);
}

Result<Insight> InsightFromLlmJson(std::string_view text, const std::vector<ScriptItem>& script) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Status::InvalidArgument("insight: not valid JSON: " + ec.message());
  if (!v.is_object()) return Status::InvalidArgument("insight: expected a JSON object");
  const json::object& o = v.get_object();
  Checker c;
  Insight in;
  c.NoExtra(o,
            {"sentiment", "converted", "converted_evidence", "converted_at_ms", "upsell_cents",
             "currency", "upsell_items", "script", "ai_score", "summary", "coaching"},
            "");
  // sentiment
  if (auto* s = c.Field(o, "sentiment", ""); s) {
    if (!s->is_object()) {
      c.Fail("sentiment: expected an object");
    } else {
      const auto& so = s->get_object();
      c.NoExtra(so, {"score", "label"}, "sentiment.");
      if (auto* sc = c.Field(so, "score", "sentiment."); sc) {
        if (!sc->is_number()) {
          c.Fail("sentiment.score: expected a number");
        } else {
          double d = sc->to_number<double>();
          if (!(d >= -1.0 && d <= 1.0)) c.Fail("sentiment.score: must be within -1..1");
          in.sentiment.score = d;
        }
      }
      if (c.String(so, "label", "sentiment.", &in.sentiment.label) &&
          in.sentiment.label != "positive" && in.sentiment.label != "neutral" &&
          in.sentiment.label != "negative") {
        c.Fail("sentiment.label: must be positive, neutral or negative, got \"" +
               in.sentiment.label + "\"");
      }
    }
  }
  c.Bool(o, "converted", "", &in.converted);
  c.String(o, "converted_evidence", "", &in.converted_evidence);
  if (auto* at = c.Field(o, "converted_at_ms", ""); at) {
    if (at->is_null()) {
      in.converted_at_ms = -1;
    } else {
      long long x = 0;
      if (c.Int(o, "converted_at_ms", "", 0, 86'400'000, &x))
        in.converted_at_ms = static_cast<int>(x);
    }
  }
  c.Int(o, "upsell_cents", "", 0, 100'000'000'00LL, &in.upsell_cents);
  if (c.String(o, "currency", "", &in.currency)) {
    bool ok = in.currency.size() == 3;
    for (char ch : in.currency) ok &= ch >= 'A' && ch <= 'Z';
    if (!ok) c.Fail("currency: expected a 3-letter ISO 4217 code, got \"" + in.currency + "\"");
  }
  if (auto* items = c.Field(o, "upsell_items", ""); items) {
    if (!items->is_array()) {
      c.Fail("upsell_items: expected an array");
    } else {
      long long sum = 0;
      std::size_t idx = 0;
      for (const auto& it : items->get_array()) {
        std::string path = "upsell_items[" + std::to_string(idx++) + "].";
        if (!it.is_object()) {
          c.Fail(path.substr(0, path.size() - 1) + ": expected an object");
          continue;
        }
        UpsellItem u;
        c.NoExtra(it.get_object(), {"name", "cents"}, path);
        c.String(it.get_object(), "name", path, &u.name);
        c.Int(it.get_object(), "cents", path, 0, 100'000'000'00LL, &u.cents);
        sum += u.cents;
        in.upsell_items.push_back(std::move(u));
      }
      if (c.error.empty() && sum != in.upsell_cents) {
        c.Fail("upsell_cents: " + std::to_string(in.upsell_cents) +
               " is not the sum of upsell_items (" + std::to_string(sum) + ")");
      }
    }
  }
  if (auto* s = c.Field(o, "script", ""); s) {
    if (!s->is_object()) {
      c.Fail("script: expected an object");
    } else {
      const auto& so = s->get_object();
      for (auto& kv : so) {
        bool known = false;
        for (const auto& item : script) known |= item.key == kv.key();
        if (!known) c.Fail("script." + std::string(kv.key()) + ": not an item of the script");
      }
      for (const auto& item : script) {
        std::string path = "script." + item.key;
        auto it = so.find(item.key);
        if (it == so.end()) {
          c.Fail(path + ": missing");
          continue;
        }
        if (!it->value().is_object()) {
          c.Fail(path + ": expected an object");
          continue;
        }
        ScriptResult r;
        c.NoExtra(it->value().get_object(), {"met", "evidence"}, path + ".");
        c.Bool(it->value().get_object(), "met", path + ".", &r.met);
        c.String(it->value().get_object(), "evidence", path + ".", &r.evidence);
        in.script[item.key] = std::move(r);
      }
    }
  }
  long long score = 0;
  if (c.Int(o, "ai_score", "", 0, 100, &score)) in.ai_score = static_cast<int>(score);
  c.String(o, "summary", "", &in.summary);
  if (auto* co = c.Field(o, "coaching", ""); co) {
    if (!co->is_array()) {
      c.Fail("coaching: expected an array");
    } else if (co->get_array().empty() || co->get_array().size() > 3) {
      c.Fail("coaching: expected 1 to 3 notes, got " + std::to_string(co->get_array().size()));
    } else {
      std::size_t idx = 0;
      for (const auto& n : co->get_array()) {
        std::string path = "coaching[" + std::to_string(idx++) + "].";
        if (!n.is_object()) {
          c.Fail(path.substr(0, path.size() - 1) + ": expected an object");
          continue;
        }
        CoachingNote note;
        long long at = 0;
        c.NoExtra(n.get_object(), {"note", "at_ms"}, path);
        c.String(n.get_object(), "note", path, &note.note);
        if (c.Int(n.get_object(), "at_ms", path, 0, 86'400'000, &at))
          note.at_ms = static_cast<int>(at);
        in.coaching.push_back(std::move(note));
      }
    }
  }
  if (!c.error.empty()) return Status::InvalidArgument("insight: " + c.error);
  return in;
}

}  // namespace converza::analysis
