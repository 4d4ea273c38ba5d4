-- The calls list's `q` filter (api/call_query.cc): the tenant's calls of a range whose transcript
-- matches a web-search query, each with its started_at. The match (@@) is not leakproof, so under
-- the RLS policy PostgreSQL tests it row by row after the policy, over every row of the tenant (a
-- seq scan; 135-195 ms at 1M calls on the bench, docs/benchmarks.md); here, as the owner, the
-- text index on the calls' search documents (public.transcript_documents, one a call) finds the
-- matching calls of the tenant's months in the range alone (private.search_scope, migration
-- 20261221100100), and the document's copies of its call's started_at and sort keys keep the
-- range and give the list its order without reading a call. The tenant is the caller's to name
-- but not to choose: the answer is empty unless the verified JWT makes the caller a member of it
-- or an admin, exactly what the documents' policy lets them read.
create or replace function private.calls_mentioning(p_tenant uuid, p_query text,
                                                    p_from timestamptz, p_to timestamptz)
returns table (call_id uuid, started_at timestamptz, sort_ai_score integer,
               sort_upsell_cents bigint, sort_sentiment real, sort_duration_s integer)
language plpgsql stable security definer set search_path = '' rows 1000
-- Planned for the caller's values (a generic plan cannot tell the tenant's lines from a few).
set plan_cache_mode = force_custom_plan
as $$
declare
  v_query tsquery := pg_catalog.websearch_to_tsquery('english', p_query);
begin
  if pg_catalog.numnode(v_query) = 0 then  -- only stop words: nothing to match
    return;
  end if;
  return query
  select d.call_id, d.started_at, d.sort_ai_score, d.sort_upsell_cents, d.sort_sentiment,
         d.sort_duration_s
    from public.transcript_documents d
   where private.search_document(d.tsv, d.tenant_id, d.started_at)
         @@ (v_query && private.search_scope(p_tenant, p_from, p_to))
     and d.tenant_id = p_tenant
     and d.started_at >= p_from and d.started_at < p_to
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
end
$$;
comment on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) is 'The tenant''s calls started in [p_from, p_to) whose transcript matches a web-search query (the calls list''s q), with the keys the list sorts by, through the text index on their search documents; members of the tenant and admins only.';

revoke all on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) from public, anon;
grant execute on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) to authenticated;
