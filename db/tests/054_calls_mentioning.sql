-- private.calls_mentioning (the calls list's `q`, db/functions/private.calls_mentioning.sql):
-- runs as its owner to use the GIN index, so it must answer only what the transcripts' policy
-- would: a tenant's own members and admins, never another tenant's manager or anon.
begin;
\ir fixtures/two_tenants.psql
select plan(6);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select tenant_id, id, 90, 'customer', 0, 1000, 'I want a refund for the water heater'
  from public.calls where tenant_id in (:tenant_a, :tenant_b);
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select tenant_id, id, 91, 'agent', 0, 1000, 'A refund it is'
  from public.calls where tenant_id = :tenant_a;

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select set_eq(format($$select private.calls_mentioning(%s, 'refund')$$, :'tenant_a'),
              format($$select id from public.calls where tenant_id = %s$$, :'tenant_a'),
              'a manager gets each of their calls that mention it, once');
select is_empty(format($$select private.calls_mentioning(%s, '"heater water"')$$, :'tenant_a'),
                'a phrase in another order matches nothing');
select is_empty(format($$select private.calls_mentioning(%s, 'refund')$$, :'tenant_b'),
                'manager A gets nothing of tenant B');
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is_empty(format($$select private.calls_mentioning(%s, 'refund')$$, :'tenant_a'),
                'an outsider claiming admin in user_metadata gets nothing');
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null
select isnt_empty(format($$select private.calls_mentioning(%s, 'refund')$$, :'tenant_b'),
                  'an admin reads any tenant, as the policy allows');
reset role;
select ok(not has_function_privilege('anon', 'private.calls_mentioning(uuid, text)', 'execute'),
          'anon cannot execute it');

select * from finish();
rollback;
