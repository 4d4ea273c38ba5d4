// "Re-analyse calls": after the script (or the analyzer) changed, a manager picks a date range,
// sees how many calls would be analysed again and the estimated OpenAI cost, confirms, and
// watches the run's progress. Viewers see the estimate and the progress without the button.
"use client";
import { useState } from "react";
import { type ReanalysisRun, useReanalysisEstimate, useReanalysisRuns, useStartReanalysis } from "@/data/reanalysis";
import { canEdit, useAuth } from "@/lib/auth";
import { formatDateTime, formatDay, formatMicros, formatNumber, lastNDays } from "@/lib/format";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Input } from "../ui/field";
import { ProgressBar } from "../ui/progress";
import { Skeleton } from "../ui/states";

const calls = (n: number) => `${formatNumber(n)} ${n === 1 ? "call" : "calls"}`;

/** A range the API accepts: two days, from <= to, at most 366 days; otherwise why not. */
export function rangeProblem(from: string, to: string): string | null {
  if (!from || !to) return "Choose both days.";
  if (from > to) return "The first day must not be after the last.";
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= 366) return "Choose at most 366 days.";
  return null;
}

export function RunProgress({ run }: { run: ReanalysisRun }) {
  const handled = run.done + run.failed;
  const pct = run.total === 0 ? 100 : (100 * handled) / run.total;
  return (
    <div className="mt-4 border-t border-slate-100 pt-4" data-testid="reanalysis-run" data-finished={run.finished ? "true" : "false"}>
      <p className="text-sm text-slate-700" role="status">
        {run.finished
          ? `Re-analysed ${calls(run.done)} from ${formatDay(run.from)} to ${formatDay(run.to)}`
          : `Re-analysing ${formatDay(run.from)} – ${formatDay(run.to)}: ${formatNumber(handled)} of ${calls(run.total)}…`}
        {run.failed > 0 && <span className="text-red-700"> · {calls(run.failed)} failed (admins can retry them)</span>}
      </p>
      <ProgressBar percent={pct} className="mt-2" />
      <p className="mt-1 text-xs text-slate-600">
        <span className="tabular" data-testid="reanalysis-percent">
          {Math.floor(pct)}%
        </span>{" "}
        · started {formatDateTime(run.requested_at)} · est. {formatMicros(run.estimated_cost_micros)}
      </p>
    </div>
  );
}

export function ReanalyseCard() {
  const { me } = useAuth();
  const editable = canEdit(me);
  const [range, setRange] = useState(() => lastNDays(30));
  const problem = rangeProblem(range.from, range.to);
  const estimate = useReanalysisEstimate(problem ? null : range);
  const runs = useReanalysisRuns();
  const { start, busy, error } = useStartReanalysis();
  const latest = runs.data?.runs[0];
  const running = !!latest && !latest.finished;
  const e = estimate.data;

  return (
    <Card data-testid="reanalyse-card">
      <CardHeader
        title="Re-analyse calls"
        description="Score past calls again with the current script and analyzer. Each call's analysis then shows the script version it was checked against."
      />
      <div className="px-5 py-4">
        <div className="grid grid-cols-2 gap-3">
          <Input
            label="From"
            type="date"
            value={range.from}
            max={range.to}
            onChange={(ev) => setRange((r) => ({ ...r, from: ev.target.value }))}
            data-testid="reanalyse-from"
          />
          <Input
            label="To"
            type="date"
            value={range.to}
            min={range.from}
            onChange={(ev) => setRange((r) => ({ ...r, to: ev.target.value }))}
            data-testid="reanalyse-to"
          />
        </div>
        <div className="mt-3 min-h-10 text-sm" data-testid="reanalysis-estimate" data-calls={e && !problem ? e.calls : undefined}>
          {problem ? (
            <p className="text-red-700" role="alert">
              {problem}
            </p>
          ) : estimate.error ? (
            <p className="text-red-700" role="alert">
              Could not estimate: {estimate.error.message}
            </p>
          ) : !e ? (
            <Skeleton className="h-5 w-48" />
          ) : (
            <>
              <p className="font-medium text-slate-900">
                {calls(e.calls)}, est. {formatMicros(e.estimated_cost_micros)} OpenAI cost
              </p>
              <p className="text-xs text-slate-600">
                {e.analyzer === "openai"
                  ? `Analysed by AI (${e.model ?? "OpenAI"}): each call's prompt and a typical answer at OpenAI's prices.`
                  : "Analysed by the built-in rules, which cost nothing."}{" "}
                Only calls with a transcript are counted.
              </p>
            </>
          )}
        </div>
        {editable ? (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button
              disabled={!!problem || !e || e.calls === 0 || running || busy || estimate.validating}
              onClick={() => void start(range)}
              data-testid="reanalyse-confirm"
            >
              {running ? "Re-analysing…" : e && !problem ? `Confirm: re-analyse ${calls(e.calls)}` : "Confirm"}
            </Button>
            {running && <span className="text-xs text-slate-600">One run at a time: wait for this one to finish.</span>}
          </div>
        ) : (
          <p className="mt-3 text-xs text-slate-600" data-testid="reanalyse-view-only">
            View only: ask a manager to re-analyse calls.
          </p>
        )}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {latest && <RunProgress run={latest} />}
      </div>
    </Card>
  );
}
