#include "pipeline/metering.h"

namespace converza::pipeline {
namespace {

constexpr std::string_view kMeterNumbers = R"sql(
  with lock as (select pg_advisory_xact_lock(7291003)),
  month as (select to_char(now() at time zone 'UTC', 'YYYY-MM') as m from lock),
  due as (
    select p.tenant_id, p.e164, month.m from public.phone_numbers p, month
     where p.status = 'active'
       and not exists (select 1 from public.usage_events u
                        where u.tenant_id = p.tenant_id and u.provider = 'twilio'
                          and u.unit = 'number_months' and u.meta ->> 'number' = p.e164
                          and u.meta ->> 'month' = month.m)),
  ins as (
    insert into public.usage_events (tenant_id, provider, unit, quantity, cost_micros, meta)
    select tenant_id, 'twilio', 'number_months', 1, $1::bigint,
           jsonb_build_object('number', e164, 'month', m)
      from due
    returning 1)
  select count(*) from ins)sql";

}  // namespace

int MeterNumberMonths(db::Pool& pool, long long micros_per_month) {
  auto c = pool.acquire();
  db::Transaction tx(*c);
  int n =
      static_cast<int>(tx.exec(kMeterNumbers, {std::to_string(micros_per_month)}).get_int(0, 0));
  tx.commit();
  return n;
}

}  // namespace converza::pipeline
