import type { LiveStatus } from "@/lib/use-live";

export function LiveBadge({ status }: { status: LiveStatus }) {
  const label = status === "live" ? "Live" : status === "connecting" ? "Connecting" : "Offline, retrying";
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200"
      data-testid="live-status"
      data-status={status}
    >
      <span
        className={`h-2 w-2 rounded-full ${status === "live" ? "bg-emerald-500" : status === "connecting" ? "bg-amber-400" : "bg-slate-400"}`}
        aria-hidden="true"
      />
      {label}
    </span>
  );
}
