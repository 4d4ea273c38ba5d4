-- Data constraints the pipeline relies on: idempotent webhooks, one job per
-- stage per call, and the checks on enumerations and ranges.
begin;
\ir fixtures/two_tenants.psql
select plan(12);

select throws_ok($$insert into public.calls (tenant_id, call_sid) values ('bbbbbbbb-0000-4000-8000-000000000000', 'CAa1')$$,
                 '23505', null, 'call_sid is unique across tenants');
select throws_ok($$insert into public.calls (tenant_id, call_sid, recording_sid) values ('aaaaaaaa-0000-4000-8000-000000000000', 'CAnew', 'REa1')$$,
                 '23505', null, 'recording_sid is unique');
select throws_ok($$insert into public.jobs (tenant_id, kind, call_id) values ('aaaaaaaa-0000-4000-8000-000000000000', 'analyze', 'aaaaaaaa-ca11-4000-8000-000000000001')$$,
                 '23505', null, 'a stage is enqueued once per call');
select throws_ok($$insert into public.calls (tenant_id, call_sid, pipeline_status) values ('aaaaaaaa-0000-4000-8000-000000000000', 'CAx', 'lost')$$,
                 '23514', null, 'pipeline_status is checked');
select throws_ok($$insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 5, 'robot', 0, 1, 'x')$$,
                 '23514', null, 'speaker is agent or customer');
select throws_ok($$insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
                   values ('bbbbbbbb-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 5, 'agent', 0, 1, 'x')$$,
                 '23503', null, 'a transcript cannot point at another tenant''s call');
select throws_ok($$update public.insights set sentiment_score = 1.5$$, '23514', null, 'sentiment_score is within -1..1');
select throws_ok($$update public.insights set ai_score = 101$$, '23514', null, 'ai_score is within 0..100');
select throws_ok($$insert into public.members (tenant_id, user_id, role) values ('bbbbbbbb-0000-4000-8000-000000000000', 'eeeeeeee-0000-4000-8000-000000000000', 'agent')$$,
                 '23514', null, 'member role is owner or manager');
select throws_ok($$update public.calls set agent_id = 'bbbbbbbb-a6e0-4000-8000-000000000001' where call_sid = 'CAa1'$$,
                 '23503', null, 'a call cannot be assigned another tenant''s agent');
select is((select tsv @@ plainto_tsquery('english', 'heaters') from public.transcripts where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001' and seq = 1),
          true, 'transcripts.tsv is maintained with English stemming');

delete from public.calls where id = 'aaaaaaaa-ca11-4000-8000-000000000001';
select is((select count(*)::int from public.transcripts where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001')
        + (select count(*)::int from public.insights where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001'), 0,
          'deleting a call deletes its transcript and insight');

select * from finish();
rollback;
