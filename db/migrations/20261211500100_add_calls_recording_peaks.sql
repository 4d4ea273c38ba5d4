-- The recording's waveform, computed once by the worker (pipeline/waveform_peaks): the loudest
-- sample of each of ~1,000 slices per channel, and the duration. The coaching view draws it and
-- plays the audio through Range requests, instead of downloading a whole recording (173 MB for a
-- 90-minute call) to draw it. Null until computed (calls transcribed before this column, or a
-- recording whose media could not be read).
alter table public.calls add column recording_peaks jsonb;
comment on column public.calls.recording_peaks is
  'Waveform peaks of the recording: {"duration_ms": n, "peaks": [[0–1000, …] per channel]}.';
