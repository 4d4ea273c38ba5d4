// GET /api/v1/calls/export.csv?<the calls list's parameters>: every call the list would show for
// the same filters and order (api/call_query.h builds both), as CSV (common/csv.h: RFC 4180,
// formula-safe), with a header row and `Content-Disposition: attachment;
// filename="converza-calls-<today>.csv"`. A big tenant's export has a million rows, so it is
// streamed: the handler checks the request and opens a server-side cursor as the caller (RLS
// decides, as for the list); the response's body stream then FETCHes kBatch rows at a time and
// sends each batch as one HTTP chunk, so memory stays one batch whatever the row count. The
// rows come from one transaction, so the file is one consistent snapshot. `?access_token=` is
// accepted because a browser download (<a href>) cannot send headers.
#include <atomic>

#include "api/call_query.h"
#include "api/kpis.h"
#include "api/routes.h"
#include "common/csv.h"
#include "common/log.h"

namespace converza::api {
namespace {

constexpr int kBatch = 1000;

// The columns, in order: the header row and the select list below agree.
constexpr std::string_view kHeader =
    "call_id,started_at,agent,from_number,to_number,duration_s,pipeline_status,converted,"
    "upsell_cents,sentiment_label,sentiment_score,ai_score,needs_coaching,coaching_reasons,"
    "overridden_fields,summary\r\n";
constexpr int kColumns = 16;

constexpr std::string_view kSelect =
    "select c.id::text, to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " a.name, c.from_number, c.to_number, c.duration_s::text, c.pipeline_status,"
    " i.converted::text, i.upsell_cents::text, i.sentiment_label, i.sentiment_score::text,"
    " i.ai_score::text, ";

// Each export declares its cursor in a transaction of its own connection.
constexpr std::string_view kFetch = "fetch 1000 from calls_export";
static_assert(kBatch == 1000, "kFetch fetches kBatch rows");

// The body: the header, then one chunk per batch of rows. Owns the connection and the
// transaction (rolled back at the end: an export changes nothing). Next() runs on the stream's
// own thread; Cancel() only sets a flag that the next Next() sees (a batch takes milliseconds).
class CsvExport : public http::BodyStream {
 public:
  CsvExport(db::Pool::Lease conn, std::unique_ptr<db::Transaction> tx, TenantGate::Pass pass)
      : conn_(std::move(conn)), tx_(std::move(tx)), pass_(std::move(pass)) {}

  std::optional<std::string> Next() override {
    if (cancelled_ || !tx_) return End();
    if (!header_sent_) {
      header_sent_ = true;
      return std::string(kHeader);
    }
    auto rows = tx_->exec(kFetch);
    if (rows.empty()) return End();
    std::string out;
    std::vector<std::optional<std::string>> fields(kColumns);
    for (int r = 0; r < rows.size(); ++r) {
      for (int c = 0; c < kColumns; ++c) {
        fields[c] = rows.is_null(r, c) ? std::nullopt : std::optional(std::string(rows.get(r, c)));
      }
      AppendCsvRow(out, fields);
    }
    return out;
  }
  void Cancel() override { cancelled_ = true; }

 private:
  std::optional<std::string> End() {
    tx_.reset();  // rolls back, closing the cursor, before the connection goes back
    pass_.reset();
    return std::nullopt;
  }

  db::Pool::Lease conn_;  // declared first: outlives the transaction
  std::unique_ptr<db::Transaction> tx_;
  TenantGate::Pass pass_;  // the tenant's place among EXPORTS_PER_TENANT, held to the end
  bool header_sent_ = false;
  std::atomic<bool> cancelled_{false};
};

}  // namespace

void AddCallExportRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls/export.csv", [&ctx](http::Request& req) {
    QueryParams q(req);
    q.Allow("access_token");
    CallQuery cq;
    auto bad_query = ReadCallQuery(q, &cq);
    if (auto bad = q.Finish()) return *bad;
    if (bad_query) return *bad_query;

    // Who is asking and whether they may see the agent filtered on, as for the list.
    std::optional<auth::Principal> caller;
    AsUserOptions options;
    options.allow_query_token = true;
    http::Response checked = AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          if (cq.agent && !AgentVisible(tx, who.tenant_id, *cq.agent)) {
            return http::Response::Error(404, "not_found", "no such agent");
          }
          caller = who;
          return http::Response{};
        },
        options);
    if (checked.status != 200) return checked;

    const std::string sql =
        "declare calls_export no scroll cursor for " + std::string(kSelect) + LowPerformerSql() +
        "::text, (select string_agg(r->>'code', ';') from json_array_elements(" +
        CoachingReasonsSql() +
        ") r), (select string_agg(k, ';' order by k) from jsonb_object_keys(i.overrides) k),"
        " i.summary"
        " from public.calls c"
        " left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id"
        " left join public.agents a on a.tenant_id = c.tenant_id and a.id = c.agent_id" +
        cq.where + cq.order_by;
    // Each export holds one of the pool's connections until its last row: a tenant may run only
    // so many at once (429 beyond).
    TenantGate::Pass pass;
    if (ctx.gates != nullptr) {
      http::Response refused;
      auto entered = ctx.gates->exports.Enter(caller->tenant_id, &refused);
      if (!entered) return refused;
      pass = std::move(*entered);
    }
    cq.SetTenant(caller->tenant_id);
    auto conn = ctx.pool.acquire();
    auto tx = std::make_unique<db::Transaction>(*conn);
    db::SetUserContext(*tx, caller->role, caller->claims_json, kUserStatementTimeout);
    tx->exec(sql, cq.params);

    http::Response res;
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.set_header("Content-Disposition",
                   "attachment; filename=\"converza-calls-" + TodayUtc() + ".csv\"");
    res.set_header("Cache-Control", "no-store");
    res.stream = std::make_shared<CsvExport>(std::move(conn), std::move(tx), std::move(pass));
    return res;
  });
}

}  // namespace converza::api
