-- Triggers before insert on public.tracker_hits and after update on public.calls (migrations
-- 20261215100100_one_trigger_copies_call_to_children.sql, 20261220100100). A tracker hit and a
-- call's search document carry its started_at and the list's sort keys (calls.sort_*), so the
-- `tracker` filter and the search read their matches, with the values they sort by, from the hits
-- and the documents alone (api/call_query.cc, private.calls_mentioning). A hit being inserted takes them from its call,
-- whatever the writer passed (a document takes its start when it is built,
-- private.keep_transcript_documents); a call whose copied columns change gives its children the
-- new values, in the same transaction.
create or replace function private.copy_call_to_children()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then  -- of public.calls; its trigger fires when a copied column changed
    update public.transcript_documents
       set started_at = new.started_at, sort_ai_score = new.sort_ai_score,
           sort_upsell_cents = new.sort_upsell_cents, sort_sentiment = new.sort_sentiment,
           sort_duration_s = new.sort_duration_s
     where tenant_id = new.tenant_id and call_id = new.id;
    update public.tracker_hits
       set started_at = new.started_at, sort_ai_score = new.sort_ai_score,
           sort_upsell_cents = new.sort_upsell_cents, sort_sentiment = new.sort_sentiment,
           sort_duration_s = new.sort_duration_s
     where tenant_id = new.tenant_id and call_id = new.id;
    return null;
  end if;
  -- Insert on public.tracker_hits.
  select c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s
    into new.started_at, new.sort_ai_score, new.sort_upsell_cents, new.sort_sentiment,
         new.sort_duration_s
    from public.calls c
   where c.tenant_id = new.tenant_id and c.id = new.call_id;
  if not found then  -- what the foreign key would say, before NOT NULL says less
    raise foreign_key_violation using
      message = format('insert on table "%s" violates foreign key constraint "%s_tenant_id_call_id_fkey"',
                       tg_table_name, tg_table_name),
      detail = format('Key (tenant_id, call_id)=(%s, %s) is not present in table "calls".',
                      new.tenant_id, new.call_id);
  end if;
  return new;
end
$$;
comment on function private.copy_call_to_children() is 'Trigger on public.tracker_hits (insert) and public.calls (update): keeps the children''s copies of their call''s started_at and sort keys (tracker_hits, transcript_documents).';

revoke all on function private.copy_call_to_children() from public, anon, authenticated;
