"use client";
import { memo, useEffect, useRef } from "react";
import { formatMs } from "@/lib/format";
import { splitRedactions } from "@/lib/snippet";
import { commentsPerTurn } from "@/lib/transcript";
import type { TranscriptTurn } from "@/lib/api-types";
import { cx } from "../ui/cx";

const redactionLabels: Record<string, string> = {
  card_number: "Card number",
  card: "Card number",
  cvv: "CVV",
  expiry: "Expiry",
  ssn: "SSN",
  email: "Email",
  phone: "Phone",
  address: "Address",
};

export function RedactionChip({ kind }: { kind: string }) {
  const label = redactionLabels[kind] ?? kind.replace(/_/g, " ");
  return (
    <span
      className="mx-0.5 inline-flex items-center gap-1 rounded bg-slate-800 px-1.5 py-px align-baseline text-[11px] font-medium text-white"
      title={`${label} redacted`}
      data-testid="redaction"
    >
      <svg viewBox="0 0 24 24" className="h-3 w-3 fill-current" aria-hidden="true">
        <path d="M12 1a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2h-1V6a5 5 0 0 0-5-5zm-3 8V6a3 3 0 0 1 6 0v3z" />
      </svg>
      <span>{label}</span>
      <span className="sr-only"> redacted</span>
    </span>
  );
}

const Turn = memo(function Turn({ turn, active, onSeek, comments }: { turn: TranscriptTurn; active: boolean; onSeek: (ms: number) => void; comments: number }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [active]);
  const agent = turn.speaker === "agent";
  return (
    <li className={cx("flex", agent ? "justify-start" : "justify-end")}>
      <button
        ref={ref}
        type="button"
        onClick={() => onSeek(turn.start_ms)}
        aria-current={active ? "true" : undefined}
        data-testid="turn"
        data-seq={turn.seq}
        data-start={turn.start_ms}
        data-active={active || undefined}
        className={cx(
          "max-w-[85%] rounded-xl px-3.5 py-2 text-left text-sm leading-6 transition-colors",
          agent ? "rounded-tl-sm bg-slate-100 text-slate-900" : "rounded-tr-sm bg-brand-50 text-slate-900",
          active && "bg-amber-100 ring-2 ring-amber-400",
          !active && "hover:ring-1 hover:ring-slate-300",
        )}
      >
        <span className="mb-0.5 flex items-center gap-2 text-xs text-slate-600">
          <span className={cx("font-semibold", agent ? "text-slate-800" : "text-brand-800")}>{agent ? "Agent" : "Customer"}</span>
          <span className="tabular">{formatMs(turn.start_ms)}</span>
          {comments > 0 && (
            <span
              className="rounded-full bg-amber-200 px-1.5 text-[11px] font-medium text-amber-900"
              data-testid="turn-comments"
              title={`${comments} comment${comments > 1 ? "s" : ""} here`}
            >
              {comments} comment{comments > 1 ? "s" : ""}
            </span>
          )}
        </span>
        <span>
          {splitRedactions(turn.text, turn.redactions ?? []).map((p, i) =>
            p.type === "text" ? <span key={i}>{p.text}</span> : <RedactionChip key={i} kind={p.kind} />,
          )}
        </span>
      </button>
    </li>
  );
});

export function Transcript({
  turns,
  active,
  onSeek,
  comments = [],
}: {
  turns: TranscriptTurn[];
  active: number;
  onSeek: (ms: number) => void;
  /** Moments (ms) managers commented on, marked on their turns. */
  comments?: number[];
}) {
  const counts = commentsPerTurn(turns, comments);
  return (
    <ol className="space-y-2" aria-label="Transcript; select a sentence to play from there">
      {turns.map((t, i) => (
        <Turn key={t.seq} turn={t} active={i === active} onSeek={onSeek} comments={counts[i]} />
      ))}
    </ol>
  );
}
