-- What became of a call's analysis beyond "done" or "failed", so managers and admins can see it:
--  * calls.pipeline_status 'not_analysed': a terminal state for calls deliberately left without an
--    insight (the model refused, or the provider's content filter blocked its answer); the
--    reason and the provider's text are kept beside it. Unlike 'failed' there is nothing to retry.
--  * insights.review: the fields of an LLM's answer that failed a business check (an upsell total
--    that is not the sum of its items, a moment past the end of the call, ...), each dropped or
--    corrected while the rest of the insight was kept: [{"field": ..., "reason": ...}].
--  * insights.flags: how the answer was obtained: 'repaired' (a second request fixed an unusable
--    answer), 'length_retry' (re-asked with a larger token limit), 'trimmed' (the middle of a long
--    transcript was left out to fit the model's window), 'llm_budget' (the rules analyzer ran
--    because the tenant's monthly LLM budget was reached).

alter table public.calls drop constraint calls_pipeline_status_check;
alter table public.calls add constraint calls_pipeline_status_check
  check (pipeline_status in ('received', 'transcribing', 'analyzing', 'done', 'failed', 'not_analysed'));
alter table public.calls
  add column not_analysed_reason text
    check (not_analysed_reason in ('refused', 'content_filter')),
  add column not_analysed_detail text,
  add constraint calls_not_analysed_has_reason
    check ((pipeline_status = 'not_analysed') = (not_analysed_reason is not null));

alter table public.insights
  add column review jsonb not null default '[]' check (jsonb_typeof(review) = 'array'),
  add column flags text[] not null default '{}'
    check (flags <@ array['repaired', 'length_retry', 'trimmed', 'llm_budget']);

-- The admin's monthly outcome counts find these calls by when they ended (as failed ones).
create index calls_not_analysed_updated_idx on public.calls (updated_at)
  where pipeline_status = 'not_analysed';
