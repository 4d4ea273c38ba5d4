-- The members of a tenant with their e-mail addresses, for the Team page. auth.users is not
-- readable by users, so this runs as its owner and returns rows only to the tenant's own
-- members (viewers included) and to admins; anyone else gets no rows.
create or replace function public.team_members(p_tenant uuid)
returns table (user_id uuid, email text, role text, created_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select m.user_id, u.email::text, m.role, m.created_at
    from public.members m
    join auth.users u on u.id = m.user_id
   where m.tenant_id = p_tenant
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()))
   order by m.created_at, u.email
$$;
comment on function public.team_members(uuid) is 'Members of the tenant with their e-mails, for its own members and admins only.';

revoke all on function public.team_members(uuid) from public, anon;
grant execute on function public.team_members(uuid) to authenticated, service_role;
