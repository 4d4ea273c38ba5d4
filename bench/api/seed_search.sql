-- bench/api seed, second part: what the calls list's `tracker` and `q` filters search, for the
-- two tenants bench/api/measure.py measures (tenant 1, "bench-big", and tenant :tenants / 2).
-- Each gets one tracker that hits every 10th of its calls, and every call of its last 90 days
-- a transcript of twenty lines, 1 call in 20 mentioning a refund. Applied once after seed.sql
-- (bench/api/run); run as the database owner. Inserts what is missing only, so a change of this
-- file re-applies it to seeded data.
-- usage: psql -v tenants=1000 -f bench/api/seed_search.sql
\set ON_ERROR_STOP on
set synchronous_commit = off;
set session_replication_role = replica;

create temporary table bench_tenant as
select md5('tenant-' || n)::uuid as tenant_id, md5('tracker-' || n)::uuid as tracker_id
  from unnest(array[1, :tenants / 2]) n;

insert into public.trackers (tenant_id, id, name, phrases)
select tenant_id, tracker_id, 'Competitor', array['other vendor'] from bench_tenant
on conflict do nothing;

-- Triggers are off (replica role): the hit's copies of its call's started_at and sort keys
-- (private.copy_call_to_children) are written here.
insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker,
                                 started_at, sort_ai_score, sort_upsell_cents, sort_sentiment,
                                 sort_duration_s)
select c.tenant_id, c.id, b.tracker_id, 1, 15000, 'customer', c.started_at, c.sort_ai_score,
       c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s
  from bench_tenant b join public.calls c on c.tenant_id = b.tenant_id
 where hashtext(c.call_sid) % 10 = 0
 order by c.started_at, c.id  -- in the order they happened, as the calls (seed.sql)
on conflict do nothing;

-- Twenty lines a call of 30 words each, about what a five-minute call says: a few set phrases,
-- the rest drawn from 2,000 made-up words, so a call's document holds some 500 distinct words
-- and passes 2 kB, as a real call's does. A refund call says "refund" on three lines.
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select c.tenant_id, c.id, l.seq, case when l.seq % 2 = 0 then 'agent' else 'customer' end,
       l.seq * 15000, l.seq * 15000 + 14000,
       case when l.seq in (1, 8, 15) and abs(hashtext(c.call_sid)) % 20 = 0
            then 'I would like a refund for the order'
            else 'Thanks for calling about the order' end ||
       (select string_agg(' w' || ((hashint8(hashtext(c.call_sid)::bigint * 4096 + l.seq * 64 + w)
                                    & 2147483647) % 2000), '')
          from generate_series(1, 24) w)
  from bench_tenant b join public.calls c on c.tenant_id = b.tenant_id
 cross join generate_series(0, 19) as l(seq)
 where c.started_at >= now() - interval '90 days'
 order by c.started_at, c.id, l.seq
on conflict do nothing;

-- Triggers are off: the calls' search documents too, built as the trigger builds them
-- (private.rebuild_transcript_document), in the order the calls happened.
do $$
declare
  c record;
begin
  for c in select t.tenant_id, t.id from bench_tenant b join public.calls t on t.tenant_id = b.tenant_id
            where t.started_at >= now() - interval '90 days'
              and not exists (select 1 from public.transcript_documents d
                               where d.tenant_id = t.tenant_id and d.call_id = t.id)
            order by t.started_at, t.id loop
    perform private.rebuild_transcript_document(c.tenant_id, c.id);
  end loop;
end
$$;

set session_replication_role = origin;
analyze public.trackers, public.tracker_hits, public.transcripts, public.transcript_documents;
