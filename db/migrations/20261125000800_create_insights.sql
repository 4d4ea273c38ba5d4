-- Insights: the analyzer's structured verdict on one call.

create table public.insights (
  tenant_id          uuid not null,
  call_id            uuid not null,
  sentiment_score    real check (sentiment_score between -1 and 1),
  sentiment_label    text check (sentiment_label in ('positive', 'neutral', 'negative')),
  converted          boolean,
  converted_evidence text,
  converted_at_ms    integer,
  upsell_cents       bigint not null default 0 check (upsell_cents >= 0),
  currency           text not null default 'USD',
  upsell_items       jsonb,
  script             jsonb,            -- {item_key: {met: bool, evidence: text}}
  script_met         integer,
  script_total       integer,
  talk               jsonb,            -- talk metrics (agent_ms, customer_ms, ratios, monologue, silence, ...)
  ai_score           integer check (ai_score between 0 and 100),
  summary            text,
  coaching           jsonb,
  analyzer           text,             -- 'rules' or 'openai'
  model              text,
  prompt_version     text,
  created_at         timestamptz not null default now(),
  primary key (tenant_id, call_id),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
);
comment on table public.insights is 'One analysis per call: sentiment, conversion, upsell, script adherence, talk metrics, AI score, coaching.';

alter table public.insights enable row level security;
alter table public.insights force row level security;

revoke all on public.insights from public, anon, authenticated;
grant select on public.insights to authenticated;
grant all on public.insights to service_role;

-- Managers read their tenant's insights; admins read all. Written by the analyze worker.
create policy "Managers and admins can read insights"
  on public.insights for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
