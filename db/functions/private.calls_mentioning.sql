-- The calls list's `q` filter (api/call_query.cc): the tenant's calls whose transcript matches a
-- web-search query. The match (@@) is not leakproof, so under the transcripts' RLS policy
-- PostgreSQL could only test it line by line after the policy, reading every transcript line
-- of the tenant (a seq scan of transcripts on the bench, ~50 ms for 250,000 lines; at 1M calls
-- of real transcripts, minutes); here, as the owner, the GIN index on tsv finds the matching
-- lines. Answers members of the tenant and admins only, as the policy does; nothing otherwise.
create or replace function private.calls_mentioning(p_tenant uuid, p_query text)
returns setof uuid
language sql stable security definer set search_path = '' rows 1000
as $$
  select distinct t.call_id
    from public.transcripts t
   where t.tenant_id = p_tenant
     and t.tsv @@ websearch_to_tsquery('english', p_query)
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()))
$$;
comment on function private.calls_mentioning(uuid, text) is 'Ids of the tenant''s calls whose transcript matches a web-search query (the calls list''s q), through the GIN index; members of the tenant and admins only.';

revoke all on function private.calls_mentioning(uuid, text) from public, anon;
grant execute on function private.calls_mentioning(uuid, text) to authenticated;
