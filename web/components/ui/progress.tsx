import { cx } from "./cx";

/** A horizontal bar showing `percent` (0..100, clamped) of a job done, announced as a progressbar. */
export function ProgressBar({ percent, className }: { percent: number; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      className={cx("h-2 w-full overflow-hidden rounded-full bg-slate-100", className)}
      role="progressbar"
      aria-valuenow={pct}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
    </div>
  );
}
