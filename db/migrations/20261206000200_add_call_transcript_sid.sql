-- Twilio Voice Intelligence keeps one transcript per recording and refuses a second, so the
-- transcribe stage remembers the one it asked for: a retry, a lost lease or a worker restart
-- goes back to the same transcript instead of asking again (and being refused).
alter table public.calls
  add column transcript_sid text,
  add column transcript_requested_at timestamptz;
comment on column public.calls.transcript_sid is 'Voice Intelligence transcript (GT…) of this call''s recording, once requested; cleared when a failed one is deleted.';
comment on column public.calls.transcript_requested_at is 'When transcript_sid was requested: a transcript not completed 60 minutes later is deleted and requested again.';
