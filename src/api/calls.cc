// GET /api/v1/calls: the calls list with filters, sort, full-text search over transcripts and
// the "needs coaching" view (with why each call is in it), calls a tracker hit, and a total count
// capped at 10,000, paginated with an opaque keyset cursor (base64url of the sort, the
// order, the last row's sort value and its id), so page N costs the same as page 1 and rows
// inserted meanwhile never shift a page. The filters and the order are api/call_query.h's, shared
// with the CSV export; SQL text is assembled only from constant fragments (one prepared statement
// per combination) and user input travels as $n.
#include <charconv>

#include "api/call_query.h"
#include "api/kpis.h"
#include "api/params.h"
#include "api/routes.h"
#include "common/base64.h"
#include "db/array_literal.h"

namespace converza::api {
namespace {

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

struct Cursor {
  std::string value;
  std::string started;  // microseconds since the epoch
  std::string id;
};

bool IsInteger(std::string_view v) {
  long long n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc() && p == v.data() + v.size();
}

std::string EncodeCursor(const SortKey& key, std::string_view order, std::string_view value,
                         std::string_view started, std::string_view id) {
  return Base64UrlEncode("v2|" + std::string(key.name) + "|" + std::string(order) + "|" +
                         std::string(value) + "|" + std::string(started) + "|" + std::string(id));
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
  if (parts.size() != 6 || parts[0] != "v2" || parts[1] != key.name || parts[2] != order ||
      !IsUuid(parts[5]) || parts[3].empty() || !IsInteger(parts[4])) {
    return std::nullopt;
  }
  const std::string& v = parts[3];
  if (key.integer) {
    if (!IsInteger(v)) return std::nullopt;
  } else {
    double d = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  }
  return Cursor{parts[3], parts[4], parts[5]};
}

// The statements that find the list's page: its ids in order, one more than `limit` when there is
// a next page, and the total (capped). `first` always runs and gives the total in each row (one
// row with a null id when the page is empty); when more than kTotalCap match, its page is empty
// and `walk` gives the page.
struct PageStatements {
  std::string first;
  std::string walk;
};

// The page for every filter but the search alone.
PageStatements PageOfMatches(CallQuery& cq, const std::optional<Cursor>& cursor, long long limit) {
  // The page's ids are chosen by one of two plans, after the calls the filters match in the
  // range are counted up to the cap (`matched`, the ids and sort values of those calls; the
  // count is the list's total):
  //   * at most kTotalCap match: the page is the first rows of `matched` in order, a sort of at
  //     most 10,000 narrow rows the count has already read (a filter on another table, or a
  //     filter correlated with the order, made a walk of the order's index read most of the
  //     tenant before finding a page: 0.1-0.4 s at 1M calls, docs/benchmarks.md);
  //   * more match: the order's index is walked from the cursor and stops after the page, the
  //     matches being dense enough for that to be short. A statement of its own, planned only
  //     when it runs: planning it beside the count cost every page ~0.5 ms more.
  // Both read the calls (`cq.match_from`), or for the tracker filter alone the tracker's hits,
  // which carry their call's started_at and sort keys and have an index per key.
  // Narrow rows first (only what filtering and ordering need), then the JSON and the snippet
  // for the page's rows alone.
  const std::string cap = " limit " + cq.Add(std::to_string(kTotalCap + 1)) + "::int";
  const std::string few = cq.Add(std::to_string(kTotalCap));
  const std::string& walk_from = cq.walk_from.empty() ? cq.match_from : cq.walk_from;
  // The cursor's value, start and id as SQL of parameters, and its position over `matched`.
  std::string value, start, cursor_id, after_cursor_m;
  if (cursor) {
    value = ReplaceAll(std::string(cq.key->cursor_in), "%s", cq.Add(cursor->value));
    // (The started_at order's value is its start: no second parameter.)
    start = cq.TiesByStart()
                ? ReplaceAll(std::string(kStartedAtCursorIn), "%s", cq.Add(cursor->started))
                : value;
    cursor_id = cq.Add(cursor->id) + "::uuid";
    after_cursor_m = cq.After("m.k", "m.s", "m.id", value, start, cursor_id);
  }
  const std::string page_limit = cq.Add(std::to_string(limit + 1));
  std::string walk;
  if (!cq.TiesByStart()) {
    walk = "select " + cq.match_id + " as id" + walk_from +
           (cursor ? cq.After(cq.match_key, cq.match_started, cq.match_id, value, start, cursor_id)
                   : "") +
           cq.OrderBy(cq.match_key, cq.match_started, cq.match_id) + " limit " + page_limit +
           "::int";
  } else {
    // By the key's values: the next value is one probe of the key's index (tenant_id, <key>,
    // started_at, id), and within a value the range is a range of that index, in the order's
    // started_at then id. PostgreSQL 15 has no skip scan; walking (key, id) instead read the
    // tenant's calls of each value from its oldest, all before the range's (45,676 index
    // entries, 7-11 ms for a 30-day page of `sort=upsell_cents&order=asc` at 1M calls,
    // docs/benchmarks.md). A cursor's own value is finished first, from its position.
    const std::string rangeless = ReplaceAll(walk_from, cq.walk_range, "");
    const std::string cmp = cq.desc ? " < " : " > ";
    const std::string dir = cq.desc ? " desc" : " asc";
    auto next_value = [&](const std::string& after) {
      return "(select " + cq.match_key + rangeless +
             (after.empty() ? "" : " and " + cq.match_key + cmp + after) + " order by " +
             cq.match_key + dir + " limit 1)";
    };
    auto within = [&](const std::string& condition) {
      return "select " + cq.match_id + " as id" + walk_from + condition + " order by " +
             cq.match_started + dir + ", " + cq.match_id + dir + " limit " + page_limit + "::int";
    };
    walk = "select w.id from (";
    if (cursor) {
      walk += "(" +
              within(" and " + cq.match_key + " = " + value + " and (" + cq.match_started + ", " +
                     cq.match_id + ")" + cmp + "(" + start + ", " + cursor_id + ")") +
              ") union all ";
    }
    walk += "(with recursive v(k) as (select " + next_value(cursor ? value : "") +
            " union all select " + next_value("v.k") +
            " from v where v.k is not null) select p.id from v cross join lateral (" +
            within(" and " + cq.match_key + " = v.k") + ") p limit " + page_limit + "::int)) w" +
            " limit " + page_limit + "::int";
  }
  const std::string first =
      "with matched as materialized (select " + cq.match_id + " as id, " + cq.match_key +
      " as k, " + cq.match_started + " as s" + cq.match_from + cap +
      "),"
      " counted as (select count(*) as n from matched)"
      " select p.id::text, counted.n from counted left join lateral (select m.id, m.k, m.s"
      " from matched m where counted.n <= " +
      few + "::bigint" + after_cursor_m + cq.OrderBy("m.k", "m.s", "m.id") + " limit " +
      page_limit + "::int) p on true" + cq.OrderBy("p.k", "p.s", "p.id");
  // The walk's ids, in the list's order.
  return {first, "select c.id::text from (" + walk +
                     ") w join public.calls c on c.tenant_id = $1::uuid and c.id = w.id" +
                     cq.order_by};
}

// The same for the search alone (`q`): its helper finds the matches through the text index,
// counts them and sorts them in the list's order with the copies of the keys its documents carry
// (db/functions/private.calls_mentioning_page.sql), so no call is read but the page's.
PageStatements PageOfSearch(CallQuery& cq, const std::optional<Cursor>& cursor, long long limit) {
  std::string after_key = "null::text", after_start = "null::timestamptz", after_id = "null::uuid";
  if (cursor) {
    after_key = cq.Add(cursor->value);
    after_start = ReplaceAll(std::string(kStartedAtCursorIn), "%s", cq.Add(cursor->started));
    after_id = cq.Add(cursor->id) + "::uuid";
  }
  return {"select p.id::text, f.total from private.calls_mentioning_page($1::uuid, " +
              cq.search_alone + ", " + std::string(kRangeFrom) + ", " + std::string(kRangeTo) +
              ", '" + std::string(cq.key->name) + "', " + (cq.desc ? "true" : "false") + ", " +
              after_key + ", " + after_start + ", " + after_id + ", " +
              cq.Add(std::to_string(limit + 1)) +
              "::int) f left join lateral unnest(f.ids) with ordinality p(id, n) on true"
              " order by p.n",
          ""};
}

}  // namespace

void AddCallRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls", [&ctx](http::Request& req) {
    QueryParams q(req);
    CallQuery cq;
    auto bad_query = ReadCallQuery(q, &cq);
    auto limit = q.Int("limit", 1, 100).value_or(25);
    auto cursor_text = q.Text("cursor", 400);
    if (auto bad = q.Finish()) return *bad;
    if (bad_query) return *bad_query;
    const SortKey* key = cq.key;
    const std::string& order = cq.order;
    std::optional<Cursor> cursor;
    if (cursor_text) {
      cursor = DecodeCursor(*cursor_text, *key, order);
      if (!cursor) {
        return http::Response::Error(
            400, "invalid_parameter",
            "query parameter `cursor` must be a next_cursor returned for the same sort and order");
      }
    }

    // The page's ids and the count are planned for this request's values (unprepared): a generic
    // plan cannot see how many calls the tenant has in the range, and read every call of the
    // range through the started_at index and sorted them (~400 ms for a 30-day page of a
    // 1M-call tenant sorted by ai_score) where the sort key's index serves. The page's rows as
    // JSON are one prepared statement per sort key and search, planned once per connection:
    // planning them with the page cost ~1.7 ms a request (docs/benchmarks.md).
    const PageStatements page_sql = cq.search_alone.empty() ? PageOfMatches(cq, cursor, limit)
                                                            : PageOfSearch(cq, cursor, limit);
    const std::string rows_sql =
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
        "  'overridden', coalesce((select json_agg(k order by k) from "
        "jsonb_object_keys(i.overrides) k),"
        "    '[]'::json),"
        "  'low_performer', " +
        LowPerformerSql() + ", 'coaching_reasons', " + CoachingReasonsSql() + ", 'trackers', " +
        std::string(kTrackerChips) + ", 'snippet', " +
        (cq.text ? SnippetSql("$3") : std::string("null::text")) + ")::text, " +
        std::string(key->cursor_out) + ", " + std::string(kStartedAtCursorOut) + ", c.id::text" +
        " from unnest($2::uuid[]) with ordinality p(id, n)"
        " join public.calls c on c.tenant_id = $1::uuid and c.id = p.id"
        " left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id"
        " left join public.agents a on a.tenant_id = c.tenant_id and a.id = c.agent_id"
        " order by p.n";

    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      if (cq.agent && !AgentVisible(tx, who.tenant_id, *cq.agent)) {
        return http::Response::Error(404, "not_found", "no such agent");
      }
      cq.SetTenant(who.tenant_id);
      auto page = tx.exec_unprepared(page_sql.first, cq.params);
      const long long counted = page.get_int(0, 1);
      if (counted > kTotalCap && !page_sql.walk.empty()) {
        page = tx.exec_unprepared(page_sql.walk, cq.params);
      }
      const int found = page.empty() || page.is_null(0, 0) ? 0 : page.size();
      const int n = std::min<int>(found, static_cast<int>(limit));
      db::ArrayLiteral ids;
      for (int r = 0; r < n; ++r) ids.Add(page.get(r, 0));
      std::vector<db::Param> rows_params = {who.tenant_id, ids.str()};
      if (cq.text) rows_params.emplace_back(*cq.text);
      auto rows = tx.exec(rows_sql, rows_params);
      std::string body = "{\"calls\":[";
      for (int r = 0; r < rows.size(); ++r) {
        if (r > 0) body += ',';
        body += rows.get(r, 0);
      }
      body += "],\"next_cursor\":";
      if (found > limit && !rows.empty()) {
        const int last = rows.size() - 1;
        body += "\"" +
                EncodeCursor(*key, order, rows.get(last, 1), rows.get(last, 2), rows.get(last, 3)) +
                "\"";
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
