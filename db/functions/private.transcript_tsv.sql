-- A call's search document (public.transcript_documents): its lines' tsv in seq order,
-- concatenated, so positions run on from one line to the next (a phrase may span two ASR
-- segments); null when it has no line. A function rather than an aggregate over `||`: a private
-- helper runs as its owner (001_rls_enabled), which an aggregate cannot.
create or replace function private.transcript_tsv(p_tenant uuid, p_call uuid)
returns tsvector
language plpgsql stable security definer set search_path = ''
as $$
declare
  doc tsvector;
  line tsvector;
begin
  for line in select t.tsv from public.transcripts t
               where t.tenant_id = p_tenant and t.call_id = p_call order by t.seq loop
    doc := case when doc is null then line else doc operator(pg_catalog.||) line end;
  end loop;
  return doc;
end
$$;
comment on function private.transcript_tsv(uuid, uuid) is 'A call''s search document: its transcript lines'' tsv in order, concatenated (null without lines).';

revoke all on function private.transcript_tsv(uuid, uuid) from public, anon, authenticated;
