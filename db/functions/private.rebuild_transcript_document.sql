-- One call's search document (public.transcript_documents) rebuilt from its lines: their tsv in
-- seq order, concatenated, so positions run on from one line to the next (a phrase may span two
-- ASR segments), with copies of the call's started_at and sort keys; deleted when the call has
-- no line left. Called by the statement trigger on public.transcripts
-- (private.keep_transcript_documents) for each call a statement touched, and by whatever builds
-- documents without it (the migration's backfill, bench/api/seed_search.sql). Called once a
-- call: the trigger did the same work as one statement over its transition table, and a 20-line
-- transcript cost ~0.1 ms more to write (bench/api/transcripts_write_cost.sql,
-- docs/benchmarks.md).
create or replace function private.rebuild_transcript_document(p_tenant uuid, p_call uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  doc tsvector;
  line tsvector;
begin
  for line in select t.tsv from public.transcripts t
               where t.tenant_id = p_tenant and t.call_id = p_call order by t.seq loop
    doc := case when doc is null then line else doc operator(pg_catalog.||) line end;
  end loop;
  if doc is null then
    delete from public.transcript_documents where tenant_id = p_tenant and call_id = p_call;
    return;
  end if;
  insert into public.transcript_documents as s (tenant_id, call_id, started_at, sort_ai_score,
                                                sort_upsell_cents, sort_sentiment, sort_duration_s,
                                                tsv)
  select c.tenant_id, c.id, c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment,
         c.sort_duration_s, doc
    from public.calls c
   where c.tenant_id = p_tenant and c.id = p_call
  on conflict (tenant_id, call_id) do update
    set tsv = excluded.tsv
    where s.tsv is distinct from excluded.tsv;
end
$$;
comment on function private.rebuild_transcript_document(uuid, uuid) is 'Rebuilds one call''s search document from its transcript lines, their tsv concatenated in order (deletes it when there are none).';

revoke all on function private.rebuild_transcript_document(uuid, uuid) from public, anon, authenticated;
