-- The calls list's "needs coaching" flag of an insight (calls.insight_low_performer): two or more
-- script items missed, a negative customer, or an objection the call did not convert past. The
-- same conditions as api/call_query.cc kCoachingReasons (CallsTest.LowPerformerCopyAgreesWithReasons
-- compares them). One definition for the two writers of the copy: the trigger on insights
-- (private.copy_insight_to_call) and the analyze stage, which sets the copy in the same update
-- that marks the call done, so a new insight writes the call's row once, not twice.
-- The analyze stage runs as service_role in a deployment (deploy_*_pipeline tests).
create or replace function private.insight_low_performer(script_total integer, script_met integer,
                                                         sentiment_label text, converted boolean,
                                                         objection jsonb)
returns boolean
language sql immutable security definer set search_path = ''
as $$
  select coalesce(script_total - script_met >= 2 or sentiment_label = 'negative'
                  or (converted = false and objection is not null), false)
$$;
comment on function private.insight_low_performer(integer, integer, text, boolean, jsonb) is 'The "needs coaching" flag of an insight, as copied onto calls.insight_low_performer.';

revoke all on function private.insight_low_performer(integer, integer, text, boolean, jsonb) from public, anon, authenticated;
grant execute on function private.insight_low_performer(integer, integer, text, boolean, jsonb) to service_role;
