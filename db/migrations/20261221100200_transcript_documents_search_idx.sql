-- The search documents' text index by words and keys (migration 20261221100100): a search reads
-- the matches of the range's months, not of all the tenant's time. Built without blocking writes.
create index concurrently transcript_documents_search_idx on public.transcript_documents
  using gin ((private.search_document(tsv, tenant_id, started_at)));
