-- The calls list's `q` filter (api/call_query.cc): the tenant's calls of a range whose transcript
-- has a line matching a web-search query, each with its started_at. The match (@@) is not
-- leakproof, so under the transcripts' RLS policy PostgreSQL tests it line by line after the
-- policy, over every transcript line of the tenant (a seq scan; 135-195 ms at 1M calls on the
-- bench, docs/benchmarks.md); here, as the owner, the tenant-led GIN index on (tenant_id, tsv)
-- finds the tenant's matching lines alone, and the lines' copy of their call's started_at
-- (transcripts.started_at, private.copy_call_to_children) keeps the range without
-- reading a call. The tenant is the caller's to name but not to choose: the answer is empty
-- unless the verified JWT makes the caller a member of it or an admin, exactly what the
-- transcripts' policy lets them read.
create or replace function private.calls_mentioning(p_tenant uuid, p_query text,
                                                    p_from timestamptz, p_to timestamptz)
returns table (call_id uuid, started_at timestamptz)
language plpgsql stable security definer set search_path = '' rows 1000
-- Planned for the caller's values (a generic plan cannot tell the tenant's lines from a few).
set plan_cache_mode = force_custom_plan
as $$
begin
  return query
  select distinct t.call_id, t.started_at
    from public.transcripts t
   where t.tenant_id = p_tenant
     and t.tsv @@ pg_catalog.websearch_to_tsquery('english', p_query)
     and t.started_at >= p_from and t.started_at < p_to
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
end
$$;
comment on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) is 'The tenant''s calls started in [p_from, p_to) with a transcript line matching a web-search query (the calls list''s q), through the tenant-led GIN index; members of the tenant and admins only.';

revoke all on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) from public, anon;
grant execute on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) to authenticated;
