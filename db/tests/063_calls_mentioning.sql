-- private.calls_mentioning (the calls list's `q`, db/functions/private.calls_mentioning.sql)
-- runs as its owner to use the tenant-led text index, so it must answer only what the
-- transcripts' policy would: a tenant's own members and admins, never another tenant's manager,
-- a user of no tenant or anon; and never another tenant's lines, whatever they say. The calls'
-- search documents (068) and their copies of the call's started_at (private.copy_call_to_children,
-- 064) keep its range.
begin;
\ir fixtures/two_tenants.psql
select plan(17);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''
\set ever '''-infinity''::timestamptz, ''infinity''::timestamptz'
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select tenant_id, id, 90, 'customer', 0, 1000, 'I want a refund for the water heater'
  from public.calls where tenant_id in (:tenant_a, :tenant_b);
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select tenant_id, id, 91, 'agent', 0, 1000, 'A refund it is' from public.calls
 where tenant_id = :tenant_a;
-- Only tenant B's lines say "boiler".
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select tenant_id, id, 92, 'agent', 0, 1000, 'The boiler too' from public.calls
 where tenant_id = :tenant_b;

select is((select count(*) from public.calls c left join public.transcript_documents d
            on d.tenant_id = c.tenant_id and d.call_id = c.id
           where d.started_at is distinct from c.started_at), 0::bigint,
          'every call''s search document carries its started_at');
update public.calls set started_at = '2026-06-01 12:00+00'
 where id = (select min(id::text)::uuid from public.calls where tenant_id = :tenant_a);
select is((select count(*) from public.calls c left join public.transcript_documents d
            on d.tenant_id = c.tenant_id and d.call_id = c.id
           where d.started_at is distinct from c.started_at), 0::bigint,
          'and follows it when the call''s start moves');
select throws_ok($$insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-00000000dead',
                           0, 'agent', 0, 1, 'x')$$,
                 '23503', null, 'a line of no call is refused as the foreign key refuses it');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select set_eq(format($$select call_id from private.calls_mentioning(%s, 'refund', %s)$$, :'tenant_a', :'ever'),
              format($$select id from public.calls where tenant_id = %s$$, :'tenant_a'),
              'a manager gets each of their calls that mention it, once');
select set_eq(format($$select started_at from private.calls_mentioning(%s, 'refund', %s)$$, :'tenant_a', :'ever'),
              format($$select started_at from public.calls where tenant_id = %s$$, :'tenant_a'),
              'with its started_at');
select set_eq(format($$select call_id from private.calls_mentioning(%s, 'refund', '2026-06-01 12:00+00', '2026-06-01 12:00:00.000001+00')$$, :'tenant_a'),
              format($$select id from public.calls where tenant_id = %s and started_at = '2026-06-01 12:00+00'$$, :'tenant_a'),
              'only the calls started in the range');
select is_empty(format($$select * from private.calls_mentioning(%s, '"heater water"', %s)$$, :'tenant_a', :'ever'),
                'a phrase in another order matches nothing');
select set_eq(format($$select call_id from private.calls_mentioning(%s, '"water heater"', %s)$$, :'tenant_a', :'ever'),
              format($$select id from public.calls where tenant_id = %s$$, :'tenant_a'),
              'and in its order matches');
select set_eq(format($$select call_id from private.calls_mentioning(%s, '-boiler', %s)$$, :'tenant_a', :'ever'),
              format($$select id from public.calls where tenant_id = %s$$, :'tenant_a'),
              'a negated word alone matches the calls that never say it');
reset role;
update public.calls set started_at = '2020-01-01 09:00+00'
 where id = (select max(id::text)::uuid from public.calls where tenant_id = :tenant_a);
set local role authenticated;
select set_eq(format($$select call_id from private.calls_mentioning(%s, 'refund', '2020-01-01', '2020-01-02')$$, :'tenant_a'),
              format($$select max(id::text)::uuid from public.calls where tenant_id = %s$$, :'tenant_a'),
              'a call whose start moves years back is found in its new range, and only it');
select is_empty(format($$select * from private.calls_mentioning(%s, 'boiler', %s)$$, :'tenant_a', :'ever'),
                'another tenant''s words never match');
select is_empty(format($$select * from private.calls_mentioning(%s, 'refund', %s)$$, :'tenant_b', :'ever'),
                'manager A gets nothing of tenant B');
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is_empty(format($$select * from private.calls_mentioning(%s, 'refund', %s)$$, :'tenant_a', :'ever'),
                'an outsider claiming admin in user_metadata gets nothing');
select set_config('request.jwt.claims', '', true) \g /dev/null
select is_empty(format($$select * from private.calls_mentioning(%s, 'refund', %s)$$, :'tenant_a', :'ever'),
                'authenticated without claims gets nothing');
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null
select isnt_empty(format($$select * from private.calls_mentioning(%s, 'boiler', %s)$$, :'tenant_b', :'ever'),
                  'an admin reads any tenant, as the policy allows');
reset role;
set local role anon;
select set_config('request.jwt.claims', :'claims_anon', true) \g /dev/null
select throws_ok(format($$select * from private.calls_mentioning(%s, 'refund', %s)$$, :'tenant_a', :'ever'),
                 '42501', null, 'anon is refused');
reset role;
select ok(not has_function_privilege('anon', 'private.calls_mentioning(uuid, text, timestamptz, timestamptz)', 'execute'),
          'anon cannot execute it');

select * from finish();
rollback;
