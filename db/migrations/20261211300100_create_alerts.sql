-- Alerts: a tenant's rules ("negative call longer than 2 minutes", "tracker X hit", "AI score
-- below N", "upsell above $M") and the log of what they sent. The analyze stage queues the
-- deliveries of every rule a call matches in the transaction that stores its insight (durable);
-- `converza work` sends them (src/alerts/sender.h) as a signed JSON webhook and/or e-mails,
-- retried with backoff. The unique key makes each rule fire at most once per call and target,
-- however often the call is re-analysed. Format and signature: docs/alerts.md.

create table public.alert_rules (
  tenant_id    uuid not null references public.tenants (id) on delete cascade,
  id           uuid not null default gen_random_uuid(),
  name         text not null check (length(btrim(name)) between 1 and 60),
  kind         text not null
               check (kind in ('negative_long_call', 'tracker_hit', 'ai_score_below', 'upsell_above')),
  -- negative_long_call: seconds; ai_score_below: 0-100; upsell_above: amount in the insight's
  -- currency (whole units); tracker_hit: none.
  threshold    numeric(12, 2) check (threshold >= 0),
  tracker_id   uuid,
  webhook_url  text check (webhook_url ~ '^https?://[^/?#\s]+' and length(webhook_url) <= 2000),
  -- The URL's host: what members who may not see the URL (a Slack URL is itself a secret) read.
  webhook_host text generated always as (substring(webhook_url from '^https?://(?:[^@/?#]*@)?([^/?#:]+)')) stored,
  emails       text[] not null default '{}' check (cardinality(emails) <= 10),
  -- The HMAC key of the webhook's signature: 64 hex digits from PostgreSQL's strong random
  -- source (gen_random_uuid), never chosen by a user, read through alert_rule_secrets() only.
  secret       text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
  enabled      boolean not null default true,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, name),
  foreign key (tenant_id, tracker_id) references public.trackers (tenant_id, id) on delete cascade,
  check ((kind = 'tracker_hit') = (tracker_id is not null)),
  check (kind = 'tracker_hit' or threshold is not null),
  check (kind <> 'ai_score_below' or threshold <= 100),
  check (webhook_url is not null or cardinality(emails) > 0)
);
comment on table public.alert_rules is 'A tenant''s alert rules: the condition on an analysed call and where to send it (webhook and/or e-mails).';

-- One row per rule, call and target (the webhook, or one e-mail address): the delivery log.
create table public.alert_deliveries (
  tenant_id       uuid not null,
  id              bigint generated always as identity,
  rule_id         uuid not null,
  call_id         uuid not null,
  channel         text not null check (channel in ('webhook', 'email')),
  target          text not null default '',  -- the address of an e-mail; '' for the webhook
  status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts        integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  last_error      text,
  response_status integer,
  created_at      timestamptz not null default now(),
  sent_at         timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, rule_id, call_id, channel, target),
  foreign key (tenant_id, rule_id) references public.alert_rules (tenant_id, id) on delete cascade,
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
);
-- The sender claims due pending deliveries across tenants; the log lists a tenant's newest.
create index alert_deliveries_due_idx on public.alert_deliveries (next_attempt_at) where status = 'pending';
create index alert_deliveries_tenant_created_idx on public.alert_deliveries (tenant_id, created_at desc, id desc);
comment on table public.alert_deliveries is 'Alert deliveries per rule, call and target: pending, sent or failed, with attempts and the last error; written by the pipeline only.';

alter table public.alert_rules enable row level security;
alter table public.alert_rules force row level security;
alter table public.alert_deliveries enable row level security;
alter table public.alert_deliveries force row level security;

-- Column grants (db/tests/030_grants_by_column.sql): members read a rule but not its webhook URL
-- or secret; managers write its definition, never the secret; deliveries are the pipeline's.
revoke all on public.alert_rules, public.alert_deliveries from public, anon, authenticated;
grant select (tenant_id, id, name, kind, threshold, tracker_id, webhook_host, emails, enabled,
              created_at, updated_at) on public.alert_rules to authenticated;
grant insert (tenant_id, name, kind, threshold, tracker_id, webhook_url, emails, enabled)
  on public.alert_rules to authenticated;
grant update (name, kind, threshold, tracker_id, webhook_url, emails, enabled, updated_at)
  on public.alert_rules to authenticated;
grant delete on public.alert_rules to authenticated;
grant select on public.alert_deliveries to authenticated;
grant all on public.alert_rules, public.alert_deliveries to service_role;
revoke all on sequence public.alert_deliveries_id_seq from public, anon, authenticated;
grant all on sequence public.alert_deliveries_id_seq to service_role;

create policy "Members and admins can read their tenant's alert rules"
  on public.alert_rules for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
create policy "Managers can create alert rules for their tenant"
  on public.alert_rules for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));
create policy "Managers can change their tenant's alert rules"
  on public.alert_rules for update to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]))
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));
create policy "Managers can delete their tenant's alert rules"
  on public.alert_rules for delete to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));

create policy "Members and admins can read their tenant's alert deliveries"
  on public.alert_deliveries for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
