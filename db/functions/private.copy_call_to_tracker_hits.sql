-- Triggers before insert on public.tracker_hits and after update on public.calls (migration
-- 20261213100100_carry_call_started_at_on_tracker_hits.sql): a hit carries its call's
-- started_at and the calls list's sort keys (calls.sort_*), so the list's `tracker` filter reads
-- the tracker's matches in a range, with the values they sort by, from the hits alone
-- (api/call_query.cc). A hit being inserted takes them from its call, whatever the writer
-- passed; a call whose started_at or sort keys change gives its hits the new values, in the same
-- transaction.
create or replace function private.copy_call_to_tracker_hits()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'tracker_hits' then
    select c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s
      into new.started_at, new.sort_ai_score, new.sort_upsell_cents, new.sort_sentiment,
           new.sort_duration_s
      from public.calls c
     where c.tenant_id = new.tenant_id and c.id = new.call_id;
    if not found then  -- what the foreign key would say, before NOT NULL says less
      raise foreign_key_violation using
        message = 'insert on table "tracker_hits" violates foreign key constraint "tracker_hits_tenant_id_call_id_fkey"',
        detail = format('Key (tenant_id, call_id)=(%s, %s) is not present in table "calls".',
                        new.tenant_id, new.call_id);
    end if;
    return new;
  end if;
  update public.tracker_hits
     set started_at = new.started_at, sort_ai_score = new.sort_ai_score,
         sort_upsell_cents = new.sort_upsell_cents, sort_sentiment = new.sort_sentiment,
         sort_duration_s = new.sort_duration_s
   where tenant_id = new.tenant_id and call_id = new.id;
  return null;
end
$$;
comment on function private.copy_call_to_tracker_hits() is 'Trigger on public.tracker_hits (insert) and public.calls (update): keeps each hit''s copy of its call''s started_at and sort keys (tracker_hits.started_at, sort_*).';

revoke all on function private.copy_call_to_tracker_hits() from public, anon, authenticated;
