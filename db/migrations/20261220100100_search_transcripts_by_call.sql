-- The calls list's `q` (private.calls_mentioning) searched transcript lines: a GIN index on
-- (tenant_id, tsv) gave every matching line, each then read from the heap for its call and start
-- (GIN has no index-only scan), and the distinct calls were kept. Its cost grew with the tenant's
-- lines and the matching lines, not with the calls: the tenant's entry in the index held one
-- item per line, and a word said on five lines of a call was five heap reads (at 1M calls with
-- one line a call, 20-36 ms p95; docs/benchmarks.md). A call's transcript is one search document
-- here instead: the tenant's entry has one item per call, a match is one narrow row, and a query
-- is answered by the whole call ("-refund": the calls that never mention a refund, where a line
-- search gave every call with one line without it; a phrase may run on from one line to the next,
-- as ASR segments cut sentences).
create table public.transcript_documents (
  tenant_id         uuid not null,
  call_id           uuid not null,
  -- Copies of the call's (private.copy_call_to_children): the range is kept, and the matches
  -- sorted in the list's order, without reading a call.
  started_at        timestamptz not null,
  sort_ai_score     integer not null,
  sort_upsell_cents bigint not null,
  sort_sentiment    real not null,
  sort_duration_s   integer not null,
  -- The lines' tsv in seq order, concatenated (positions run on from line to line).
  tsv               tsvector not null,
  primary key (tenant_id, call_id),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
)
-- A document is written when its call is transcribed and its copies updated when it is analysed,
-- seconds later: room on its page keeps that update HOT. A non-HOT one adds an index entry for
-- every word of the call (in bench/pipeline/run, 4 updates in 10 were at the default of 100, 1 in
-- 10 at 70; docs/benchmarks.md).
with (fillfactor = 70);
-- A search reads each matching row for its call and copies, never its words (the index answers
-- a word; only a phrase rechecks them). Kept out of line uncompressed once a row passes 2 kB (a
-- call of a few minutes), the rows stay narrow and a search reads fewer pages.
alter table public.transcript_documents alter column tsv set storage external;
comment on table public.transcript_documents is 'One row per transcribed call: the words of all its transcript lines, for the calls list''s search; kept from public.transcripts by trigger (private.keep_transcript_documents).';

alter table public.transcript_documents enable row level security;
alter table public.transcript_documents force row level security;
create policy "Managers and admins can read transcript documents" on public.transcript_documents
  for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
revoke all on public.transcript_documents from public, anon, authenticated;
grant select on public.transcript_documents to authenticated;
grant all on public.transcript_documents to service_role;

-- Statement triggers: the pipeline writes a call's lines in one statement, so the document is
-- built once from all of them. Their bodies, copy_call_to_children's and calls_mentioning's, as
-- db/functions/ has them (here so that no line is written without its document, no call moved
-- with the old copy, and no search run on the lines' index once it is gone, before those files
-- are applied).
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

create trigger keep_transcript_documents_on_insert after insert on public.transcripts
  referencing new table as changed for each statement
  execute function private.keep_transcript_documents();
create trigger keep_transcript_documents_on_update after update on public.transcripts
  referencing new table as changed for each statement
  execute function private.keep_transcript_documents();
create trigger keep_transcript_documents_on_delete after delete on public.transcripts
  referencing old table as changed for each statement
  execute function private.keep_transcript_documents();

select private.rebuild_transcript_document(tenant_id, call_id)
  from (select distinct tenant_id, call_id from public.transcripts) t;

-- Led by the tenant, as the lines' index was (btree_gin), so a tenant's search reads its own
-- documents alone.
create index transcript_documents_tenant_tsv_idx on public.transcript_documents
  using gin (tenant_id, tsv);
analyze public.transcript_documents;

create or replace function private.copy_call_to_children()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then  -- of public.calls; its trigger fires when a copied column changed
    update public.transcript_documents
       set started_at = new.started_at, sort_ai_score = new.sort_ai_score,
           sort_upsell_cents = new.sort_upsell_cents, sort_sentiment = new.sort_sentiment,
           sort_duration_s = new.sort_duration_s
     where tenant_id = new.tenant_id and call_id = new.id;
    update public.tracker_hits
       set started_at = new.started_at, sort_ai_score = new.sort_ai_score,
           sort_upsell_cents = new.sort_upsell_cents, sort_sentiment = new.sort_sentiment,
           sort_duration_s = new.sort_duration_s
     where tenant_id = new.tenant_id and call_id = new.id;
    return null;
  end if;
  -- Insert on public.tracker_hits.
  select c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s
    into new.started_at, new.sort_ai_score, new.sort_upsell_cents, new.sort_sentiment,
         new.sort_duration_s
    from public.calls c
   where c.tenant_id = new.tenant_id and c.id = new.call_id;
  if not found then  -- what the foreign key would say, before NOT NULL says less
    raise foreign_key_violation using
      message = format('insert on table "%s" violates foreign key constraint "%s_tenant_id_call_id_fkey"',
                       tg_table_name, tg_table_name),
      detail = format('Key (tenant_id, call_id)=(%s, %s) is not present in table "calls".',
                      new.tenant_id, new.call_id);
  end if;
  return new;
end
$$;
comment on function private.copy_call_to_children() is 'Trigger on public.tracker_hits (insert) and public.calls (update): keeps the children''s copies of their call''s started_at and sort keys (tracker_hits, transcript_documents).';

revoke all on function private.copy_call_to_children() from public, anon, authenticated;

-- The search's result gains the copies of the sort keys: a new result type, so dropped, not
-- replaced (on a new database it is not there yet: db/functions is applied after migrations).
drop function if exists private.calls_mentioning(uuid, text, timestamptz, timestamptz);
create function private.calls_mentioning(p_tenant uuid, p_query text,
                                                    p_from timestamptz, p_to timestamptz)
returns table (call_id uuid, started_at timestamptz, sort_ai_score integer,
               sort_upsell_cents bigint, sort_sentiment real, sort_duration_s integer)
language plpgsql stable security definer set search_path = '' rows 1000
-- Planned for the caller's values (a generic plan cannot tell the tenant's lines from a few).
set plan_cache_mode = force_custom_plan
as $$
begin
  return query
  select d.call_id, d.started_at, d.sort_ai_score, d.sort_upsell_cents, d.sort_sentiment,
         d.sort_duration_s
    from public.transcript_documents d
   where d.tenant_id = p_tenant
     and d.tsv @@ pg_catalog.websearch_to_tsquery('english', p_query)
     and d.started_at >= p_from and d.started_at < p_to
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
end
$$;
comment on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) is 'The tenant''s calls started in [p_from, p_to) whose transcript matches a web-search query (the calls list''s q), with the keys the list sorts by, through the tenant-led GIN index on their search documents; members of the tenant and admins only.';

revoke all on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) from public, anon;
grant execute on function private.calls_mentioning(uuid, text, timestamptz, timestamptz) to authenticated;

-- The lines' copy of their call's start served the search alone: the document's replaces it, and
-- a line is written without a lookup of its call.
drop trigger copy_call_to_children_on_insert on public.transcripts;
alter table public.transcripts drop column started_at;
