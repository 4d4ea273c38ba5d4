// The call view's Play button for the moments before the app has loaded (a page load: on a first
// visit the view's player shows ~0.4 s after navigation, when the recording could already play).
// Plain HTML, hidden unless the page's inline script started the recording's element, which it
// then plays and pauses (lib/early.ts): no React code runs for it. The player hides it when it
// adopts that element, still playing if it was.
import { EARLY_PLAYER_ID } from "@/lib/early";
import { Button } from "../ui/button";
import { PLAY_BUTTON_CLASS, PauseIcon, PlayIcon } from "./play-icons";

export function EarlyPlayer() {
  return (
    <div id={EARLY_PLAYER_ID} className="hidden lg:pl-60">
      <div className="mx-auto flex w-full max-w-7xl items-center gap-4 px-4 pt-6 sm:px-6 lg:px-8 lg:pt-8">
        <Button aria-label="Play or pause the recording" data-testid="early-play" className={PLAY_BUTTON_CLASS}>
          <PlayIcon data-icon="play" />
          <PauseIcon data-icon="pause" className="hidden" />
        </Button>
        <p className="text-sm text-slate-600">Loading the call… the recording can play now.</p>
      </div>
    </div>
  );
}
