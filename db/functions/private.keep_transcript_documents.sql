-- Triggers after insert, update and delete on public.transcripts (migration
-- 20261220100100_search_transcripts_by_call.sql): the search document of each call whose lines a
-- statement changed is rebuilt from all its lines (private.rebuild_transcript_document). The
-- transition table `changed` holds the new lines (insert, update) or the old (delete).
create or replace function private.keep_transcript_documents()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  touched record;
begin
  for touched in select distinct tenant_id, call_id from changed loop
    perform private.rebuild_transcript_document(touched.tenant_id, touched.call_id);
  end loop;
  return null;
end
$$;
comment on function private.keep_transcript_documents() is 'Trigger on public.transcripts (after each statement): rebuilds the search documents (public.transcript_documents) of the calls whose lines changed.';

revoke all on function private.keep_transcript_documents() from public, anon, authenticated;
