-- What re-analysing a date range of the tenant's calls would take, before a manager starts it:
-- the calls of those UTC days that have a transcript (the only ones the analyzer can score again)
-- and the estimated OpenAI cost, that count times the tenant's average OpenAI spend per analysed
-- call over its last 30 days of usage (0 when it had none: the rules analyzer costs nothing).
-- Also the analyzer and model of the tenant's latest insight, as a hint of which one will run.
-- Runs as its owner (it reads usage_events) and answers members of the tenant and admins only.
-- A bad range is SQLSTATE 22023; the API checks it first and explains.
create or replace function public.reanalysis_estimate(p_tenant uuid, p_from date, p_to date)
returns table (calls bigint, estimated_cost_micros bigint, analyzer text, model text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_avg numeric;
begin
  if not (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin())) then
    raise exception 'not a member of this organisation' using errcode = '42501';
  end if;
  if p_from is null or p_to is null or p_to < p_from or p_to - p_from >= 366 then
    raise exception 'the range must be 1 to 366 days, from <= to' using errcode = '22023';
  end if;
  select coalesce(sum(u.cost_micros)::numeric / nullif(count(distinct u.call_id), 0), 0)
    into v_avg
    from public.usage_events u
   where u.tenant_id = p_tenant and u.provider = 'openai' and u.call_id is not null
     and u.at >= now() - interval '30 days';
  return query
    with n as (
      select count(*) as calls
        from public.calls c
       where c.tenant_id = p_tenant
         and c.started_at >= (p_from::timestamp at time zone 'UTC')
         and c.started_at < ((p_to + 1)::timestamp at time zone 'UTC')
         and exists (select 1 from public.transcripts t
                      where t.tenant_id = c.tenant_id and t.call_id = c.id))
    select n.calls, round(n.calls * v_avg)::bigint, l.analyzer, l.model
      from n
      left join lateral (select i.analyzer, i.model from public.insights i
                          where i.tenant_id = p_tenant
                          order by i.analyzed_at desc limit 1) l on true;
end
$$;
comment on function public.reanalysis_estimate(uuid, date, date) is 'Calls with a transcript in the UTC days p_from..p_to and the estimated OpenAI cost of re-analysing them; for the tenant''s members and admins.';

revoke all on function public.reanalysis_estimate(uuid, date, date) from public, anon;
grant execute on function public.reanalysis_estimate(uuid, date, date) to authenticated, service_role;
