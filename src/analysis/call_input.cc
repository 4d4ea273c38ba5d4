#include "analysis/call_input.h"

#include <boost/json.hpp>
#include <cmath>

namespace converza::analysis {
namespace json = boost::json;

Result<CallInput> ParseCallLine(std::string_view line) {
  boost::system::error_code ec;
  json::value v = json::parse(line, ec);
  if (ec) return Status::InvalidArgument("not valid JSON: " + ec.message());
  if (!v.is_object()) return Status::InvalidArgument("expected a JSON object");
  const json::object& o = v.get_object();
  CallInput in;
  auto id = o.find("id");
  if (id == o.end()) return Status::InvalidArgument("id: missing");
  if (id->value().is_string()) {
    in.id = std::string(id->value().get_string());
  } else if (id->value().is_number()) {
    in.id = json::serialize(id->value());
  } else {
    return Status::InvalidArgument("id: expected a string");
  }
  auto turns = o.find("turns");
  if (turns == o.end() || !turns->value().is_array()) {
    return Status::InvalidArgument("turns: expected an array");
  }
  std::size_t idx = 0;
  for (const auto& t : turns->value().get_array()) {
    std::string path = "turns[" + std::to_string(idx++) + "]";
    if (!t.is_object()) return Status::InvalidArgument(path + ": expected an object");
    const auto& to = t.get_object();
    Segment s;
    auto sp = to.find("speaker");
    if (sp == to.end() || !sp->value().is_string()) {
      return Status::InvalidArgument(path + ".speaker: expected \"agent\" or \"customer\"");
    }
    std::string_view speaker = sp->value().get_string();
    if (speaker == "agent") {
      s.speaker = Speaker::kAgent;
    } else if (speaker == "customer") {
      s.speaker = Speaker::kCustomer;
    } else {
      return Status::InvalidArgument(path + ".speaker: expected \"agent\" or \"customer\", got \"" +
                                     std::string(speaker) + "\"");
    }
    double times[2];
    const char* names[2] = {"start", "end"};
    for (int k = 0; k < 2; ++k) {
      auto f = to.find(names[k]);
      if (f == to.end() || !f->value().is_number()) {
        return Status::InvalidArgument(path + "." + names[k] + ": expected a number of seconds");
      }
      times[k] = f->value().to_number<double>();
      if (!(times[k] >= 0 && times[k] < 86400)) {
        return Status::InvalidArgument(path + "." + names[k] + ": out of range");
      }
    }
    if (times[1] < times[0]) return Status::InvalidArgument(path + ".end: before start");
    s.start_ms = static_cast<int>(std::lround(times[0] * 1000));
    s.end_ms = static_cast<int>(std::lround(times[1] * 1000));
    auto text = to.find("text");
    if (text == to.end() || !text->value().is_string()) {
      return Status::InvalidArgument(path + ".text: expected a string");
    }
    s.text = std::string(text->value().get_string());
    if (auto c = to.find("confidence"); c != to.end() && c->value().is_number()) {
      s.confidence = c->value().to_number<double>();
    }
    in.segments.push_back(std::move(s));
  }
  if (auto l = o.find("labels"); l != o.end()) {
    if (!l->value().is_object()) return Status::InvalidArgument("labels: expected an object");
    const auto& lo = l->value().get_object();
    CallLabels labels;
    if (auto f = lo.find("converted"); f != lo.end()) {
      if (!f->value().is_bool())
        return Status::InvalidArgument("labels.converted: expected a boolean");
      labels.converted = f->value().get_bool();
    }
    if (auto f = lo.find("upsell_cents"); f != lo.end()) {
      if (!f->value().is_int64())
        return Status::InvalidArgument("labels.upsell_cents: expected an integer");
      labels.upsell_cents = f->value().get_int64();
    }
    if (auto f = lo.find("sentiment"); f != lo.end()) {
      if (!f->value().is_string())
        return Status::InvalidArgument("labels.sentiment: expected a string");
      labels.sentiment = std::string(f->value().get_string());
    }
    if (auto f = lo.find("script"); f != lo.end()) {
      if (!f->value().is_object())
        return Status::InvalidArgument("labels.script: expected an object");
      for (const auto& kv : f->value().get_object()) {
        if (!kv.value().is_bool()) {
          return Status::InvalidArgument("labels.script." + std::string(kv.key()) +
                                         ": expected a boolean");
        }
        labels.script[std::string(kv.key())] = kv.value().get_bool();
      }
    }
    in.labels = std::move(labels);
  }
  return in;
}

}  // namespace converza::analysis
