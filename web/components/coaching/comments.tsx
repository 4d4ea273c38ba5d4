// Comments at moments of the call: written at the player's current position, listed in
// recording order (select one to play from there), each with a link that opens this call at
// that moment for another manager of the organisation (/calls/view?id=…&t=seconds).
"use client";
import { useState } from "react";
import { type CallComment, useCommentMutation, type useComments } from "@/data/comments";
import { formatDateTime, formatMs } from "@/lib/format";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Textarea } from "../ui/field";
import { ErrorBox } from "../ui/states";

/** The address of this call at `ms`, for sharing. */
export function momentUrl(callId: string, ms: number): string {
  const here = typeof window === "undefined" ? "" : window.location.origin;
  return `${here}/calls/view?id=${encodeURIComponent(callId)}&t=${Math.floor(ms / 1000)}`;
}

function CopyLink({ url, label }: { url: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="text-xs font-medium text-brand-700 hover:underline"
      data-testid="copy-moment"
      data-url={url}
      onClick={() => {
        navigator.clipboard?.writeText(url).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? "Link copied" : label}
    </button>
  );
}

function Comment({ c, callId, onSeek, onDelete, busy }: { c: CallComment; callId: string; onSeek: (ms: number) => void; onDelete: () => void; busy: boolean }) {
  return (
    <li className="py-3" data-testid="comment" data-at={c.at_ms}>
      <div className="flex items-baseline justify-between gap-3">
        <button
          type="button"
          onClick={() => onSeek(c.at_ms)}
          className="tabular text-sm font-semibold text-brand-700 hover:underline"
          aria-label={`Play from ${formatMs(c.at_ms)}`}
        >
          {formatMs(c.at_ms)}
        </button>
        <span className="min-w-0 truncate text-xs text-slate-500">
          {c.mine ? "You" : c.author_email} · {formatDateTime(c.created_at)}
        </span>
      </div>
      <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">{c.body}</p>
      <div className="mt-1 flex gap-4">
        <CopyLink url={momentUrl(callId, c.at_ms)} label="Copy link to this moment" />
        {c.mine && (
          <button type="button" className="text-xs font-medium text-red-700 hover:underline disabled:text-red-300" disabled={busy} onClick={onDelete}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * `comments`: the view's useComments(callId), which also marks them on the waveform (a second
 * hook here, mounted in the view's later pass, fetched them again during the recording's first read).
 */
export function CommentsCard({
  callId,
  comments,
  ms,
  onSeek,
}: {
  callId: string;
  comments: ReturnType<typeof useComments>;
  ms: number;
  onSeek: (ms: number) => void;
}) {
  const write = useCommentMutation(callId);
  const [body, setBody] = useState("");
  const at = Math.floor(ms);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    if (await write.add({ at_ms: at, body })) setBody("");
  };

  return (
    <Card data-testid="comments">
      <CardHeader title="Comments" description="Notes for the team at moments of this call. Only managers of your organisation see them." />
      <div className="px-5 pb-4">
        {comments.error ? (
          <ErrorBox error={comments.error} onRetry={comments.reload} />
        ) : comments.data && comments.data.comments.length === 0 ? (
          <p className="py-2 text-sm text-slate-600">No comments yet. Pause where something happens and leave one.</p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {comments.data?.comments.map((c) => (
              <Comment key={c.id} c={c} callId={callId} onSeek={onSeek} busy={write.busy} onDelete={() => write.remove(c.id)} />
            ))}
          </ol>
        )}
        <form onSubmit={submit} className="mt-3 space-y-2 border-t border-slate-100 pt-3">
          <Textarea
            label={`Comment at ${formatMs(at)}`}
            value={body}
            maxLength={2000}
            rows={2}
            onChange={(e) => setBody(e.target.value)}
            placeholder="What should the agent hear here?"
            data-testid="comment-body"
          />
          {write.error && (
            <p role="alert" className="text-sm text-red-700">
              {write.error}
            </p>
          )}
          <div className="flex items-center justify-between gap-3">
            <CopyLink url={momentUrl(callId, at)} label={`Copy link to ${formatMs(at)}`} />
            <Button type="submit" size="sm" disabled={write.busy || !body.trim()} data-testid="comment-add">
              Add comment
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
