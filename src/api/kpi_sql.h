// SQL shared by every endpoint that shows KPIs (the KPIs and their time series, api/kpis.cc; the
// leaderboard, api/agents.cc): the kpi_daily counters summed per group, and their ratios from
// public.kpi_ratios (db/functions/public.kpi_ratios.sql). A new counter is added here once.
#pragma once

#include "db/sql_text.h"

namespace converza::api {

// The select list of a `k` CTE grouping public.kpi_daily rows.
constexpr db::SqlText kKpiSums =
    "sum(calls) calls, sum(analyzed) analyzed, sum(converted) converted,"
    " sum(upsell_cents) upsell_cents, sum(sentiment_sum) sentiment_sum,"
    " sum(sentiment_scored) sentiment_scored, sum(ai_score_sum) ai_score_sum,"
    " sum(ai_scored) ai_scored, sum(script_met) script_met, sum(script_total) script_total,"
    " sum(agent_talk_ms) agent_talk_ms, sum(customer_talk_ms) customer_talk_ms";

// Joins the ratios of the sums in `k` (one row, nulls where k has none); alias it after this.
constexpr db::SqlText kKpiRatiosOfK =
    "cross join lateral public.kpi_ratios(k.converted, k.analyzed, k.sentiment_sum,"
    " k.sentiment_scored, k.ai_score_sum, k.ai_scored, k.script_met, k.script_total,"
    " k.agent_talk_ms, k.customer_talk_ms)";

}  // namespace converza::api
