// GET /api/v1/calls: the calls list with filters, sort, full-text search over transcripts and
// the "needs coaching" view (with why each call is in it) and a total count capped at 10,000,
// filtered by a tracker that hit, paginated with an opaque keyset cursor (base64url of the sort,
// the order, the last row's sort value and its id), so page N costs the same as page 1 and rows
// inserted meanwhile never shift a page. The SQL text is assembled only from the constant
// fragments below (one prepared statement per combination); user input travels as $n.
#include <charconv>

#include "api/kpis.h"
#include "api/params.h"
#include "api/routes.h"
#include "common/base64.h"

namespace converza::api {
namespace {

// One sortable column: the SQL expression ordered on (NULLs folded into a value below every
// real one, so keyset comparisons stay simple), how the cursor stores it, and how it comes back.
struct SortKey {
  std::string_view name;
  std::string_view expr;
  std::string_view cursor_out;  // text stored in the cursor
  std::string_view cursor_in;   // %s = the parameter, e.g. "$7::int"
  bool integer;
};

constexpr SortKey kSortKeys[] = {
    {"started_at", "c.started_at", "(extract(epoch from c.started_at) * 1000000)::bigint::text",
     "(timestamptz 'epoch' + %s::bigint * interval '1 microsecond')", true},
    {"ai_score", "coalesce(i.ai_score, -1)", "coalesce(i.ai_score, -1)::text", "%s::int", true},
    {"upsell_cents", "coalesce(i.upsell_cents, -1)", "coalesce(i.upsell_cents, -1)::text",
     "%s::bigint", true},
    {"duration_s", "coalesce(c.duration_s, -1)", "coalesce(c.duration_s, -1)::text", "%s::int",
     true},
    {"sentiment", "coalesce(i.sentiment_score, -2)", "coalesce(i.sentiment_score, -2)::text",
     "%s::real", false},
};

// Why a call needs coaching: explicit reasons, never the score alone, so a manager can see why a
// call scored 64 is flagged and one scored 61 is not. Each reason is one condition on the
// insight; the list's `low_performers` filter, its `low_performer` flag and its
// `coaching_reasons` are all built from this one table.
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

// true when any reason applies (false without an insight).
std::string LowPerformerSql() {
  std::string s = "coalesce(";
  for (const auto& r : kCoachingReasons) {
    if (&r != &kCoachingReasons[0]) s += " or ";
    s += "(" + std::string(r.when) + ")";
  }
  return s + ", false)";
}

// A JSON array of {code, detail}, the reasons that apply, in the table's order.
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

// The trackers that hit the call, as chips: [{id, name, hits, first_ms}] by first moment.
constexpr std::string_view kTrackerChips =
    "(select coalesce(json_agg(json_build_object('id', tr.id, 'name', tr.name, 'hits', h.hits,"
    "   'first_ms', h.first_ms) order by h.first_ms), '[]'::json)"
    "   from public.tracker_hits h"
    "   join public.trackers tr on tr.tenant_id = h.tenant_id and tr.id = h.tracker_id"
    "  where h.tenant_id = c.tenant_id and h.call_id = c.id)";

// The total is counted up to this cap (a count over every call of a big tenant's year costs
// more than the page itself); above it the list says "10,000+".
constexpr int kTotalCap = 10'000;

// Transcript text is HTML-escaped before ts_headline adds its <mark> tags, so a snippet is safe
// to render as HTML.
constexpr std::string_view kSnippet =
    "(select ts_headline('english',"
    "   string_agg(replace(replace(replace(t.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),"
    "              ' … ' order by t.seq),"
    "   websearch_to_tsquery('english', $Q),"
    "   'StartSel=\"<mark>\", StopSel=\"</mark>\", MaxFragments=2, MinWords=5, MaxWords=20,"
    "    FragmentDelimiter=\" … \"')"
    "   from public.transcripts t"
    "  where t.tenant_id = c.tenant_id and t.call_id = c.id"
    "    and t.tsv @@ websearch_to_tsquery('english', $Q))";

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

struct Cursor {
  std::string value;
  std::string id;
};

std::string EncodeCursor(const SortKey& key, std::string_view order, std::string_view value,
                         std::string_view id) {
  return Base64UrlEncode("v1|" + std::string(key.name) + "|" + std::string(order) + "|" +
                         std::string(value) + "|" + std::string(id));
}

// nullopt when the cursor was not made by this endpoint for the same sort and order.
std::optional<Cursor> DecodeCursor(const std::string& text, const SortKey& key,
                                   std::string_view order) {
  auto raw = Base64UrlDecode(text);
  if (!raw.ok()) return std::nullopt;
  std::vector<std::string> parts;
  std::string_view rest = *raw;
  for (auto bar = rest.find('|'); bar != std::string_view::npos; bar = rest.find('|')) {
    parts.emplace_back(rest.substr(0, bar));
    rest.remove_prefix(bar + 1);
  }
  parts.emplace_back(rest);
  if (parts.size() != 5 || parts[0] != "v1" || parts[1] != key.name || parts[2] != order ||
      !IsUuid(parts[4]) || parts[3].empty()) {
    return std::nullopt;
  }
  const std::string& v = parts[3];
  const char* end = v.data() + v.size();
  if (key.integer) {
    long long n = 0;
    auto [p, ec] = std::from_chars(v.data(), end, n);
    if (ec != std::errc() || p != end) return std::nullopt;
  } else {
    double d = 0;
    auto [p, ec] = std::from_chars(v.data(), end, d);
    if (ec != std::errc() || p != end) return std::nullopt;
  }
  return Cursor{parts[3], parts[4]};
}

}  // namespace

void AddCallRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto range = q.Range(3660);
    auto agent = q.Uuid("agent_id");
    auto converted = q.Bool("converted");
    auto sentiment = q.OneOf("sentiment", {"positive", "neutral", "negative"});
    auto score_min = q.Int("score_min", 0, 100);
    auto score_max = q.Int("score_max", 0, 100);
    auto text = q.Text("q", 200);
    auto low = q.Bool("low_performers");
    auto tracker = q.Uuid("tracker");
    auto sort =
        q.OneOf("sort", {"started_at", "ai_score", "upsell_cents", "duration_s", "sentiment"})
            .value_or("started_at");
    auto order = q.OneOf("order", {"asc", "desc"}).value_or("desc");
    auto limit = q.Int("limit", 1, 100).value_or(25);
    auto cursor_text = q.Text("cursor", 400);
    if (auto bad = q.Finish()) return *bad;
    if (score_min && score_max && *score_min > *score_max) {
      return http::Response::Error(400, "invalid_parameter",
                                   "query parameter `score_min` must not exceed `score_max`");
    }
    const SortKey* key = &kSortKeys[0];
    for (const auto& k : kSortKeys) {
      if (k.name == sort) key = &k;
    }
    std::optional<Cursor> cursor;
    if (cursor_text) {
      cursor = DecodeCursor(*cursor_text, *key, order);
      if (!cursor) {
        return http::Response::Error(
            400, "invalid_parameter",
            "query parameter `cursor` must be a next_cursor returned for the same sort and order");
      }
    }

    std::vector<db::Param> params = {std::nullopt, range->from, range->to,
                                     std::to_string(limit + 1)};
    auto add = [&params](std::string v) {
      params.push_back(std::move(v));
      return "$" + std::to_string(params.size());
    };
    std::string where =
        " where c.tenant_id = $1::uuid"
        "   and c.started_at >= ($2::date::timestamp at time zone 'UTC')"
        "   and c.started_at < (($3::date + 1)::timestamp at time zone 'UTC')";
    if (agent) where += " and c.agent_id = " + add(*agent) + "::uuid";
    if (converted)
      where += " and i.converted = " + add(*converted ? "true" : "false") + "::boolean";
    if (sentiment) where += " and i.sentiment_label = " + add(*sentiment);
    if (score_min) where += " and i.ai_score >= " + add(std::to_string(*score_min)) + "::int";
    if (score_max) where += " and i.ai_score <= " + add(std::to_string(*score_max)) + "::int";
    std::string snippet = "null::text";
    if (text) {
      const std::string p = add(*text);
      where +=
          " and c.id in (select t.call_id from public.transcripts t where t.tenant_id = $1::uuid"
          " and t.tsv @@ websearch_to_tsquery('english', " +
          p + "))";
      snippet = ReplaceAll(std::string(kSnippet), "$Q", p);
    }
    if (low.value_or(false)) where += " and " + LowPerformerSql();
    if (tracker) {
      where +=
          " and exists (select 1 from public.tracker_hits h where h.tenant_id = $1::uuid"
          " and h.call_id = c.id and h.tracker_id = " +
          add(*tracker) + "::uuid)";
    }
    // Every filter but the cursor's position: what the total counts.
    const std::string count_sql =
        "select count(*) from (select 1 from public.calls c"
        " left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id" +
        where + " limit $4::int) n";
    std::vector<db::Param> count_params = params;
    count_params[3] = std::to_string(kTotalCap + 1);
    const bool desc = order == "desc";
    if (cursor) {
      const std::string value = ReplaceAll(std::string(key->cursor_in), "%s", add(cursor->value));
      where += " and (" + std::string(key->expr) + ", c.id) " + (desc ? "<" : ">") + " (" + value +
               ", " + add(cursor->id) + "::uuid)";
    }
    const std::string dir = desc ? " desc" : " asc";
    // The page's ids first (narrow rows: only what filtering and ordering need), then the JSON
    // and the snippet for those rows alone; building them for every candidate row before the
    // sort cost seconds on a big tenant.
    const std::string order_by = " order by " + std::string(key->expr) + dir + ", c.id" + dir;
    const std::string sql =
        "select json_build_object('id', c.id, 'started_at', c.started_at,"
        "  'agent', case when a.id is null then null"
        "                else json_build_object('id', a.id, 'name', a.name) end,"
        "  'from_number', c.from_number, 'to_number', c.to_number, 'duration_s', c.duration_s,"
        "  'pipeline_status', c.pipeline_status, 'not_analysed_reason', c.not_analysed_reason,"
        "  'converted', i.converted,"
        "  'upsell_cents', i.upsell_cents, 'sentiment_label', i.sentiment_label,"
        "  'sentiment_score', i.sentiment_score, 'ai_score', i.ai_score, 'summary', i.summary,"
        "  'needs_review', coalesce(jsonb_array_length(i.review) > 0 or exists ("
        "      select 1 from jsonb_each(i.confidence) f where (f.value #>> '{}')::float8 < 0.5),"
        "    false),"
        "  'low_performer', " +
        LowPerformerSql() + ", 'coaching_reasons', " + CoachingReasonsSql() + ", 'trackers', " +
        std::string(kTrackerChips) + ", 'snippet', " + snippet + ")::text, " +
        std::string(key->cursor_out) +
        ", c.id::text"
        " from (select c.id from public.calls c"
        "       left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id" +
        where + order_by +
        " limit $4::int) page"
        " join public.calls c on c.tenant_id = $1::uuid and c.id = page.id"
        " left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id"
        " left join public.agents a on a.tenant_id = c.tenant_id and a.id = c.agent_id" +
        order_by;

    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      if (agent && !AgentVisible(tx, who.tenant_id, *agent)) {
        return http::Response::Error(404, "not_found", "no such agent");
      }
      params[0] = who.tenant_id;
      count_params[0] = who.tenant_id;
      auto rows = tx.exec(sql, params);
      const long long counted = std::stoll(std::string(tx.exec(count_sql, count_params).get(0, 0)));
      const int n = std::min<int>(rows.size(), static_cast<int>(limit));
      std::string body = "{\"calls\":[";
      for (int r = 0; r < n; ++r) {
        if (r > 0) body += ',';
        body += rows.get(r, 0);
      }
      body += "],\"next_cursor\":";
      if (rows.size() > limit) {
        body += "\"" + EncodeCursor(*key, order, rows.get(n - 1, 1), rows.get(n - 1, 2)) + "\"";
      } else {
        body += "null";
      }
      body += ",\"total\":" + std::to_string(std::min<long long>(counted, kTotalCap)) +
              ",\"total_capped\":" + (counted > kTotalCap ? "true" : "false") + "}";
      return http::Response::Json(200, std::move(body));
    });
  });
}

}  // namespace converza::api
