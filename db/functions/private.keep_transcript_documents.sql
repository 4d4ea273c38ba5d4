-- Triggers after insert, update and delete on public.transcripts (migration
-- 20261220100100_search_transcripts_by_call.sql): a call's search document is rebuilt from all
-- its lines whenever a statement changed any of them, with copies of its call's started_at and
-- sort keys (private.copy_call_to_children keeps them when the call's change), and is gone when it
-- has no line. The transition table `changed` holds the new lines (insert, update) or the old (delete).
create or replace function private.keep_transcript_documents()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  with touched as (select distinct tenant_id, call_id from changed),
  docs as (
    select d.tenant_id, d.call_id, c.started_at, c.sort_ai_score, c.sort_upsell_cents,
           c.sort_sentiment, c.sort_duration_s, private.transcript_tsv(d.tenant_id, d.call_id) as tsv
      from touched d
      join public.calls c on c.tenant_id = d.tenant_id and c.id = d.call_id),
  gone as (
    delete from public.transcript_documents s
     using touched d
     where s.tenant_id = d.tenant_id and s.call_id = d.call_id
       and not exists (select 1 from docs where docs.tenant_id = d.tenant_id
                                          and docs.call_id = d.call_id and docs.tsv is not null))
  insert into public.transcript_documents as s (tenant_id, call_id, started_at, sort_ai_score,
                                                sort_upsell_cents, sort_sentiment, sort_duration_s,
                                                tsv)
  select tenant_id, call_id, started_at, sort_ai_score, sort_upsell_cents, sort_sentiment,
         sort_duration_s, tsv
    from docs where tsv is not null
  on conflict (tenant_id, call_id) do update
    set tsv = excluded.tsv
    where s.tsv is distinct from excluded.tsv;
  return null;
end
$$;
comment on function private.keep_transcript_documents() is 'Trigger on public.transcripts (after each statement): rebuilds the search documents (public.transcript_documents) of the calls whose lines changed.';

revoke all on function private.keep_transcript_documents() from public, anon, authenticated;
