-- Every insight has a sentiment, a label and a score. Both analyzers always give one: the rules
-- analyzer scores every call, and an OpenAI answer must carry a label (analysis/insight.cc
-- refuses one without, and sets a missing score from the label). A manager's override of the
-- label sets a score too (private.apply_insight_overrides). The schema now says so, which lets
-- the calls list tell an analysed call from one without an insight by its sentiment sort key
-- alone (calls.sort_sentiment is -2 only without an insight), and skip the calls without one
-- when a filter needs an insight (api/call_query.cc).
--
-- A row written without one before (none of our analyzers did) gets what an override of its
-- label would give it: the label's score, or the band of its score as the label, neutral (0)
-- when it had neither. Updating the columns rebuilds the row's analyzer values (ai_values) from
-- them, and re-applies its overrides, through the insights' BEFORE UPDATE trigger.
update public.insights
   set sentiment_label = coalesce(sentiment_label,
                                  case when sentiment_score >= 0.2 then 'positive'
                                       when sentiment_score <= -0.2 then 'negative'
                                       else 'neutral' end),
       sentiment_score = coalesce(sentiment_score,
                                  case sentiment_label when 'positive' then 0.6
                                                       when 'negative' then -0.6 else 0 end)
 where sentiment_score is null or sentiment_label is null;

-- Checked first as a constraint validated without blocking writes, which SET NOT NULL then
-- trusts instead of scanning the table under its exclusive lock.
alter table public.insights
  add constraint insights_sentiment_present check (sentiment_score is not null and sentiment_label is not null) not valid;
alter table public.insights validate constraint insights_sentiment_present;
alter table public.insights
  alter column sentiment_score set not null,
  alter column sentiment_label set not null;
alter table public.insights drop constraint insights_sentiment_present;

comment on column public.calls.sort_sentiment is
  'The calls list''s sentiment sort key: insight_sentiment_score, -2 without an insight (every insight has a score, -1..1).';
