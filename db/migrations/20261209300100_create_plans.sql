-- The price list: one row per plan, the single source the landing page, sign-up/onboarding and
-- the admin console read (GET /api/v1/plans), and the price a new organisation is billed at.
-- Not tenant data: everyone, signed in or not, may read it; only service_role writes it.

create table public.plans (
  key         text primary key check (key ~ '^[a-z][a-z0-9_]{0,31}$'),
  name        text not null,
  price_cents integer not null check (price_cents >= 0),
  max_agents  integer check (max_agents > 0),  -- null: unlimited
  summary     text not null,
  position    smallint not null unique
);
comment on table public.plans is 'The public price list (monthly, USD cents). tenants.plan names a key here; tenants.plan_price_cents is what that tenant is actually billed.';

insert into public.plans (key, name, price_cents, max_agents, summary, position) values
  ('starter', 'Starter', 9900, 5, 'For a small team that wants every call scored.', 1),
  ('growth', 'Growth', 29900, 25, 'For a sales or service floor with a manager coaching daily.', 2),
  ('scale', 'Scale', 89900, null, 'For contact centres with several teams and managers.', 3);

alter table public.plans enable row level security;
alter table public.plans force row level security;

revoke all on public.plans from public, anon, authenticated;
grant select on public.plans to anon, authenticated;
grant all on public.plans to service_role;

-- The landing page shows prices before anyone signs in, so anon reads them too.
create policy "Anyone can read the price list"
  on public.plans for select to anon, authenticated
  using (true);
