-- Transcripts: one row per sentence/segment, already redacted before storage.

create table public.transcripts (
  tenant_id  uuid not null,
  call_id    uuid not null,
  seq        integer not null check (seq >= 0),
  speaker    text not null check (speaker in ('agent', 'customer')),
  start_ms   integer not null check (start_ms >= 0),
  end_ms     integer not null,
  text       text not null,
  confidence real,
  -- [{kind, start, end}] character offsets into text where PII/PCI was masked
  redactions jsonb not null default '[]',
  tsv        tsvector generated always as (to_tsvector('english', text)) stored,
  primary key (tenant_id, call_id, seq),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade,
  check (end_ms >= start_ms)
);
-- Full-text search over calls; queries also filter tenant_id (RLS adds it anyway).
create index transcripts_tsv_idx on public.transcripts using gin (tsv);
comment on table public.transcripts is 'Redacted transcript segments of a call, ordered by seq, with speaker and start/end ms for the synchronized player.';

alter table public.transcripts enable row level security;
alter table public.transcripts force row level security;

revoke all on public.transcripts from public, anon, authenticated;
grant select on public.transcripts to authenticated;
grant all on public.transcripts to service_role;

-- Managers read their tenant's transcripts; admins read all. Written by the transcribe worker.
create policy "Managers and admins can read transcripts"
  on public.transcripts for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
