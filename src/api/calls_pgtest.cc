// The calls list through the real server: every sort in both orders paged with the keyset
// cursor (pages concatenated must equal the full ordering, ties broken by id, no row twice),
// filters, full-text search with safe <mark> snippets, low performers, tenant isolation and
// parameter validation.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"
#include "api/call_query.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

// Each sort key and the order it means over the call and its insight (NULL below every value;
// equal values by started_at, then id: OrderOf).
constexpr std::pair<const char*, const char*> kSorts[] = {
    {"started_at", "c.started_at"},
    {"ai_score", "coalesce(i.ai_score, -1)"},
    {"upsell_cents", "coalesce(i.upsell_cents, -1)"},
    {"duration_s", "coalesce(c.duration_s, -1)"},
    {"sentiment", "coalesce(i.sentiment_score, -2)"},
};
std::string OrderOf(const std::string& expr, const std::string& order) {
  if (expr == "c.started_at") return expr + " " + order + ", c.id " + order;
  return expr + " " + order + ", c.started_at " + order + ", c.id " + order;
}

class CallsTest : public ApiTest {
 protected:
  // The tests page every filter in every order, more than the default 600 requests a minute.
  std::map<std::string, std::string> ServerEnv() override {
    return {{"RATE_LIMIT_IP_PER_MIN", "0"}, {"RATE_LIMIT_TENANT_PER_MIN", "0"}};
  }
  void SetUp() override {
    ApiTest::SetUp();
    // 30 calls of tenant A, 7 hours apart from 2026-11-01 (calls 10 and 11 at the same instant),
    // a third without an agent, every fifth not analysed, AI scores with many ties; 4 of B's.
    // Call n is <tenant>-ca11-4000-8000-000000000(100 + n), CAa-n or CAb-n; the fixture's own
    // calls are months before the period every request here asks for.
    Script(R"sql(
      insert into public.calls (tenant_id, id, call_sid, agent_id, from_number, to_number, started_at, duration_s, pipeline_status)
      select t.id, (substr(t.id::text, 1, 8) || '-ca11-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid,
             'CA' || substr(t.id::text, 1, 1) || '-' || n,
             case when t.slug = 'bolt' then 'bbbbbbbb-a6e0-4000-8000-000000000001'::uuid
                  when n % 3 = 0 then 'aaaaaaaa-a6e0-4000-8000-000000000001'::uuid
                  when n % 3 = 1 then 'aaaaaaaa-a6e0-4000-8000-000000000002'::uuid end,
             '+1415555' || lpad(n::text, 4, '0'), '+14155550100',
             timestamptz '2026-11-01 00:00+00' + (n - (n = 11)::int) * interval '7 hours',
             case when n % 10 = 0 then null else (n * 37) % 300 end,
             case when n % 5 = 0 then 'received' else 'done' end
        from public.tenants t, generate_series(1, 30) n
       where t.slug = 'acme' or n <= 4;
      insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score, summary,
                                   script_met, script_total, objection)
      select c.tenant_id, c.id, s.score, case when s.score > 0.2 then 'positive' when s.score < -0.2 then 'negative' else 'neutral' end,
             n % 2 = 0, (n % 4) * 500, (n % 7) * 10 + 30, 'Summary of call ' || n,
             6 - n % 4, 6,
             case when n % 3 = 0 then '{"kind": "price", "quote": "Too expensive.", "at_ms": 1000}'::jsonb end
        from public.calls c, lateral (select split_part(c.call_sid, '-', 2)::int as n) x,
             lateral (select ((n % 5) - 2) / 2.0 as score) s
       where c.call_sid like 'CA_-%' and n % 5 <> 0;
      insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
      select c.tenant_id, c.id, 0, 'customer', 0, 1000,
             case when split_part(c.call_sid, '-', 2)::int % 4 = 0 then 'My water heater is leaking <b>again</b> & fast'
                  else 'Thanks for calling about the invoice' end
        from public.calls c where c.call_sid like 'CA_-%';
    )sql");
  }

  // Every page of `query` (which must not contain limit/cursor) with page size `limit`, or the
  // first `pages` of them.
  std::vector<std::string> AllPages(const std::string& query, int limit, int pages = 100) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int page = 0; page < pages; ++page) {
      std::string target =
          "/api/v1/calls?from=2026-10-01&to=2026-11-30&limit=" + std::to_string(limit) + query +
          (cursor.empty() ? "" : "&cursor=" + cursor);
      auto r = GetAs(target, TokenA());
      EXPECT_EQ(r.status, 200) << target << ": " << r.body;
      if (r.status != 200) break;
      auto body = json::parse(r.body);
      for (const auto& c : body.at("calls").as_array()) ids.emplace_back(c.at("id").as_string());
      if (body.at("next_cursor").is_null()) break;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    return ids;
  }
  // The condition of the calls `tracker` hit, over the hits' own call ids.
  static std::string Hit(const std::string& tracker) {
    return "exists (select 1 from public.tracker_hits h where h.tenant_id = c.tenant_id"
           " and h.call_id = c.id and h.tracker_id = '" +
           tracker + "')";
  }
  // The condition of the calls whose transcript matches the web search `words`, over the
  // lines themselves: their text in order, as one document.
  static std::string Says(const std::string& words) {
    return "coalesce((select to_tsvector('english', string_agg(t.text, ' ' order by t.seq))"
           " @@ websearch_to_tsquery('english', '" +
           words +
           "') from public.transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id),"
           " false)";
  }
  // Tenant A's calls of AllPages' period matching `where`, in `order_by`'s order.
  std::vector<std::string> Expected(const std::string& order_by,
                                    const std::string& where = "true") {
    auto rows =
        Sql("select c.id::text from public.calls c left join public.insights i on"
            " i.tenant_id = c.tenant_id and i.call_id = c.id"
            " where c.tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'"
            " and c.started_at >= '2026-10-01' and c.started_at < '2026-12-01' and (" +
            where + ") order by " + order_by);
    std::vector<std::string> ids;
    for (int r = 0; r < rows.size(); ++r) ids.emplace_back(rows.get(r, 0));
    return ids;
  }
};

TEST_F(CallsTest, EverySortPagesThroughEveryCallOnce) {
  for (const auto& [sort, expr] : kSorts) {
    for (const char* order : {"asc", "desc"}) {
      auto got = AllPages(std::string("&sort=") + sort + "&order=" + order, 4);
      auto want = Expected(OrderOf(expr, order));
      EXPECT_EQ(got, want) << sort << " " << order;
    }
  }
  // Default: newest first; calls 10 and 11 share a start time and are ordered by id.
  auto newest = AllPages("", 7);
  ASSERT_EQ(newest.size(), 30u);
  EXPECT_EQ(newest[0], "aaaaaaaa-ca11-4000-8000-000000000130");
  EXPECT_EQ(newest[19], "aaaaaaaa-ca11-4000-8000-000000000111");
  EXPECT_EQ(newest[20], "aaaaaaaa-ca11-4000-8000-000000000110");
}

TEST_F(CallsTest, RowsCarryTheirInsightAndAgent) {
  auto r = GetAs("/api/v1/calls?from=2026-11-01&to=2026-11-30&sort=started_at&order=asc&limit=1",
                 TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body);
  const auto& c = body.at("calls").at(0);  // call 1: Abe, analysed
  EXPECT_EQ(c.at("id"), "aaaaaaaa-ca11-4000-8000-000000000101");
  EXPECT_EQ(c.at("agent").at("name"), "Abe Acme");
  EXPECT_EQ(c.at("from_number"), "+14155550001");
  EXPECT_EQ(c.at("duration_s").to_number<int>(), 37);
  EXPECT_EQ(c.at("pipeline_status"), "done");
  EXPECT_EQ(c.at("converted"), false);
  EXPECT_EQ(c.at("upsell_cents").to_number<int>(), 500);
  EXPECT_EQ(c.at("sentiment_label"), "negative");
  EXPECT_DOUBLE_EQ(c.at("sentiment_score").to_number<double>(), -0.5);
  EXPECT_EQ(c.at("ai_score").to_number<int>(), 40);
  EXPECT_EQ(c.at("summary"), "Summary of call 1");
  // Call 1: negative sentiment; 1 of 6 script items missed and no objection are not reasons.
  EXPECT_EQ(c.at("low_performer"), true);
  EXPECT_EQ(json::serialize(c.at("coaching_reasons")),
            R"([{"code":"negative_sentiment","detail":null}])");
  EXPECT_EQ(body.at("total").to_number<int>(), 30);
  EXPECT_EQ(body.at("total_capped"), false);
  EXPECT_TRUE(c.at("snippet").is_null());
  EXPECT_TRUE(body.at("next_cursor").is_string());
  EXPECT_EQ(c.at("needs_review"), false);

  // A finding on weak evidence (a confidence below 0.5) puts the call up for review, like an
  // AI answer that failed a check; confident findings do not.
  const std::string url =
      "/api/v1/calls?from=2026-11-01&to=2026-11-30&sort=started_at&order=asc&limit=1";
  auto needs_review = [&] {
    auto reply = GetAs(url, TokenA());
    return json::parse(reply.body).at("calls").at(0).at("needs_review").as_bool();
  };
  Script(R"sql(update insights set confidence = '{"converted": 0.9, "sentiment": 0.75}'
                where call_id = 'aaaaaaaa-ca11-4000-8000-000000000101')sql");
  EXPECT_FALSE(needs_review());
  Script(R"sql(update insights set confidence = '{"converted": 0.9, "sentiment": 0.42}'
                where call_id = 'aaaaaaaa-ca11-4000-8000-000000000101')sql");
  EXPECT_TRUE(needs_review());
}

TEST_F(CallsTest, Filters) {
  EXPECT_EQ(AllPages("&converted=true", 10),
            Expected("c.started_at desc, c.id desc", "i.converted"));
  EXPECT_EQ(AllPages("&sentiment=negative", 10),
            Expected("c.started_at desc, c.id desc", "i.sentiment_label = 'negative'"));
  EXPECT_EQ(AllPages("&score_min=50&score_max=70", 10),
            Expected("c.started_at desc, c.id desc", "i.ai_score between 50 and 70"));
  EXPECT_EQ(AllPages("&agent_id=aaaaaaaa-a6e0-4000-8000-000000000001", 10),
            Expected("c.started_at desc, c.id desc",
                     "c.agent_id = 'aaaaaaaa-a6e0-4000-8000-000000000001'"));
  auto low = AllPages("&low_performers=true&sort=ai_score&order=asc", 3);
  EXPECT_EQ(low, Expected("i.ai_score asc, c.started_at asc, c.id asc",
                          "i.script_total - i.script_met >= 2 or i.sentiment_label = 'negative'"
                          " or (not i.converted and i.objection is not null)"));
  EXPECT_FALSE(low.empty());
  // The date range is inclusive UTC days: 2026-11-02 holds calls 4..6 (28h..42h).
  auto day = json::parse(GetAs("/api/v1/calls?from=2026-11-02&to=2026-11-02", TokenA()).body);
  EXPECT_EQ(day.at("calls").as_array().size(), 3u);
  EXPECT_EQ(AllPages("&converted=true&sentiment=positive&score_min=60", 10),
            Expected("c.started_at desc, c.id desc",
                     "i.converted and i.sentiment_label = 'positive' and i.ai_score >= 60"));
}

// Every filter the dashboard offers, alone and together, in every order paged 3 at a time,
// returns what the same conditions over the insight itself return: the list reads the insight's
// copies on the call (calls.insight_*, the folded sort_* and the "needs coaching" flag), and
// those must agree with the insight for calls without one, insights without a score or a
// sentiment, a manager's overrides and re-analysis.
TEST_F(CallsTest, EveryFilterInEveryOrderMatchesTheInsight) {
  Script(R"sql(
    -- The fixture's tracker hits two calls in three, and calls at the range's edges: its first
    -- and last instants, the instants just outside, one whose start a recording callback moved
    -- into the range after its hit was written and one it moved out. The insights change after.
    insert into public.calls (tenant_id, id, call_sid, from_number, to_number, started_at, duration_s, pipeline_status)
    select 'aaaaaaaa-0000-4000-8000-000000000000', ('aaaaaaaa-ca11-4000-8000-' || lpad((200 + n)::text, 12, '0'))::uuid,
           'CAedge-' || n, '+14155550009', '+14155550100', at::timestamptz, 40 + n, 'done'
      from (values (1, '2026-10-01 00:00+00'), (2, '2026-11-30 23:59:59.999999+00'),
                   (3, '2026-12-01 00:00+00'), (5, '2026-09-30 23:59:59.999999+00'),
                   (6, '2026-12-20 10:00+00'), (7, '2026-11-20 10:00+00')) v(n, at);
    -- Every edge call says it, before two of them move (their search documents' copies of
    -- started_at follow).
    insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
    select tenant_id, id, 0, 'customer', 0, 1000, 'The tap is leaking' from public.calls
     where call_sid like 'CAedge-%';
    insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
    select tenant_id, id, 'aaaaaaaa-7ac0-4000-8000-000000000001', 1, 0, 'customer' from public.calls
     where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'
       and (call_sid like 'CAedge-%' or (call_sid like 'CAa-%' and split_part(call_sid, '-', 2)::int % 3 <> 2));
    update public.calls set started_at = '2026-11-15 12:00+00' where call_sid = 'CAedge-6';
    update public.calls set started_at = '2026-12-02 00:00+00' where call_sid = 'CAedge-7';
    insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score)
    select tenant_id, id, 0.9, 'positive', true, 700, 77 from public.calls where call_sid in ('CAedge-1', 'CAedge-6');
    -- Analysed, but without an AI score (they sort with the calls without an insight by it).
    update insights set ai_score = null
     where call_id in ('aaaaaaaa-ca11-4000-8000-000000000103', 'aaaaaaaa-ca11-4000-8000-000000000117');
    update insights set converted = null where call_id = 'aaaaaaaa-ca11-4000-8000-000000000108';
    -- A manager's corrections, and a re-analysis after one.
    insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email)
    values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000104', 'converted', 'false',
            'No booking', 'aaaaaaaa-1111-4000-8000-000000000000', 'manager-a@example.com'),
           ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000106', 'sentiment', '"negative"',
            'Upset', 'aaaaaaaa-1111-4000-8000-000000000000', 'manager-a@example.com'),
           ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000109', 'upsell_cents', '99900',
            'Sold the plan', 'aaaaaaaa-1111-4000-8000-000000000000', 'manager-a@example.com');
    update insights set ai_score = 95, script_met = 6 where call_id = 'aaaaaaaa-ca11-4000-8000-000000000106';
    update insights set objection = '{"kind": "timing", "quote": "Not now.", "at_ms": 10}'::jsonb
     where call_id = 'aaaaaaaa-ca11-4000-8000-000000000104';
  )sql");
  const std::string low =
      "coalesce(i.script_total - i.script_met >= 2 or i.sentiment_label = 'negative'"
      " or (not i.converted and i.objection is not null), false)";
  const std::pair<std::string, std::string> filters[] = {
      {"&converted=true", "i.converted"},
      {"&converted=false", "not i.converted"},
      {"&sentiment=positive", "i.sentiment_label = 'positive'"},
      {"&sentiment=negative", "i.sentiment_label = 'negative'"},
      {"&score_min=60", "i.ai_score >= 60"},
      {"&score_max=50", "i.ai_score <= 50"},
      {"&score_min=0&score_max=0", "i.ai_score = 0"},
      {"&score_min=50&score_max=70", "i.ai_score between 50 and 70"},
      {"&low_performers=true", low},
      {"&agent_id=aaaaaaaa-a6e0-4000-8000-000000000001",
       "c.agent_id = 'aaaaaaaa-a6e0-4000-8000-000000000001'"},
      {"&q=leaking", Says("leaking")},
      {"&q=leaking&converted=true", Says("leaking") + " and i.converted"},
      {"&q=leaking&tracker=aaaaaaaa-7ac0-4000-8000-000000000001",
       Says("leaking") + " and " + Hit("aaaaaaaa-7ac0-4000-8000-000000000001")},
      {"&agent_id=aaaaaaaa-a6e0-4000-8000-000000000002&converted=false&sentiment=negative",
       "c.agent_id = 'aaaaaaaa-a6e0-4000-8000-000000000002' and not i.converted"
       " and i.sentiment_label = 'negative'"},
      {"&low_performers=true&score_max=60", low + " and i.ai_score <= 60"},
      {"&tracker=aaaaaaaa-7ac0-4000-8000-000000000001",
       Hit("aaaaaaaa-7ac0-4000-8000-000000000001")},
      {"&tracker=aaaaaaaa-7ac0-4000-8000-000000000001&converted=true",
       Hit("aaaaaaaa-7ac0-4000-8000-000000000001") + " and i.converted"},
  };
  for (const auto& [query, where] : filters) {
    for (const auto& [sort, expr] : kSorts) {
      for (const char* order : {"asc", "desc"}) {
        auto got = AllPages(query + "&sort=" + sort + "&order=" + order, 3);
        auto want = Expected(OrderOf(expr, order), where);
        EXPECT_EQ(got, want) << query << " sort=" << sort << " " << order;
      }
    }
  }
}

// Above 10,000 matching calls the list walks the order's index from the cursor; at most, it
// sorts the matching calls it counted (api/calls.cc). Both give the same pages: here 16,000 more
// calls, analysed with many ties, make the unfiltered list and `converted=false` take the walk
// and `converted=true` (and the agent) the sort, and the first pages of every order are the
// first rows of the full ordering.
TEST_F(CallsTest, ManyMatchesAndFewPageTheSameWay) {
  Script(R"sql(
    insert into public.calls (tenant_id, id, call_sid, agent_id, from_number, to_number, started_at, duration_s, pipeline_status)
    select 'aaaaaaaa-0000-4000-8000-000000000000', gen_random_uuid(), 'CAbulk-' || n,
           case when n % 40 = 0 then 'aaaaaaaa-a6e0-4000-8000-000000000001'::uuid end,
           '+14155550001', '+14155550100', timestamptz '2026-10-05 00:00+00' + (n / 3) * interval '1 minute',
           case when n % 11 = 0 then null else n % 97 end, 'done'
      from generate_series(1, 16000) n;
    insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score)
    select c.tenant_id, c.id, (n % 9 - 4) / 4.0, case when n % 9 > 5 then 'positive' when n % 9 < 3 then 'negative' else 'neutral' end,
           n % 10 < 3, (n % 10 < 3)::int * (n % 13) * 100, case when n % 17 <> 0 then n % 101 end
      from public.calls c, lateral (select split_part(c.call_sid, '-', 2)::int as n) x
     where c.call_sid like 'CAbulk-%' and n % 23 <> 0;
    -- Two trackers: one hits 10,667 calls (the walk of its hits' index for the order), the
    -- other 2,286 (its hits sorted).
    insert into public.trackers (tenant_id, id, name, phrases)
    values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-7ac0-4000-8000-000000000002', 'Bulk', '{bulk}'),
           ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-7ac0-4000-8000-000000000003', 'Some', '{some}');
    insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
    select c.tenant_id, c.id, t.id, 1, 0, 'agent'
      from public.calls c, lateral (select split_part(c.call_sid, '-', 2)::int as n) x,
           (values ('aaaaaaaa-7ac0-4000-8000-000000000002'::uuid, 3), ('aaaaaaaa-7ac0-4000-8000-000000000003', 7)) t(id, every)
     where c.call_sid like 'CAbulk-%' and (n % t.every = 0) = (t.every = 7);
    analyze public.tracker_hits;
    -- Every bulk call says "bulk" (above the cap: every match counted and sorted, from the
    -- documents' copies of the keys), one in two "refund", one in 40 "callback".
    insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
    select c.tenant_id, c.id, 0, 'agent', 0, 1000,
           'A bulk order' || case when n % 2 = 0 then ' and its refund' else '' end
                          || case when n % 40 = 0 then ', with a callback' else '' end
      from public.calls c, lateral (select split_part(c.call_sid, '-', 2)::int as n) x
     where c.call_sid like 'CAbulk-%';
    analyze public.transcripts;
  )sql");
  const std::pair<std::string, std::string> filters[] = {
      {"", "true"},
      {"&tracker=aaaaaaaa-7ac0-4000-8000-000000000002",
       Hit("aaaaaaaa-7ac0-4000-8000-000000000002")},
      {"&tracker=aaaaaaaa-7ac0-4000-8000-000000000003",
       Hit("aaaaaaaa-7ac0-4000-8000-000000000003")},
      {"&tracker=aaaaaaaa-7ac0-4000-8000-000000000002&converted=false",
       Hit("aaaaaaaa-7ac0-4000-8000-000000000002") + " and not i.converted"},
      {"&converted=false", "not i.converted"},
      {"&converted=true", "i.converted"},
      {"&agent_id=aaaaaaaa-a6e0-4000-8000-000000000001",
       "c.agent_id = 'aaaaaaaa-a6e0-4000-8000-000000000001'"},
      {"&q=bulk", Says("bulk")},
      {"&q=refund", Says("refund")},
      {"&q=callback", Says("callback")},
      {"&q=refund&converted=true", Says("refund") + " and i.converted"},
  };
  for (const auto& [query, where] : filters) {
    for (const auto& [sort, expr] : kSorts) {
      for (const char* order : {"asc", "desc"}) {
        auto got = AllPages(query + "&sort=" + sort + "&order=" + order, 7, 3);
        auto want = Expected(OrderOf(expr, order), where);
        want.resize(std::min<std::size_t>(want.size(), 21));
        EXPECT_EQ(got, want) << query << " sort=" << sort << " " << order;
      }
    }
  }
  // Totals on either side of the cap.
  auto total = [&](const std::string& query) {
    auto body = json::parse(
        GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&limit=1" + query, TokenA()).body);
    return std::make_pair(body.at("total").to_number<int>(), body.at("total_capped").as_bool());
  };
  EXPECT_EQ(total(""), std::make_pair(10000, true));
  EXPECT_EQ(total("&converted=true"),
            std::make_pair(static_cast<int>(Expected("c.id", "i.converted").size()), false));
  EXPECT_EQ(total("&tracker=aaaaaaaa-7ac0-4000-8000-000000000002"), std::make_pair(10000, true));
  EXPECT_EQ(total("&q=bulk&sort=ai_score"), std::make_pair(10000, true));
  EXPECT_EQ(total("&q=refund"),
            std::make_pair(static_cast<int>(Expected("c.id", Says("refund")).size()), false));
  EXPECT_EQ(
      total("&tracker=aaaaaaaa-7ac0-4000-8000-000000000003"),
      std::make_pair(
          static_cast<int>(Expected("c.id", Hit("aaaaaaaa-7ac0-4000-8000-000000000003")).size()),
          false));

  // The tracker alone is counted and walked from its hits, which carry their call's started_at
  // and sort keys: neither statement reads a call (joining the hits with every call of the range
  // cost 42-71 ms at 1M calls, docs/benchmarks.md), and the walk in ai_score order reads the
  // hits' own index for it.
  for (const char* sort : {"started_at", "ai_score"}) {
    http::Request req;
    req.query =
        std::string(
            "from=2026-10-01&to=2026-11-30&tracker=aaaaaaaa-7ac0-4000-8000-000000000002&sort=") +
        sort;
    api::QueryParams q(req);
    api::CallQuery cq;
    ASSERT_FALSE(api::ReadCallQuery(q, &cq).has_value());
    ASSERT_FALSE(q.Finish().has_value());
    cq.SetTenant(kTenantA);
    Sql("select set_config('role', 'authenticated', false),"
        " set_config('request.jwt.claims', $1, false)",
        {R"({"sub":")" + std::string(kManagerA) + R"(","role":"authenticated"})"});
    auto plan_of = [&](const std::string& sql) {
      auto rows = Sql("explain " + sql, cq.params);
      std::string text;
      for (int i = 0; i < rows.size(); ++i) text += std::string(rows.get(i, 0)) + "\n";
      return text;
    };
    const std::string count = plan_of("select count(*) from (select " + cq.match_id + ", " +
                                      cq.match_key + cq.match_from + " limit 10001) m");
    const std::string walk = plan_of("select " + cq.match_id + cq.match_from + " order by " +
                                     cq.match_key + " desc, " + cq.match_id + " desc limit 26");
    Sql("select set_config('role', 'none', false), set_config('request.jwt.claims', '', false)");
    EXPECT_EQ(count.find(" on calls"), std::string::npos) << count;
    EXPECT_NE(count.find("on tracker_hits"), std::string::npos) << count;
    EXPECT_EQ(walk.find(" on calls"), std::string::npos) << walk;
    if (std::string_view(sort) == "ai_score") {
      EXPECT_NE(walk.find("tracker_hits_tracker_ai_score_started_idx"), std::string::npos) << walk;
    }
  }
  // The search alone's page reads no call but its own: pgTAP 069_calls_mentioning_page.sql.
}

// The "needs coaching" filter reads the flag's copy on the call
// (private.copy_insight_to_call.sql), the list's flag and reasons compute it from the insight
// (api/call_query.cc kCoachingReasons): the two agree for every call, whatever changed it.
TEST_F(CallsTest, LowPerformerCopyAgreesWithReasons) {
  Script(R"sql(
    update insights set script_met = 6, sentiment_label = 'neutral' where call_id = 'aaaaaaaa-ca11-4000-8000-000000000101';
    update insights set objection = null where call_id = 'aaaaaaaa-ca11-4000-8000-000000000102';
    update insights set script_met = null where call_id = 'aaaaaaaa-ca11-4000-8000-000000000103';
    insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email)
    values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000112', 'converted', 'true',
            'Booked', 'aaaaaaaa-1111-4000-8000-000000000000', 'manager-a@example.com');
    delete from insights where call_id = 'aaaaaaaa-ca11-4000-8000-000000000107';
  )sql");
  auto rows =
      Sql("select count(*), count(*) filter (where c.insight_low_performer)"
          " from public.calls c left join public.insights i"
          " on i.tenant_id = c.tenant_id and i.call_id = c.id"
          " where c.insight_low_performer is distinct from " +
          api::LowPerformerSql() +
          " union all select count(*), count(*) filter (where insight_low_performer)"
          " from public.calls");
  EXPECT_EQ(std::string(rows.get(0, 0)), "0") << "calls whose copy disagrees";
  EXPECT_NE(std::string(rows.get(1, 1)), "0");  // some calls need coaching
}

// The flag comes from explicit reasons, never from the score alone: a call scored 64 with three
// script items missed needs coaching, one scored 61 without a reason does not.
TEST_F(CallsTest, NeedsCoachingIsItsReasonsNotTheScore) {
  Script(R"sql(
    update insights set ai_score = 64, script_met = 3, script_total = 6, converted = false,
                        sentiment_label = 'neutral', sentiment_score = 0,
                        objection = '{"kind": "competitor", "quote": "Bluewave is cheaper.", "at_ms": 5000}'
     where call_id = 'aaaaaaaa-ca11-4000-8000-000000000101';
    update insights set ai_score = 61, script_met = 6, script_total = 6, converted = false,
                        sentiment_label = 'neutral', sentiment_score = 0, objection = null
     where call_id = 'aaaaaaaa-ca11-4000-8000-000000000102';
  )sql");
  auto r = GetAs("/api/v1/calls?from=2026-11-01&to=2026-11-30&sort=started_at&order=asc&limit=2",
                 TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body);
  const auto& flagged = body.at("calls").at(0);
  EXPECT_EQ(flagged.at("ai_score").to_number<int>(), 64);
  EXPECT_EQ(flagged.at("low_performer"), true);
  EXPECT_EQ(
      json::serialize(flagged.at("coaching_reasons")),
      R"([{"code":"missed_script","detail":"3 of 6"},{"code":"lost_sale","detail":"competitor"}])");
  const auto& fine = body.at("calls").at(1);
  EXPECT_EQ(fine.at("ai_score").to_number<int>(), 61);
  EXPECT_EQ(fine.at("low_performer"), false);
  EXPECT_EQ(fine.at("coaching_reasons").as_array().size(), 0u);
  // A converted call is not a lost sale whatever it objected to on the way.
  Script(R"sql(update insights set converted = true
                where call_id = 'aaaaaaaa-ca11-4000-8000-000000000101')sql");
  auto again = json::parse(GetAs("/api/v1/calls?from=2026-11-01&to=2026-11-30&sort=started_at"
                                 "&order=asc&limit=1",
                                 TokenA())
                               .body);
  EXPECT_EQ(json::serialize(again.at("calls").at(0).at("coaching_reasons")),
            R"([{"code":"missed_script","detail":"3 of 6"}])");
}

// The total counts every call the filters match, whatever the page; above 10,000 it stops
// counting and says so.
TEST_F(CallsTest, TotalCountsTheFilteredCallsUpToACap) {
  auto first = json::parse(
      GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&converted=true&limit=2", TokenA()).body);
  const auto want = Expected("c.id", "i.converted").size();
  EXPECT_EQ(first.at("total").to_number<std::size_t>(), want);
  EXPECT_EQ(first.at("total_capped"), false);
  auto second = json::parse(GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&converted=true"
                                  "&limit=2&cursor=" +
                                      std::string(first.at("next_cursor").as_string()),
                                  TokenA())
                                .body);
  EXPECT_EQ(second.at("total").to_number<std::size_t>(), want);

  Script(R"sql(
    insert into public.calls (tenant_id, id, call_sid, from_number, to_number, started_at, pipeline_status)
    select 'aaaaaaaa-0000-4000-8000-000000000000', gen_random_uuid(), 'CAbulk-' || n,
           '+14155550001', '+14155550100', timestamptz '2026-10-05 00:00+00' + n * interval '1 second',
           'received'
      from generate_series(1, 10001) n;
  )sql");
  auto capped = json::parse(GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30", TokenA()).body);
  EXPECT_EQ(capped.at("total").to_number<int>(), 10000);
  EXPECT_EQ(capped.at("total_capped"), true);
}

TEST_F(CallsTest, FullTextSearchWithEscapedSnippets) {
  auto r =
      GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&q=water%20heater&limit=100", TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto calls = json::parse(r.body).at("calls").as_array();
  ASSERT_EQ(calls.size(), 7u);  // calls 4, 8, ..., 28 of tenant A; never B's
  for (const auto& c : calls) {
    std::string snippet(c.at("snippet").as_string());
    EXPECT_NE(snippet.find("<mark>water</mark>"), std::string::npos) << snippet;
    EXPECT_NE(snippet.find("<mark>heater</mark>"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<b>"), std::string::npos) << snippet;
    EXPECT_NE(snippet.find("&lt;b&gt;"), std::string::npos) << snippet;
  }
  EXPECT_EQ(r.body.find("bbbbbbbb"), std::string::npos);
  auto phrase =
      GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&q=%22heater%20water%22", TokenA());
  EXPECT_EQ(json::parse(phrase.body).at("calls").as_array().size(), 0u);
  auto negated =
      GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&q=invoice%20-water&limit=100", TokenA());
  EXPECT_EQ(json::parse(negated.body).at("calls").as_array().size(), 23u);
  EXPECT_EQ(AllPages("&q=leaking&sort=ai_score", 2),
            Expected("coalesce(i.ai_score, -1) desc, c.started_at desc, c.id desc",
                     "split_part(c.call_sid, '-', 2)::int % 4 = 0"));
}

// A phrase may run on from one line to the next (ASR cuts sentences into segments): the call is
// found by its search document, and its snippet, which no single line gives, marks both words.
TEST_F(CallsTest, APhraseAcrossTwoLinesIsFoundWithItsSnippet) {
  Script(R"sql(
    insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
    select c.tenant_id, c.id, 1, 'agent', 1000, 2000, 'Pressure valve replaced'
      from public.calls c where c.call_sid = 'CAa-1';
  )sql");
  auto r =
      GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&q=%22invoice%20pressure%22", TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto calls = json::parse(r.body).at("calls").as_array();
  ASSERT_EQ(calls.size(), 1u) << r.body;
  std::string snippet(calls.at(0).at("snippet").as_string());
  EXPECT_NE(snippet.find("<mark>invoice</mark>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>Pressure</mark>"), std::string::npos) << snippet;
}

TEST_F(CallsTest, OtherTenantsCallsNeverAppear) {
  auto all = AllPages("", 100);
  EXPECT_EQ(all.size(), 30u);
  for (const auto& id : all) EXPECT_EQ(id.rfind("aaaaaaaa", 0), 0u) << id;
  auto r = GetAs("/api/v1/calls?agent_id=bbbbbbbb-a6e0-4000-8000-000000000001", TokenA());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(GetAs("/api/v1/calls", "").status, 401);
  auto b = GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30", TokenB());
  EXPECT_EQ(json::parse(b.body).at("calls").as_array().size(), 4u);
}

TEST_F(CallsTest, BadParametersAre400NamingTheParameter) {
  auto first =
      json::parse(GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&limit=2", TokenA()).body);
  const std::string cursor(first.at("next_cursor").as_string());
  const std::pair<std::string, const char*> cases[] = {
      {"sort=name", "`sort`"},
      {"order=up", "`order`"},
      {"limit=0", "`limit`"},
      {"limit=101", "`limit`"},
      {"score_min=101", "`score_min`"},
      {"score_min=80&score_max=20", "`score_min`"},
      {"converted=yes", "`converted`"},
      {"sentiment=happy", "`sentiment`"},
      {"low_performers=1", "`low_performers`"},
      {"agent_id=ann", "`agent_id`"},
      {"cursor=garbage!", "`cursor`"},
      {"cursor=djF8c3RhcnRlZF9hdHxkZXNjfHh8eQ", "`cursor`"},  // v1|started_at|desc|x|y
      {"sort=ai_score&cursor=" + cursor, "`cursor`"},         // made for another sort
      {"order=asc&cursor=" + cursor, "`cursor`"},
      {"q=" + std::string(201, 'a'), "`q`"},
      {"page=2", "`page`"},
  };
  for (const auto& [query, field] : cases) {
    auto r = GetAs("/api/v1/calls?" + query, TokenA());
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_NE(r.body.find(field), std::string::npos) << query << ": " << r.body;
  }
  // The cursor is valid with the sort it was made for.
  EXPECT_EQ(GetAs("/api/v1/calls?from=2026-10-01&to=2026-11-30&cursor=" + cursor, TokenA()).status,
            200);
}

}  // namespace
}  // namespace converza::testing::rest
