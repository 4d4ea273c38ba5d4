// The call view's Play button for the moments before the app has loaded (a page load: on a first
// visit the view's player shows ~0.4 s after navigation, when the recording could already play).
// Plain HTML, hidden unless the page's inline script started the recording's element, which it
// then plays and pauses (lib/early.ts): no React code runs for it. The player hides it when it
// adopts that element, still playing if it was.
import { EARLY_PLAYER_ID } from "@/lib/early";

export function EarlyPlayer() {
  return (
    <div id={EARLY_PLAYER_ID} className="hidden lg:pl-60">
      <div className="mx-auto flex w-full max-w-7xl items-center gap-4 px-4 pt-6 sm:px-6 lg:px-8 lg:pt-8">
        <button
          type="button"
          aria-label="Play or pause the recording"
          data-testid="early-play"
          className="inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-full bg-brand-600 text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          <svg data-icon="play" viewBox="0 0 24 24" className="ml-0.5 h-5 w-5 fill-current" aria-hidden="true">
            <path d="M8 5v14l11-7z" />
          </svg>
          <svg data-icon="pause" viewBox="0 0 24 24" className="hidden h-5 w-5 fill-current" aria-hidden="true">
            <path d="M6 5h4v14H6zm8 0h4v14h-4z" />
          </svg>
        </button>
        <p className="text-sm text-slate-600">Loading the call… the recording can play now.</p>
      </div>
    </div>
  );
}
