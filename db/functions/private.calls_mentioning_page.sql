-- The calls list's page when `q` is its only filter (api/calls.cc): the ids of one page of the
-- tenant's calls of a range whose transcript matches a web-search query, in the list's order, and
-- how many match in all. private.calls_mentioning gives every match, for `q` beside other
-- filters; returning them all (12,000 rows for a common word in 90 days of a 1M-call tenant) for
-- the request to store, count and sort again cost ~5 ms more than counting and sorting them here
-- in one statement (docs/benchmarks.md). The order is the list's: by the sort key's copy on the
-- document (private.copy_call_to_children keeps it equal to the call's), calls with equal values
-- by their start, then by id; `p_after_*` is the list's cursor (the last row's key as text, start
-- and id), or nulls for the first page. The tenant is the caller's to name but not to choose: the
-- answer is empty unless the verified JWT makes the caller a member of it or an admin, as in
-- private.calls_mentioning.
create or replace function private.calls_mentioning_page(
    p_tenant uuid, p_query text, p_from timestamptz, p_to timestamptz, p_sort text,
    p_desc boolean, p_after_key text, p_after_start timestamptz, p_after_id uuid,
    p_limit integer)
returns table (ids uuid[], total bigint)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_column text;  -- the document's copy of the sort key
  v_type text;    -- its type, which the cursor's key is read as
  v_dir text := case when p_desc then 'desc' else 'asc' end;
  v_after text := '';
  v_query tsquery := pg_catalog.websearch_to_tsquery('english', p_query);
begin
  select k.col, k.typ into v_column, v_type
    from (values ('started_at', 'started_at', 'timestamptz'),
                 ('ai_score', 'sort_ai_score', 'integer'),
                 ('upsell_cents', 'sort_upsell_cents', 'bigint'),
                 ('duration_s', 'sort_duration_s', 'integer'),
                 ('sentiment', 'sort_sentiment', 'real')) k(name, col, typ)
   where k.name = p_sort;
  if v_column is null then
    raise exception 'private.calls_mentioning_page: no sort key %', p_sort using errcode = '22023';
  end if;
  if pg_catalog.numnode(v_query) = 0  -- only stop words: nothing to match
     or not (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin())) then
    return query select '{}'::uuid[], 0::bigint;
    return;
  end if;
  if p_after_id is not null then  -- (the started_at order's key is the start: p_after_key unused)
    v_after := format(case when v_column = 'started_at' then ' and (m.s, m.call_id) %s ($6, $7)'
                           else ' and (m.k, m.s, m.call_id) %1$s ($5::%2$s, $6, $7)' end,
                      case when p_desc then '<' else '>' end, v_type);
  end if;
  -- Each run is planned for its own values (EXECUTE), so the text index is read for the words of
  -- the range's months (private.search_scope, as in private.calls_mentioning).
  return query execute format(
    'with m as (select d.call_id, d.%I as k, d.started_at as s'
    '             from public.transcript_documents d'
    '            where private.search_document(d.tsv, d.tenant_id, d.started_at) @@ $2'
    '              and d.tenant_id = $1 and d.started_at >= $3 and d.started_at < $4)'
    ' select array(select m.call_id from m where true%s'
    '               order by m.k %s, m.s %s, m.call_id %s limit $8),'
    '        (select count(*) from m)',
    v_column, v_after, v_dir, v_dir, v_dir)
    using p_tenant, v_query && private.search_scope(p_tenant, p_from, p_to), p_from, p_to,
          p_after_key, p_after_start, p_after_id, p_limit;
end
$$;
comment on function private.calls_mentioning_page(uuid, text, timestamptz, timestamptz, text, boolean, text, timestamptz, uuid, integer) is 'One page of the tenant''s calls started in [p_from, p_to) whose transcript matches a web-search query, in the calls list''s order (p_sort, p_desc, after the cursor p_after_*), and how many match in all; members of the tenant and admins only.';

revoke all on function private.calls_mentioning_page(uuid, text, timestamptz, timestamptz, text, boolean, text, timestamptz, uuid, integer) from public, anon;
grant execute on function private.calls_mentioning_page(uuid, text, timestamptz, timestamptz, text, boolean, text, timestamptz, uuid, integer) to authenticated;
