// CallQuery: the calls list's filters and order, read from the query string and turned into SQL
// once, for both GET /api/v1/calls (a page as JSON, api/calls.cc) and GET
// /api/v1/calls/export.csv (every matching call as CSV, api/calls_export.cc), so an export holds
// exactly the calls the list shows for the same parameters. The SQL text is assembled only from
// constant fragments; user input travels as $n parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/params.h"
#include "db/connection.h"

namespace converza::api {

// One sortable column: the SQL expression ordered on (NULLs folded into a value below every
// real one, so keyset comparisons stay simple), how the list's cursor stores it, and how it
// comes back.
struct SortKey {
  std::string_view name;
  std::string_view expr;
  std::string_view cursor_out;  // text stored in the cursor
  std::string_view cursor_in;   // %s = the parameter, e.g. "$7::int"
  bool integer;
  // The column of the key's copy on a call's tracker hits (public.tracker_hits), kept by
  // private.copy_call_to_children. (Its search document has the same copies, which
  // private.calls_mentioning_page sorts by when given the key's name.)
  std::string_view copy;
  // A bound on the key that holds exactly for the calls with an insight, or empty when the key
  // has none (it is the list's index bound when a filter needs an insight).
  std::string_view analysed;
};

// How the list's cursor stores a call's started_at (microseconds since the epoch), and how it
// comes back (%s = the parameter): the started_at order's own value, and every other order's
// second key.
constexpr std::string_view kStartedAtCursorOut =
    "(extract(epoch from c.started_at) * 1000000)::bigint::text";
constexpr std::string_view kStartedAtCursorIn =
    "(timestamptz 'epoch' + %s::bigint * interval '1 microsecond')";

// The first instant of the list's range and the one after it ($2 and $3 are its first and last
// day).
constexpr std::string_view kRangeFrom = "($2::date::timestamp at time zone 'UTC')";
constexpr std::string_view kRangeTo = "(($3::date + 1)::timestamp at time zone 'UTC')";

struct CallQuery {
  std::optional<std::string> agent;  // the agent filter (the caller must be able to see it)
  // " where ..." over `public.calls c` alone (the insight's fields it filters by are the call's
  // copies, calls.insight_* and sort_*); $1 is the caller's tenant,
  // $2 and $3 the range's first and last day, then the filters' own parameters.
  std::string where;
  // The calls the filters match in the range, as the list reads them to count, sort or walk them
  // (" from ... where ...", unordered), each call's id and sort value: over the calls `c` with
  // `where`, or for the tracker filter alone over the tracker's hits in the range `h`, which carry
  // their call's started_at and sort keys.
  std::string match_from;
  std::string match_id;                        // "c.id" or "h.call_id"
  std::string match_key;                       // the sort value, over `c` or `h`
  std::string match_started = "c.started_at";  // the call's started_at, over `c` or `h`
  // How api/calls.cc pages the matches (`matched m`, columns id, k and s): it sorts them when at
  // most 10,000 match, else walks the order's index over the match_* columns, from `walk_from`
  // (a score band said as the walk can bound it; empty: `match_from`).
  std::string walk_from;
  std::string walk_range;           // the range's condition as it appears in the walk's `from`
  std::vector<db::Param> params;    // params[0] (the tenant) is filled by SetTenant
  std::optional<std::string> text;  // `q`, the search's words
  // The parameter of `q` when it is the only filter: the page and the count come from
  // private.calls_mentioning_page, and the match_* and walk fields are unused. Empty otherwise.
  std::string search_alone;
  const SortKey* key = nullptr;
  bool desc = true;
  std::string order;     // "asc" or "desc"
  std::string order_by;  // " order by <key> <dir>, c.started_at <dir>, c.id <dir>"

  // Whether calls with equal sort values are ordered by started_at: in every order but
  // started_at's own, whose value is the start.
  [[nodiscard]] bool TiesByStart() const;
  // The list's order over a sort value `k`, a started_at `s` and an id `id`: by the value, calls
  // with equal values by their start, then by id (for the started_at order `s` is `k`); and the
  // rows after a cursor's value, start and id (SQL of parameters) in it.
  [[nodiscard]] std::string OrderBy(const std::string& k, const std::string& s,
                                    const std::string& id) const;
  [[nodiscard]] std::string After(const std::string& k, const std::string& s, const std::string& id,
                                  const std::string& value, const std::string& start,
                                  const std::string& cursor_id) const;

  // Appends a parameter; returns its placeholder ("$7").
  std::string Add(std::string value);
  void SetTenant(const std::string& tenant_id) { params[0] = tenant_id; }
};

// Reads `from`, `to`, `agent_id`, `converted`, `sentiment`, `score_min`, `score_max`, `q`,
// `low_performers`, `tracker` (calls the tracker hit), `sort` and `order`. A malformed parameter is
// recorded in `q` (its Finish() answers 400); a score_min above score_max is the 400 returned here.
std::optional<http::Response> ReadCallQuery(QueryParams& q, CallQuery* out);

// The "needs coaching" flag of a row (true when any reason applies; false without an insight)
// and its reasons as a JSON array of {code, detail}, over the insight `i`.
std::string LowPerformerSql();
std::string CoachingReasonsSql();

// The search snippet of a call `c` (`query`: the parameter of the search's words): ts_headline
// over its transcript lines, HTML-escaped, with <mark> tags around what matched.
std::string SnippetSql(const std::string& query);

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to);

}  // namespace converza::api
