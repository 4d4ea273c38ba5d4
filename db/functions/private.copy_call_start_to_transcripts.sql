-- Triggers before insert on public.transcripts and after update of started_at on public.calls
-- (migration 20261214100100_search_transcripts_by_tenant.sql): a transcript line carries its
-- call's started_at, so the calls list's search keeps a range's matching calls from the lines
-- alone (private.calls_mentioning). A line being inserted takes it from its call, whatever the
-- writer passed; a call whose started_at moves gives its lines the new one, in the same
-- transaction.
create or replace function private.copy_call_start_to_transcripts()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'transcripts' then
    select c.started_at into new.started_at
      from public.calls c
     where c.tenant_id = new.tenant_id and c.id = new.call_id;
    if not found then  -- what the foreign key would say, before NOT NULL says less
      raise foreign_key_violation using
        message = 'insert on table "transcripts" violates foreign key constraint "transcripts_tenant_id_call_id_fkey"',
        detail = format('Key (tenant_id, call_id)=(%s, %s) is not present in table "calls".',
                        new.tenant_id, new.call_id);
    end if;
    return new;
  end if;
  update public.transcripts
     set started_at = new.started_at
   where tenant_id = new.tenant_id and call_id = new.id;
  return null;
end
$$;
comment on function private.copy_call_start_to_transcripts() is 'Trigger: keeps transcripts.started_at equal to its call''s started_at (the calls list''s search reads the copy).';

revoke all on function private.copy_call_start_to_transcripts() from public, anon, authenticated;
