-- A search document is found by its words and by two keys of its own: its tenant, and its
-- tenant's month (UTC). The text index's tenant_id column (transcript_documents_tenant_tsv_idx)
-- gave every matching document of the tenant, of all time: a 30-day search of a 1M-call tenant
-- read its 12,000 matches of 90 days from the heap to keep 4,000 (~12 ms, docs/benchmarks.md).
-- Asking for the range's months instead reads ~5,000 (~6 ms); a search of over three years,
-- or of no bound, asks for the tenant's key, as the tenant_id column did. The keys are lexemes no
-- text gives (the parser splits words at spaces), so no query of words can match them.
--
-- These functions define an index (migration 20261221100200): they are immutable, live only in
-- migrations, and are never changed in place (a new key means a new function and a new index).
create function private.search_keys(p_tenant uuid, p_at timestamptz)
returns tsvector
language sql immutable parallel safe
return pg_catalog.array_to_tsvector(array[
  p_tenant::text,
  p_tenant::text || ' ' || (extract(year from p_at at time zone 'UTC') * 100
                            + extract(month from p_at at time zone 'UTC'))::integer::text]);
comment on function private.search_keys(uuid, timestamptz) is 'The keys of a search document besides its words: its tenant, and its tenant''s month (UTC) of p_at; lexemes no text gives.';

-- What the text index holds of a document: its words and its keys.
create function private.search_document(p_tsv tsvector, p_tenant uuid, p_at timestamptz)
returns tsvector
language sql immutable parallel safe
return p_tsv || private.search_keys(p_tenant, p_at);
comment on function private.search_document(tsvector, uuid, timestamptz) is 'A search document as the text index holds it (transcript_documents_search_idx): its words and private.search_keys.';

-- The keys of a tenant's documents started in [p_from, p_to), as a query: its months' keys, or,
-- for a range over 1,100 days (three years) or an unbounded one, its own key. Null for an empty
-- range.
create function private.search_scope(p_tenant uuid, p_from timestamptz, p_to timestamptz)
returns tsquery
language sql immutable parallel safe
return case
  when p_from >= p_to then null
  when isfinite(p_from) and isfinite(p_to) and p_to - p_from <= interval '1100 days' then
    (select string_agg(pg_catalog.quote_literal(p_tenant::text || ' ' ||
                         (extract(year from m) * 100 + extract(month from m))::integer::text), ' | ')
       from pg_catalog.generate_series(date_trunc('month', p_from at time zone 'UTC'),
                                       p_to at time zone 'UTC', interval '1 month') m)::tsquery
  else pg_catalog.quote_literal(p_tenant::text)::tsquery
end;
comment on function private.search_scope(uuid, timestamptz, timestamptz) is 'The keys of a tenant''s search documents started in [p_from, p_to) (private.search_keys), as a query: its months'' or, for a wide or unbounded range, its own.';
