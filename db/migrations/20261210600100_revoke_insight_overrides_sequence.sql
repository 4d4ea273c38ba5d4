-- The identity sequence of insight_overrides.seq is the database's to advance: like jobs' and
-- usage_events' sequences, nobody but service_role holds privileges on it. On Supabase the
-- default privileges of the public schema grant every new sequence to anon and authenticated,
-- which db/tests/030_grants_by_column.sql (run on Supabase's roles by the deploy test) refuses.
revoke all on sequence public.insight_overrides_seq_seq from public, anon, authenticated;
grant all on sequence public.insight_overrides_seq_seq to service_role;
