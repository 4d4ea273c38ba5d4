-- What the calls list's search costs transcript writes (docs/benchmarks.md): on a migrated
-- throwaway database, 60,000 calls of one tenant, 20,000 of them with a transcript, then three
-- timed rounds of 2,000 transcripts of 20 lines of 12 words each, one statement a transcript as
-- the transcribe stage writes it, with whatever the schema does on a write (since migration
-- 20261220100100: each call's search document rebuilt by a statement trigger and its GIN index;
-- before it, the lines' copy of their call's started_at and their GIN index). To compare, run it
-- on databases migrated by each version.
-- usage: psql -X -f bench/api/transcripts_write_cost.sql "<dsn of a freshly migrated database>"
\ir write_cost_setup.sql

create function pg_temp.add_transcripts(p_from int, p_to int) returns void language plpgsql as $$
begin
  for g in p_from .. p_to loop
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
            from generate_series(1, 12) w)
    from generate_series(0, 19) k;
  end loop;
end
$$;

select pg_temp.add_calls(1, 60000);
select pg_temp.add_transcripts(1, 20000);
vacuum analyze public.calls, public.transcripts;

\timing on
\echo '== 2,000 transcripts (40,000 lines) a round'
select pg_temp.add_transcripts(20001, 22000);
select pg_temp.add_transcripts(22001, 24000);
select pg_temp.add_transcripts(24001, 26000);
\timing off
select c.relname as text_index, pg_size_pretty(pg_relation_size(c.oid)) as size
  from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indexrelid
  join pg_catalog.pg_am a on a.oid = c.relam
 where a.amname = 'gin' and i.indrelid in ('public.transcripts'::regclass,
                                            coalesce(to_regclass('public.transcript_documents'), 'public.transcripts'::regclass));
