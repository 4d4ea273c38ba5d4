--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: auth; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA auth;

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA private;

--
-- Name: SCHEMA private; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA private IS 'Not exposed over the API: security-definer helpers used by RLS policies.';

--
-- Name: btree_gin; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

--
-- Name: EXTENSION btree_gin; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gin IS 'support for indexing common datatypes in GIN';

--
-- Name: aal_level; Type: TYPE; Schema: auth; Owner: -
--

CREATE TYPE auth.aal_level AS ENUM (
    'aal1',
    'aal2',
    'aal3'
);

--
-- Name: email(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.email() RETURNS text
    LANGUAGE sql STABLE
    AS $$
      select coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
    $$;

--
-- Name: FUNCTION email(); Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON FUNCTION auth.email() IS 'Deprecated. Use auth.jwt() -> ''email'' instead.';

--
-- Name: jwt(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.jwt() RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $$;

--
-- Name: role(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.role() RETURNS text
    LANGUAGE sql STABLE
    AS $$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $$;

--
-- Name: FUNCTION role(); Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON FUNCTION auth.role() IS 'Deprecated. Use auth.jwt() -> ''role'' instead.';

--
-- Name: uid(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.uid() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $$;

--
-- Name: FUNCTION uid(); Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON FUNCTION auth.uid() IS 'Deprecated. Use auth.jwt() -> ''sub'' instead.';

--
-- Name: after_insight_override(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.after_insight_override() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  d date;
begin
  update public.insights set overrides = overrides
   where tenant_id = new.tenant_id and call_id = new.call_id;
  select (c.started_at at time zone 'UTC')::date into d
    from public.calls c where c.tenant_id = new.tenant_id and c.id = new.call_id;
  perform public.refresh_kpi_daily(new.tenant_id, d);
  return null;
end
$$;

--
-- Name: FUNCTION after_insight_override(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.after_insight_override() IS 'Trigger on public.insight_overrides: applies the override to its insight and refreshes the call''s day of kpi_daily in the same transaction.';

--
-- Name: analyze_young_tables(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.analyze_young_tables() RETURNS SETOF text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  t regclass;
begin
  foreach t in array array['public.calls'::regclass, 'public.jobs'::regclass,
                         'public.insights'::regclass, 'public.transcripts'::regclass,
                         'public.transcript_documents'::regclass,
                         'public.tracker_hits'::regclass] loop
    if exists (select from pg_catalog.pg_class c
                 join pg_catalog.pg_stat_user_tables s on s.relid = c.oid
                where c.oid = t and c.reltuples < 1000000
                  and case when c.reltuples < 0  -- never analysed: after its first 1,000 changes
                           then s.n_mod_since_analyze >= 1000
                           else s.n_live_tup >= greatest(1000, 2 * c.reltuples) end) then
      execute pg_catalog.format('analyze %s', t);
      return next t::text;
    end if;
  end loop;
end
$$;

--
-- Name: FUNCTION analyze_young_tables(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.analyze_young_tables() IS 'ANALYZEs public.calls, public.jobs, public.insights, public.transcripts, public.transcript_documents and public.tracker_hits while they are under a million rows, after their first 1,000 changes and then each time their live rows double (at least 1,000); returns the tables it analysed.';

--
-- Name: apply_insight_overrides(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.apply_insight_overrides() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: FUNCTION apply_insight_overrides(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.apply_insight_overrides() IS 'Trigger on public.insights: keeps the analyzer''s values in ai_values and writes the latest manager override of each field over the columns, marking them in overrides.';

--
-- Name: calls_mentioning(uuid, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.calls_mentioning(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(call_id uuid, started_at timestamp with time zone, sort_ai_score integer, sort_upsell_cents bigint, sort_sentiment real, sort_duration_s integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
declare
  v_query tsquery := pg_catalog.websearch_to_tsquery('english', p_query);
begin
  if pg_catalog.numnode(v_query) = 0 then  -- only stop words: nothing to match
    return;
  end if;
  return query
  select d.call_id, d.started_at, d.sort_ai_score, d.sort_upsell_cents, d.sort_sentiment,
         d.sort_duration_s
    from public.transcript_documents d
   where private.search_document(d.tsv, d.tenant_id, d.started_at)
         @@ (v_query && private.search_scope(p_tenant, p_from, p_to))
     and d.tenant_id = p_tenant
     and d.started_at >= p_from and d.started_at < p_to
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
end
$$;

--
-- Name: FUNCTION calls_mentioning(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.calls_mentioning(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone) IS 'The tenant''s calls started in [p_from, p_to) whose transcript matches a web-search query (the calls list''s q), with the keys the list sorts by, through the text index on their search documents; members of the tenant and admins only.';

--
-- Name: calls_mentioning_page(uuid, text, timestamp with time zone, timestamp with time zone, text, boolean, text, timestamp with time zone, uuid, integer); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.calls_mentioning_page(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone, p_sort text, p_desc boolean, p_after_key text, p_after_start timestamp with time zone, p_after_id uuid, p_limit integer) RETURNS TABLE(ids uuid[], total bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_column text;  -- the document's copy of the sort key
  v_type text;    -- its type, which the cursor's key is read as
  v_dir text := case when p_desc then 'desc' else 'asc' end;
  v_after text := '';
  v_query tsquery := pg_catalog.websearch_to_tsquery('english', p_query);
begin
  select k.col, k.typ into v_column, v_type
    from (values ('started_at', 'started_at', 'timestamptz'),
                 ('ai_score', 'sort_ai_score', 'integer'),
                 ('upsell_cents', 'sort_upsell_cents', 'bigint'),
                 ('duration_s', 'sort_duration_s', 'integer'),
                 ('sentiment', 'sort_sentiment', 'real')) k(name, col, typ)
   where k.name = p_sort;
  if v_column is null then
    raise exception 'private.calls_mentioning_page: no sort key %', p_sort using errcode = '22023';
  end if;
  if pg_catalog.numnode(v_query) = 0  -- only stop words: nothing to match
     or not (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin())) then
    return query select '{}'::uuid[], 0::bigint;
    return;
  end if;
  if p_after_id is not null then  -- (the started_at order's key is the start: p_after_key unused)
    v_after := format(case when v_column = 'started_at' then ' and (m.s, m.call_id) %s ($6, $7)'
                           else ' and (m.k, m.s, m.call_id) %1$s ($5::%2$s, $6, $7)' end,
                      case when p_desc then '<' else '>' end, v_type);
  end if;
  -- Each run is planned for its own values (EXECUTE), so the text index is read for the words of
  -- the range's months (private.search_scope, as in private.calls_mentioning).
  return query execute format(
    'with m as (select d.call_id, d.%I as k, d.started_at as s'
    '             from public.transcript_documents d'
    '            where private.search_document(d.tsv, d.tenant_id, d.started_at) @@ $2'
    '              and d.tenant_id = $1 and d.started_at >= $3 and d.started_at < $4)'
    ' select array(select m.call_id from m where true%s'
    '               order by m.k %s, m.s %s, m.call_id %s limit $8),'
    '        (select count(*) from m)',
    v_column, v_after, v_dir, v_dir, v_dir)
    using p_tenant, v_query && private.search_scope(p_tenant, p_from, p_to), p_from, p_to,
          p_after_key, p_after_start, p_after_id, p_limit;
end
$_$;

--
-- Name: FUNCTION calls_mentioning_page(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone, p_sort text, p_desc boolean, p_after_key text, p_after_start timestamp with time zone, p_after_id uuid, p_limit integer); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.calls_mentioning_page(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone, p_sort text, p_desc boolean, p_after_key text, p_after_start timestamp with time zone, p_after_id uuid, p_limit integer) IS 'One page of the tenant''s calls started in [p_from, p_to) whose transcript matches a web-search query, in the calls list''s order (p_sort, p_desc, after the cursor p_after_*), and how many match in all; members of the tenant and admins only.';

--
-- Name: check_insight_override(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_insight_override() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: FUNCTION check_insight_override(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.check_insight_override() IS 'Trigger on public.insight_overrides: refuses an override of a field the insight lacks or with a wrong kind of value (22023); records the AI value it replaces.';

--
-- Name: copy_call_to_children(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.copy_call_to_children() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: FUNCTION copy_call_to_children(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.copy_call_to_children() IS 'Trigger on public.tracker_hits (insert) and public.calls (update): keeps the children''s copies of their call''s started_at and sort keys (tracker_hits, transcript_documents).';

--
-- Name: copy_insight_to_call(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.copy_insight_to_call() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  low boolean;
begin
  if tg_op = 'DELETE' then
    update public.calls
       set insight_ai_score = null, insight_upsell_cents = null, insight_sentiment_score = null,
           insight_sentiment_label = null, insight_converted = null, insight_low_performer = false
     where tenant_id = old.tenant_id and id = old.call_id;
    return null;
  end if;
  low := private.insight_low_performer(new.script_total, new.script_met, new.sentiment_label,
                                      new.converted, new.objection);
  update public.calls
     set insight_ai_score = new.ai_score, insight_upsell_cents = new.upsell_cents,
         insight_sentiment_score = new.sentiment_score,
         insight_sentiment_label = new.sentiment_label, insight_converted = new.converted,
         insight_low_performer = low
   where tenant_id = new.tenant_id and id = new.call_id
     and (insight_ai_score, insight_upsell_cents, insight_sentiment_score,
          insight_sentiment_label, insight_converted, insight_low_performer)
         is distinct from (new.ai_score, new.upsell_cents, new.sentiment_score,
                           new.sentiment_label, new.converted, low);
  return null;
end
$$;

--
-- Name: FUNCTION copy_insight_to_call(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.copy_insight_to_call() IS 'Trigger on public.insights: copies ai_score, upsell_cents, sentiment and converted and the "needs coaching" flag onto the call (calls.insight_*) for the calls list''s sort and filters.';

--
-- Name: count_dial_seconds(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.count_dial_seconds() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  added bigint := new.duration_s - case when tg_op = 'UPDATE' then coalesce(old.duration_s, 0) else 0 end;
begin
  insert into private.dial_seconds_daily as d (tenant_id, day, shard, seconds)
  values (new.tenant_id, (now() at time zone 'UTC')::date, pg_backend_pid(), added)
  on conflict (tenant_id, day, shard) do update set seconds = d.seconds + excluded.seconds;
  return null;
end
$$;

--
-- Name: FUNCTION count_dial_seconds(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.count_dial_seconds() IS 'Trigger on public.calls: counts the seconds duration_s grew by into private.dial_seconds_daily.';

--
-- Name: insight_low_performer(integer, integer, text, boolean, jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.insight_low_performer(script_total integer, script_met integer, sentiment_label text, converted boolean, objection jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce(script_total - script_met >= 2 or sentiment_label = 'negative'
                  or (converted = false and objection is not null), false)
$$;

--
-- Name: FUNCTION insight_low_performer(script_total integer, script_met integer, sentiment_label text, converted boolean, objection jsonb); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.insight_low_performer(script_total integer, script_met integer, sentiment_label text, converted boolean, objection jsonb) IS 'The "needs coaching" flag of an insight, as copied onto calls.insight_low_performer.';

--
-- Name: is_admin(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin', false);
end
$$;

--
-- Name: FUNCTION is_admin(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.is_admin() IS 'True when the JWT carries app_metadata.role = admin (server-controlled; user_metadata is never trusted).';

--
-- Name: is_manager_of(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_manager_of(tenant uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return exists (
    select 1 from public.members m
    where m.tenant_id = tenant and m.user_id = (select auth.uid())
      and m.role in ('owner', 'manager')
  );
end
$$;

--
-- Name: FUNCTION is_manager_of(tenant uuid); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.is_manager_of(tenant uuid) IS 'True when the current user may change the tenant''s data: an owner or manager (not a viewer).';

--
-- Name: keep_transcript_documents(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.keep_transcript_documents() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  touched record;
begin
  for touched in select distinct tenant_id, call_id from changed loop
    perform private.rebuild_transcript_document(touched.tenant_id, touched.call_id);
  end loop;
  return null;
end
$$;

--
-- Name: FUNCTION keep_transcript_documents(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.keep_transcript_documents() IS 'Trigger on public.transcripts (after each statement): rebuilds the search documents (public.transcript_documents) of the calls whose lines changed.';

--
-- Name: mark_moved_call_days(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.mark_moved_call_days() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  insert into private.kpi_dirty (tenant_id, day)
  values (new.tenant_id, (old.started_at at time zone 'UTC')::date),
         (new.tenant_id, (new.started_at at time zone 'UTC')::date);
  return null;
end
$$;

--
-- Name: FUNCTION mark_moved_call_days(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.mark_moved_call_days() IS 'Trigger on public.calls: marks the KPI days a call moved from and to stale (private.kpi_dirty).';

--
-- Name: my_editable_tenant_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_editable_tenant_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return (select coalesce(array_agg(m.tenant_id), '{}')
            from public.members m
           where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager'));
end
$$;

--
-- Name: FUNCTION my_editable_tenant_ids(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.my_editable_tenant_ids() IS 'Tenant ids the current user may change (owner or manager); viewers'' tenants are left out.';

--
-- Name: my_tenant_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_tenant_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return (select coalesce(array_agg(m.tenant_id), '{}')
            from public.members m
           where m.user_id = (select auth.uid()));
end
$$;

--
-- Name: FUNCTION my_tenant_ids(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.my_tenant_ids() IS 'Tenant ids the current user (auth.uid()) is a member of; empty when none or anonymous.';

--
-- Name: rebuild_transcript_document(uuid, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.rebuild_transcript_document(p_tenant uuid, p_call uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  doc tsvector;
  line tsvector;
begin
  for line in select t.tsv from public.transcripts t
               where t.tenant_id = p_tenant and t.call_id = p_call order by t.seq loop
    doc := case when doc is null then line else doc operator(pg_catalog.||) line end;
  end loop;
  if doc is null then
    delete from public.transcript_documents where tenant_id = p_tenant and call_id = p_call;
    return;
  end if;
  insert into public.transcript_documents as s (tenant_id, call_id, started_at, sort_ai_score,
                                                sort_upsell_cents, sort_sentiment, sort_duration_s,
                                                tsv)
  select c.tenant_id, c.id, c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment,
         c.sort_duration_s, doc
    from public.calls c
   where c.tenant_id = p_tenant and c.id = p_call
  on conflict (tenant_id, call_id) do update
    set tsv = excluded.tsv
    where s.tsv is distinct from excluded.tsv;
end
$$;

--
-- Name: FUNCTION rebuild_transcript_document(p_tenant uuid, p_call uuid); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.rebuild_transcript_document(p_tenant uuid, p_call uuid) IS 'Rebuilds one call''s search document from its transcript lines, their tsv concatenated in order (deletes it when there are none).';

--
-- Name: search_keys(uuid, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.search_keys(p_tenant uuid, p_at timestamp with time zone) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_to_tsvector(ARRAY[(p_tenant)::text, (((p_tenant)::text || ' '::text) || ((((EXTRACT(year FROM (p_at AT TIME ZONE 'UTC'::text)) * (100)::numeric) + EXTRACT(month FROM (p_at AT TIME ZONE 'UTC'::text))))::integer)::text)]);

--
-- Name: FUNCTION search_keys(p_tenant uuid, p_at timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.search_keys(p_tenant uuid, p_at timestamp with time zone) IS 'The keys of a search document besides its words: its tenant, and its tenant''s month (UTC) of p_at; lexemes no text gives.';

--
-- Name: search_document(tsvector, uuid, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.search_document(p_tsv tsvector, p_tenant uuid, p_at timestamp with time zone) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (p_tsv || private.search_keys(p_tenant, p_at));

--
-- Name: FUNCTION search_document(p_tsv tsvector, p_tenant uuid, p_at timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.search_document(p_tsv tsvector, p_tenant uuid, p_at timestamp with time zone) IS 'A search document as the text index holds it (transcript_documents_search_idx): its words and private.search_keys.';

--
-- Name: search_scope(uuid, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.search_scope(p_tenant uuid, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (p_from >= p_to) THEN NULL::tsquery WHEN (isfinite(p_from) AND isfinite(p_to) AND ((p_to - p_from) <= '1100 days'::interval)) THEN ((SELECT string_agg(quote_literal((((search_scope.p_tenant)::text || ' '::text) || ((((EXTRACT(year FROM m.m) * (100)::numeric) + EXTRACT(month FROM m.m)))::integer)::text)), ' | '::text) AS string_agg FROM generate_series(date_trunc('month'::text, (search_scope.p_from AT TIME ZONE 'UTC'::text)), (search_scope.p_to AT TIME ZONE 'UTC'::text), '1 mon'::interval) m(m)))::tsquery ELSE (quote_literal((p_tenant)::text))::tsquery END;

--
-- Name: FUNCTION search_scope(p_tenant uuid, p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.search_scope(p_tenant uuid, p_from timestamp with time zone, p_to timestamp with time zone) IS 'The keys of a tenant''s search documents started in [p_from, p_to) (private.search_keys), as a query: its months'' or, for a wide or unbounded range, its own.';

--
-- Name: share_rate_usage(text[], text[], bigint[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.share_rate_usage(scopes text[], keys text[], hits bigint[]) RETURNS TABLE(scope text, key text, used double precision)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  minute timestamptz := pg_catalog.date_trunc('minute', pg_catalog.now());
  elapsed double precision :=
    extract(epoch from pg_catalog.now() - pg_catalog.date_trunc('minute', pg_catalog.now())) / 60;
begin
  if pg_catalog.cardinality(scopes) <> pg_catalog.cardinality(keys)
     or pg_catalog.cardinality(keys) <> pg_catalog.cardinality(hits) then
    raise exception 'share_rate_usage: scopes, keys and hits must have the same length'
      using errcode = '22023';
  end if;

  insert into private.rate_counters as c (scope, key, window_start, hits)
  select u.s, u.k, minute, u.h
    from unnest(scopes, keys, hits) as u(s, k, h)
   where u.h > 0
   order by u.s, u.k
  on conflict on constraint rate_counters_pkey do update set hits = c.hits + excluded.hits;

  delete from private.rate_counters c where c.window_start < minute - interval '1 minute';

  return query
  select u.s, u.k,
         coalesce(prev.hits, 0) * (1 - elapsed) + coalesce(cur.hits, 0)
    from unnest(scopes, keys) as u(s, k)
    left join private.rate_counters cur
      on cur.scope = u.s and cur.key = u.k and cur.window_start = minute
    left join private.rate_counters prev
      on prev.scope = u.s and prev.key = u.k and prev.window_start = minute - interval '1 minute';
end
$$;

--
-- Name: FUNCTION share_rate_usage(scopes text[], keys text[], hits bigint[]); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.share_rate_usage(scopes text[], keys text[], hits bigint[]) IS 'Adds a server''s admitted requests per (scope, key) and returns each key''s use over the last minute on every server (sliding window).';

--
-- Name: uuid_v7(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.uuid_v7() RETURNS uuid
    LANGUAGE sql PARALLEL SAFE
    AS $$
  select pg_catalog.encode(
           pg_catalog.set_bit(pg_catalog.set_bit(
             overlay(pg_catalog.uuid_send(pg_catalog.gen_random_uuid())
                     placing pg_catalog.substr(pg_catalog.int8send(pg_catalog.floor(
                               pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) * 1000)::bigint), 3)
                     from 1 for 6),
             52, 1), 53, 1),
           'hex')::uuid
$$;

--
-- Name: FUNCTION uuid_v7(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.uuid_v7() IS 'A UUID version 7 (RFC 9562): Unix milliseconds first, so ids made later sort later. The default of calls.id.';

--
-- Name: accept_invitation(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accept_invitation(p_token text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  inv public.invitations;
  me_email text;
begin
  select lower(u.email) into me_email from auth.users u where u.id = (select auth.uid());
  if me_email is null then
    return null;
  end if;
  select * into inv from public.invitations i
   where i.token_hash = encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex')
     and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
     and i.email = me_email
   for update;
  if not found then
    return null;
  end if;
  insert into public.members (tenant_id, user_id, role)
  values (inv.tenant_id, (select auth.uid()), inv.role)
  on conflict (tenant_id, user_id) do update
    set role = case when public.members.role in ('owner', 'manager') then public.members.role
                    else excluded.role end;
  update public.invitations set accepted_at = now(), accepted_by = (select auth.uid())
   where tenant_id = inv.tenant_id and id = inv.id;
  update auth.users
     set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb)
                             || jsonb_build_object('tenant_id', inv.tenant_id::text),
         updated_at = now()
   where id = (select auth.uid())
     and coalesce(raw_app_meta_data ->> 'tenant_id', '') = '';
  return inv.tenant_id;
end
$$;

--
-- Name: FUNCTION accept_invitation(p_token text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.accept_invitation(p_token text) IS 'Accepts the open invitation whose link secret is p_token, when it is addressed to the caller''s e-mail: adds the membership with its role. Returns the tenant id, or null.';

--
-- Name: alert_rule_secrets(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.alert_rule_secrets(p_tenant uuid) RETURNS TABLE(id uuid, webhook_url text, secret text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select r.id, r.webhook_url, r.secret from public.alert_rules r
   where r.tenant_id = p_tenant
     and (coalesce((select auth.role()), '') <> 'authenticated'
          or p_tenant = any ((select private.my_editable_tenant_ids())::uuid[]))
$$;

--
-- Name: FUNCTION alert_rule_secrets(p_tenant uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.alert_rule_secrets(p_tenant uuid) IS 'Webhook URL and signing secret of each of the tenant''s alert rules; owners and managers only.';

--
-- Name: dead_jobs(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dead_jobs(p_limit integer DEFAULT 100) RETURNS TABLE(tenant_id uuid, id bigint, kind text, call_id uuid, attempts integer, last_error text, updated_at timestamp with time zone)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select j.tenant_id, j.id, j.kind, j.call_id, j.attempts, j.last_error, j.updated_at
    from public.jobs j
   where j.state = 'dead'
   order by j.updated_at desc
   limit least(greatest(p_limit, 1), 1000);
$$;

--
-- Name: FUNCTION dead_jobs(p_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.dead_jobs(p_limit integer) IS 'Dead-lettered pipeline jobs, newest first (admins; RLS applies).';

--
-- Name: kpi_ratios(bigint, bigint, double precision, bigint, numeric, bigint, bigint, bigint, numeric, numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric) RETURNS TABLE(conversion_rate double precision, avg_sentiment double precision, avg_ai_score double precision, script_adherence double precision, talk_ratio double precision)
    LANGUAGE sql IMMUTABLE
    AS $$
  select p_converted::float8 / nullif(p_analyzed, 0),
         p_sentiment_sum / nullif(p_sentiment_scored, 0),
         p_ai_score_sum::float8 / nullif(p_ai_scored, 0),
         p_script_met::float8 / nullif(p_script_total, 0),
         p_agent_talk_ms::float8 / nullif(p_agent_talk_ms + p_customer_talk_ms, 0)
$$;

--
-- Name: FUNCTION kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric) IS 'KPI ratios (conversion rate, average sentiment and AI score, script adherence, talk ratio) of summed kpi_daily counters; null where the divisor is 0 or null.';

--
-- Name: reanalysis_estimate(uuid, date, date, integer, integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer DEFAULT 0, p_line_bytes integer DEFAULT 0, p_max_tokens integer DEFAULT 0) RETURNS TABLE(calls bigint, prompt_tokens bigint, completion_tokens_per_call numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin())) then
    raise exception 'not a member of this organisation' using errcode = '42501';
  end if;
  if p_from is null or p_to is null or p_to < p_from or p_to - p_from >= 366 then
    raise exception 'the range must be 1 to 366 days, from <= to' using errcode = '22023';
  end if;
  return query
    with per_call as (
      select p_fixed_tokens + ceil((sum(octet_length(t.text)) + count(*) * p_line_bytes) / 3.0) as tokens
        from public.calls c
        join public.transcripts t on t.tenant_id = c.tenant_id and t.call_id = c.id
       where c.tenant_id = p_tenant
         and c.started_at >= (p_from::timestamp at time zone 'UTC')
         and c.started_at < ((p_to + 1)::timestamp at time zone 'UTC')
       group by c.id)
    select count(*),
           coalesce(sum(case when p_max_tokens > 0 then least(tokens, p_max_tokens) else tokens end), 0)::bigint,
           (select sum(u.quantity) / nullif(count(distinct u.call_id), 0)
              from public.usage_events u
             where u.tenant_id = p_tenant and u.provider = 'openai' and u.unit = 'completion_tokens'
               and u.call_id is not null and u.at >= now() - interval '30 days')
      from per_call;
end
$$;

--
-- Name: FUNCTION reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer, p_line_bytes integer, p_max_tokens integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer, p_line_bytes integer, p_max_tokens integer) IS 'Calls with a transcript in the UTC days p_from..p_to, their prompt tokens and the tenant''s recent completion tokens per call, for the API to price a re-analysis; for the tenant''s members and admins.';

--
-- Name: reanalysis_progress(uuid, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reanalysis_progress(p_tenant uuid, p_limit integer) RETURNS TABLE(id uuid, from_day date, to_day date, total integer, estimated_cost_micros bigint, requested_at timestamp with time zone, done bigint, failed bigint, finished boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select r.id, r.from_day, r.to_day, r.total, r.estimated_cost_micros, r.requested_at,
         coalesce(p.done, 0), coalesce(p.failed, 0), coalesce(p.pending, 0) = 0
    from public.reanalysis_runs r
    left join lateral (
      select count(*) filter (where j.state = 'done') as done,
             count(*) filter (where j.state = 'dead') as failed,
             count(*) filter (where j.state in ('queued', 'running')) as pending
        from public.jobs j where j.tenant_id = r.tenant_id and j.run_id = r.id) p on true
   where r.tenant_id = p_tenant
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()))
   order by r.requested_at desc
   limit least(greatest(p_limit, 1), 50)
$$;

--
-- Name: FUNCTION reanalysis_progress(p_tenant uuid, p_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.reanalysis_progress(p_tenant uuid, p_limit integer) IS 'The tenant''s latest re-analysis runs with done/failed counts from their jobs; members and admins only.';

--
-- Name: refresh_kpi_daily(uuid, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refresh_kpi_daily(p_tenant uuid, p_day date) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  -- One refresher per tenant-day at a time: two refreshing the same day would both delete and
  -- both insert, and the second insert would hit the primary key.
  select pg_advisory_xact_lock(hashtextextended(p_tenant::text || '/' || p_day::text, 7291002));

  delete from public.kpi_daily k where k.tenant_id = p_tenant and k.day = p_day;

  insert into public.kpi_daily (tenant_id, day, agent_id, calls, analyzed, converted, upsell_cents,
                                sentiment_sum, ai_score_sum, script_met, script_total,
                                agent_talk_ms, customer_talk_ms, sentiment_positive,
                                sentiment_neutral, sentiment_negative, sentiment_scored, ai_scored)
  select c.tenant_id,
         p_day,
         coalesce(c.agent_id, '00000000-0000-0000-0000-000000000000'::uuid),
         count(*),
         count(i.call_id),
         count(*) filter (where i.converted),
         coalesce(sum(i.upsell_cents), 0),
         coalesce(sum(i.sentiment_score), 0),
         coalesce(sum(i.ai_score), 0),
         coalesce(sum(i.script_met), 0),
         coalesce(sum(i.script_total), 0),
         coalesce(sum((i.talk ->> 'agent_ms')::bigint), 0),
         coalesce(sum((i.talk ->> 'customer_ms')::bigint), 0),
         count(*) filter (where i.sentiment_label = 'positive'),
         count(*) filter (where i.sentiment_label = 'neutral'),
         count(*) filter (where i.sentiment_label = 'negative'),
         count(i.sentiment_score),
         count(i.ai_score)
  from public.calls c
  left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
  where c.tenant_id = p_tenant
    and c.started_at >= (p_day::timestamp at time zone 'UTC')
    and c.started_at <  ((p_day + 1)::timestamp at time zone 'UTC')
  group by c.tenant_id, coalesce(c.agent_id, '00000000-0000-0000-0000-000000000000'::uuid);
$$;

--
-- Name: FUNCTION refresh_kpi_daily(p_tenant uuid, p_day date); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.refresh_kpi_daily(p_tenant uuid, p_day date) IS 'Recomputes kpi_daily for one tenant and UTC day from calls + insights (worker only).';

--
-- Name: rerun_trackers(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.rerun_trackers(p_tenant uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  queued integer;
begin
  if coalesce((select auth.role()), '') = 'authenticated'
     and not (p_tenant = any ((select private.my_editable_tenant_ids())::uuid[])) then
    return null;
  end if;
  -- Priority 1: background work, claimed after live calls' jobs (jobs.priority).
  insert into public.jobs (tenant_id, kind, call_id, priority)
  select c.tenant_id, 'trackers', c.id, 1 from public.calls c
   where c.tenant_id = p_tenant and c.pipeline_status = 'done'
  on conflict (tenant_id, kind, call_id) do update
     set state = 'queued', attempts = 0, run_at = now(), priority = 1, last_error = null,
         lease_until = null, locked_by = null, updated_at = now()
   where public.jobs.state in ('done', 'dead');
  get diagnostics queued = row_count;
  insert into public.tracker_runs (tenant_id, requested_at, total, done, finished_at)
  values (p_tenant, now(), queued, 0, case when queued = 0 then now() end)
  on conflict (tenant_id) do update
     set requested_at = excluded.requested_at, total = excluded.total, done = 0,
         finished_at = excluded.finished_at;
  perform pg_notify('converza_jobs', '');
  return queued;
end;
$$;

--
-- Name: FUNCTION rerun_trackers(p_tenant uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.rerun_trackers(p_tenant uuid) IS 'Queues a trackers job for each analysed call of the tenant and resets its tracker_runs progress; owners and managers only (null otherwise).';

--
-- Name: retry_dead_job(uuid, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.retry_dead_job(p_tenant uuid, p_job bigint) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with r as (
    update public.jobs
       set state = 'queued', attempts = 0, run_at = now(), last_error = null,
           lease_until = null, locked_by = null, updated_at = now()
     where tenant_id = p_tenant and id = p_job and state = 'dead'
       and (coalesce((select auth.role()), '') <> 'authenticated' or (select private.is_admin()))
    returning 1)
  select exists (select 1 from r);
$$;

--
-- Name: FUNCTION retry_dead_job(p_tenant uuid, p_job bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.retry_dead_job(p_tenant uuid, p_job bigint) IS 'Sends a dead-lettered job back to the queue. Users must be admins (checked from the JWT claims); false for other users or a job that is not dead.';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: reanalysis_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reanalysis_runs (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    from_day date NOT NULL,
    to_day date NOT NULL,
    total integer NOT NULL,
    estimated_cost_micros bigint DEFAULT 0 NOT NULL,
    requested_by uuid DEFAULT auth.uid(),
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reanalysis_runs_check CHECK (((to_day >= from_day) AND ((to_day - from_day) < 366))),
    CONSTRAINT reanalysis_runs_estimated_cost_micros_check CHECK ((estimated_cost_micros >= 0)),
    CONSTRAINT reanalysis_runs_total_check CHECK ((total >= 0))
);

ALTER TABLE ONLY public.reanalysis_runs FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE reanalysis_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.reanalysis_runs IS 'A manager''s re-analysis of a date range of calls: how many were queued and the estimated OpenAI cost; progress is the state of jobs with this run_id.';

--
-- Name: start_reanalysis(uuid, date, date, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint) RETURNS public.reanalysis_runs
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_calls bigint;
  v_run public.reanalysis_runs;
begin
  if not (p_tenant = any ((select private.my_editable_tenant_ids())::uuid[])) then
    raise exception 'only owners and managers of the organisation may re-analyse its calls'
      using errcode = '42501';
  end if;
  -- Two managers starting at once: the second waits here, then sees the first run.
  perform 1 from public.tenants where id = p_tenant for update;
  if exists (select 1 from public.jobs j
              where j.tenant_id = p_tenant and j.run_id is not null
                and j.state in ('queued', 'running')) then
    raise exception 'a re-analysis is already in progress' using errcode = '55000';
  end if;
  select e.calls into v_calls from public.reanalysis_estimate(p_tenant, p_from, p_to) e;
  if v_calls > 100000 then
    raise exception 'more than 100000 calls in the range' using errcode = '54000';
  end if;
  if v_calls = 0 then
    raise exception 'no call with a transcript in the range' using errcode = 'P0002';
  end if;
  insert into public.reanalysis_runs (tenant_id, from_day, to_day, total, estimated_cost_micros)
  values (p_tenant, p_from, p_to, v_calls, greatest(coalesce(p_estimated_cost_micros, 0), 0))
  returning * into v_run;
  -- Priority 1: live calls' jobs are claimed first (jobs.priority). A job still queued or
  -- running for a live call keeps its priority and joins the run.
  insert into public.jobs as j (tenant_id, kind, call_id, run_id, priority)
  select c.tenant_id, 'analyze', c.id, v_run.id, 1
    from public.calls c
   where c.tenant_id = p_tenant
     and c.started_at >= (p_from::timestamp at time zone 'UTC')
     and c.started_at < ((p_to + 1)::timestamp at time zone 'UTC')
     and exists (select 1 from public.transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id)
  on conflict (tenant_id, kind, call_id) do update set
    run_id = excluded.run_id,
    state = case when j.state in ('done', 'dead') then 'queued' else j.state end,
    attempts = case when j.state in ('done', 'dead') then 0 else j.attempts end,
    run_at = case when j.state in ('done', 'dead') then now() else j.run_at end,
    priority = case when j.state in ('done', 'dead') then 1 else j.priority end,
    last_error = case when j.state in ('done', 'dead') then null else j.last_error end,
    updated_at = now();
  perform pg_notify('converza_jobs', '');
  return v_run;
end
$$;

--
-- Name: FUNCTION start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint) IS 'Queues the analyze job of every call with a transcript in p_from..p_to under a new re-analysis run; owners and managers of the tenant only, one run at a time.';

--
-- Name: team_members(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.team_members(p_tenant uuid) RETURNS TABLE(user_id uuid, email text, role text, created_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select m.user_id, u.email::text, m.role, m.created_at
    from public.members m
    join auth.users u on u.id = m.user_id
   where m.tenant_id = p_tenant
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()))
   order by m.created_at, u.email
$$;

--
-- Name: FUNCTION team_members(p_tenant uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.team_members(p_tenant uuid) IS 'Members of the tenant with their e-mails, for its own members and admins only.';

--
-- Name: identities; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.identities (
    provider_id text NOT NULL,
    user_id uuid NOT NULL,
    identity_data jsonb NOT NULL,
    provider text NOT NULL,
    last_sign_in_at timestamp with time zone,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    email text GENERATED ALWAYS AS (lower((identity_data ->> 'email'::text))) STORED,
    id uuid DEFAULT gen_random_uuid() NOT NULL
);

--
-- Name: TABLE identities; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.identities IS 'Local shim of Supabase auth.identities: how a user signs in (here: email).';

--
-- Name: refresh_tokens; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.refresh_tokens (
    id bigint NOT NULL,
    token character varying(255),
    user_id character varying(255),
    session_id uuid,
    parent character varying(255),
    revoked boolean DEFAULT false,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone DEFAULT now(),
    instance_id uuid
);

--
-- Name: TABLE refresh_tokens; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.refresh_tokens IS 'Local shim of Supabase auth.refresh_tokens: rotated on every refresh; parent detects reuse.';

--
-- Name: refresh_tokens_id_seq; Type: SEQUENCE; Schema: auth; Owner: -
--

CREATE SEQUENCE auth.refresh_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: refresh_tokens_id_seq; Type: SEQUENCE OWNED BY; Schema: auth; Owner: -
--

ALTER SEQUENCE auth.refresh_tokens_id_seq OWNED BY auth.refresh_tokens.id;

--
-- Name: sessions; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.sessions (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone DEFAULT now(),
    not_after timestamp with time zone,
    aal auth.aal_level,
    user_agent text,
    ip inet,
    factor_id uuid,
    refreshed_at timestamp without time zone,
    tag text,
    oauth_client_id uuid,
    refresh_token_hmac_key text,
    refresh_token_counter bigint,
    scopes text
);

--
-- Name: TABLE sessions; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.sessions IS 'Local shim of Supabase auth.sessions: one row per signed-in session (JWT session_id).';

--
-- Name: users; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    instance_id uuid,
    aud character varying(255),
    role character varying(255),
    email character varying(255),
    encrypted_password character varying(255),
    email_confirmed_at timestamp with time zone,
    invited_at timestamp with time zone,
    confirmation_token character varying(255),
    confirmation_sent_at timestamp with time zone,
    recovery_token character varying(255),
    recovery_sent_at timestamp with time zone,
    last_sign_in_at timestamp with time zone,
    raw_app_meta_data jsonb,
    raw_user_meta_data jsonb,
    is_super_admin boolean,
    created_at timestamp with time zone DEFAULT now(),
    updated_at timestamp with time zone DEFAULT now(),
    phone text,
    phone_confirmed_at timestamp with time zone,
    banned_until timestamp with time zone,
    deleted_at timestamp with time zone,
    is_anonymous boolean DEFAULT false NOT NULL,
    email_change_token_new character varying(255),
    email_change character varying(255),
    email_change_sent_at timestamp with time zone,
    phone_change text DEFAULT ''::text,
    phone_change_token character varying(255) DEFAULT ''::character varying,
    phone_change_sent_at timestamp with time zone,
    confirmed_at timestamp with time zone GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
    email_change_token_current character varying(255) DEFAULT ''::character varying,
    email_change_confirm_status smallint DEFAULT 0,
    reauthentication_token character varying(255) DEFAULT ''::character varying,
    reauthentication_sent_at timestamp with time zone,
    is_sso_user boolean DEFAULT false NOT NULL
);

--
-- Name: TABLE users; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.users IS 'Local shim of Supabase auth.users: one row per login.';

--
-- Name: dial_seconds_daily; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.dial_seconds_daily (
    tenant_id uuid NOT NULL,
    day date NOT NULL,
    seconds bigint DEFAULT 0 NOT NULL,
    shard integer DEFAULT 0 NOT NULL,
    CONSTRAINT dial_seconds_daily_seconds_check CHECK ((seconds >= 0)),
    CONSTRAINT dial_seconds_daily_shard_check CHECK ((shard >= 0))
);

--
-- Name: TABLE dial_seconds_daily; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.dial_seconds_daily IS 'Seconds of calls each tenant ended per UTC day (calls.duration_s); the voice webhook''s daily dialling budget. Kept by trigger on public.calls.';

--
-- Name: COLUMN dial_seconds_daily.shard; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.dial_seconds_daily.shard IS 'The writing connection''s counter (its pg_backend_pid()); the day''s count is the sum of its rows.';

--
-- Name: kpi_dirty; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.kpi_dirty (
    tenant_id uuid NOT NULL,
    day date NOT NULL
);

--
-- Name: TABLE kpi_dirty; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.kpi_dirty IS 'Marks of tenant-days whose rollup is stale, one per analysed call, duplicates expected; written by the analyze stage, taken in batches by the workers'' rollup pass.';

--
-- Name: rate_counters; Type: TABLE; Schema: private; Owner: -
--

CREATE UNLOGGED TABLE private.rate_counters (
    scope text NOT NULL,
    key text NOT NULL,
    window_start timestamp with time zone NOT NULL,
    hits bigint NOT NULL,
    CONSTRAINT rate_counters_hits_check CHECK ((hits >= 0)),
    CONSTRAINT rate_counters_key_check CHECK (((length(key) >= 1) AND (length(key) <= 200))),
    CONSTRAINT rate_counters_scope_check CHECK ((scope = ANY (ARRAY['ip'::text, 'tenant'::text])))
);

ALTER TABLE ONLY private.rate_counters FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE rate_counters; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.rate_counters IS 'Requests per client IP or tenant per minute, summed over all API servers (rate limits).';

--
-- Name: agents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agents (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    phone text NOT NULL,
    email text,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT agents_phone_check CHECK ((phone ~ '^\+[1-9][0-9]{1,14}$'::text))
);

ALTER TABLE ONLY public.agents FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE agents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.agents IS 'A tenant''s phone agents (E.164 phone); calls are dialled through to them and KPIs are grouped by them.';

--
-- Name: alert_deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_deliveries (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    rule_id uuid NOT NULL,
    call_id uuid NOT NULL,
    channel text NOT NULL,
    target text DEFAULT ''::text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    last_error text,
    response_status integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT alert_deliveries_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT alert_deliveries_channel_check CHECK ((channel = ANY (ARRAY['webhook'::text, 'email'::text]))),
    CONSTRAINT alert_deliveries_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.alert_deliveries FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE alert_deliveries; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.alert_deliveries IS 'Alert deliveries per rule, call and target: pending, sent or failed, with attempts and the last error; written by the pipeline only.';

--
-- Name: alert_deliveries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.alert_deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.alert_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: alert_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_rules (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    threshold numeric(12,2),
    tracker_id uuid,
    webhook_url text,
    webhook_host text GENERATED ALWAYS AS ("substring"(webhook_url, '^https?://(?:[^@/?#]*@)?([^/?#:]+)'::text)) STORED,
    emails text[] DEFAULT '{}'::text[] NOT NULL,
    secret text DEFAULT replace(((gen_random_uuid())::text || (gen_random_uuid())::text), '-'::text, ''::text) NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT alert_rules_check CHECK (((kind = 'tracker_hit'::text) = (tracker_id IS NOT NULL))),
    CONSTRAINT alert_rules_check1 CHECK (((kind = 'tracker_hit'::text) OR (threshold IS NOT NULL))),
    CONSTRAINT alert_rules_check2 CHECK (((kind <> 'ai_score_below'::text) OR (threshold <= (100)::numeric))),
    CONSTRAINT alert_rules_check3 CHECK (((webhook_url IS NOT NULL) OR (cardinality(emails) > 0))),
    CONSTRAINT alert_rules_emails_check CHECK ((cardinality(emails) <= 10)),
    CONSTRAINT alert_rules_kind_check CHECK ((kind = ANY (ARRAY['negative_long_call'::text, 'tracker_hit'::text, 'ai_score_below'::text, 'upsell_above'::text]))),
    CONSTRAINT alert_rules_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 60))),
    CONSTRAINT alert_rules_threshold_check CHECK ((threshold >= (0)::numeric)),
    CONSTRAINT alert_rules_webhook_url_check CHECK (((webhook_url ~ '^https?://[^/?#\s]+'::text) AND (length(webhook_url) <= 2000)))
);

ALTER TABLE ONLY public.alert_rules FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE alert_rules; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.alert_rules IS 'A tenant''s alert rules: the condition on an analysed call and where to send it (webhook and/or e-mails).';

--
-- Name: call_comments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.call_comments (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    call_id uuid NOT NULL,
    author_id uuid DEFAULT auth.uid() NOT NULL,
    author_email text NOT NULL,
    at_ms integer NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT call_comments_at_ms_check CHECK ((at_ms >= 0)),
    CONSTRAINT call_comments_author_email_check CHECK (((length(author_email) >= 1) AND (length(author_email) <= 320))),
    CONSTRAINT call_comments_body_check CHECK (((length(btrim(body)) >= 1) AND (length(btrim(body)) <= 2000)))
);

ALTER TABLE ONLY public.call_comments FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE call_comments; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.call_comments IS 'Managers'' comments on a call at a moment (milliseconds into the recording).';

--
-- Name: calls; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calls (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT private.uuid_v7() NOT NULL,
    call_sid text NOT NULL,
    recording_sid text,
    account_sid text,
    agent_id uuid,
    from_number text,
    to_number text,
    direction text,
    call_status text,
    duration_s integer,
    recording_url text,
    recording_duration_s integer,
    recording_channels integer,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    pipeline_status text DEFAULT 'received'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    not_analysed_reason text,
    not_analysed_detail text,
    transcript_sid text,
    transcript_requested_at timestamp with time zone,
    insight_ai_score integer,
    insight_upsell_cents bigint,
    insight_sentiment_score real,
    insight_sentiment_label text,
    insight_converted boolean,
    recording_peaks jsonb,
    insight_low_performer boolean DEFAULT false NOT NULL,
    sort_ai_score integer GENERATED ALWAYS AS (COALESCE(insight_ai_score, '-1'::integer)) STORED NOT NULL,
    sort_upsell_cents bigint GENERATED ALWAYS AS (COALESCE(insight_upsell_cents, ('-1'::integer)::bigint)) STORED NOT NULL,
    sort_sentiment real GENERATED ALWAYS AS (COALESCE(insight_sentiment_score, ('-2'::integer)::real)) STORED NOT NULL,
    sort_duration_s integer GENERATED ALWAYS AS (COALESCE(duration_s, '-1'::integer)) STORED NOT NULL,
    stopped_at timestamp with time zone GENERATED ALWAYS AS (
CASE
    WHEN (pipeline_status = ANY (ARRAY['failed'::text, 'not_analysed'::text])) THEN updated_at
    ELSE NULL::timestamp with time zone
END) STORED,
    CONSTRAINT calls_duration_s_check CHECK ((duration_s >= 0)),
    CONSTRAINT calls_not_analysed_has_reason CHECK (((pipeline_status = 'not_analysed'::text) = (not_analysed_reason IS NOT NULL))),
    CONSTRAINT calls_not_analysed_reason_check CHECK ((not_analysed_reason = ANY (ARRAY['refused'::text, 'content_filter'::text, 'voicemail'::text, 'too_short'::text, 'silent'::text, 'no_answer'::text]))),
    CONSTRAINT calls_pipeline_status_check CHECK ((pipeline_status = ANY (ARRAY['received'::text, 'transcribing'::text, 'analyzing'::text, 'done'::text, 'failed'::text, 'not_analysed'::text]))),
    CONSTRAINT calls_recording_channels_check CHECK ((recording_channels = ANY (ARRAY[1, 2]))),
    CONSTRAINT calls_recording_duration_s_check CHECK ((recording_duration_s >= 0))
)
WITH (fillfactor='90');

ALTER TABLE ONLY public.calls FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE calls; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.calls IS 'A recorded call (Twilio CallSid/RecordingSid) and where it is in the pipeline. updated_at is set by writers.';

--
-- Name: COLUMN calls.transcript_sid; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.transcript_sid IS 'Voice Intelligence transcript (GT…) of this call''s recording, once requested; cleared when a failed one is deleted.';

--
-- Name: COLUMN calls.transcript_requested_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.transcript_requested_at IS 'When transcript_sid was requested: a transcript not completed 60 minutes later is deleted and requested again.';

--
-- Name: COLUMN calls.insight_ai_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.insight_ai_score IS 'Copy of the insight''s ai_score for the calls list''s sort and filters (kept by trigger on public.insights); null without an insight.';

--
-- Name: COLUMN calls.insight_upsell_cents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.insight_upsell_cents IS 'Copy of the insight''s upsell_cents for the calls list''s sort (kept by trigger on public.insights); null without an insight.';

--
-- Name: COLUMN calls.insight_sentiment_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.insight_sentiment_score IS 'Copy of the insight''s sentiment_score for the calls list''s sort (kept by trigger on public.insights); null without an insight.';

--
-- Name: COLUMN calls.insight_sentiment_label; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.insight_sentiment_label IS 'Copy of the insight''s sentiment_label for the calls list''s filter (kept by trigger on public.insights); null without an insight.';

--
-- Name: COLUMN calls.insight_converted; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.insight_converted IS 'Copy of the insight''s converted for the calls list''s filter (kept by trigger on public.insights); null without an insight.';

--
-- Name: COLUMN calls.recording_peaks; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.recording_peaks IS 'Waveform peaks of the recording: {"duration_ms": n, "peaks": [[0–1000, …] per channel]}.';

--
-- Name: COLUMN calls.insight_low_performer; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.insight_low_performer IS 'Copy of the insight''s "needs coaching" flag (api/call_query.cc kCoachingReasons) for the calls list''s low_performers filter (kept by trigger on public.insights); false without an insight.';

--
-- Name: COLUMN calls.sort_ai_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.sort_ai_score IS 'The calls list''s ai_score sort key: insight_ai_score, -1 without one.';

--
-- Name: COLUMN calls.sort_upsell_cents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.sort_upsell_cents IS 'The calls list''s upsell_cents sort key: insight_upsell_cents, -1 without one.';

--
-- Name: COLUMN calls.sort_sentiment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.sort_sentiment IS 'The calls list''s sentiment sort key: insight_sentiment_score, -2 without an insight (every insight has a score, -1..1).';

--
-- Name: COLUMN calls.sort_duration_s; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.sort_duration_s IS 'The calls list''s duration_s sort key: duration_s, -1 without one.';

--
-- Name: COLUMN calls.stopped_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.calls.stopped_at IS 'When the pipeline stopped short of an insight (updated_at while pipeline_status is failed or not_analysed), else null; generated, for the admin''s outcome counts without indexing updated_at.';

--
-- Name: insight_overrides; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.insight_overrides (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    seq bigint NOT NULL,
    call_id uuid NOT NULL,
    field text NOT NULL,
    ai_value jsonb,
    value jsonb NOT NULL,
    reason text NOT NULL,
    author_id uuid DEFAULT auth.uid() NOT NULL,
    author_email text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT insight_overrides_author_email_check CHECK (((length(author_email) >= 1) AND (length(author_email) <= 320))),
    CONSTRAINT insight_overrides_field_check CHECK ((field ~ '^(converted|upsell_cents|sentiment|script\.[A-Za-z0-9_-]{1,64})$'::text)),
    CONSTRAINT insight_overrides_reason_check CHECK (((length(btrim(reason)) >= 1) AND (length(btrim(reason)) <= 500)))
);

ALTER TABLE ONLY public.insight_overrides FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE insight_overrides; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.insight_overrides IS 'Append-only history of managers'' corrections of insight fields; the latest per field is applied to public.insights.';

--
-- Name: COLUMN insight_overrides.field; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insight_overrides.field IS 'converted, upsell_cents, sentiment or script.<item key>.';

--
-- Name: COLUMN insight_overrides.value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insight_overrides.value IS 'The manager''s value: a boolean (converted, script items), whole cents (upsell_cents) or a sentiment label.';

--
-- Name: insight_overrides_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.insight_overrides ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.insight_overrides_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: insights; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.insights (
    tenant_id uuid NOT NULL,
    call_id uuid NOT NULL,
    sentiment_score real NOT NULL,
    sentiment_label text NOT NULL,
    converted boolean,
    converted_evidence text,
    converted_at_ms integer,
    upsell_cents bigint DEFAULT 0 NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    upsell_items jsonb,
    script jsonb,
    script_met integer,
    script_total integer,
    talk jsonb,
    ai_score integer,
    summary text,
    coaching jsonb,
    analyzer text,
    model text,
    prompt_version text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    review jsonb DEFAULT '[]'::jsonb NOT NULL,
    flags text[] DEFAULT '{}'::text[] NOT NULL,
    confidence jsonb DEFAULT '{}'::jsonb NOT NULL,
    objection jsonb,
    ai_values jsonb,
    overrides jsonb DEFAULT '{}'::jsonb NOT NULL,
    script_version integer,
    analyzed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT insights_ai_score_check CHECK (((ai_score >= 0) AND (ai_score <= 100))),
    CONSTRAINT insights_flags_check CHECK ((flags <@ ARRAY['repaired'::text, 'length_retry'::text, 'trimmed'::text, 'llm_budget'::text])),
    CONSTRAINT insights_objection_check CHECK (((objection IS NULL) OR ((jsonb_typeof(objection) = 'object'::text) AND ((objection ->> 'kind'::text) = ANY (ARRAY['price'::text, 'decision_maker'::text, 'competitor'::text, 'just_looking'::text, 'timing'::text, 'undecided'::text]))))),
    CONSTRAINT insights_review_check CHECK ((jsonb_typeof(review) = 'array'::text)),
    CONSTRAINT insights_sentiment_label_check CHECK ((sentiment_label = ANY (ARRAY['positive'::text, 'neutral'::text, 'negative'::text]))),
    CONSTRAINT insights_sentiment_score_check CHECK (((sentiment_score >= ('-1'::integer)::double precision) AND (sentiment_score <= (1)::double precision))),
    CONSTRAINT insights_upsell_cents_check CHECK ((upsell_cents >= 0))
);

ALTER TABLE ONLY public.insights FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE insights; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.insights IS 'One analysis per call: sentiment, conversion, upsell, script adherence, talk metrics, AI score, coaching.';

--
-- Name: COLUMN insights.confidence; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insights.confidence IS 'Field -> 0..1 confidence from the evidence in the call (converted, upsell, sentiment, script.<key>); below 0.5 the call needs review.';

--
-- Name: COLUMN insights.objection; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insights.objection IS 'The customer''s last objection {kind, quote, at_ms}; null when none.';

--
-- Name: COLUMN insights.ai_values; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insights.ai_values IS 'The analyzer''s own values of the overridable fields {converted, upsell_cents, sentiment {score, label}, script {key: met}, confidence}; null on rows written before overrides existed (their columns are the analyzer''s).';

--
-- Name: COLUMN insights.overrides; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insights.overrides IS 'Fields a manager overrode: {field: {value, ai_value, by, at, reason}}; the columns already hold the overridden values.';

--
-- Name: COLUMN insights.script_version; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insights.script_version IS 'The scripts.version the call was scored against; null = the built-in default checklist.';

--
-- Name: COLUMN insights.analyzed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.insights.analyzed_at IS 'When the analyzer last wrote this insight (first analysis or a re-analysis).';

--
-- Name: invitations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invitations (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    token_hash text NOT NULL,
    invited_by uuid DEFAULT auth.uid() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone DEFAULT (now() + '7 days'::interval) NOT NULL,
    accepted_at timestamp with time zone,
    accepted_by uuid,
    revoked_at timestamp with time zone,
    CONSTRAINT invitations_email_check CHECK (((email = lower(email)) AND (length(email) <= 255) AND (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text))),
    CONSTRAINT invitations_role_check CHECK ((role = ANY (ARRAY['manager'::text, 'viewer'::text]))),
    CONSTRAINT invitations_token_hash_check CHECK ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE ONLY public.invitations FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE invitations; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.invitations IS 'Invitations to join a tenant as a manager or viewer. Created and revoked by the tenant''s managers; accepted through public.accept_invitation() by the invited address.';

--
-- Name: jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.jobs (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    kind text NOT NULL,
    call_id uuid NOT NULL,
    state text DEFAULT 'queued'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    run_at timestamp with time zone DEFAULT now() NOT NULL,
    lease_until timestamp with time zone,
    locked_by text,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    run_id uuid,
    priority smallint DEFAULT 0 NOT NULL,
    CONSTRAINT jobs_kind_check CHECK ((kind = ANY (ARRAY['transcribe'::text, 'analyze'::text, 'trackers'::text]))),
    CONSTRAINT jobs_priority_check CHECK ((priority = ANY (ARRAY[0, 1]))),
    CONSTRAINT jobs_state_check CHECK ((state = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'dead'::text])))
);

ALTER TABLE ONLY public.jobs FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE jobs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.jobs IS 'Pipeline work items (transcribe, analyze) with retries, leases and dead-lettering; admins inspect and retry dead jobs. updated_at is set by writers.';

--
-- Name: COLUMN jobs.run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.jobs.run_id IS 'The re-analysis run (public.reanalysis_runs.id) that queued this job last; null for the pipeline''s own jobs.';

--
-- Name: COLUMN jobs.priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.jobs.priority IS 'Claim order before run_at: 0 live pipeline work, 1 background work over past calls (re-analysis, tracker re-runs).';

--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: kpi_daily; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpi_daily (
    tenant_id uuid NOT NULL,
    day date NOT NULL,
    agent_id uuid NOT NULL,
    calls integer DEFAULT 0 NOT NULL,
    analyzed integer DEFAULT 0 NOT NULL,
    converted integer DEFAULT 0 NOT NULL,
    upsell_cents bigint DEFAULT 0 NOT NULL,
    sentiment_sum double precision DEFAULT 0 NOT NULL,
    ai_score_sum bigint DEFAULT 0 NOT NULL,
    script_met integer DEFAULT 0 NOT NULL,
    script_total integer DEFAULT 0 NOT NULL,
    agent_talk_ms bigint DEFAULT 0 NOT NULL,
    customer_talk_ms bigint DEFAULT 0 NOT NULL,
    sentiment_positive integer DEFAULT 0 NOT NULL,
    sentiment_neutral integer DEFAULT 0 NOT NULL,
    sentiment_negative integer DEFAULT 0 NOT NULL,
    sentiment_scored integer DEFAULT 0 NOT NULL,
    ai_scored integer DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.kpi_daily FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE kpi_daily; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.kpi_daily IS 'Daily KPI sums per tenant and agent (averages = sum / analyzed). Recomputed by refresh_kpi_daily().';

--
-- Name: COLUMN kpi_daily.sentiment_scored; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_daily.sentiment_scored IS 'Insights with a sentiment_score: the divisor of avg_sentiment = sentiment_sum / sentiment_scored.';

--
-- Name: COLUMN kpi_daily.ai_scored; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.kpi_daily.ai_scored IS 'Insights with an ai_score: the divisor of avg_ai_score = ai_score_sum / ai_scored.';

--
-- Name: members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.members (
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'manager'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT members_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'manager'::text, 'viewer'::text])))
);

ALTER TABLE ONLY public.members FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE members; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.members IS 'Which users belong to which tenant, and as what: owners and managers read and edit the tenant''s data, viewers only read it.';

--
-- Name: phone_numbers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.phone_numbers (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    e164 text NOT NULL,
    twilio_sid text,
    friendly_name text,
    agent_id uuid,
    status text DEFAULT 'active'::text NOT NULL,
    monthly_price_cents integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    account_sid text,
    CONSTRAINT phone_numbers_e164_check CHECK ((e164 ~ '^\+[1-9][0-9]{1,14}$'::text)),
    CONSTRAINT phone_numbers_monthly_price_cents_check CHECK ((monthly_price_cents >= 0)),
    CONSTRAINT phone_numbers_status_check CHECK ((status = ANY (ARRAY['active'::text, 'released'::text])))
);

ALTER TABLE ONLY public.phone_numbers FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE phone_numbers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.phone_numbers IS 'A tenant''s Twilio numbers (PN… sid); inbound calls ring agent_id. e164 is globally unique so the voice webhook finds the tenant by To.';

--
-- Name: COLUMN phone_numbers.account_sid; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.phone_numbers.account_sid IS 'Twilio account (AC…) holding the number when the tenant attached it from its own account; null for numbers bought on the platform account.';

--
-- Name: plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plans (
    key text NOT NULL,
    name text NOT NULL,
    price_cents integer NOT NULL,
    max_agents integer,
    summary text NOT NULL,
    "position" smallint NOT NULL,
    CONSTRAINT plans_key_check CHECK ((key ~ '^[a-z][a-z0-9_]{0,31}$'::text)),
    CONSTRAINT plans_max_agents_check CHECK ((max_agents > 0)),
    CONSTRAINT plans_price_cents_check CHECK ((price_cents >= 0))
);

ALTER TABLE ONLY public.plans FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE plans; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.plans IS 'The public price list (monthly, USD cents). tenants.plan names a key here; tenants.plan_price_cents is what that tenant is actually billed.';

--
-- Name: scripts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scripts (
    tenant_id uuid NOT NULL,
    version integer NOT NULL,
    items jsonb NOT NULL,
    created_by uuid DEFAULT auth.uid(),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT scripts_items_check CHECK ((jsonb_typeof(items) = 'array'::text)),
    CONSTRAINT scripts_version_check CHECK ((version >= 1))
);

ALTER TABLE ONLY public.scripts FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE scripts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.scripts IS 'Versioned call-script checklist per tenant; append-only, the latest version is current. Insights record which items were met.';

--
-- Name: tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tenants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    plan text DEFAULT 'starter'::text NOT NULL,
    plan_price_cents integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tenants_plan_price_cents_check CHECK ((plan_price_cents >= 0))
);

ALTER TABLE ONLY public.tenants FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE tenants; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tenants IS 'A customer company. plan_price_cents is the monthly revenue we bill it (margin = revenue - usage_events cost).';

--
-- Name: tracker_hits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tracker_hits (
    tenant_id uuid NOT NULL,
    call_id uuid NOT NULL,
    tracker_id uuid NOT NULL,
    hits integer NOT NULL,
    first_ms integer NOT NULL,
    speaker text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    sort_ai_score integer NOT NULL,
    sort_upsell_cents bigint NOT NULL,
    sort_sentiment real NOT NULL,
    sort_duration_s integer NOT NULL,
    CONSTRAINT tracker_hits_first_ms_check CHECK ((first_ms >= 0)),
    CONSTRAINT tracker_hits_hits_check CHECK ((hits > 0)),
    CONSTRAINT tracker_hits_speaker_check CHECK ((speaker = ANY (ARRAY['agent'::text, 'customer'::text])))
);

ALTER TABLE ONLY public.tracker_hits FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE tracker_hits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tracker_hits IS 'Tracker hits per call (count, first moment in ms, speaker of the first hit); written by the pipeline only.';

--
-- Name: COLUMN tracker_hits.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tracker_hits.started_at IS 'Copy of the call''s started_at (kept by trigger, private.copy_call_to_children) for the calls list''s tracker filter.';

--
-- Name: COLUMN tracker_hits.sort_ai_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tracker_hits.sort_ai_score IS 'Copy of the call''s sort_ai_score (kept by trigger) for the calls list''s tracker filter.';

--
-- Name: COLUMN tracker_hits.sort_upsell_cents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tracker_hits.sort_upsell_cents IS 'Copy of the call''s sort_upsell_cents (kept by trigger) for the calls list''s tracker filter.';

--
-- Name: COLUMN tracker_hits.sort_sentiment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tracker_hits.sort_sentiment IS 'Copy of the call''s sort_sentiment (kept by trigger) for the calls list''s tracker filter.';

--
-- Name: COLUMN tracker_hits.sort_duration_s; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tracker_hits.sort_duration_s IS 'Copy of the call''s sort_duration_s (kept by trigger) for the calls list''s tracker filter.';

--
-- Name: tracker_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tracker_runs (
    tenant_id uuid NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    total integer NOT NULL,
    done integer DEFAULT 0 NOT NULL,
    finished_at timestamp with time zone,
    CONSTRAINT tracker_runs_done_check CHECK ((done >= 0)),
    CONSTRAINT tracker_runs_total_check CHECK ((total >= 0))
);

ALTER TABLE ONLY public.tracker_runs FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE tracker_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tracker_runs IS 'Progress of the tenant''s latest re-run of trackers over its past calls (one trackers job per call).';

--
-- Name: trackers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.trackers (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    phrases text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trackers_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 60))),
    CONSTRAINT trackers_phrases_check CHECK (((cardinality(phrases) >= 1) AND (cardinality(phrases) <= 50)))
);

ALTER TABLE ONLY public.trackers FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE trackers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.trackers IS 'A tenant''s keyword trackers: a name and the phrases that count as a hit.';

--
-- Name: transcript_documents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.transcript_documents (
    tenant_id uuid NOT NULL,
    call_id uuid NOT NULL,
    started_at timestamp with time zone NOT NULL,
    sort_ai_score integer NOT NULL,
    sort_upsell_cents bigint NOT NULL,
    sort_sentiment real NOT NULL,
    sort_duration_s integer NOT NULL,
    tsv tsvector NOT NULL
)
WITH (fillfactor='70');
ALTER TABLE ONLY public.transcript_documents ALTER COLUMN tsv SET STORAGE EXTERNAL;

ALTER TABLE ONLY public.transcript_documents FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE transcript_documents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.transcript_documents IS 'One row per transcribed call: the words of all its transcript lines, for the calls list''s search; kept from public.transcripts by trigger (private.keep_transcript_documents).';

--
-- Name: transcripts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.transcripts (
    tenant_id uuid NOT NULL,
    call_id uuid NOT NULL,
    seq integer NOT NULL,
    speaker text NOT NULL,
    start_ms integer NOT NULL,
    end_ms integer NOT NULL,
    text text NOT NULL,
    confidence real,
    redactions jsonb DEFAULT '[]'::jsonb NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED,
    CONSTRAINT transcripts_check CHECK ((end_ms >= start_ms)),
    CONSTRAINT transcripts_seq_check CHECK ((seq >= 0)),
    CONSTRAINT transcripts_speaker_check CHECK ((speaker = ANY (ARRAY['agent'::text, 'customer'::text]))),
    CONSTRAINT transcripts_start_ms_check CHECK ((start_ms >= 0))
);

ALTER TABLE ONLY public.transcripts FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE transcripts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.transcripts IS 'Redacted transcript segments of a call, ordered by seq, with speaker and start/end ms for the synchronized player.';

--
-- Name: twilio_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.twilio_accounts (
    account_sid text NOT NULL,
    tenant_id uuid,
    auth_token text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.twilio_accounts FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE twilio_accounts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.twilio_accounts IS 'Twilio account SIDs and auth tokens. Secrets: service_role only; deliberately no policy for authenticated, not even admin read, so no user JWT can ever reach a token.';

--
-- Name: usage_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.usage_events (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    provider text NOT NULL,
    unit text NOT NULL,
    quantity numeric NOT NULL,
    cost_micros bigint DEFAULT 0 NOT NULL,
    call_id uuid,
    meta jsonb,
    CONSTRAINT usage_events_provider_check CHECK ((provider = ANY (ARRAY['openai'::text, 'twilio'::text])))
);

ALTER TABLE ONLY public.usage_events FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE usage_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.usage_events IS 'Metered provider usage and its cost in USD micros, for the admin margin view. Managers must not see it.';

--
-- Name: usage_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.usage_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.usage_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: refresh_tokens id; Type: DEFAULT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.refresh_tokens ALTER COLUMN id SET DEFAULT nextval('auth.refresh_tokens_id_seq'::regclass);

--
-- Name: identities identities_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.identities
    ADD CONSTRAINT identities_pkey PRIMARY KEY (id);

--
-- Name: identities identities_provider_id_provider_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.identities
    ADD CONSTRAINT identities_provider_id_provider_key UNIQUE (provider_id, provider);

--
-- Name: refresh_tokens refresh_tokens_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.refresh_tokens
    ADD CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id);

--
-- Name: refresh_tokens refresh_tokens_token_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.refresh_tokens
    ADD CONSTRAINT refresh_tokens_token_key UNIQUE (token);

--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

--
-- Name: users users_phone_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_phone_key UNIQUE (phone);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: dial_seconds_daily dial_seconds_daily_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.dial_seconds_daily
    ADD CONSTRAINT dial_seconds_daily_pkey PRIMARY KEY (tenant_id, day, shard);

--
-- Name: rate_counters rate_counters_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.rate_counters
    ADD CONSTRAINT rate_counters_pkey PRIMARY KEY (scope, key, window_start);

--
-- Name: agents agents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agents
    ADD CONSTRAINT agents_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: alert_deliveries alert_deliveries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries
    ADD CONSTRAINT alert_deliveries_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: alert_deliveries alert_deliveries_tenant_id_rule_id_call_id_channel_target_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries
    ADD CONSTRAINT alert_deliveries_tenant_id_rule_id_call_id_channel_target_key UNIQUE (tenant_id, rule_id, call_id, channel, target);

--
-- Name: alert_rules alert_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rules
    ADD CONSTRAINT alert_rules_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: alert_rules alert_rules_tenant_id_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rules
    ADD CONSTRAINT alert_rules_tenant_id_name_key UNIQUE (tenant_id, name);

--
-- Name: call_comments call_comments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_comments
    ADD CONSTRAINT call_comments_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: calls calls_call_sid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calls
    ADD CONSTRAINT calls_call_sid_key UNIQUE (call_sid);

--
-- Name: calls calls_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calls
    ADD CONSTRAINT calls_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: calls calls_recording_sid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calls
    ADD CONSTRAINT calls_recording_sid_key UNIQUE (recording_sid);

--
-- Name: insight_overrides insight_overrides_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.insight_overrides
    ADD CONSTRAINT insight_overrides_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: insights insights_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.insights
    ADD CONSTRAINT insights_pkey PRIMARY KEY (tenant_id, call_id);

--
-- Name: invitations invitations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: invitations invitations_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_token_hash_key UNIQUE (token_hash);

--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: jobs jobs_tenant_id_kind_call_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_tenant_id_kind_call_id_key UNIQUE (tenant_id, kind, call_id);

--
-- Name: kpi_daily kpi_daily_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_daily
    ADD CONSTRAINT kpi_daily_pkey PRIMARY KEY (tenant_id, day, agent_id);

--
-- Name: members members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_pkey PRIMARY KEY (tenant_id, user_id);

--
-- Name: phone_numbers phone_numbers_e164_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.phone_numbers
    ADD CONSTRAINT phone_numbers_e164_key UNIQUE (e164);

--
-- Name: phone_numbers phone_numbers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.phone_numbers
    ADD CONSTRAINT phone_numbers_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: phone_numbers phone_numbers_twilio_sid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.phone_numbers
    ADD CONSTRAINT phone_numbers_twilio_sid_key UNIQUE (twilio_sid);

--
-- Name: plans plans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plans
    ADD CONSTRAINT plans_pkey PRIMARY KEY (key);

--
-- Name: plans plans_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plans
    ADD CONSTRAINT plans_position_key UNIQUE ("position");

--
-- Name: reanalysis_runs reanalysis_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reanalysis_runs
    ADD CONSTRAINT reanalysis_runs_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: scripts scripts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scripts
    ADD CONSTRAINT scripts_pkey PRIMARY KEY (tenant_id, version);

--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);

--
-- Name: tenants tenants_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_slug_key UNIQUE (slug);

--
-- Name: tracker_hits tracker_hits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracker_hits
    ADD CONSTRAINT tracker_hits_pkey PRIMARY KEY (tenant_id, call_id, tracker_id);

--
-- Name: tracker_runs tracker_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracker_runs
    ADD CONSTRAINT tracker_runs_pkey PRIMARY KEY (tenant_id);

--
-- Name: trackers trackers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trackers
    ADD CONSTRAINT trackers_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: trackers trackers_tenant_id_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trackers
    ADD CONSTRAINT trackers_tenant_id_name_key UNIQUE (tenant_id, name);

--
-- Name: transcript_documents transcript_documents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transcript_documents
    ADD CONSTRAINT transcript_documents_pkey PRIMARY KEY (tenant_id, call_id);

--
-- Name: transcripts transcripts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transcripts
    ADD CONSTRAINT transcripts_pkey PRIMARY KEY (tenant_id, call_id, seq);

--
-- Name: twilio_accounts twilio_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.twilio_accounts
    ADD CONSTRAINT twilio_accounts_pkey PRIMARY KEY (account_sid);

--
-- Name: usage_events usage_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.usage_events
    ADD CONSTRAINT usage_events_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: identities_user_id_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX identities_user_id_idx ON auth.identities USING btree (user_id);

--
-- Name: refresh_tokens_instance_id_user_id_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX refresh_tokens_instance_id_user_id_idx ON auth.refresh_tokens USING btree (instance_id, user_id);

--
-- Name: refresh_tokens_parent_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX refresh_tokens_parent_idx ON auth.refresh_tokens USING btree (parent);

--
-- Name: refresh_tokens_session_id_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX refresh_tokens_session_id_idx ON auth.refresh_tokens USING btree (session_id);

--
-- Name: sessions_user_id_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX sessions_user_id_idx ON auth.sessions USING btree (user_id);

--
-- Name: users_email_lower_key; Type: INDEX; Schema: auth; Owner: -
--

CREATE UNIQUE INDEX users_email_lower_key ON auth.users USING btree (lower((email)::text));

--
-- Name: alert_deliveries_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX alert_deliveries_due_idx ON public.alert_deliveries USING btree (next_attempt_at) WHERE (status = 'pending'::text);

--
-- Name: alert_deliveries_tenant_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX alert_deliveries_tenant_created_idx ON public.alert_deliveries USING btree (tenant_id, created_at DESC, id DESC);

--
-- Name: call_comments_call_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_comments_call_idx ON public.call_comments USING btree (tenant_id, call_id, at_ms);

--
-- Name: calls_stopped_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_stopped_at_idx ON public.calls USING btree (stopped_at) WHERE (stopped_at IS NOT NULL);

--
-- Name: calls_tenant_agent_started_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_agent_started_id_idx ON public.calls USING btree (tenant_id, agent_id, started_at, id) INCLUDE (insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer, sort_upsell_cents, sort_sentiment, sort_duration_s);

--
-- Name: calls_tenant_converted_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_converted_started_idx ON public.calls USING btree (tenant_id, insight_converted, started_at, id) INCLUDE (agent_id, insight_sentiment_label, sort_ai_score, insight_low_performer, sort_upsell_cents, sort_sentiment, sort_duration_s);

--
-- Name: calls_tenant_converted_upsell_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_converted_upsell_started_idx ON public.calls USING btree (tenant_id, insight_converted, sort_upsell_cents, started_at, id) INCLUDE (agent_id, insight_sentiment_label, sort_ai_score, insight_low_performer);

--
-- Name: calls_tenant_duration_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_duration_started_idx ON public.calls USING btree (tenant_id, sort_duration_s, started_at, id) INCLUDE (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);

--
-- Name: calls_tenant_label_sentiment_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_label_sentiment_started_idx ON public.calls USING btree (tenant_id, insight_sentiment_label, sort_sentiment, started_at, id) INCLUDE (agent_id, insight_converted, sort_ai_score, insight_low_performer);

--
-- Name: calls_tenant_label_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_label_started_idx ON public.calls USING btree (tenant_id, insight_sentiment_label, started_at, id) INCLUDE (agent_id, insight_converted, sort_ai_score, insight_low_performer, sort_upsell_cents, sort_sentiment, sort_duration_s);

--
-- Name: calls_tenant_score_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_score_started_idx ON public.calls USING btree (tenant_id, sort_ai_score, started_at, id) INCLUDE (agent_id, insight_converted, insight_sentiment_label, insight_low_performer, sort_upsell_cents, sort_sentiment, sort_duration_s);

--
-- Name: calls_tenant_sentiment_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_sentiment_started_idx ON public.calls USING btree (tenant_id, sort_sentiment, started_at, id) INCLUDE (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);

--
-- Name: calls_tenant_started_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_started_id_idx ON public.calls USING btree (tenant_id, started_at, id) INCLUDE (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer, sort_upsell_cents, sort_sentiment, sort_duration_s);

--
-- Name: calls_tenant_upsell_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calls_tenant_upsell_started_idx ON public.calls USING btree (tenant_id, sort_upsell_cents, started_at, id) INCLUDE (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);

--
-- Name: insight_overrides_call_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX insight_overrides_call_idx ON public.insight_overrides USING btree (tenant_id, call_id, field, seq);

--
-- Name: insights_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX insights_created_at_idx ON public.insights USING btree (created_at);

--
-- Name: invitations_open_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX invitations_open_email_idx ON public.invitations USING btree (tenant_id, email) WHERE ((accepted_at IS NULL) AND (revoked_at IS NULL));

--
-- Name: jobs_dead_updated_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_dead_updated_idx ON public.jobs USING btree (updated_at) WHERE (state = 'dead'::text);

--
-- Name: jobs_queued_priority_run_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_queued_priority_run_at_idx ON public.jobs USING btree (priority, run_at) WHERE (state = 'queued'::text);

--
-- Name: jobs_run_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_run_idx ON public.jobs USING btree (tenant_id, run_id, state) WHERE (run_id IS NOT NULL);

--
-- Name: jobs_running_lease_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_running_lease_idx ON public.jobs USING btree (lease_until) WHERE (state = 'running'::text);

--
-- Name: members_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX members_user_id_idx ON public.members USING btree (user_id);

--
-- Name: phone_numbers_tenant_agent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX phone_numbers_tenant_agent_idx ON public.phone_numbers USING btree (tenant_id, agent_id);

--
-- Name: reanalysis_runs_requested_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reanalysis_runs_requested_idx ON public.reanalysis_runs USING btree (tenant_id, requested_at DESC);

--
-- Name: tracker_hits_tracker_ai_score_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracker_hits_tracker_ai_score_started_idx ON public.tracker_hits USING btree (tenant_id, tracker_id, sort_ai_score, started_at, call_id);

--
-- Name: tracker_hits_tracker_duration_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracker_hits_tracker_duration_started_idx ON public.tracker_hits USING btree (tenant_id, tracker_id, sort_duration_s, started_at, call_id);

--
-- Name: tracker_hits_tracker_sentiment_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracker_hits_tracker_sentiment_started_idx ON public.tracker_hits USING btree (tenant_id, tracker_id, sort_sentiment, started_at, call_id);

--
-- Name: tracker_hits_tracker_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracker_hits_tracker_started_idx ON public.tracker_hits USING btree (tenant_id, tracker_id, started_at, call_id) INCLUDE (sort_ai_score, sort_upsell_cents, sort_sentiment, sort_duration_s);

--
-- Name: tracker_hits_tracker_upsell_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tracker_hits_tracker_upsell_started_idx ON public.tracker_hits USING btree (tenant_id, tracker_id, sort_upsell_cents, started_at, call_id);

--
-- Name: transcript_documents_search_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX transcript_documents_search_idx ON public.transcript_documents USING gin (private.search_document(tsv, tenant_id, started_at));

--
-- Name: twilio_accounts_tenant_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX twilio_accounts_tenant_id_idx ON public.twilio_accounts USING btree (tenant_id);

--
-- Name: usage_events_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX usage_events_at_idx ON public.usage_events USING btree (at);

--
-- Name: usage_events_tenant_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX usage_events_tenant_at_idx ON public.usage_events USING btree (tenant_id, at);

--
-- Name: insight_overrides after_insight_override; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER after_insight_override AFTER INSERT ON public.insight_overrides FOR EACH ROW EXECUTE FUNCTION private.after_insight_override();

--
-- Name: insights apply_insight_overrides; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER apply_insight_overrides BEFORE INSERT OR UPDATE ON public.insights FOR EACH ROW EXECUTE FUNCTION private.apply_insight_overrides();

--
-- Name: calls calls_count_dial_seconds_on_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER calls_count_dial_seconds_on_insert AFTER INSERT ON public.calls FOR EACH ROW WHEN ((new.duration_s > 0)) EXECUTE FUNCTION private.count_dial_seconds();

--
-- Name: calls calls_count_dial_seconds_on_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER calls_count_dial_seconds_on_update AFTER UPDATE OF duration_s ON public.calls FOR EACH ROW WHEN ((new.duration_s > COALESCE(old.duration_s, 0))) EXECUTE FUNCTION private.count_dial_seconds();

--
-- Name: calls calls_mark_moved_days_on_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER calls_mark_moved_days_on_update AFTER UPDATE OF started_at ON public.calls FOR EACH ROW WHEN ((((old.started_at AT TIME ZONE 'UTC'::text))::date IS DISTINCT FROM ((new.started_at AT TIME ZONE 'UTC'::text))::date)) EXECUTE FUNCTION private.mark_moved_call_days();

--
-- Name: insight_overrides check_insight_override; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER check_insight_override BEFORE INSERT ON public.insight_overrides FOR EACH ROW EXECUTE FUNCTION private.check_insight_override();

--
-- Name: tracker_hits copy_call_to_children_on_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER copy_call_to_children_on_insert BEFORE INSERT ON public.tracker_hits FOR EACH ROW EXECUTE FUNCTION private.copy_call_to_children();

--
-- Name: calls copy_call_to_children_on_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER copy_call_to_children_on_update AFTER UPDATE OF started_at, insight_ai_score, insight_upsell_cents, insight_sentiment_score, duration_s ON public.calls FOR EACH ROW WHEN ((((((old.started_at IS DISTINCT FROM new.started_at) OR (old.sort_ai_score IS DISTINCT FROM new.sort_ai_score)) OR (old.sort_upsell_cents IS DISTINCT FROM new.sort_upsell_cents)) OR (old.sort_sentiment IS DISTINCT FROM new.sort_sentiment)) OR (old.sort_duration_s IS DISTINCT FROM new.sort_duration_s))) EXECUTE FUNCTION private.copy_call_to_children();

--
-- Name: insights copy_insight_to_call_on_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER copy_insight_to_call_on_delete AFTER DELETE ON public.insights FOR EACH ROW EXECUTE FUNCTION private.copy_insight_to_call();

--
-- Name: insights copy_insight_to_call_on_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER copy_insight_to_call_on_insert AFTER INSERT ON public.insights FOR EACH ROW EXECUTE FUNCTION private.copy_insight_to_call();

--
-- Name: insights copy_insight_to_call_on_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER copy_insight_to_call_on_update AFTER UPDATE ON public.insights FOR EACH ROW WHEN (((((((((old.ai_score IS DISTINCT FROM new.ai_score) OR (old.upsell_cents IS DISTINCT FROM new.upsell_cents)) OR (old.sentiment_score IS DISTINCT FROM new.sentiment_score)) OR (old.sentiment_label IS DISTINCT FROM new.sentiment_label)) OR (old.converted IS DISTINCT FROM new.converted)) OR (old.script_met IS DISTINCT FROM new.script_met)) OR (old.script_total IS DISTINCT FROM new.script_total)) OR (old.objection IS DISTINCT FROM new.objection))) EXECUTE FUNCTION private.copy_insight_to_call();

--
-- Name: transcripts keep_transcript_documents_on_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER keep_transcript_documents_on_delete AFTER DELETE ON public.transcripts REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.keep_transcript_documents();

--
-- Name: transcripts keep_transcript_documents_on_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER keep_transcript_documents_on_insert AFTER INSERT ON public.transcripts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.keep_transcript_documents();

--
-- Name: transcripts keep_transcript_documents_on_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER keep_transcript_documents_on_update AFTER UPDATE ON public.transcripts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.keep_transcript_documents();

--
-- Name: identities identities_user_id_fkey; Type: FK CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.identities
    ADD CONSTRAINT identities_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: refresh_tokens refresh_tokens_session_id_fkey; Type: FK CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.refresh_tokens
    ADD CONSTRAINT refresh_tokens_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions(id) ON DELETE CASCADE;

--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: dial_seconds_daily dial_seconds_daily_tenant_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.dial_seconds_daily
    ADD CONSTRAINT dial_seconds_daily_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: kpi_dirty kpi_dirty_tenant_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.kpi_dirty
    ADD CONSTRAINT kpi_dirty_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: agents agents_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agents
    ADD CONSTRAINT agents_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: alert_deliveries alert_deliveries_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries
    ADD CONSTRAINT alert_deliveries_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: alert_deliveries alert_deliveries_tenant_id_rule_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries
    ADD CONSTRAINT alert_deliveries_tenant_id_rule_id_fkey FOREIGN KEY (tenant_id, rule_id) REFERENCES public.alert_rules(tenant_id, id) ON DELETE CASCADE;

--
-- Name: alert_rules alert_rules_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rules
    ADD CONSTRAINT alert_rules_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: alert_rules alert_rules_tenant_id_tracker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rules
    ADD CONSTRAINT alert_rules_tenant_id_tracker_id_fkey FOREIGN KEY (tenant_id, tracker_id) REFERENCES public.trackers(tenant_id, id) ON DELETE CASCADE;

--
-- Name: call_comments call_comments_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_comments
    ADD CONSTRAINT call_comments_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: calls calls_tenant_id_agent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calls
    ADD CONSTRAINT calls_tenant_id_agent_id_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents(tenant_id, id) ON DELETE SET NULL (agent_id);

--
-- Name: calls calls_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calls
    ADD CONSTRAINT calls_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: insight_overrides insight_overrides_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.insight_overrides
    ADD CONSTRAINT insight_overrides_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: insights insights_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.insights
    ADD CONSTRAINT insights_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: invitations invitations_accepted_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: invitations invitations_invited_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: invitations invitations_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: jobs jobs_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: kpi_daily kpi_daily_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpi_daily
    ADD CONSTRAINT kpi_daily_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: members members_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: members members_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: phone_numbers phone_numbers_tenant_id_agent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.phone_numbers
    ADD CONSTRAINT phone_numbers_tenant_id_agent_id_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents(tenant_id, id) ON DELETE SET NULL (agent_id);

--
-- Name: phone_numbers phone_numbers_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.phone_numbers
    ADD CONSTRAINT phone_numbers_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: reanalysis_runs reanalysis_runs_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reanalysis_runs
    ADD CONSTRAINT reanalysis_runs_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: scripts scripts_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scripts
    ADD CONSTRAINT scripts_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: tracker_hits tracker_hits_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracker_hits
    ADD CONSTRAINT tracker_hits_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: tracker_hits tracker_hits_tenant_id_tracker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracker_hits
    ADD CONSTRAINT tracker_hits_tenant_id_tracker_id_fkey FOREIGN KEY (tenant_id, tracker_id) REFERENCES public.trackers(tenant_id, id) ON DELETE CASCADE;

--
-- Name: tracker_runs tracker_runs_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracker_runs
    ADD CONSTRAINT tracker_runs_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: trackers trackers_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trackers
    ADD CONSTRAINT trackers_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: transcript_documents transcript_documents_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transcript_documents
    ADD CONSTRAINT transcript_documents_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: transcripts transcripts_tenant_id_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.transcripts
    ADD CONSTRAINT transcripts_tenant_id_call_id_fkey FOREIGN KEY (tenant_id, call_id) REFERENCES public.calls(tenant_id, id) ON DELETE CASCADE;

--
-- Name: twilio_accounts twilio_accounts_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.twilio_accounts
    ADD CONSTRAINT twilio_accounts_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE SET NULL;

--
-- Name: usage_events usage_events_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.usage_events
    ADD CONSTRAINT usage_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;

--
-- Name: rate_counters; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.rate_counters ENABLE ROW LEVEL SECURITY;

--
-- Name: jobs Admins can read all jobs; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Admins can read all jobs" ON public.jobs FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));

--
-- Name: usage_events Admins can read all usage events; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Admins can read all usage events" ON public.usage_events FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));

--
-- Name: plans Anyone can read the price list; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Anyone can read the price list" ON public.plans FOR SELECT TO anon, authenticated USING (true);

--
-- Name: call_comments Authors can delete their own call comments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Authors can delete their own call comments" ON public.call_comments FOR DELETE TO authenticated USING (((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])) AND (author_id = ( SELECT auth.uid() AS uid))));

--
-- Name: agents Managers and admins can read agents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read agents" ON public.agents FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: calls Managers and admins can read calls; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read calls" ON public.calls FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: kpi_daily Managers and admins can read daily KPIs; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read daily KPIs" ON public.kpi_daily FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: insights Managers and admins can read insights; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read insights" ON public.insights FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: members Managers and admins can read members; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read members" ON public.members FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: phone_numbers Managers and admins can read phone numbers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read phone numbers" ON public.phone_numbers FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: scripts Managers and admins can read scripts; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read scripts" ON public.scripts FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: tenants Managers and admins can read tenants; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read tenants" ON public.tenants FOR SELECT TO authenticated USING (((id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: call_comments Managers and admins can read their tenant's call comments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read their tenant's call comments" ON public.call_comments FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: transcript_documents Managers and admins can read transcript documents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read transcript documents" ON public.transcript_documents FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: transcripts Managers and admins can read transcripts; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and admins can read transcripts" ON public.transcripts FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: agents Managers can add agents to their tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can add agents to their tenant" ON public.agents FOR INSERT TO authenticated WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: scripts Managers can add script versions to their tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can add script versions to their tenant" ON public.scripts FOR INSERT TO authenticated WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: alert_rules Managers can change their tenant's alert rules; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can change their tenant's alert rules" ON public.alert_rules FOR UPDATE TO authenticated USING ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[]))) WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: trackers Managers can change their tenant's trackers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can change their tenant's trackers" ON public.trackers FOR UPDATE TO authenticated USING ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[]))) WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: call_comments Managers can comment on their tenant's calls as themselves; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can comment on their tenant's calls as themselves" ON public.call_comments FOR INSERT TO authenticated WITH CHECK (((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])) AND (author_id = ( SELECT auth.uid() AS uid))));

--
-- Name: alert_rules Managers can create alert rules for their tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can create alert rules for their tenant" ON public.alert_rules FOR INSERT TO authenticated WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: trackers Managers can create trackers for their tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can create trackers for their tenant" ON public.trackers FOR INSERT TO authenticated WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: agents Managers can delete their tenant's agents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete their tenant's agents" ON public.agents FOR DELETE TO authenticated USING ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: alert_rules Managers can delete their tenant's alert rules; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete their tenant's alert rules" ON public.alert_rules FOR DELETE TO authenticated USING ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: trackers Managers can delete their tenant's trackers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete their tenant's trackers" ON public.trackers FOR DELETE TO authenticated USING ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: invitations Managers can invite to their tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can invite to their tenant" ON public.invitations FOR INSERT TO authenticated WITH CHECK (((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])) AND (invited_by = ( SELECT auth.uid() AS uid))));

--
-- Name: insight_overrides Managers can override their tenant's insights as themselves; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can override their tenant's insights as themselves" ON public.insight_overrides FOR INSERT TO authenticated WITH CHECK (((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])) AND (author_id = ( SELECT auth.uid() AS uid))));

--
-- Name: invitations Managers can revoke their tenant's open invitations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can revoke their tenant's open invitations" ON public.invitations FOR UPDATE TO authenticated USING (((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])) AND (accepted_at IS NULL))) WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: agents Managers can update their tenant's agents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update their tenant's agents" ON public.agents FOR UPDATE TO authenticated USING ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[]))) WITH CHECK ((tenant_id = ANY (( SELECT private.my_editable_tenant_ids() AS my_editable_tenant_ids)::uuid[])));

--
-- Name: alert_deliveries Members and admins can read their tenant's alert deliveries; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's alert deliveries" ON public.alert_deliveries FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: alert_rules Members and admins can read their tenant's alert rules; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's alert rules" ON public.alert_rules FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: insight_overrides Members and admins can read their tenant's insight overrides; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's insight overrides" ON public.insight_overrides FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: invitations Members and admins can read their tenant's invitations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's invitations" ON public.invitations FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: reanalysis_runs Members and admins can read their tenant's re-analysis runs; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's re-analysis runs" ON public.reanalysis_runs FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: tracker_hits Members and admins can read their tenant's tracker hits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's tracker hits" ON public.tracker_hits FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: tracker_runs Members and admins can read their tenant's tracker runs; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's tracker runs" ON public.tracker_runs FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: trackers Members and admins can read their tenant's trackers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Members and admins can read their tenant's trackers" ON public.trackers FOR SELECT TO authenticated USING (((tenant_id = ANY (( SELECT private.my_tenant_ids() AS my_tenant_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: agents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.agents ENABLE ROW LEVEL SECURITY;

--
-- Name: alert_deliveries; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.alert_deliveries ENABLE ROW LEVEL SECURITY;

--
-- Name: alert_rules; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.alert_rules ENABLE ROW LEVEL SECURITY;

--
-- Name: call_comments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.call_comments ENABLE ROW LEVEL SECURITY;

--
-- Name: calls; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.calls ENABLE ROW LEVEL SECURITY;

--
-- Name: insight_overrides; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.insight_overrides ENABLE ROW LEVEL SECURITY;

--
-- Name: insights; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.insights ENABLE ROW LEVEL SECURITY;

--
-- Name: invitations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.invitations ENABLE ROW LEVEL SECURITY;

--
-- Name: jobs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.jobs ENABLE ROW LEVEL SECURITY;

--
-- Name: kpi_daily; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.kpi_daily ENABLE ROW LEVEL SECURITY;

--
-- Name: members; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.members ENABLE ROW LEVEL SECURITY;

--
-- Name: phone_numbers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.phone_numbers ENABLE ROW LEVEL SECURITY;

--
-- Name: plans; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.plans ENABLE ROW LEVEL SECURITY;

--
-- Name: reanalysis_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.reanalysis_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: scripts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.scripts ENABLE ROW LEVEL SECURITY;

--
-- Name: tenants; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;

--
-- Name: tracker_hits; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tracker_hits ENABLE ROW LEVEL SECURITY;

--
-- Name: tracker_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tracker_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: trackers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.trackers ENABLE ROW LEVEL SECURITY;

--
-- Name: transcript_documents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.transcript_documents ENABLE ROW LEVEL SECURITY;

--
-- Name: transcripts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.transcripts ENABLE ROW LEVEL SECURITY;

--
-- Name: twilio_accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.twilio_accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: usage_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.usage_events ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA auth; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA auth TO anon;
GRANT USAGE ON SCHEMA auth TO authenticated;
GRANT USAGE ON SCHEMA auth TO service_role;

--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA private TO authenticated;
GRANT USAGE ON SCHEMA private TO service_role;

--
-- Name: FUNCTION email(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.email() TO anon;
GRANT ALL ON FUNCTION auth.email() TO authenticated;
GRANT ALL ON FUNCTION auth.email() TO service_role;

--
-- Name: FUNCTION jwt(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.jwt() TO anon;
GRANT ALL ON FUNCTION auth.jwt() TO authenticated;
GRANT ALL ON FUNCTION auth.jwt() TO service_role;

--
-- Name: FUNCTION role(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.role() TO anon;
GRANT ALL ON FUNCTION auth.role() TO authenticated;
GRANT ALL ON FUNCTION auth.role() TO service_role;

--
-- Name: FUNCTION uid(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.uid() TO anon;
GRANT ALL ON FUNCTION auth.uid() TO authenticated;
GRANT ALL ON FUNCTION auth.uid() TO service_role;

--
-- Name: FUNCTION after_insight_override(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.after_insight_override() FROM PUBLIC;

--
-- Name: FUNCTION analyze_young_tables(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.analyze_young_tables() FROM PUBLIC;
GRANT ALL ON FUNCTION private.analyze_young_tables() TO service_role;

--
-- Name: FUNCTION apply_insight_overrides(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.apply_insight_overrides() FROM PUBLIC;

--
-- Name: FUNCTION calls_mentioning(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.calls_mentioning(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.calls_mentioning(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone) TO authenticated;

--
-- Name: FUNCTION calls_mentioning_page(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone, p_sort text, p_desc boolean, p_after_key text, p_after_start timestamp with time zone, p_after_id uuid, p_limit integer); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.calls_mentioning_page(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone, p_sort text, p_desc boolean, p_after_key text, p_after_start timestamp with time zone, p_after_id uuid, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.calls_mentioning_page(p_tenant uuid, p_query text, p_from timestamp with time zone, p_to timestamp with time zone, p_sort text, p_desc boolean, p_after_key text, p_after_start timestamp with time zone, p_after_id uuid, p_limit integer) TO authenticated;

--
-- Name: FUNCTION check_insight_override(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_insight_override() FROM PUBLIC;

--
-- Name: FUNCTION copy_call_to_children(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.copy_call_to_children() FROM PUBLIC;

--
-- Name: FUNCTION copy_insight_to_call(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.copy_insight_to_call() FROM PUBLIC;

--
-- Name: FUNCTION count_dial_seconds(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.count_dial_seconds() FROM PUBLIC;

--
-- Name: FUNCTION insight_low_performer(script_total integer, script_met integer, sentiment_label text, converted boolean, objection jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.insight_low_performer(script_total integer, script_met integer, sentiment_label text, converted boolean, objection jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.insight_low_performer(script_total integer, script_met integer, sentiment_label text, converted boolean, objection jsonb) TO service_role;

--
-- Name: FUNCTION is_admin(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_admin() TO authenticated;
GRANT ALL ON FUNCTION private.is_admin() TO service_role;

--
-- Name: FUNCTION is_manager_of(tenant uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_manager_of(tenant uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_manager_of(tenant uuid) TO authenticated;
GRANT ALL ON FUNCTION private.is_manager_of(tenant uuid) TO service_role;

--
-- Name: FUNCTION keep_transcript_documents(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.keep_transcript_documents() FROM PUBLIC;

--
-- Name: FUNCTION mark_moved_call_days(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.mark_moved_call_days() FROM PUBLIC;

--
-- Name: FUNCTION my_editable_tenant_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_editable_tenant_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_editable_tenant_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_editable_tenant_ids() TO service_role;

--
-- Name: FUNCTION my_tenant_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_tenant_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_tenant_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_tenant_ids() TO service_role;

--
-- Name: FUNCTION rebuild_transcript_document(p_tenant uuid, p_call uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.rebuild_transcript_document(p_tenant uuid, p_call uuid) FROM PUBLIC;

--
-- Name: FUNCTION share_rate_usage(scopes text[], keys text[], hits bigint[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.share_rate_usage(scopes text[], keys text[], hits bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.share_rate_usage(scopes text[], keys text[], hits bigint[]) TO service_role;

--
-- Name: FUNCTION uuid_v7(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.uuid_v7() FROM PUBLIC;
GRANT ALL ON FUNCTION private.uuid_v7() TO service_role;

--
-- Name: FUNCTION accept_invitation(p_token text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.accept_invitation(p_token text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_invitation(p_token text) TO authenticated;
GRANT ALL ON FUNCTION public.accept_invitation(p_token text) TO service_role;

--
-- Name: FUNCTION alert_rule_secrets(p_tenant uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.alert_rule_secrets(p_tenant uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.alert_rule_secrets(p_tenant uuid) TO authenticated;
GRANT ALL ON FUNCTION public.alert_rule_secrets(p_tenant uuid) TO service_role;

--
-- Name: FUNCTION dead_jobs(p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dead_jobs(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dead_jobs(p_limit integer) TO authenticated;
GRANT ALL ON FUNCTION public.dead_jobs(p_limit integer) TO service_role;

--
-- Name: FUNCTION kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION public.kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric) TO authenticated;
GRANT ALL ON FUNCTION public.kpi_ratios(p_converted bigint, p_analyzed bigint, p_sentiment_sum double precision, p_sentiment_scored bigint, p_ai_score_sum numeric, p_ai_scored bigint, p_script_met bigint, p_script_total bigint, p_agent_talk_ms numeric, p_customer_talk_ms numeric) TO service_role;

--
-- Name: FUNCTION reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer, p_line_bytes integer, p_max_tokens integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer, p_line_bytes integer, p_max_tokens integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer, p_line_bytes integer, p_max_tokens integer) TO authenticated;
GRANT ALL ON FUNCTION public.reanalysis_estimate(p_tenant uuid, p_from date, p_to date, p_fixed_tokens integer, p_line_bytes integer, p_max_tokens integer) TO service_role;

--
-- Name: FUNCTION reanalysis_progress(p_tenant uuid, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reanalysis_progress(p_tenant uuid, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reanalysis_progress(p_tenant uuid, p_limit integer) TO authenticated;
GRANT ALL ON FUNCTION public.reanalysis_progress(p_tenant uuid, p_limit integer) TO service_role;

--
-- Name: FUNCTION refresh_kpi_daily(p_tenant uuid, p_day date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.refresh_kpi_daily(p_tenant uuid, p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.refresh_kpi_daily(p_tenant uuid, p_day date) TO service_role;

--
-- Name: FUNCTION rerun_trackers(p_tenant uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.rerun_trackers(p_tenant uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.rerun_trackers(p_tenant uuid) TO authenticated;
GRANT ALL ON FUNCTION public.rerun_trackers(p_tenant uuid) TO service_role;

--
-- Name: FUNCTION retry_dead_job(p_tenant uuid, p_job bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.retry_dead_job(p_tenant uuid, p_job bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.retry_dead_job(p_tenant uuid, p_job bigint) TO authenticated;
GRANT ALL ON FUNCTION public.retry_dead_job(p_tenant uuid, p_job bigint) TO service_role;

--
-- Name: TABLE reanalysis_runs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.reanalysis_runs TO authenticated;
GRANT ALL ON TABLE public.reanalysis_runs TO service_role;

--
-- Name: FUNCTION start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint) TO authenticated;
GRANT ALL ON FUNCTION public.start_reanalysis(p_tenant uuid, p_from date, p_to date, p_estimated_cost_micros bigint) TO service_role;

--
-- Name: FUNCTION team_members(p_tenant uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.team_members(p_tenant uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.team_members(p_tenant uuid) TO authenticated;
GRANT ALL ON FUNCTION public.team_members(p_tenant uuid) TO service_role;

--
-- Name: TABLE identities; Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON TABLE auth.identities TO service_role;

--
-- Name: TABLE refresh_tokens; Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON TABLE auth.refresh_tokens TO service_role;

--
-- Name: SEQUENCE refresh_tokens_id_seq; Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON SEQUENCE auth.refresh_tokens_id_seq TO service_role;

--
-- Name: TABLE sessions; Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON TABLE auth.sessions TO service_role;

--
-- Name: TABLE users; Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON TABLE auth.users TO service_role;

--
-- Name: TABLE dial_seconds_daily; Type: ACL; Schema: private; Owner: -
--

GRANT ALL ON TABLE private.dial_seconds_daily TO service_role;

--
-- Name: TABLE kpi_dirty; Type: ACL; Schema: private; Owner: -
--

GRANT ALL ON TABLE private.kpi_dirty TO service_role;

--
-- Name: TABLE agents; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.agents TO authenticated;
GRANT ALL ON TABLE public.agents TO service_role;

--
-- Name: COLUMN agents.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tenant_id) ON TABLE public.agents TO authenticated;

--
-- Name: COLUMN agents.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.agents TO authenticated;

--
-- Name: COLUMN agents.phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(phone),UPDATE(phone) ON TABLE public.agents TO authenticated;

--
-- Name: COLUMN agents.email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(email),UPDATE(email) ON TABLE public.agents TO authenticated;

--
-- Name: COLUMN agents.active; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(active) ON TABLE public.agents TO authenticated;

--
-- Name: TABLE alert_deliveries; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.alert_deliveries TO authenticated;
GRANT ALL ON TABLE public.alert_deliveries TO service_role;

--
-- Name: SEQUENCE alert_deliveries_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON SEQUENCE public.alert_deliveries_id_seq TO service_role;

--
-- Name: TABLE alert_rules; Type: ACL; Schema: public; Owner: -
--

GRANT DELETE ON TABLE public.alert_rules TO authenticated;
GRANT ALL ON TABLE public.alert_rules TO service_role;

--
-- Name: COLUMN alert_rules.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(tenant_id),INSERT(tenant_id) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name),INSERT(name),UPDATE(name) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.kind; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(kind),INSERT(kind),UPDATE(kind) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.threshold; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(threshold),INSERT(threshold),UPDATE(threshold) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.tracker_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(tracker_id),INSERT(tracker_id),UPDATE(tracker_id) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.webhook_url; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(webhook_url),UPDATE(webhook_url) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.webhook_host; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(webhook_host) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.emails; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(emails),INSERT(emails),UPDATE(emails) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.enabled; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(enabled),INSERT(enabled),UPDATE(enabled) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.alert_rules TO authenticated;

--
-- Name: COLUMN alert_rules.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at),UPDATE(updated_at) ON TABLE public.alert_rules TO authenticated;

--
-- Name: TABLE call_comments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.call_comments TO authenticated;
GRANT ALL ON TABLE public.call_comments TO service_role;

--
-- Name: COLUMN call_comments.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tenant_id) ON TABLE public.call_comments TO authenticated;

--
-- Name: COLUMN call_comments.call_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(call_id) ON TABLE public.call_comments TO authenticated;

--
-- Name: COLUMN call_comments.author_email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(author_email) ON TABLE public.call_comments TO authenticated;

--
-- Name: COLUMN call_comments.at_ms; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(at_ms) ON TABLE public.call_comments TO authenticated;

--
-- Name: COLUMN call_comments.body; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(body) ON TABLE public.call_comments TO authenticated;

--
-- Name: TABLE calls; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.calls TO authenticated;
GRANT ALL ON TABLE public.calls TO service_role;

--
-- Name: TABLE insight_overrides; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.insight_overrides TO authenticated;
GRANT ALL ON TABLE public.insight_overrides TO service_role;

--
-- Name: COLUMN insight_overrides.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tenant_id) ON TABLE public.insight_overrides TO authenticated;

--
-- Name: COLUMN insight_overrides.call_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(call_id) ON TABLE public.insight_overrides TO authenticated;

--
-- Name: COLUMN insight_overrides.field; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(field) ON TABLE public.insight_overrides TO authenticated;

--
-- Name: COLUMN insight_overrides.value; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(value) ON TABLE public.insight_overrides TO authenticated;

--
-- Name: COLUMN insight_overrides.reason; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(reason) ON TABLE public.insight_overrides TO authenticated;

--
-- Name: COLUMN insight_overrides.author_email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(author_email) ON TABLE public.insight_overrides TO authenticated;

--
-- Name: SEQUENCE insight_overrides_seq_seq; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON SEQUENCE public.insight_overrides_seq_seq TO service_role;

--
-- Name: TABLE insights; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.insights TO authenticated;
GRANT ALL ON TABLE public.insights TO service_role;

--
-- Name: TABLE invitations; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.invitations TO service_role;

--
-- Name: COLUMN invitations.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(tenant_id),INSERT(tenant_id) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.email; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(email),INSERT(email) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.role; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(role),INSERT(role) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.token_hash; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(token_hash) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.invited_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(invited_by) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.expires_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(expires_at) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.accepted_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(accepted_at) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.accepted_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(accepted_by) ON TABLE public.invitations TO authenticated;

--
-- Name: COLUMN invitations.revoked_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(revoked_at),UPDATE(revoked_at) ON TABLE public.invitations TO authenticated;

--
-- Name: TABLE jobs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.jobs TO authenticated;
GRANT ALL ON TABLE public.jobs TO service_role;

--
-- Name: SEQUENCE jobs_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON SEQUENCE public.jobs_id_seq TO service_role;

--
-- Name: TABLE kpi_daily; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.kpi_daily TO authenticated;
GRANT ALL ON TABLE public.kpi_daily TO service_role;

--
-- Name: TABLE members; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.members TO authenticated;
GRANT ALL ON TABLE public.members TO service_role;

--
-- Name: TABLE phone_numbers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.phone_numbers TO authenticated;
GRANT ALL ON TABLE public.phone_numbers TO service_role;

--
-- Name: TABLE plans; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.plans TO anon;
GRANT SELECT ON TABLE public.plans TO authenticated;
GRANT ALL ON TABLE public.plans TO service_role;

--
-- Name: TABLE scripts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.scripts TO authenticated;
GRANT ALL ON TABLE public.scripts TO service_role;

--
-- Name: COLUMN scripts.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tenant_id) ON TABLE public.scripts TO authenticated;

--
-- Name: COLUMN scripts.version; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(version) ON TABLE public.scripts TO authenticated;

--
-- Name: COLUMN scripts.items; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(items) ON TABLE public.scripts TO authenticated;

--
-- Name: TABLE tenants; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.tenants TO authenticated;
GRANT ALL ON TABLE public.tenants TO service_role;

--
-- Name: TABLE tracker_hits; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.tracker_hits TO authenticated;
GRANT ALL ON TABLE public.tracker_hits TO service_role;

--
-- Name: TABLE tracker_runs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.tracker_runs TO authenticated;
GRANT ALL ON TABLE public.tracker_runs TO service_role;

--
-- Name: TABLE trackers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.trackers TO authenticated;
GRANT ALL ON TABLE public.trackers TO service_role;

--
-- Name: COLUMN trackers.tenant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tenant_id) ON TABLE public.trackers TO authenticated;

--
-- Name: COLUMN trackers.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.trackers TO authenticated;

--
-- Name: COLUMN trackers.phrases; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(phrases),UPDATE(phrases) ON TABLE public.trackers TO authenticated;

--
-- Name: COLUMN trackers.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.trackers TO authenticated;

--
-- Name: TABLE transcript_documents; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.transcript_documents TO authenticated;
GRANT ALL ON TABLE public.transcript_documents TO service_role;

--
-- Name: TABLE transcripts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.transcripts TO authenticated;
GRANT ALL ON TABLE public.transcripts TO service_role;

--
-- Name: TABLE twilio_accounts; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.twilio_accounts TO service_role;

--
-- Name: TABLE usage_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.usage_events TO authenticated;
GRANT ALL ON TABLE public.usage_events TO service_role;

--
-- Name: SEQUENCE usage_events_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON SEQUENCE public.usage_events_id_seq TO service_role;

--
-- PostgreSQL database dump complete
--

