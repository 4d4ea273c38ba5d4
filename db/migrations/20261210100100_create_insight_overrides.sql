-- Managers correct the AI: an override replaces one field of a call's insight (converted,
-- upsell_cents, sentiment, or one script item `script.<key>`) with a value and a reason.
--
-- Design: every reader of insights (the calls list and its filters, the call view, the KPI
-- rollup, the leaderboard, the exports) keeps reading public.insights, and gets the override
-- without knowing about it, because the override is applied to the insight row itself:
--   * public.insight_overrides is the append-only history (who changed which field, from what AI
--     value, to what, why, when). Managers insert; nobody updates or deletes.
--   * A trigger on insights (private.apply_insight_overrides) writes the latest override of each
--     field over the analyzer's values, keeps the analyzer's own values in insights.ai_values and
--     marks the overridden fields in insights.overrides ({field: {value, ai_value, by, at,
--     reason}}), which the dashboard shows as "edited by <manager>".
--   * Inserting an override touches the insight row (so the trigger re-applies) and recomputes the
--     call's day of kpi_daily in the same transaction, so the KPIs and the leaderboard agree with
--     the calls list the moment the override commits.
-- Re-analysis (the analyze stage's upsert) keeps a manager's override: the trigger stores the new
-- analysis as ai_values and applies the overrides over it again. A call left "not analysed"
-- loses its insight row but not its history; the overrides come back with the next analysis.
-- The AI score is the analyzer's own grade and is not recomputed from overridden fields.

create table public.insight_overrides (
  tenant_id    uuid not null,
  id           uuid not null default gen_random_uuid(),
  seq          bigint generated always as identity,  -- the order of overrides, even within one transaction
  call_id      uuid not null,
  field        text not null check (field ~ '^(converted|upsell_cents|sentiment|script\.[A-Za-z0-9_-]{1,64})$'),
  ai_value     jsonb,           -- the analyzer's value it replaced (set by the trigger, not the writer)
  value        jsonb not null,
  reason       text not null check (length(btrim(reason)) between 1 and 500),
  author_id    uuid not null default auth.uid(),
  author_email text not null check (length(author_email) between 1 and 320),
  created_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
);
create index insight_overrides_call_idx on public.insight_overrides (tenant_id, call_id, field, seq);
comment on table public.insight_overrides is 'Append-only history of managers'' corrections of insight fields; the latest per field is applied to public.insights.';
comment on column public.insight_overrides.field is 'converted, upsell_cents, sentiment or script.<item key>.';
comment on column public.insight_overrides.value is 'The manager''s value: a boolean (converted, script items), whole cents (upsell_cents) or a sentiment label.';

alter table public.insight_overrides enable row level security;
alter table public.insight_overrides force row level security;

-- Column grants (db/tests/030_grants_by_column.sql): the author, the AI's value and the time are
-- never the caller's to choose.
revoke all on public.insight_overrides from public, anon, authenticated;
grant select on public.insight_overrides to authenticated;
grant insert (tenant_id, call_id, field, value, reason, author_email) on public.insight_overrides to authenticated;
grant all on public.insight_overrides to service_role;

-- Every member of the tenant reads its overrides; admins read all.
create policy "Members and admins can read their tenant's insight overrides"
  on public.insight_overrides for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Managers override insights of their own tenant's calls, as themselves (viewers read only).
create policy "Managers can override their tenant's insights as themselves"
  on public.insight_overrides for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[])
              and author_id = (select auth.uid()));

alter table public.insights
  add column ai_values jsonb,
  add column overrides jsonb not null default '{}'::jsonb;
comment on column public.insights.ai_values is 'The analyzer''s own values of the overridable fields {converted, upsell_cents, sentiment {score, label}, script {key: met}, confidence}; null on rows written before overrides existed (their columns are the analyzer''s).';
comment on column public.insights.overrides is 'Fields a manager overrode: {field: {value, ai_value, by, at, reason}}; the columns already hold the overridden values.';

-- The trigger functions' bodies are in db/functions/ (private.check_insight_override.sql,
-- private.after_insight_override.sql, private.apply_insight_overrides.sql), applied after the
-- migrations; these placeholders let the triggers be created here.
create function private.check_insight_override() returns trigger
language plpgsql security definer set search_path = '' as $$ begin return new; end $$;
create function private.after_insight_override() returns trigger
language plpgsql security definer set search_path = '' as $$ begin return null; end $$;
create function private.apply_insight_overrides() returns trigger
language plpgsql security definer set search_path = '' as $$ begin return new; end $$;
revoke all on function private.check_insight_override() from public, anon, authenticated;
revoke all on function private.after_insight_override() from public, anon, authenticated;
revoke all on function private.apply_insight_overrides() from public, anon, authenticated;

-- Validates an override and records the AI value it replaces.
create trigger check_insight_override before insert on public.insight_overrides
  for each row execute function private.check_insight_override();
-- Applies it to the insight and refreshes the call's day of kpi_daily, in the same transaction.
create trigger after_insight_override after insert on public.insight_overrides
  for each row execute function private.after_insight_override();
-- Writes the latest override of each field over every insight written (analysis or override).
create trigger apply_insight_overrides before insert or update on public.insights
  for each row execute function private.apply_insight_overrides();
