-- Invitations (migration 20261209400100): managers invite to, list and revoke in their own
-- tenant; viewers and other tenants' managers cannot; the invited address accepts through
-- public.accept_invitation() and becomes a member with the invited role; a viewer reads the
-- tenant's data and changes none of it.
begin;
\ir fixtures/two_tenants.psql
select plan(29);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''
-- The outsider is invited to A as a viewer; the link's secret is 'secret-viewer'.
\set viewer_hash '''' `printf %s secret-viewer | sha256sum | cut -d' ' -f1` ''''

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

-- insert
select lives_ok(format($$insert into public.invitations (tenant_id, email, role, token_hash)
                         values (%s, 'outsider@example.com', 'viewer', %s)$$, :'tenant_a', :'viewer_hash'),
                'manager A can invite to tenant A');
select is((select invited_by from public.invitations where email = 'outsider@example.com'),
          'aaaaaaaa-1111-4000-8000-000000000000'::uuid, 'invited_by is the inviting manager');
select throws_ok(format($$insert into public.invitations (tenant_id, email, role, token_hash)
                         values (%s, 'x@example.com', 'viewer', repeat('a', 64))$$, :'tenant_b'),
                 '42501', null, 'manager A cannot invite to tenant B');
select throws_ok(format($$insert into public.invitations (tenant_id, email, role, token_hash)
                         values (%s, 'outsider@example.com', 'manager', repeat('b', 64))$$, :'tenant_a'),
                 '23505', null, 'one open invitation per address');
select throws_ok(format($$insert into public.invitations (tenant_id, email, role, token_hash)
                         values (%s, 'y@example.com', 'owner', repeat('c', 64))$$, :'tenant_a'),
                 '23514', null, 'an invitation cannot make an owner');
select throws_ok(format($$insert into public.invitations (tenant_id, email, role, token_hash, invited_by)
                         values (%s, 'z@example.com', 'viewer', repeat('d', 64), 'bbbbbbbb-1111-4000-8000-000000000000')$$, :'tenant_a'),
                 '42501', null, 'a manager cannot invite in someone else''s name');
-- select
select throws_ok($$select token_hash from public.invitations$$, '42501', null,
                 'nobody reads the hash of the link''s secret');
select is((select count(*)::int from public.invitations), 1, 'manager A sees tenant A''s invitation');

select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select is((select count(*)::int from public.invitations), 0, 'manager B sees none of tenant A''s invitations');
-- update
with u as (update public.invitations set revoked_at = now() returning 1)
select is(count(*)::int, 0, 'manager B cannot revoke tenant A''s invitation') from u;

select set_config('request.jwt.claims', :'claims_anon', true) \g /dev/null
reset role;
set local role anon;
select throws_ok($$select id from public.invitations$$, '42501', null, 'anon cannot read invitations');
reset role;
set local role authenticated;

-- accept: only the invited address, with the right secret
select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select is(public.accept_invitation('secret-viewer'), null, 'another user cannot accept the outsider''s invitation');
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is(public.accept_invitation('wrong-secret'), null, 'a wrong secret accepts nothing');
select is(public.accept_invitation('secret-viewer'), :tenant_a::uuid, 'the outsider accepts with the link''s secret');
select is(public.accept_invitation('secret-viewer'), null, 'an invitation is accepted once');
select is((select role from public.members where user_id = 'eeeeeeee-0000-4000-8000-000000000000'), 'viewer',
          'the outsider is now a viewer of tenant A');

-- The viewer reads what a manager reads ...
select is((select count(*)::int from public.agents), 2, 'the viewer reads tenant A''s agents');
select ok((select count(*)::int from public.calls) > 0, 'the viewer reads tenant A''s calls');
select is((select count(*)::int from public.invitations), 1, 'the viewer sees the tenant''s invitations');
-- ... and changes nothing.
select throws_ok(format($$insert into public.agents (tenant_id, name, phone) values (%s, 'Eve', '+15550000007')$$, :'tenant_a'),
                 '42501', null, 'the viewer cannot add an agent');
with u as (update public.agents set name = 'Changed' returning 1)
select is(count(*)::int, 0, 'the viewer cannot update an agent') from u;
with d as (delete from public.agents returning 1)
select is(count(*)::int, 0, 'the viewer cannot delete an agent') from d;
select throws_ok(format($$insert into public.scripts (tenant_id, version, items) values (%s, 9, '[]')$$, :'tenant_a'),
                 '42501', null, 'the viewer cannot save a script version');
select throws_ok(format($$insert into public.invitations (tenant_id, email, role, token_hash)
                         values (%s, 'friend@example.com', 'manager', repeat('e', 64))$$, :'tenant_a'),
                 '42501', null, 'the viewer cannot invite');
select is(private.is_manager_of(:tenant_a::uuid), false, 'is_manager_of does not count a viewer');
select is((select role from public.team_members(:tenant_a::uuid) where email = 'outsider@example.com'), 'viewer',
          'the team list shows the viewer with their role');
select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select is((select count(*)::int from public.team_members(:tenant_a::uuid)), 0, 'manager B cannot list tenant A''s team');
select ok((select count(*)::int from public.team_members(:tenant_b::uuid)) >= 1, 'manager B lists their own team');

-- revoke: manager A, an open invitation
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
insert into public.invitations (tenant_id, email, role, token_hash)
values (:tenant_a, 'later@example.com', 'manager', repeat('f', 64));
with u as (update public.invitations set revoked_at = now() where email = 'later@example.com' returning 1)
select is(count(*)::int, 1, 'manager A can revoke an open invitation') from u;

reset role;
select * from finish();
rollback;
