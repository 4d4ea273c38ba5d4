-- What the calls list's search costs transcript writes (docs/benchmarks.md, 2026-12-05, the `q`
-- filter through the tenant-led index): on a migrated throwaway database, 60,000 calls of one
-- tenant, 20,000 of them with a transcript, then timed in rounds of 2,000 transcripts of 20 lines
-- of 12 words each: the lines as migration 20261214100100 leaves them (a trigger,
-- private.copy_call_to_children since 20261215100100, copies the call's started_at onto each,
-- the GIN index on (tenant_id, tsv)), then as they were before it (no copy, no trigger, the GIN
-- index on tsv alone), then as after again.
-- usage: psql -X -f bench/api/transcripts_write_cost.sql "<dsn of a freshly migrated database>"
\ir write_cost_setup.sql

create function pg_temp.add_transcripts(p_from int, p_to int) returns void language sql as $$
  insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
  select '11111111-0000-4000-8000-000000000000', md5('wc-call-' || g)::uuid, k,
         case when k % 2 = 0 then 'agent' else 'customer' end, k * 4000, k * 4000 + 3500,
         (select string_agg((array['thanks', 'calling', 'order', 'refund', 'account', 'billing',
                                   'plan', 'upgrade', 'price', 'month', 'water', 'heater', 'leak',
                                   'technician', 'visit', 'tomorrow', 'morning', 'cancel',
                                   'contract', 'discount', 'card', 'payment', 'address', 'email',
                                   'confirm', 'number', 'service', 'problem', 'again', 'week',
                                   'install', 'warranty', 'replace', 'part', 'schedule', 'today',
                                   'manager', 'happy', 'help', 'great'])[1 + (hashint4(g * 1000 + k * 20 + w) & 2147483647) % 40], ' ')
            from generate_series(1, 12 + 0 * g) w)
    from generate_series(p_from, p_to) g, generate_series(0, 19) k
$$;

select pg_temp.add_calls(1, 60000);
select pg_temp.add_transcripts(1, 20000);
vacuum analyze public.calls, public.transcripts;

\timing on
\echo '== after 20261214100100: 2,000 transcripts (40,000 lines) a round'
select pg_temp.add_transcripts(20001, 22000);
select pg_temp.add_transcripts(22001, 24000);
select pg_temp.add_transcripts(24001, 26000);
\timing off
select pg_size_pretty(pg_relation_size('public.transcripts_tenant_tsv_idx')) as text_index_size;

alter table public.transcripts disable trigger copy_call_to_children_on_insert;
alter table public.transcripts alter column started_at drop not null;
drop index public.transcripts_tenant_tsv_idx;
create index transcripts_tsv_idx on public.transcripts using gin (tsv);
\timing on
\echo '== before it (no copy, the index on tsv alone): the same rounds'
select pg_temp.add_transcripts(26001, 28000);
select pg_temp.add_transcripts(28001, 30000);
select pg_temp.add_transcripts(30001, 32000);
\timing off
select pg_size_pretty(pg_relation_size('public.transcripts_tsv_idx')) as text_index_size;

alter table public.transcripts enable trigger copy_call_to_children_on_insert;
drop index public.transcripts_tsv_idx;
create index transcripts_tenant_tsv_idx on public.transcripts using gin (tenant_id, tsv);
\timing on
\echo '== after again'
select pg_temp.add_transcripts(32001, 34000);
select pg_temp.add_transcripts(34001, 36000);
select pg_temp.add_transcripts(36001, 38000);
\timing off
