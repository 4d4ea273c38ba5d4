#include "alerts/queue.h"

namespace converza::alerts {
namespace {

constexpr std::string_view kQueue = R"sql(
  insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel, target)
  select r.tenant_id, r.id, c.id, t.channel, t.target
    from public.alert_rules r
    join public.calls c on c.tenant_id = r.tenant_id and c.id = $2::uuid
    join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
    cross join lateral (
      select 'webhook' as channel, '' as target where r.webhook_url is not null
      union all
      select 'email', e from unnest(r.emails) e) t
   where r.tenant_id = $1::uuid and r.enabled and c.started_at > now() - interval '1 day'
     and case r.kind
           when 'negative_long_call' then i.sentiment_label = 'negative'
                                          and coalesce(c.duration_s, 0) > r.threshold
           when 'tracker_hit' then exists (select 1 from public.tracker_hits h
                                            where h.tenant_id = c.tenant_id and h.call_id = c.id
                                              and h.tracker_id = r.tracker_id)
           when 'ai_score_below' then i.ai_score < r.threshold
           when 'upsell_above' then i.upsell_cents > r.threshold * 100
           else false
         end
  on conflict (tenant_id, rule_id, call_id, channel, target) do nothing)sql";

}  // namespace

long long QueueAlerts(db::Transaction& tx, const std::string& tenant_id,
                      const std::string& call_id) {
  return tx.exec(kQueue, {tenant_id, call_id}).affected();
}

}  // namespace converza::alerts
