// A tracker that hit a call, as a chip: its name and how often. On the calls list it links to
// the call at the first hit; in the coaching view it seeks the player there.
import Link from "next/link";
import type { TrackerChip as Chip } from "@/lib/api-types";
import { formatMs } from "@/lib/format";

const style = "inline-flex items-center gap-1 rounded-full bg-sky-50 px-2 py-0.5 text-[11px] font-medium text-sky-900 ring-1 ring-sky-200 hover:bg-sky-100";

export function TrackerChip({ chip, href, onSeek }: { chip: Chip; href?: string; onSeek?: (ms: number) => void }) {
  const label = (
    <>
      {chip.name}
      {chip.hits > 1 && <span className="text-sky-700">×{chip.hits}</span>}
    </>
  );
  const title = `${chip.name}: first heard at ${formatMs(chip.first_ms)}`;
  if (onSeek) {
    return (
      <button type="button" className={style} title={title} onClick={() => onSeek(chip.first_ms)} data-testid="tracker-chip" data-first-ms={chip.first_ms}>
        {label}
      </button>
    );
  }
  return (
    <Link href={href ?? "#"} className={style} title={title} data-testid="tracker-chip">
      {label}
    </Link>
  );
}
