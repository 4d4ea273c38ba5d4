-- Trigger before insert on public.insight_overrides (migration
-- 20261210100100_create_insight_overrides.sql): refuses an override of a field the call's insight
-- does not have, or with a value of the wrong kind (SQLSTATE 22023, which the API answers 400),
-- and records the analyzer's value it replaces (the writer cannot choose it).
create or replace function private.check_insight_override()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  ins public.insights;
  item text := substr(new.field, length('script.') + 1);
  ai jsonb;
begin
  select * into ins from public.insights i where i.tenant_id = new.tenant_id and i.call_id = new.call_id;
  if not found then
    raise exception 'call % has no insight to override', new.call_id using errcode = '22023';
  end if;
  -- A row written before overrides existed holds the analyzer's values in its columns.
  ai := coalesce(ins.ai_values, jsonb_build_object(
          'converted', ins.converted, 'upsell_cents', ins.upsell_cents,
          'sentiment', jsonb_build_object('score', ins.sentiment_score, 'label', ins.sentiment_label),
          'script', case when jsonb_typeof(ins.script) = 'object' then
                      (select coalesce(jsonb_object_agg(e.key, e.value -> 'met'), '{}'::jsonb)
                         from jsonb_each(ins.script) e) end));
  if new.field = 'converted' then
    if jsonb_typeof(new.value) is distinct from 'boolean' then
      raise exception 'converted must be true or false' using errcode = '22023';
    end if;
    new.ai_value := ai -> 'converted';
  elsif new.field = 'upsell_cents' then
    if jsonb_typeof(new.value) is distinct from 'number'
       or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
       or (new.value #>> '{}')::numeric not between 0 and 100000000000 then
      raise exception 'upsell_cents must be whole cents from 0 to 100000000000' using errcode = '22023';
    end if;
    new.ai_value := ai -> 'upsell_cents';
  elsif new.field = 'sentiment' then
    if jsonb_typeof(new.value) is distinct from 'string'
       or new.value #>> '{}' not in ('positive', 'neutral', 'negative') then
      raise exception 'sentiment must be positive, neutral or negative' using errcode = '22023';
    end if;
    new.ai_value := ai -> 'sentiment' -> 'label';
  else
    if jsonb_typeof(ins.script) is distinct from 'object' or not ins.script ? item then
      raise exception 'the call''s script has no item %', item using errcode = '22023';
    end if;
    if jsonb_typeof(new.value) is distinct from 'boolean' then
      raise exception 'a script item must be true (met) or false (missed)' using errcode = '22023';
    end if;
    new.ai_value := ai -> 'script' -> item;
  end if;
  return new;
end
$$;
comment on function private.check_insight_override() is 'Trigger on public.insight_overrides: refuses an override of a field the insight lacks or with a wrong kind of value (22023); records the AI value it replaces.';

revoke all on function private.check_insight_override() from public, anon, authenticated;
