-- How far each finding can be trusted (analysis/confidence.h): {"converted": 0.9,
-- "sentiment": 0.42, "script.greeting": 0.9, ...}. A call with any value below 0.5 is listed as
-- "needs review", like one whose AI answer failed a check.
alter table public.insights add column confidence jsonb not null default '{}'::jsonb;
comment on column public.insights.confidence is 'Field -> 0..1 confidence from the evidence in the call (converted, upsell, sentiment, script.<key>); below 0.5 the call needs review.';
