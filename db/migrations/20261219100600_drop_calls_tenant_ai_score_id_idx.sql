-- Replaced by its (tenant_id, <key>, started_at, id) index (20261219100100).
drop index concurrently public.calls_tenant_ai_score_id_idx;
