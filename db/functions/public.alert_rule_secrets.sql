-- The webhook URLs and signing secrets of the tenant's alert rules, for its owners and managers
-- only (viewers, other tenants and admins get no rows): the columns themselves are not granted
-- to authenticated (migration 20261211300100), so this is the one way a user reads them.
create or replace function public.alert_rule_secrets(p_tenant uuid)
returns table (id uuid, webhook_url text, secret text)
language sql stable security definer set search_path = ''
as $$
  select r.id, r.webhook_url, r.secret from public.alert_rules r
   where r.tenant_id = p_tenant
     and (coalesce((select auth.role()), '') <> 'authenticated'
          or p_tenant = any ((select private.my_editable_tenant_ids())::uuid[]))
$$;
comment on function public.alert_rule_secrets(uuid) is 'Webhook URL and signing secret of each of the tenant''s alert rules; owners and managers only.';

revoke all on function public.alert_rule_secrets(uuid) from public, anon;
grant execute on function public.alert_rule_secrets(uuid) to authenticated, service_role;
