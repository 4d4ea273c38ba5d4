-- What re-analysing a date range of the tenant's calls would take, before a manager starts it:
-- the calls of those UTC days that have a transcript (the only ones the analyzer can score
-- again), their prompt tokens and the tenant's recent completion tokens per call. The API prices
-- them with the provider price table for the model that will run (pipeline/analysis_cost.h),
-- which also gives the prompt's shape: a call's prompt is p_fixed_tokens plus, per transcript
-- line, (its bytes + p_line_bytes) / 3 tokens, at most p_max_tokens (0: no cap); all 0 when only
-- the count is wanted. The completion average is over the tenant's OpenAI usage of the last 30
-- days (null without any). Runs as its owner (it reads usage_events) and answers members of the
-- tenant and admins only. A bad range is SQLSTATE 22023; the API checks it first and explains.
create or replace function public.reanalysis_estimate(
  p_tenant uuid, p_from date, p_to date,
  p_fixed_tokens integer default 0, p_line_bytes integer default 0, p_max_tokens integer default 0)
returns table (calls bigint, prompt_tokens bigint, completion_tokens_per_call numeric)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin())) then
    raise exception 'not a member of this organisation' using errcode = '42501';
  end if;
  if p_from is null or p_to is null or p_to < p_from or p_to - p_from >= 366 then
    raise exception 'the range must be 1 to 366 days, from <= to' using errcode = '22023';
  end if;
  return query
    with per_call as (
      select p_fixed_tokens + ceil((sum(octet_length(t.text)) + count(*) * p_line_bytes) / 3.0) as tokens
        from public.calls c
        join public.transcripts t on t.tenant_id = c.tenant_id and t.call_id = c.id
       where c.tenant_id = p_tenant
         and c.started_at >= (p_from::timestamp at time zone 'UTC')
         and c.started_at < ((p_to + 1)::timestamp at time zone 'UTC')
       group by c.id)
    select count(*),
           coalesce(sum(case when p_max_tokens > 0 then least(tokens, p_max_tokens) else tokens end), 0)::bigint,
           (select sum(u.quantity) / nullif(count(distinct u.call_id), 0)
              from public.usage_events u
             where u.tenant_id = p_tenant and u.provider = 'openai' and u.unit = 'completion_tokens'
               and u.call_id is not null and u.at >= now() - interval '30 days')
      from per_call;
end
$$;
comment on function public.reanalysis_estimate(uuid, date, date, integer, integer, integer) is 'Calls with a transcript in the UTC days p_from..p_to, their prompt tokens and the tenant''s recent completion tokens per call, for the API to price a re-analysis; for the tenant''s members and admins.';

revoke all on function public.reanalysis_estimate(uuid, date, date, integer, integer, integer) from public, anon;
grant execute on function public.reanalysis_estimate(uuid, date, date, integer, integer, integer) to authenticated, service_role;
