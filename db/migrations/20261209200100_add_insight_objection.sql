-- Why a call was lost: the customer's last objection or blocker (src/analysis/objection.h),
-- with their words and the moment they said them:
--   {"kind": "price" | "decision_maker" | "competitor" | "just_looking" | "timing" | "undecided",
--    "quote": "...", "at_ms": 61000 | null}
-- null when the customer raised none. Readable by whoever reads the insight (table grants).
alter table public.insights
  add column objection jsonb
    check (objection is null or (jsonb_typeof(objection) = 'object' and objection->>'kind' in
      ('price', 'decision_maker', 'competitor', 'just_looking', 'timing', 'undecided')));
comment on column public.insights.objection is 'The customer''s last objection {kind, quote, at_ms}; null when none.';
