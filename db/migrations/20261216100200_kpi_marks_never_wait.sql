-- private.kpi_dirty held one row per stale tenant-day under a primary key. The rollup pass deletes
-- a day's row and recomputes the day in one transaction (34 ms for a day of 6,000 calls, more as
-- the day grows), and every insight written meanwhile for that day waited: its "on conflict do
-- nothing" must know whether the deleted row's transaction commits. The marks were the analyze
-- stage's one shared row, so a busy day stalled every worker's insight writes for the length of
-- each refresh (the mark's insert 0.19 ms mean at 6,000 calls, the insight write 1.6 ms).
--
-- The table is now a list of marks with no key: a mark is a plain insert that waits for nothing.
-- The rollup pass takes a batch of marks (SKIP LOCKED), refreshes each distinct day once, and
-- deletes what it took in the same transaction; marks added meanwhile wait for the next pass.
alter table private.kpi_dirty drop constraint kpi_dirty_pkey;
comment on table private.kpi_dirty is 'Marks of tenant-days whose rollup is stale, one per analysed call, duplicates expected; written by the analyze stage, taken in batches by the workers'' rollup pass.';
