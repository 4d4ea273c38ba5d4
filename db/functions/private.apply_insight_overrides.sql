-- Trigger before insert or update on public.insights (migration
-- 20261210100100_create_insight_overrides.sql): every insight written, by the analyze stage or
-- because a manager overrode a field, leaves with
--   * ai_values: the analyzer's own values of the overridable fields. When the analyzer writes
--     (any direct insert or update), they are the row's new columns. When an override is being
--     applied (the update comes from private.after_insight_override, trigger depth > 1), they
--     are kept as they were.
--   * the columns: the analyzer's values with the latest override of each field written over
--     them, so every reader (calls list, call view, kpi_daily, leaderboard, exports) sees the
--     manager's value. An overridden field's confidence is 1 (a person decided it).
--   * overrides: the marks {field: {value, ai_value, by, at, reason}} the dashboard shows.
-- Re-analysis therefore never discards a manager's override: the new analysis becomes
-- ai_values and the override is applied over it again. An override of a script item the new
-- analysis no longer has is kept in the history but not applied. A sentiment override keeps the
-- analyzer's score when it lies in the label's band (positive >= 0.2, negative <= -0.2), and
-- otherwise takes the band's middle (0.6, 0, -0.6) so averages follow the label.
create or replace function private.apply_insight_overrides()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  src public.insights := new;
  ai jsonb;
  o record;
  marks jsonb := '{}'::jsonb;
  item text;
  label text;
  band text;
  score real;
  conf_key text;
  ai_field jsonb;
begin
  -- The analyze stage upserts (insert ... on conflict do update). A BEFORE INSERT trigger's
  -- changes would reach the update through `excluded`, making the overridden values look like
  -- the analyzer's; so an insert that will meet the existing row changes nothing here, and the
  -- update that follows does the work.
  if tg_op = 'INSERT' and exists (select 1 from public.insights i
                                   where i.tenant_id = new.tenant_id and i.call_id = new.call_id) then
    return new;
  end if;
  if tg_op = 'UPDATE' and pg_trigger_depth() > 1 then
    src := old;  -- an override being applied: the analyzer's values are the old ones
  end if;
  ai := case when tg_op = 'UPDATE' and pg_trigger_depth() > 1 then old.ai_values end;
  if ai is null then
    ai := jsonb_build_object(
      'converted', src.converted, 'upsell_cents', src.upsell_cents,
      'sentiment', jsonb_build_object('score', src.sentiment_score, 'label', src.sentiment_label),
      'script', case when jsonb_typeof(src.script) = 'object' then
                  (select coalesce(jsonb_object_agg(e.key, e.value -> 'met'), '{}'::jsonb)
                     from jsonb_each(src.script) e) end,
      'script_met', src.script_met, 'confidence', src.confidence);
  end if;

  -- Start from the analyzer's values ...
  new.ai_values := ai;
  new.converted := (ai ->> 'converted')::boolean;
  new.upsell_cents := (ai ->> 'upsell_cents')::bigint;
  new.sentiment_score := (ai -> 'sentiment' ->> 'score')::real;
  new.sentiment_label := ai -> 'sentiment' ->> 'label';
  new.script_met := (ai ->> 'script_met')::integer;
  new.confidence := coalesce(ai -> 'confidence', '{}'::jsonb);
  if jsonb_typeof(new.script) = 'object' and jsonb_typeof(ai -> 'script') = 'object' then
    for item in select jsonb_object_keys(ai -> 'script') loop
      if new.script ? item and jsonb_typeof(new.script -> item) = 'object' then
        new.script := jsonb_set(new.script, array[item, 'met'], ai -> 'script' -> item);
      end if;
    end loop;
  end if;

  -- ... and write the latest override of each field over them.
  for o in select distinct on (x.field) x.field, x.value, x.author_email, x.created_at, x.reason
             from public.insight_overrides x
            where x.tenant_id = new.tenant_id and x.call_id = new.call_id
            order by x.field, x.seq desc loop
    if o.field = 'converted' then
      new.converted := (o.value #>> '{}')::boolean;
      conf_key := 'converted';
      ai_field := ai -> 'converted';
    elsif o.field = 'upsell_cents' then
      new.upsell_cents := (o.value #>> '{}')::bigint;
      conf_key := 'upsell';
      ai_field := ai -> 'upsell_cents';
    elsif o.field = 'sentiment' then
      label := o.value #>> '{}';
      score := (ai -> 'sentiment' ->> 'score')::real;
      -- (PL/pgSQL ends an IF's condition at its first THEN, so the band is worked out first.)
      band := case when score >= 0.2 then 'positive' when score <= -0.2 then 'negative' else 'neutral' end;
      if score is null or band is distinct from label then
        score := case label when 'positive' then 0.6 when 'negative' then -0.6 else 0 end;
      end if;
      new.sentiment_label := label;
      new.sentiment_score := score;
      conf_key := 'sentiment';
      ai_field := ai -> 'sentiment' -> 'label';
    else
      item := substr(o.field, length('script.') + 1);
      if jsonb_typeof(new.script) is distinct from 'object' or not new.script ? item
         or jsonb_typeof(new.script -> item) is distinct from 'object' then
        continue;  -- the item is not in this analysis: kept in the history, not applied
      end if;
      ai_field := ai -> 'script' -> item;
      new.script := jsonb_set(new.script, array[item, 'met'], o.value);
      new.script_met := new.script_met + case when o.value = 'true'::jsonb then 1 else 0 end
                                       - case when ai_field = 'true'::jsonb then 1 else 0 end;
      conf_key := o.field;
    end if;
    new.confidence := new.confidence || jsonb_build_object(conf_key, 1);
    marks := marks || jsonb_build_object(o.field, jsonb_build_object(
               'value', o.value, 'ai_value', ai_field, 'by', o.author_email, 'at', o.created_at,
               'reason', o.reason));
  end loop;
  new.overrides := marks;
  return new;
end
$$;
comment on function private.apply_insight_overrides() is 'Trigger on public.insights: keeps the analyzer''s values in ai_values and writes the latest manager override of each field over the columns, marking them in overrides.';

revoke all on function private.apply_insight_overrides() from public, anon, authenticated;
