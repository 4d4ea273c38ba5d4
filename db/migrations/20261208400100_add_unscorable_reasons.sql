-- Calls that should not be scored (src/analysis/unscorable.h) are left without an insight like
-- the model's refusals: pipeline_status 'not_analysed', with why.
--   voicemail   the call reached a voicemail greeting
--   too_short   under 15 seconds of recording
--   silent      (almost) nothing was said
--   no_answer   nobody answered (Twilio's CallStatus no-answer, busy, failed or canceled)
alter table public.calls drop constraint calls_not_analysed_reason_check;
alter table public.calls add constraint calls_not_analysed_reason_check
  check (not_analysed_reason in ('refused', 'content_filter', 'voicemail', 'too_short', 'silent',
                                 'no_answer'));
