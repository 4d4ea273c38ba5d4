// The coaching view: player + waveform, the transcript following the audio, and the analysis.
"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { prefetchCall, recordingUrl, storedRecordingUrl, useCall, useWaveform } from "@/data/calls";
import { prefetchComments, useComments } from "@/data/comments";
import { prefetchScriptOrEmpty, useScriptOrEmpty } from "@/data/script";
import { notAnalysedText, pipelineBadge } from "@/lib/analysis";
import { ApiError } from "@/lib/api";
import { canEdit, useAuth } from "@/lib/auth";
import { dropEarlyAudio } from "@/lib/early";
import { storedSession } from "@/lib/supabase";
import type { CallDetail } from "@/lib/api-types";
import { formatDateTime, formatDuration, formatPhone } from "@/lib/format";
import { activeTurnIndex } from "@/lib/transcript";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton, Spinner } from "../ui/states";
import { TrackerChip } from "../trackers/tracker-chip";
import { CommentsCard } from "./comments";
import { InsightPanel, TalkMetricsCard } from "./insight-panel";
import { OverrideHistoryCard } from "./overrides";
import { Player } from "./player";
import { Transcript } from "./transcript";

/** A call deliberately left without an analysis: not worth scoring, or the model refused, or a content filter blocked it. */
function NotAnalysed({ call }: { call: CallDetail["call"] }) {
  return (
    <Card className="p-5" data-testid="not-analysed" data-reason={call.not_analysed_reason ?? undefined}>
      <div className="flex items-start gap-3">
        <span className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500" aria-hidden="true">
          <svg className="h-5 w-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8">
            <circle cx="12" cy="12" r="9" />
            <path d="M5.6 5.6l12.8 12.8" strokeLinecap="round" />
          </svg>
        </span>
        <div className="min-w-0 text-sm">
          <h2 className="text-base font-semibold text-slate-900">Not analysed</h2>
          <p className="mt-0.5 text-slate-700">{notAnalysedText(call.not_analysed_reason)}</p>
          {call.not_analysed_detail && (
            <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 text-slate-600 italic" data-testid="not-analysed-detail">
              {call.not_analysed_detail}
            </blockquote>
          )}
          <p className="mt-2 text-slate-600">There is no score or coaching for this call. The recording and transcript are still here to review yourself.</p>
        </div>
      </div>
    </Card>
  );
}

/**
 * Rendered beside the page's guard: once there is a session, starts loading the call while the
 * guard still checks the user (/api/v1/me), so the view renders with its data. Only data is
 * fetched early; the guard still decides whether the page shows (the API checks the tenant too).
 */
export function CallPrefetch() {
  const id = useSearchParams().get("id");
  const signedIn = !!useAuth().session;
  useEffect(() => {
    if (signedIn && id) prefetchView(id);
  }, [signedIn, id]);
  return null;
}

/** The call, its peaks, and the requests the view makes beside them (so they are done before its recording starts instead of competing with its first read). */
function prefetchView(id: string) {
  prefetchCall(id);
  prefetchComments(id);
  prefetchScriptOrEmpty();
}

// A page load of the view (a shared link, a reload) with a session in storage: its requests go
// out when this module loads, during the app's start-up, beside /me (CallPrefetch joins them).
if (typeof window !== "undefined" && process.env.NODE_ENV !== "test" && window.location.pathname.replace(/\/$/, "") === "/calls/view" && storedSession()) {
  const id = new URLSearchParams(window.location.search).get("id");
  if (id) prefetchView(id);
}

export function CallView() {
  const params = useSearchParams();
  const id = params.get("id");
  // A shared link's moment (?t=seconds): where playback starts.
  const startMs = Math.max(0, Number(params.get("t")) || 0) * 1000;
  const call = useCall(id);
  const waveform = useWaveform(id);
  const comments = useComments(id);
  const script = useScriptOrEmpty();
  const { me } = useAuth();
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const [ms, setMs] = useState(startMs);

  const available = call.data?.call.recording.available;
  useEffect(() => {
    // No player will adopt the element a page load started on the recording (lib/early.ts).
    if (call.error || available === false) dropEarlyAudio();
  }, [call.error, available]);
  useEffect(() => {
    if (!id || !available) return;
    let live = true;
    recordingUrl(id).then((u) => live && setAsked(u));
    return () => {
      live = false;
    };
  }, [id, available]);
  // With a stored session the URL is known at once: the player renders with the call, not a pass
  // after it (and adopts the element the page's script started on that URL).
  const src = asked ?? (id && available ? storedRecordingUrl(id) : null);

  const turns = useMemo(() => call.data?.transcript ?? [], [call.data]);
  const active = useMemo(() => activeTurnIndex(turns, ms), [turns, ms]);
  const onTime = useCallback((t: number) => setMs(t), []);
  const seek = useCallback((at: number) => {
    const a = audioRef.current;
    setMs(at);
    if (a) a.currentTime = at / 1000;
  }, []);
  // The player first: the transcript, the analysis and the comments render in a second,
  // interruptible pass once the call is shown, so the Play button does not wait for them.
  const full = useDeferredValue(!!call.data, false);
  const commentTimes = useMemo(() => (comments.data?.comments ?? []).map((c) => c.at_ms), [comments.data]);
  const labels = useMemo(() => Object.fromEntries((script.data?.items ?? []).map((i) => [i.key, i.label])), [script.data]);

  if (!id) return <ErrorBox error="No call selected." />;
  if (call.error) {
    const notFound = call.error instanceof ApiError && call.error.status === 404;
    return (
      <div className="mx-auto max-w-xl py-10" data-testid="call-error">
        <ErrorBox
          title={notFound ? "Call not found" : "Could not load this call"}
          error={notFound ? "This call does not exist or belongs to another organisation." : call.error}
          onRetry={notFound ? undefined : call.reload}
        />
        <Link href="/calls" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          ← Back to calls
        </Link>
      </div>
    );
  }
  if (!call.data)
    return (
      <div className="py-16 text-center">
        <Spinner label="Loading call" />
      </div>
    );
  const c = call.data.call;
  const insight = call.data.insight;
  const status = pipelineBadge(c.pipeline_status, "detail", c.not_analysed_reason);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/calls" prefetch={false} className="font-medium text-brand-700 hover:underline">
          Calls
        </Link>
        <span className="mx-2 text-slate-400" aria-hidden="true">
          /
        </span>
        <span className="text-slate-600">{formatDateTime(c.started_at)}</span>
      </nav>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {c.agent ? (
              <>
                {c.agent.name} <span className="font-normal text-slate-500">with</span> {formatPhone(c.from_number)}
              </>
            ) : (
              <>Call from {formatPhone(c.from_number)}</>
            )}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {formatDateTime(c.started_at)} · {formatDuration(c.duration_s)} · {c.direction} to {formatPhone(c.to_number)}
          </p>
          {call.data.trackers.length > 0 && (
            <p className="mt-2 flex flex-wrap gap-1" data-testid="call-trackers">
              {call.data.trackers.map((t) => (
                <TrackerChip key={t.id} chip={t} onSeek={seek} />
              ))}
            </p>
          )}
        </div>
        {status && (
          <Badge tone={status.tone} data-testid="call-status">
            {status.label}
          </Badge>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          {/* On phones the player sticks to the top while the page scrolls through the transcript. */}
          <Card className="p-3 max-lg:sticky max-lg:top-0 max-lg:z-20 max-lg:shadow-md sm:p-5" data-testid="player-card">
            {!c.recording.available ? (
              <p className="text-sm text-slate-600">The recording is not available yet.</p>
            ) : src ? (
              <Player src={src} waveform={waveform} audioRef={audioRef} onTime={onTime} startMs={startMs} markers={commentTimes} onSeek={seek} />
            ) : (
              <Skeleton className="h-20" />
            )}
          </Card>
          <Card>
            <CardHeader title="Transcript" description="Sensitive details are redacted before storage. Select a sentence to play from there." />
            <div className="px-4 py-4 sm:px-5 lg:max-h-[36rem] lg:overflow-y-auto" data-testid="transcript-scroll">
              {!full ? (
                <Skeleton className="h-64" />
              ) : turns.length ? (
                <Transcript turns={turns} active={active} onSeek={seek} comments={commentTimes} />
              ) : (
                <EmptyState title="No transcript yet">The transcript appears once the recording has been processed.</EmptyState>
              )}
            </div>
          </Card>
        </div>
        <div className="space-y-6 lg:col-span-2">
          {!full && <Skeleton className="h-96" />}
          {full && c.pipeline_status === "not_analysed" && <NotAnalysed call={c} />}
          {!full ? null : insight ? (
            <>
              <InsightPanel
                insight={insight}
                labels={labels}
                order={script.data?.items.map((i) => i.key) ?? []}
                onSeek={seek}
                callId={id}
                editable={canEdit(me)}
              />
              <TalkMetricsCard talk={insight.talk ?? {}} onSeek={seek} />
              <OverrideHistoryCard callId={id} labels={labels} />
            </>
          ) : c.pipeline_status === "not_analysed" ? null : c.pipeline_status === "failed" ? (
            <Card>
              <EmptyState title="Analysis failed">This call could not be analysed. An administrator can retry it from the admin console.</EmptyState>
            </Card>
          ) : (
            <Card>
              <EmptyState title="No analysis yet">Insights appear here when the pipeline finishes this call.</EmptyState>
            </Card>
          )}
          {full && <CommentsCard callId={id} comments={comments} ms={ms} onSeek={seek} />}
        </div>
      </div>
    </>
  );
}
