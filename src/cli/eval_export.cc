// `converza eval --export-overrides TENANT OUT.jsonl`: the tenant's own evaluation set. Every
// call of the tenant (its id or slug) on which a manager overrode at least one insight field is
// written as one labelled call in the format `converza eval` reads (analysis/call_input.h): the
// transcript's turns (redacted, as stored; times in seconds) and `labels`. Where a manager
// overrode a field, the label is the manager's value. Fields nobody overrode are labelled with
// the AI's own value, so they score the analyzer against itself, not against a person: the line's
// extra `overridden` list (which `converza eval` ignores) names the fields a person labelled,
// for anyone who wants to score only those. Runs as the server's database user (no RLS): an
// operator's command, like `converza seed`.
#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "db/connection.h"

namespace converza::cli {
namespace {

// $1 tenant id or slug. The insight's columns hold the overrides already (see
// db/functions/private.apply_insight_overrides.sql), the analyzer's values elsewhere.
constexpr std::string_view kOverriddenCalls = R"sql(
  select json_build_object(
           'id', c.id,
           'turns', (select json_agg(json_build_object(
                              'speaker', t.speaker, 'start', (t.start_ms / 1000.0)::float8,
                              'end', (t.end_ms / 1000.0)::float8, 'text', t.text) order by t.seq)
                       from public.transcripts t
                      where t.tenant_id = c.tenant_id and t.call_id = c.id),
           'labels', json_strip_nulls(json_build_object(
                       'converted', i.converted, 'upsell_cents', i.upsell_cents,
                       'sentiment', i.sentiment_label,
                       'script', (select json_object_agg(e.key, e.value -> 'met')
                                    from jsonb_each(case when jsonb_typeof(i.script) = 'object'
                                                         then i.script end) e
                                   where jsonb_typeof(e.value -> 'met') = 'boolean'))),
           'overridden', (select json_agg(k order by k) from jsonb_object_keys(i.overrides) k)
         )::text
    from public.calls c
    join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
   where c.tenant_id = (select id from public.tenants where id::text = $1 or slug = $1)
     and i.overrides <> '{}'::jsonb
     and exists (select 1 from public.transcripts t
                  where t.tenant_id = c.tenant_id and t.call_id = c.id)
   order by c.started_at, c.id)sql";

constexpr std::string_view kTenantExists =
    "select 1 from public.tenants where id::text = $1 or slug = $1";

}  // namespace

int ExportOverrides(const Config& config, const std::string& tenant, const std::string& path) {
  db::Connection c(config.database_url);
  db::Transaction tx(c);
  if (tx.exec(kTenantExists, {tenant}).empty()) {
    std::fprintf(stderr, "converza eval: no tenant with id or slug %s\n", tenant.c_str());
    return 2;
  }
  auto rows = tx.exec(kOverriddenCalls, {tenant});
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::fprintf(stderr, "converza eval: cannot write %s\n", path.c_str());
    return 2;
  }
  for (int r = 0; r < rows.size(); ++r) out << rows.get(r, 0) << '\n';
  out.close();
  if (!out) {
    std::fprintf(stderr, "converza eval: cannot write %s\n", path.c_str());
    return 2;
  }
  std::fprintf(stderr, "converza eval: %d overridden call(s) written to %s\n", rows.size(),
               path.c_str());
  return 0;
}

}  // namespace converza::cli
