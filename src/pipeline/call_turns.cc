#include "pipeline/call_turns.h"

#include <boost/json.hpp>

namespace converza::pipeline {

namespace json = boost::json;

namespace {

constexpr std::string_view kLoadTurns = R"sql(
  select speaker, start_ms, end_ms, text, redactions::text
    from public.transcripts where tenant_id = $1 and call_id = $2 order by seq)sql";

}  // namespace

std::vector<analysis::Turn> LoadTurns(db::Connection& c, const std::string& tenant_id,
                                      const std::string& call_id) {
  std::vector<analysis::Turn> turns;
  auto rows = c.exec(kLoadTurns, {tenant_id, call_id});
  turns.reserve(static_cast<std::size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    analysis::Turn t;
    t.speaker =
        rows.get(i, 0) == "agent" ? analysis::Speaker::kAgent : analysis::Speaker::kCustomer;
    t.start_ms = static_cast<int>(rows.get_int(i, 1));
    t.end_ms = static_cast<int>(rows.get_int(i, 2));
    t.text = rows.get(i, 3);
    boost::system::error_code ec;
    auto red = json::parse(rows.get(i, 4), ec);
    if (!ec && red.is_array()) {
      for (const auto& r : red.as_array()) {
        if (!r.is_object()) continue;
        const auto& o = r.as_object();
        analysis::Redaction x;
        if (auto k = o.if_contains("kind"); k && k->is_string()) x.kind = k->as_string();
        if (auto s = o.if_contains("start"); s && s->is_int64()) x.start = s->as_int64();
        if (auto e = o.if_contains("end"); e && e->is_int64()) x.end = e->as_int64();
        t.redactions.push_back(std::move(x));
      }
    }
    turns.push_back(std::move(t));
  }
  return turns;
}

}  // namespace converza::pipeline
