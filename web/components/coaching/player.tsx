// Audio player with a waveform. The <audio> element streams the recording itself, through Range
// requests (token in the query string, as media elements cannot send headers), so a 90-minute
// call starts playing and seeks at once; wavesurfer draws the waveform from the peaks the worker
// computed (never by downloading and decoding the recording) and follows the element, which
// drives seeking and the transcript highlight. The parent owns the element through `audioRef`.
"use client";
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { Peaks } from "@/data/calls";
import { takeEarlyAudio } from "@/lib/early";
import { formatDuration } from "@/lib/format";
import { Button } from "../ui/button";
import { PLAY_BUTTON_CLASS, PauseIcon, PlayIcon } from "./play-icons";

// The waveform's code (~50 kB) is fetched and compiled while the view still waits for its call,
// not after the Play button is shown (where it delayed the first click).
const loadWaveSurfer = () => import("wavesurfer.js");
if (typeof window !== "undefined" && process.env.NODE_ENV !== "test") void loadWaveSurfer().catch(() => {});

export function Player({
  src,
  waveform,
  audioRef,
  onTime,
  startMs = 0,
  markers = [],
  onSeek,
}: {
  src: string;
  /** The recording's peaks: undefined while they load, null when the call has none. */
  waveform: Peaks | null | undefined;
  audioRef: RefObject<HTMLAudioElement | null>;
  onTime: (ms: number) => void;
  /** Where playback starts (a shared link's moment). */
  startMs?: number;
  /** Moments (ms) marked on the waveform, e.g. comments; selecting one seeks there. */
  markers?: number[];
  onSeek?: (ms: number) => void;
}) {
  const wave = useRef<HTMLDivElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [rate, setRate] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [broken, setBroken] = useState(false); // the recording cannot be played at all
  const [waveReady, setWaveReady] = useState(false);

  // The element reads the recording itself, by Range, from the first render: playback never waits
  // for the peaks. The URL is made absolute because the element reports it so (`currentSrc`), and
  // wavesurfer reloads an element whose source differs from the URL it is given.
  const url = useMemo(() => (typeof window === "undefined" ? src : new URL(src, window.location.href).href), [src]);
  // The element, one per player and kept outside React's tree: on a page load, the one the page's
  // script already started reading this recording with (lib/early.ts), else a new one. Before
  // the effects below, which use it.
  const slot = useRef<HTMLSpanElement>(null);
  const element = useRef<HTMLAudioElement | null>(null);
  const firstUrl = useRef(url);
  useLayoutEffect(() => {
    if (!element.current) {
      const a = takeEarlyAudio(firstUrl.current) ?? document.createElement("audio");
      a.preload = "metadata";
      a.crossOrigin = "anonymous";
      a.dataset.testid = "audio";
      element.current = a;
    }
    const audio = element.current;
    slot.current?.append(audio);
    audioRef.current = audio;
    return () => {
      audio.remove();
      if (audioRef.current === audio) audioRef.current = null;
    };
  }, [audioRef]);
  // Given its source before the browser paints the Play button, so a press the moment it shows
  // plays (a passive effect ran after the first paint: such a press found no source).
  useLayoutEffect(() => {
    const audio = audioRef.current;
    if (audio && audio.src !== url) audio.src = url;
  }, [url, audioRef]);

  // The waveform, drawn from the stored peaks once they arrive (none: the element plays alone).
  // wavesurfer is created with the URL and the peaks in its options and never given load(): on
  // an element that already has a source it loads that source by itself, and without the peaks
  // it would fetch the whole recording and swap the element to that copy (a seek made meanwhile
  // went back to 0). It is rebuilt only when the recording or its peaks change.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio || !wave.current || !waveform) return;
    let ws: { destroy: () => void } | null = null;
    let cancelled = false;
    (async () => {
      const { default: WaveSurfer } = await loadWaveSurfer();
      if (cancelled || !wave.current) return;
      const w = WaveSurfer.create({
        container: wave.current,
        media: audio,
        url,
        peaks: waveform.peaks.map((channel) => channel.map((v) => v / 1000)),
        duration: waveform.duration_ms / 1000,
        height: 72,
        waveColor: "#c7d2fe",
        progressColor: "#4f46e5",
        cursorColor: "#312e81",
        cursorWidth: 2,
        barWidth: 2,
        barGap: 1,
        barRadius: 2,
        normalize: true,
        dragToSeek: true,
      });
      ws = w;
      w.on("ready", () => setWaveReady(true));
    })();
    return () => {
      cancelled = true;
      ws?.destroy();
      setWaveReady(false);
    };
  }, [url, waveform, audioRef]);

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    let raf = 0;
    const tick = () => {
      setTime(audio.currentTime);
      onTime(audio.currentTime * 1000);
      if (!audio.paused) raf = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      setPlaying(true);
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(tick);
    };
    const onPause = () => {
      setPlaying(false);
      tick();
    };
    const onMeta = () => setDuration(audio.duration);
    const onFirstMeta = () => {
      if (startMs > 0 && audio.currentTime === 0) audio.currentTime = Math.min(startMs / 1000, audio.duration || Infinity);
    };
    const onErr = () => {
      setBroken(true);
      setPlaying(false);
      setError("The recording could not be loaded.");
    };
    // An adopted element may have got this far before the player listened, and Play may have been
    // pressed before these listeners were added (the button shows before passive effects run).
    if (audio.error) onErr();
    else if (audio.readyState >= HTMLMediaElement.HAVE_METADATA) {
      onMeta();
      onFirstMeta();
    }
    if (!audio.paused) onPlay();
    const handlers: [string, () => void][] = [
      ["play", onPlay],
      ["pause", onPause],
      ["seeked", tick],
      ["timeupdate", tick],
      ["loadedmetadata", onMeta],
      ["loadedmetadata", onFirstMeta],
      ["durationchange", onMeta],
      ["error", onErr],
    ];
    for (const [ev, h] of handlers) audio.addEventListener(ev, h);
    return () => {
      cancelAnimationFrame(raf);
      for (const [ev, h] of handlers) audio.removeEventListener(ev, h);
    };
  }, [audioRef, onTime, startMs]);

  const toggle = () => {
    const a = audioRef.current;
    if (!a) return;
    if (a.paused) a.play().catch(() => setError("Playback was blocked by the browser. Press play again."));
    else a.pause();
  };

  // Keyboard: Space/K play-pause, ←/→ five seconds back/forward (while the player has focus).
  const onKey = (e: React.KeyboardEvent) => {
    const a = audioRef.current;
    if (!a || e.target instanceof HTMLSelectElement) return;
    if (e.key === " " || e.key === "k") {
      if (e.target instanceof HTMLButtonElement) return; // the button handles its own Space
      e.preventDefault();
      toggle();
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      e.preventDefault();
      a.currentTime = Math.max(0, Math.min(a.duration || Infinity, a.currentTime + (e.key === "ArrowLeft" ? -5 : 5)));
    }
  };

  return (
    <div role="group" aria-label="Recording player. Space plays or pauses; arrow keys skip 5 seconds." tabIndex={0} onKeyDown={onKey} className="rounded-lg">
      {/* The hidden native element goes here: wavesurfer renders the UI, the element plays. */}
      <span ref={slot} hidden />
      <div className="flex items-center gap-4">
        <Button onClick={toggle} disabled={broken} aria-label={playing ? "Pause" : "Play"} className={PLAY_BUTTON_CLASS} data-testid="play">
          {playing ? <PauseIcon /> : <PlayIcon />}
        </Button>
        <div className="relative min-w-0 flex-1">
          <div ref={wave} className="min-h-[72px] w-full cursor-pointer" aria-label="Waveform; click to seek" data-testid="waveform" />
          {duration > 0 &&
            markers.map((at, i) => (
              <button
                key={`${at}-${i}`}
                type="button"
                onClick={() => onSeek?.(at)}
                className="absolute -top-1 h-3 w-3 -translate-x-1/2 rounded-full bg-amber-400 ring-2 ring-white hover:bg-amber-500"
                style={{ left: `${Math.min(100, (at / 1000 / duration) * 100)}%` }}
                aria-label={`Comment at ${formatDuration(at / 1000)}`}
                data-testid="waveform-marker"
              />
            ))}
          {waveform === null ? (
            // No peaks (the call is not transcribed yet): a plain seek bar in the waveform's place.
            <div className="absolute inset-0 flex items-center">
              <input
                type="range"
                min={0}
                max={duration || 0}
                step={0.1}
                value={Math.min(time, duration || 0)}
                disabled={!duration || broken}
                onChange={(e) => {
                  if (audioRef.current) audioRef.current.currentTime = Number(e.target.value);
                }}
                className="w-full accent-brand-600"
                aria-label="Position in the recording"
                data-testid="seekbar"
              />
            </div>
          ) : (
            !waveReady &&
            !error && (
              <div className="absolute inset-0 flex items-center">
                <div className="h-px w-full bg-slate-200" />
              </div>
            )
          )}
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 pl-15 text-xs text-slate-600">
        <span className="tabular" aria-live="off" data-testid="time">
          {formatDuration(time)} / {formatDuration(duration || undefined)}
        </span>
        <label className="inline-flex items-center gap-2">
          Speed
          <select
            className="rounded-md border-0 py-0.5 pl-2 pr-7 text-xs ring-1 ring-slate-300"
            value={rate}
            onChange={(e) => {
              const r = Number(e.target.value);
              setRate(r);
              if (audioRef.current) audioRef.current.playbackRate = r;
            }}
          >
            {[0.75, 1, 1.25, 1.5, 2].map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
