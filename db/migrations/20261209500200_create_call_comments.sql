-- Comments managers leave on a call at a moment of its recording ("listen to how she handles the
-- price question here"), shown on the transcript and the waveform of the coaching view. The
-- author's e-mail is copied in when the comment is written, because auth.users is not readable
-- by managers and a comment should keep its author's name if they leave the organisation.

create table public.call_comments (
  tenant_id    uuid not null,
  id           uuid not null default gen_random_uuid(),
  call_id      uuid not null,
  author_id    uuid not null default auth.uid(),
  author_email text not null check (length(author_email) between 1 and 320),
  at_ms        integer not null check (at_ms >= 0),
  body         text not null check (length(btrim(body)) between 1 and 2000),
  created_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
);
create index call_comments_call_idx on public.call_comments (tenant_id, call_id, at_ms);
comment on table public.call_comments is 'Managers'' comments on a call at a moment (milliseconds into the recording).';

alter table public.call_comments enable row level security;
alter table public.call_comments force row level security;

-- Column grants, as for every table managers write (db/tests/030_grants_by_column.sql): the
-- author and the time are never the caller's to choose.
revoke all on public.call_comments from public, anon, authenticated;
grant select, delete on public.call_comments to authenticated;
grant insert (tenant_id, call_id, author_email, at_ms, body) on public.call_comments to authenticated;
grant all on public.call_comments to service_role;

-- Every manager of the tenant reads its comments; admins read all.
create policy "Managers and admins can read their tenant's call comments"
  on public.call_comments for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Managers comment on their own tenant's calls, as themselves (viewers read only).
create policy "Managers can comment on their tenant's calls as themselves"
  on public.call_comments for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[])
              and author_id = (select auth.uid()));

-- Authors remove their own comments; nobody edits one (delete and write again).
create policy "Authors can delete their own call comments"
  on public.call_comments for delete to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[])
         and author_id = (select auth.uid()));
