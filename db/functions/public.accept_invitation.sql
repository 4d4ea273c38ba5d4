-- The invited user accepts: they are not a member yet, so no policy could let them write the
-- membership; this function checks the invitation itself (the secret from the link, open, not
-- expired, and addressed to the caller's own e-mail) and then, as its owner, adds the
-- membership with the invited role, marks the invitation accepted and names the tenant in
-- app_metadata (the next token refresh carries it). A user already in the tenant keeps the
-- higher of the two roles. Returns the tenant id, or null when the invitation does not apply.
create or replace function public.accept_invitation(p_token text)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  me_email text;
begin
  select lower(u.email) into me_email from auth.users u where u.id = (select auth.uid());
  if me_email is null then
    return null;
  end if;
  select * into inv from public.invitations i
   where i.token_hash = encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex')
     and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
     and i.email = me_email
   for update;
  if not found then
    return null;
  end if;
  insert into public.members (tenant_id, user_id, role)
  values (inv.tenant_id, (select auth.uid()), inv.role)
  on conflict (tenant_id, user_id) do update
    set role = case when public.members.role in ('owner', 'manager') then public.members.role
                    else excluded.role end;
  update public.invitations set accepted_at = now(), accepted_by = (select auth.uid())
   where tenant_id = inv.tenant_id and id = inv.id;
  update auth.users
     set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb)
                             || jsonb_build_object('tenant_id', inv.tenant_id::text),
         updated_at = now()
   where id = (select auth.uid())
     and coalesce(raw_app_meta_data ->> 'tenant_id', '') = '';
  return inv.tenant_id;
end
$$;
comment on function public.accept_invitation(text) is 'Accepts the open invitation whose link secret is p_token, when it is addressed to the caller''s e-mail: adds the membership with its role. Returns the tenant id, or null.';
revoke all on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated, service_role;
