#include "api/call_query.h"

namespace converza::api {
namespace {

// Every key but started_at reads a column of the call stored already folded and NOT NULL
// (calls.sort_*, generated from the insight's copies calls.insight_*, migration
// 20261212100100_fold_call_list_sort_columns.sql): NULL is below every real value, so keyset
// comparisons stay simple. Each has an index on (tenant_id, <column>, id). The comparisons on
// them (the cursor's position, the score bounds) are of plain ints and reals, whose operators
// are leakproof, so under RLS PostgreSQL uses them as index bounds; on coalesce(...) it could
// not (docs/benchmarks.md, 2026-12-05). An insight always has an upsell amount (0 or more) and a
// sentiment score (-1..1, migration 20261218100100), so their keys are above the no-insight
// sentinel exactly for the analysed calls; an AI score may be missing, so its key has no such
// bound.
constexpr SortKey kSortKeys[] = {
    {"started_at", "c.started_at", kStartedAtCursorOut, kStartedAtCursorIn, true, "started_at", ""},
    {"ai_score", "c.sort_ai_score", "c.sort_ai_score::text", "%s::int", true, "sort_ai_score", ""},
    {"upsell_cents", "c.sort_upsell_cents", "c.sort_upsell_cents::text", "%s::bigint", true,
     "sort_upsell_cents", "c.sort_upsell_cents >= 0"},
    {"duration_s", "c.sort_duration_s", "c.sort_duration_s::text", "%s::int", true,
     "sort_duration_s", ""},
    {"sentiment", "c.sort_sentiment", "c.sort_sentiment::text", "%s::real", false, "sort_sentiment",
     "c.sort_sentiment > -2"},
};

// Why a call needs coaching: explicit reasons, never the score alone, so a manager can see why a
// call scored 64 is flagged and one scored 61 is not. Each reason is one condition on the
// insight; the list's `low_performers` filter, its `low_performer` flag and its
// `coaching_reasons` are all built from this one table. The filter reads the flag's copy on the
// call (calls.insight_low_performer, private.copy_insight_to_call.sql repeats these conditions;
// CallsTest.LowPerformerCopyAgreesWithReasons holds the two together).
//   missed_script       two or more of the tenant's script items missed
//   negative_sentiment  the customer ended the call unhappy
//   lost_sale           not converted, and the customer raised an objection (insights.objection)
struct CoachingReason {
  std::string_view code;
  std::string_view when;    // SQL over the insight `i`
  std::string_view detail;  // SQL text shown with the reason, or null
};
constexpr CoachingReason kCoachingReasons[] = {
    {"missed_script", "i.script_total - i.script_met >= 2",
     "(i.script_total - i.script_met) || ' of ' || i.script_total"},
    {"negative_sentiment", "i.sentiment_label = 'negative'", "null::text"},
    {"lost_sale", "i.converted = false and i.objection is not null", "i.objection->>'kind'"},
};

}  // namespace

// The search snippet of a row (`query`: the parameter of the search): ts_headline over the call's
// lines that match the query, or, when none does alone (a phrase that runs on from one line to the
// next, as the call's search document finds it), over all its lines. Transcript text is
// HTML-escaped before ts_headline adds its <mark> tags, so a snippet is safe to render as HTML.
std::string SnippetSql(const std::string& query) {
  auto headline = [&](const std::string& lines) {
    return "(select ts_headline('english',"
           "   string_agg(replace(replace(replace(t.text, '&', '&amp;'), '<', '&lt;'), '>', "
           "'&gt;'),"
           "              ' … ' order by t.seq),"
           "   websearch_to_tsquery('english', " +
           query +
           "),"
           "   'StartSel=\"<mark>\", StopSel=\"</mark>\", MaxFragments=2, MinWords=5, MaxWords=20,"
           "    FragmentDelimiter=\" … \"')"
           "   from public.transcripts t"
           "  where t.tenant_id = c.tenant_id and t.call_id = c.id" +
           lines + ")";
  };
  return "coalesce(" + headline(" and t.tsv @@ websearch_to_tsquery('english', " + query + ")") +
         ", " + headline("") + ")";
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

std::string LowPerformerSql() {
  std::string s = "coalesce(";
  for (const auto& r : kCoachingReasons) {
    if (&r != &kCoachingReasons[0]) s += " or ";
    s += "(" + std::string(r.when) + ")";
  }
  return s + ", false)";
}

std::string CoachingReasonsSql() {
  std::string s = "(select coalesce(json_agg(r.o order by r.n), '[]'::json) from (values ";
  int n = 0;
  for (const auto& r : kCoachingReasons) {
    if (n > 0) s += ", ";
    s += "(" + std::to_string(n++) + ", case when coalesce(" + std::string(r.when) +
         ", false) then json_build_object('code', '" + std::string(r.code) + "', 'detail', " +
         std::string(r.detail) + ") end)";
  }
  return s + ") r(n, o) where r.o is not null)";
}

bool CallQuery::TiesByStart() const { return key != &kSortKeys[0]; }

std::string CallQuery::OrderBy(const std::string& k, const std::string& s,
                               const std::string& id) const {
  const std::string dir = desc ? " desc" : " asc";
  if (!TiesByStart()) return " order by " + k + dir + ", " + id + dir;
  return " order by " + k + dir + ", " + s + dir + ", " + id + dir;
}

std::string CallQuery::After(const std::string& k, const std::string& s, const std::string& id,
                             const std::string& value, const std::string& start,
                             const std::string& cursor_id) const {
  const std::string op = desc ? " < " : " > ";
  if (!TiesByStart())
    return " and (" + k + ", " + id + ")" + op + "(" + value + ", " + cursor_id + ")";
  return " and (" + k + ", " + s + ", " + id + ")" + op + "(" + value + ", " + start + ", " +
         cursor_id + ")";
}

std::string CallQuery::Add(std::string value) {
  params.emplace_back(std::move(value));
  return "$" + std::to_string(params.size());
}

std::optional<http::Response> ReadCallQuery(QueryParams& q, CallQuery* out) {
  auto range = q.Range(3660);
  out->agent = q.Uuid("agent_id");
  auto converted = q.Bool("converted");
  auto sentiment = q.OneOf("sentiment", {"positive", "neutral", "negative"});
  auto score_min = q.Int("score_min", 0, 100);
  auto score_max = q.Int("score_max", 0, 100);
  auto text = q.Text("q", 200);
  auto low = q.Bool("low_performers");
  auto tracker = q.Uuid("tracker");
  auto sort = q.OneOf("sort", {"started_at", "ai_score", "upsell_cents", "duration_s", "sentiment"})
                  .value_or("started_at");
  out->order = q.OneOf("order", {"asc", "desc"}).value_or("desc");
  if (!range) return std::nullopt;  // q.Finish() reports why
  if (score_min && score_max && *score_min > *score_max) {
    return http::Response::Error(400, "invalid_parameter",
                                 "query parameter `score_min` must not exceed `score_max`");
  }
  out->key = &kSortKeys[0];
  for (const auto& k : kSortKeys) {
    if (k.name == sort) out->key = &k;
  }
  out->desc = out->order == "desc";
  out->order_by = out->OrderBy(std::string(out->key->expr), "c.started_at", "c.id");

  out->params = {std::nullopt, range->from, range->to};
  // The range's first instant and the one after it, and the range over the calls `c` or the
  // tracker hits' copies of their started_at `h`.
  const std::string from_at(kRangeFrom);
  const std::string to_at(kRangeTo);
  auto in_range = [&](std::string_view t) {
    const std::string at = std::string(t) + ".started_at";
    return " and " + at + " >= " + from_at + " and " + at + " < " + to_at;
  };
  std::string filters;  // the conditions over `c` of every filter but the tracker and `q`
  if (out->agent) filters += " and c.agent_id = " + out->Add(*out->agent) + "::uuid";
  if (converted) {
    filters +=
        " and c.insight_converted = " + out->Add(*converted ? "true" : "false") + "::boolean";
  }
  if (sentiment) filters += " and c.insight_sentiment_label = " + out->Add(*sentiment);
  // On sort_ai_score (the score, -1 without an insight), whose bounds an index can use under
  // RLS; a bound of 0 keeps a call without an insight out of `score_max`, as NULL did.
  // `score_list` says the same as the list of its scores (for the count, below).
  std::string score_range, score_list;
  if (score_min || score_max) {
    const long long lo = score_min.value_or(0);
    const long long hi = score_max.value_or(100);
    score_range = " and c.sort_ai_score >= " + out->Add(std::to_string(lo)) + "::int";
    if (score_max)
      score_range += " and c.sort_ai_score <= " + out->Add(std::to_string(hi)) + "::int";
    std::string list = "{";
    for (long long s = lo; s <= hi; ++s) list += (s > lo ? "," : "") + std::to_string(s);
    score_list = " and c.sort_ai_score = any(" + out->Add(list + "}") + "::int[])";
    filters += score_range;
  }
  if (low.value_or(false)) filters += " and c.insight_low_performer";
  // Every filter so far but the agent's needs an insight; said as a bound on the order's key
  // too, the walk of its index starts past the calls without one, which sort first ascending
  // (a big tenant's 50,000 unanalysed calls made a page of `sort=sentiment&order=asc` with a
  // filter read 51,000 index entries: 24 ms, docs/benchmarks.md).
  const bool needs_insight =
      converted || sentiment || score_min || score_max || low.value_or(false);
  if (needs_insight && !out->key->analysed.empty()) {
    filters += " and " + std::string(out->key->analysed);
  }
  // The search's matches `m` (call_id, started_at): the calls of the range whose transcript
  // matches `q`, found by a helper through the text index on the calls' search documents, by
  // their words and the range's months (under RLS the match could only be tested row by row,
  // db/functions/private.calls_mentioning.sql).
  std::string search, text_param;
  if (text) {
    text_param = out->Add(*text);
    search = " from private.calls_mentioning($1::uuid, " + text_param + ", " + from_at + ", " +
             to_at + ") m where true";
    out->text = *text;
  }
  out->where = " where c.tenant_id = $1::uuid" + in_range("c") + filters;
  out->walk_range = in_range("c");
  if (text) out->where += " and c.id in (select m.call_id" + search + ")";
  // The matches read from the calls. The count says the score filter as the list of its scores,
  // each looked up in calls_tenant_score_started_idx (tenant_id, sort_ai_score, started_at, id),
  // which reads only the matching calls of the range: an index bounds only one column by a range,
  // so the count read every call of the range through the started_at index to find a score
  // band's 10,001 (58,000 entries, 14 ms at 1M calls, docs/benchmarks.md). The walk keeps the
  // range, by which the order's index stays ordered.
  auto from_calls = [&] {
    out->match_from = " from public.calls c" + out->where;
    if (score_list.empty()) return;
    out->walk_from = out->match_from;
    out->match_from = ReplaceAll(out->match_from, score_range, score_list);
  };
  from_calls();
  out->match_id = "c.id";
  out->match_key = out->key->expr;
  if (text && !tracker && filters.empty()) {
    // The search alone: its helper counts the matches and sorts them in the list's order with
    // their documents' copies of the call's started_at and sort keys, without reading a call but
    // the page's. (A probe of each match's call for its key, ~5-13 us, and a walk of the order's
    // index testing membership for many matches cost 10-15 ms more than the started_at order at
    // 1M calls, docs/benchmarks.md.)
    out->search_alone = text_param;
    return std::nullopt;
  }
  if (!tracker) return std::nullopt;
  // A probe per call, one exact lookup of tracker_hits_tracker_started_idx (the hit's copy of its
  // call's started_at is kept equal by private.copy_call_to_children). `offset 0` keeps it a
  // probe: as a semi-join the planner, misjudging how many calls two equalities keep, hashed
  // all the tracker's hits and sorted the range's matches instead of walking the order's index
  // (0.2 s for a 90-day page at 1M calls, docs/benchmarks.md).
  const std::string t = out->Add(*tracker);
  const std::string hits =
      " from public.tracker_hits h where h.tenant_id = $1::uuid and h.tracker_id = " + t + "::uuid";
  out->where += " and exists (select 1" + hits +
                " and h.started_at = c.started_at and h.call_id = c.id offset 0)";
  if (!filters.empty() || text) {  // the calls are read and probed
    from_calls();
    return std::nullopt;
  }
  // The tracker alone: its hits in the range are the matches, their copies of the call's keys
  // the values they sort by, and an index of the hits per key (tenant_id, tracker_id, <key>,
  // call_id) the walk; no call is read but the page's. tracker_hits and calls have the same read
  // policy (pgTAP 062_tracker_hit_copies.sql holds them together).
  out->match_from = hits + in_range("h");
  out->walk_range = in_range("h");
  out->match_id = "h.call_id";
  out->match_key = "h." + std::string(out->key->copy);
  out->match_started = "h.started_at";
  return std::nullopt;
}

}  // namespace converza::api
