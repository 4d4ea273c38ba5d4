"use client";
import Link from "next/link";
import { useState } from "react";
import { coachingReasonLabel, pipelineBadge } from "@/lib/analysis";
import { useAgents } from "@/data/agents";
import { callKeys, useCalls, type CallFilters } from "@/data/calls";
import { allTime, formatCallTotal, formatCents, formatDateTime, formatDay, formatDuration, formatPhone, formatSentiment, lastNDays } from "@/lib/format";
import { parseSnippet } from "@/lib/snippet";
import { useUrlState } from "@/lib/url-state";
import { isRefusedCursor, usePages } from "@/lib/use-pages";
import { AgentFilter, DateRangeFilter } from "../dashboard/filters";
import { useTrackers } from "@/data/trackers";
import { TrackerChip } from "../trackers/tracker-chip";
import { Badge, sentimentTone } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, PageHeader } from "../ui/card";
import { cardsOnPhone } from "../ui/table";
import { cx } from "../ui/cx";
import { Input, Select } from "../ui/field";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { ExportButton } from "../ui/export-button";

/** Beside a value a manager corrected (the list already shows the corrected value). */
function Edited({ field }: { field: string }) {
  return (
    <span className="ml-1 align-middle text-[11px] font-medium text-sky-700" title="Corrected by a manager" data-testid="edited" data-field={field}>
      ✎<span className="sr-only"> corrected by a manager</span>
    </span>
  );
}

const keys = ["from", "to", "agent", "converted", "sentiment", "score_min", "score_max", "q", "low", "tracker", "sort", "order"] as const;
type SortKey = "started_at" | "ai_score" | "upsell_cents" | "duration_s" | "sentiment";

function Snippet({ text }: { text: string }) {
  return (
    <p className="mt-1 line-clamp-2 text-xs text-slate-600" data-testid="snippet">
      {parseSnippet(text).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}

function SortHeader({
  label,
  k,
  sort,
  order,
  onSort,
  className,
}: {
  label: string;
  k: SortKey;
  sort: string;
  order: string;
  onSort: (k: SortKey) => void;
  className?: string;
}) {
  const active = sort === k;
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"} className={cx("whitespace-nowrap px-3 py-2", className)}>
      <button type="button" onClick={() => onSort(k)} className="inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900">
        {label}
        <span aria-hidden="true" className={active ? "text-brand-700" : "text-slate-300"}>
          {active && order === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}

export function CallsTable() {
  const [u, setU] = useUrlState(keys);
  const def = lastNDays(30);
  const range = { from: u.from || def.from, to: u.to || def.to };
  const sort = (u.sort || "started_at") as SortKey;
  const order = u.order || "desc";
  const [search, setSearch] = useState(u.q);
  // The checkbox flips at once; the URL (the source of truth) follows a moment later.
  const [low, setLow] = useState(u.low === "1");
  // When the URL changes, the search box and the checkbox follow it.
  const [seen, setSeen] = useState({ q: u.q, low: u.low });
  if (seen.q !== u.q || seen.low !== u.low) {
    setSeen({ q: u.q, low: u.low });
    if (seen.q !== u.q) setSearch(u.q);
    if (seen.low !== u.low) setLow(u.low === "1");
  }

  const filters: CallFilters = {
    ...range,
    agent_id: u.agent || undefined,
    converted: u.converted || undefined,
    sentiment: u.sentiment || undefined,
    score_min: u.score_min || undefined,
    score_max: u.score_max || undefined,
    q: u.q || undefined,
    low_performers: u.low === "1" ? "true" : undefined,
    tracker: u.tracker || undefined,
    sort,
    order,
    limit: 25,
  };
  // New filters start again from the first page, and so does a cursor the server refuses.
  const pages = usePages(callKeys.list(filters));
  const calls = useCalls({ ...filters, cursor: pages.cursor });
  if (pages.cursor && isRefusedCursor(calls.error)) pages.restart();
  // Only the agents' names, for the filter: the default range (a search may cover all time,
  // more than the leaderboard's longest range).
  const agents = useAgents({});
  const trackers = useTrackers();

  const update = (patch: Partial<Record<(typeof keys)[number], string | null>>) => setU(patch);
  const onSort = (k: SortKey) => update({ sort: k === "started_at" ? null : k, order: sort === k && order === "desc" ? "asc" : null });

  return (
    <>
      <PageHeader
        title="Calls"
        description="Every recorded call with its analysis. Search transcripts, filter, and open a call to coach it."
        actions={<ExportButton path={callKeys.export(filters)} testId="calls-export" />}
      />
      <Card className="mb-4 p-4">
        <form
          role="search"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: search.trim() || null });
          }}
        >
          <Input
            label="Search transcripts"
            type="search"
            placeholder='e.g. "warranty" or cancel'
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="min-w-56 flex-1"
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
          <DateRangeFilter from={range.from} to={range.to} onChange={(r) => update(r)} />
        </form>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <AgentFilter agents={agents.data?.agents} value={u.agent} onChange={(agent) => update({ agent })} />
          <Select label="Outcome" value={u.converted} onChange={(e) => update({ converted: e.target.value })} className="w-40">
            <option value="">Any outcome</option>
            <option value="true">Converted</option>
            <option value="false">Not converted</option>
          </Select>
          <Select label="Sentiment" value={u.sentiment} onChange={(e) => update({ sentiment: e.target.value })} className="w-44">
            <option value="">Any sentiment</option>
            <option value="positive">Positive</option>
            <option value="neutral">Neutral</option>
            <option value="negative">Negative</option>
          </Select>
          <Input
            label="Min AI score"
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={u.score_min}
            onChange={(e) => update({ score_min: e.target.value })}
            className="w-28"
          />
          <Input
            label="Max AI score"
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={u.score_max}
            onChange={(e) => update({ score_max: e.target.value })}
            className="w-28"
          />
          <Select label="Tracker" value={u.tracker} onChange={(e) => update({ tracker: e.target.value })} className="w-48" data-testid="tracker-filter">
            <option value="">Any tracker</option>
            {trackers.data?.trackers.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
          <label className="mb-2 inline-flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
              checked={low}
              onChange={(e) => {
                setLow(e.target.checked);
                update({ low: e.target.checked ? "1" : null });
              }}
            />
            Low performers only
          </label>
        </div>
      </Card>
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1 px-1 text-sm text-slate-700" data-testid="calls-summary">
        {calls.data && (
          <span
            className="font-semibold text-slate-900"
            data-testid="calls-total"
            title={calls.data.total_capped ? "Counting stops at 10,000 calls to keep the list fast." : undefined}
          >
            {formatCallTotal(calls.data.total, calls.data.total_capped)}
          </span>
        )}
        {calls.data?.total_capped && <span className="text-xs text-slate-600">(counting stops at 10,000)</span>}
        <span data-testid="search-period">
          {u.q ? `matching “${u.q}” ` : ""}from {formatDay(range.from)}, {range.from.slice(0, 4)} to {formatDay(range.to)}, {range.to.slice(0, 4)}
        </span>
        {u.q && range.from !== allTime().from && (
          <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => update(allTime())} data-testid="search-all-time">
            Search all time
          </button>
        )}
      </div>
      <Card>
        {calls.error ? (
          <div className="p-5">
            <ErrorBox error={calls.error} onRetry={calls.reload} title="Could not load calls" />
          </div>
        ) : (
          <div className="overflow-x-auto">
            <table className={cx("min-w-full text-sm", cardsOnPhone)} data-testid="calls-table">
              <caption className="sr-only">
                Calls, {sort.replace("_", " ")} {order === "asc" ? "ascending" : "descending"}. Low performers are highlighted.
              </caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-600">
                  <SortHeader label="Started" k="started_at" sort={sort} order={order} onSort={onSort} className="pl-5" />
                  <th scope="col" className="px-3 py-2 uppercase tracking-wide">
                    Agent
                  </th>
                  <th scope="col" className="px-3 py-2 uppercase tracking-wide">
                    Caller
                  </th>
                  <SortHeader label="Duration" k="duration_s" sort={sort} order={order} onSort={onSort} className="text-right" />
                  <th scope="col" className="px-3 py-2 uppercase tracking-wide">
                    Outcome
                  </th>
                  <SortHeader label="Upsell" k="upsell_cents" sort={sort} order={order} onSort={onSort} className="text-right" />
                  <SortHeader label="Sentiment" k="sentiment" sort={sort} order={order} onSort={onSort} />
                  <SortHeader label="AI score" k="ai_score" sort={sort} order={order} onSort={onSort} className="pr-5 text-right" />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {calls.loading &&
                  [0, 1, 2, 3, 4].map((i) => (
                    <tr key={i}>
                      <td colSpan={8} className="px-5 py-3">
                        <Skeleton className="h-5" />
                      </td>
                    </tr>
                  ))}
                {calls.data?.calls.map((c) => {
                  const status = pipelineBadge(c.pipeline_status, "list", c.not_analysed_reason);
                  return (
                    <tr
                      key={c.id}
                      data-testid="call-row"
                      data-low={c.low_performer || undefined}
                      className={cx("align-top hover:bg-slate-50", c.low_performer && "bg-amber-50/60 shadow-[inset_3px_0_0_#f59e0b]")}
                    >
                      <td className="py-3 pl-5 pr-3">
                        {/* The date and its flags on one line, wrapping together when the cell is narrow. */}
                        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                          <Link href={`/calls/view?id=${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                            {formatDateTime(c.started_at)}
                          </Link>
                          {c.low_performer && (
                            <Badge tone="amber" title="Why: see the reasons below" data-testid="needs-coaching-badge">
                              Needs coaching
                            </Badge>
                          )}
                          {c.needs_review && (
                            <Badge
                              tone="amber"
                              title="Part of the analysis did not pass our checks or rests on weak evidence; open the call to see what to review."
                              data-testid="review-badge"
                            >
                              Review
                            </Badge>
                          )}
                        </div>
                        {c.coaching_reasons.length > 0 && (
                          <span className="mt-1 flex flex-wrap gap-1" data-testid="coaching-reasons">
                            {c.coaching_reasons.map((r) => (
                              <span
                                key={r.code}
                                className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900"
                                data-testid="coaching-reason"
                              >
                                {coachingReasonLabel(r)}
                              </span>
                            ))}
                          </span>
                        )}
                        {c.trackers.length > 0 && (
                          <span className="mt-1 flex flex-wrap gap-1" data-testid="tracker-chips">
                            {c.trackers.map((t) => (
                              <TrackerChip key={t.id} chip={t} href={`/calls/view?id=${c.id}&t=${Math.floor(t.first_ms / 1000)}`} />
                            ))}
                          </span>
                        )}
                        {c.summary && !c.snippet && <p className="mt-1 line-clamp-1 max-w-md text-xs text-slate-600">{c.summary}</p>}
                        {c.snippet && <Snippet text={c.snippet} />}
                      </td>
                      <td data-label="Agent" className="whitespace-nowrap px-3 py-3 text-slate-800">
                        {c.agent?.name ?? <span className="text-slate-500">Unassigned</span>}
                      </td>
                      <td data-label="Caller" className="tabular whitespace-nowrap px-3 py-3 text-slate-700">
                        {formatPhone(c.from_number)}
                      </td>
                      <td data-label="Duration" className="tabular px-3 py-3 text-right text-slate-700">
                        {formatDuration(c.duration_s)}
                      </td>
                      <td data-label="Outcome" className="whitespace-nowrap px-3 py-3">
                        {status ? (
                          <Badge tone={status.tone} data-testid="call-status">
                            {status.label}
                          </Badge>
                        ) : c.converted ? (
                          <Badge tone="green">Converted</Badge>
                        ) : (
                          <Badge>Not converted</Badge>
                        )}
                        {c.overridden.includes("converted") && <Edited field="converted" />}
                      </td>
                      <td data-label="Upsell" className="tabular px-3 py-3 text-right font-medium text-slate-900">
                        {c.upsell_cents ? formatCents(c.upsell_cents, { whole: true }) : "—"}
                        {c.overridden.includes("upsell_cents") && <Edited field="upsell_cents" />}
                      </td>
                      <td data-label="Sentiment" className="px-3 py-3">
                        {c.sentiment_label ? (
                          <Badge tone={sentimentTone(c.sentiment_label)} title={`score ${formatSentiment(c.sentiment_score)}`}>
                            <span className="capitalize">{c.sentiment_label}</span>
                          </Badge>
                        ) : (
                          "—"
                        )}
                        {c.overridden.includes("sentiment") && <Edited field="sentiment" />}
                      </td>
                      <td
                        data-label="AI score"
                        className={cx(
                          "tabular py-3 pl-3 pr-5 text-right font-semibold",
                          c.ai_score != null && c.ai_score < 60 ? "text-amber-800" : "text-slate-900",
                        )}
                      >
                        {c.ai_score ?? "—"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {calls.data && calls.data.calls.length === 0 && (
              <EmptyState title={u.q ? `No calls mention “${u.q}”` : "No calls match these filters"}>Try a longer date range or clear some filters.</EmptyState>
            )}
          </div>
        )}
        <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm">
          <span className="text-slate-600">
            Page {pages.page}
            {pages.restarted && <span data-testid="calls-restarted"> · the list changed since it was opened, so it starts again here</span>}
          </span>
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" disabled={pages.page === 1} onClick={pages.previous}>
              Previous
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={!calls.data?.next_cursor}
              onClick={() => calls.data?.next_cursor && pages.next(calls.data.next_cursor)}
            >
              Next
            </Button>
          </div>
        </nav>
      </Card>
    </>
  );
}
