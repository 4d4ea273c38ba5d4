// The player's Play and Pause glyphs, shared by the player and the early Play button a page load
// shows before the app has loaded (early-player.tsx), so both look the same.
import type { SVGAttributes } from "react";
import { cx } from "../ui/cx";

/** The round Play/Pause button's own classes (on ui/button's Button). */
export const PLAY_BUTTON_CLASS = "h-11 w-11 shrink-0 rounded-full !p-0";

export function PlayIcon({ className, ...props }: SVGAttributes<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 24 24" className={cx("ml-0.5 h-5 w-5 fill-current", className)} aria-hidden="true" {...props}>
      <path d="M8 5v14l11-7z" />
    </svg>
  );
}

export function PauseIcon({ className, ...props }: SVGAttributes<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 24 24" className={cx("h-5 w-5 fill-current", className)} aria-hidden="true" {...props}>
      <path d="M6 5h4v14H6zm8 0h4v14h-4z" />
    </svg>
  );
}
