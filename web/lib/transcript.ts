// Which transcript turn is "being played" at a given time: the last turn that has started,
// provided the playhead has not moved past its end into a long silence (then none).
export interface Timed {
  start_ms: number;
  end_ms: number;
}

export function activeTurnIndex(turns: Timed[], ms: number, graceMs = 1500): number {
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].start_ms <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  // Overlapping turns: prefer one that still contains ms.
  for (let i = found; i >= 0 && i >= found - 3; i--) {
    if (turns[i].start_ms <= ms && ms < turns[i].end_ms) return i;
  }
  return ms < turns[found].end_ms + graceMs ? found : -1;
}

/** How many of `times` (ms) fall in each turn: from its start up to the next turn's start
 * (moments before the first turn count for none). Turns are in start order. */
export function commentsPerTurn(turns: Pick<Timed, "start_ms">[], times: number[]): number[] {
  const counts = turns.map(() => 0);
  for (const at of times) {
    let i = -1;
    while (i + 1 < turns.length && turns[i + 1].start_ms <= at) i++;
    if (i >= 0) counts[i]++;
  }
  return counts;
}
