-- Replaced by transcript_documents_search_idx (migration 20261221100200), which the search
-- helpers (private.calls_mentioning, private.calls_mentioning_page) read.
drop index concurrently public.transcript_documents_tenant_tsv_idx;
