-- Replaced by transcript_documents_tenant_tsv_idx: the search reads a call's document, not its
-- lines. The lines keep their tsv, which the snippet of a page's calls matches by primary key.
drop index concurrently public.transcripts_tenant_tsv_idx;
