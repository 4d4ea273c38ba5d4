// The coaching view of a 90-minute call in headless Chromium, as a manager uses it (started by
// bench/player/bench.py, which prepares the call; the e2e harness's browser and sign-in):
//
// - each run is a fresh browser context (signed in): the view is opened with an empty cache
//   (a first visit), then opened again (app code cached); each time Play is clicked as soon as
//   Playwright can (shown, stable and enabled). Times are the page's own (performance.now(), from
//   navigation start): the Play button shown (on a page load, the early one if first), the <audio> element's `canplay`, the waveform's
//   first canvas, the click, and `playing`; and the bytes the page fetched until then
//   (recording / peaks / everything else);
// - then, while it plays, clicks on the waveform at random points of the 90 minutes: click ->
//   `seeked`, and click -> playing from there (currentTime moving on from the new position,
//   sampled every animation frame);
// - then the way a manager opens a call: from the calls list, a click on its link in the running
//   app (no page load, no sign-in check), Play clicked at once: click -> Play shown, -> playing;
// A step that does not happen within 15 s is counted as a failure and the run goes on.
//
// usage: node bench/player/browser.mjs CALL_ID OPENS SEEKS_PER_OPEN
import {
  BASE,
  MANAGER,
  launchBrowser,
  signIn,
} from "../../web/e2e/harness.mjs";

const [callId, opens, seeksPerOpen] = [
  process.argv[2],
  Number(process.argv[3] ?? 20),
  Number(process.argv[4] ?? 5),
];
const TIMEOUT = 15_000;
const CLICK_IN_PAGE = process.env.PLAYER_BENCH_CLICK === "page";
// The player's Play button, or on a page load the early one shown while the app loads
// (components/coaching/early-player.tsx), whichever is shown first: both play the same element.
// Clicked as a user would, with the mouse where it is once it is shown, and again if the page
// moved it away meanwhile (the early one is hidden when the player shows). Playwright's own
// click keeps to the element it resolved.
async function clickPlay(page) {
  if (CLICK_IN_PAGE) return;
  const deadline = Date.now() + TIMEOUT;
  const presses = () =>
    page.evaluate(() =>
      window.__bench.ev.filter((e) => e.type === "pointerdown" && e.play),
    );
  const before = (await presses()).length;
  while ((await presses()).length === before) {
    const at = await page.waitForFunction(
      () => {
        const b = [
          ...document.querySelectorAll(
            '[data-testid="play"], [data-testid="early-play"]',
          ),
        ].find((e) => e.checkVisibility() && !e.disabled);
        const r = b?.getBoundingClientRect();
        return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      },
      null,
      { timeout: Math.max(1, deadline - Date.now()), polling: "raf" },
    );
    const { x, y } = await at.jsonValue();
    await page.mouse.click(x, y);
  }
}

/** Runs in every page before its scripts: media events and the waveform's first canvas, timed. */
function recordEvents(clickInPage) {
  const b = (window.__bench = { ev: [] });
  const mark = (type, extra) =>
    b.ev.push({ type, t: performance.now(), ...extra });
  // On each media element as it is made, in the page or not yet (a page load's first element is
  // started by the page's inline script before the player puts it in the page).
  const watch = (a) => {
    for (const type of [
      "loadedmetadata",
      "canplay",
      "playing",
      "waiting",
      "seeking",
      "seeked",
    ])
      a.addEventListener(type, () => mark(type, { at: a.currentTime }));
    // After a seek: the first frame where playback has moved on from the new position.
    a.addEventListener("seeked", () => {
      const from = a.currentTime;
      const check = () =>
        !a.seeking && !a.paused && a.currentTime > from + 0.01
          ? mark("advancing", { at: a.currentTime })
          : requestAnimationFrame(check);
      requestAnimationFrame(check);
    });
  };
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (...args) {
    const el = create.apply(this, args);
    if (el instanceof HTMLMediaElement) watch(el);
    return el;
  };
  // Whether it pressed a Play button (clickPlay presses again when the button moved away).
  document.addEventListener(
    "pointerdown",
    (e) =>
      mark("pointerdown", {
        play: !!e.target.closest?.(
          '[data-testid="play"], [data-testid="early-play"]',
        ),
      }),
    true,
  );
  // Main-thread tasks over 50 ms (for the timeline): what a click waits behind.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      b.ev.push({
        type: `long task ${e.duration.toFixed(0)} ms`,
        t: e.startTime,
      });
  }).observe({ type: "longtask", buffered: true });
  // wavesurfer draws in a shadow root under the container.
  const canvas = () => {
    const w = document.querySelector('[data-testid="waveform"]');
    return (
      w &&
      (w.querySelector("canvas") ||
        [...w.querySelectorAll("*")].some((el) =>
          el.shadowRoot?.querySelector("canvas"),
        ))
    );
  };
  const poll = () =>
    canvas() ? mark("waveform") : requestAnimationFrame(poll);
  requestAnimationFrame(poll);
  // The Play button: the earliest a user can press it.
  // PLAYER_BENCH_CLICK=page: the page clicks it as soon as it is there (a user already on it),
  // instead of Playwright, whose click retries a missing element after 20, 50, 100, 100, then
  // 500 ms and checks it over frames, so its click lands 80-350 ms after the button.
  const shown = () => {
    const early = document.querySelector('[data-testid="early-play"]');
    const play =
      document.querySelector('[data-testid="play"]') ||
      (early?.checkVisibility() ? early : null);
    if (!play) return requestAnimationFrame(shown);
    mark("play-shown");
    // The next frame: the player gives its element the recording's URL in an effect after its
    // first paint, so a click in that very frame found no source when opened from the calls list.
    if (clickInPage)
      requestAnimationFrame(() => {
        play.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
        play.click();
      });
  };
  requestAnimationFrame(shown);
  // For the timeline: the frames where the view's steps first show (hydrated shell, the call's
  // header, the player's card).
  for (const [type, selector] of [
    ["shell shown", "nav a[href]"],
    ["call header shown", "main h1"],
    ["player card shown", '[data-testid="player-card"]'],
  ]) {
    const seen = () =>
      document.querySelector(selector)
        ? mark(type)
        : requestAnimationFrame(seen);
    requestAnimationFrame(seen);
  }
}

/** Bytes received per request (CDP: what crossed the wire, headers included). */
async function byteCounter(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const reqs = new Map();
  cdp.on("Network.requestWillBeSent", (e) =>
    reqs.set(e.requestId, {
      url: e.request.url,
      range: e.request.headers.Range ?? e.request.headers.range,
      bytes: 0,
      done: false,
      sent: e.timestamp,
      document: e.type === "Document",
    }),
  );
  cdp.on("Network.responseReceived", (e) => {
    const r = reqs.get(e.requestId);
    const h = e.response.headers;
    if (r)
      Object.assign(r, {
        answered: e.timestamp,
        contentRange: h["Content-Range"] ?? h["content-range"],
      });
  });
  cdp.on("Network.dataReceived", (e) => {
    const r = reqs.get(e.requestId);
    if (r && !r.done) r.bytes += e.encodedDataLength;
  });
  const end = (e, how) => {
    const r = reqs.get(e.requestId);
    if (r)
      Object.assign(r, {
        bytes: Math.max(r.bytes, e.encodedDataLength ?? 0),
        done: true,
        ended: e.timestamp,
        how,
      });
  };
  cdp.on("Network.loadingFinished", (e) => end(e, "finished"));
  cdp.on("Network.loadingFailed", (e) => end(e, "cancelled"));
  /** The recording's requests as the browser saw them (ms from the document's request). */
  const log = () => {
    const t0 = [...reqs.values()].find((r) => r.document)?.sent ?? 0;
    const ms = (t) => (t ? ((t - t0) * 1000).toFixed(0).padStart(6) : "     -");
    return [...reqs.values()]
      .filter((r) => r.url.includes(`/calls/${callId}/recording`))
      .map(
        (r) =>
          `${ms(r.sent)} ${ms(r.answered)} ${ms(r.ended)} ${(r.bytes / 1024).toFixed(0).padStart(5)}k ${r.range} -> ${r.contentRange} ${r.how ?? "open"}`,
      )
      .join("\n");
  };
  const counted = () => {
    const sum = {
      recording: 0,
      recordingRequests: 0,
      withoutRange: 0,
      waveform: 0,
      other: 0,
    };
    for (const r of reqs.values()) {
      if (r.url.includes(`/calls/${callId}/recording`)) {
        sum.recording += r.bytes;
        sum.recordingRequests++;
        if (!r.range) sum.withoutRange++;
      } else if (r.url.includes(`/calls/${callId}/waveform`))
        sum.waveform += r.bytes;
      else sum.other += r.bytes;
    }
    return sum;
  };
  counted.log = log;
  return counted;
}

const events = (page) => page.evaluate(() => window.__bench.ev);
const clearEvents = (page) => page.evaluate(() => (window.__bench.ev = []));
/** The first event of `type` (after `after` ms), waited for. */
async function first(page, type, after = 0) {
  const h = await page.waitForFunction(
    ([ty, af]) => window.__bench.ev.find((e) => e.type === ty && e.t >= af),
    [type, after],
    {
      timeout: TIMEOUT,
      polling: 20,
    },
  );
  return h.jsonValue();
}

const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)
  ];
const row = (what, xs, goal = "") =>
  xs.length
    ? console.log(
        `  ${what.padEnd(44)} p50 ${pct(xs, 0.5).toFixed(0).padStart(5)} ms   p95 ${pct(xs, 0.95).toFixed(0).padStart(5)} ms   max ${Math.max(
          ...xs,
        )
          .toFixed(0)
          .padStart(5)} ms  (n=${xs.length})${goal && `  goal ${goal}`}`,
      )
    : console.log(`  ${what}: no samples`);
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;

const browser = await launchBrowser();
const login = await browser.newContext();
await signIn(await login.newPage(), MANAGER);
const storageState = await login.storageState();
await login.close();

/** PLAYER_BENCH_TIMELINE=1: an open's requests and events, to see where its time went. */
const timeline = (page) =>
  page.evaluate(() =>
    [
      ...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource"),
      ...performance.getEntriesByType("paint"),
      ...window.__bench.ev.map((e) => ({
        name: e.type,
        startTime: e.t,
        responseEnd: e.t,
      })),
    ]
      .sort((a, b) => a.startTime - b.startTime)
      .map(
        (e) =>
          `${e.startTime.toFixed(0).padStart(6)} ${(e.responseStart || e.startTime).toFixed(0).padStart(6)} ${(e.responseEnd ?? e.startTime).toFixed(0).padStart(6)} ${e.transferSize ? `${(e.transferSize / 1024).toFixed(0).padStart(5)}k` : "      "} ${e.name.replace(location.origin, "").slice(0, 90)}`,
      )
      .join("\n"),
  );

/** One open of the view: navigation, Play clicked as soon as it is there, until `playing`. */
async function open(page, counted, into) {
  await page.goto(`${BASE}/calls/view?id=${callId}`, { waitUntil: "commit" });
  await clickPlay(page);
  const playing = await first(page, "playing");
  // The press that played (one that missed a moved button is not it).
  const click = (await events(page))
    .filter((e) => e.type === "pointerdown" && e.play)
    .at(-1);
  into.shown.push((await first(page, "play-shown")).t);
  into.click.push(click.t);
  into.clickToPlaying.push(playing.t - click.t);
  into.navToPlaying.push(playing.t);
  into.canplay.push((await first(page, "canplay")).t);
  into.waveform.push((await first(page, "waveform")).t);
  into.bytes.push(counted());
  if (process.env.PLAYER_BENCH_TIMELINE && into.click.length === opens)
    console.log(
      `timeline of the last ${into === cold ? "first visit" : "cached open"} (start, first byte, end ms, bytes):\n${await timeline(page)}\nits recording requests (sent, answered, ended ms, bytes, Range -> Content-Range):\n${counted.log()}`,
    );
}
const samples = () => ({
  shown: [],
  canplay: [],
  waveform: [],
  click: [],
  clickToPlaying: [],
  navToPlaying: [],
  bytes: [],
});
const cold = samples();
const warm = samples();
const seeks = { seeked: [], playing: [], off: [] };
const fromList = { shown: [], playing: [] };
let failures = 0;
let errors = [];
for (let run = 0; run < opens; run++) {
  const context = await browser.newContext({
    storageState,
    viewport: { width: 1366, height: 900 },
  });
  await context.addInitScript(recordEvents, CLICK_IN_PAGE);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on(
    "console",
    (msg) => msg.type() === "error" && errors.push(msg.text()),
  );
  page.on("crash", () => errors.push("the page crashed"));
  try {
    // Cold: the first visit (empty cache); warm: the view opened again (cached app code).
    await open(page, await byteCounter(context, page), cold);
    await page.goto("about:blank");
    await open(page, await byteCounter(context, page), warm);

    const wave = await page.getByTestId("waveform").boundingBox();
    const duration = await page
      .getByTestId("audio")
      .evaluate((a) => a.duration);
    for (let s = 0; s < seeksPerOpen; s++) {
      const x = 2 + Math.random() * (wave.width - 4);
      await clearEvents(page);
      await page.mouse.click(wave.x + x, wave.y + wave.height / 2);
      try {
        const down = await first(page, "pointerdown");
        const seeked = await first(page, "seeked", down.t);
        const moving = await first(page, "advancing", seeked.t);
        seeks.seeked.push(seeked.t - down.t);
        seeks.playing.push(moving.t - down.t);
        seeks.off.push(Math.abs(seeked.at - (x / wave.width) * duration));
      } catch (e) {
        failures++;
        console.log(
          `  seek ${run}.${s} to ${((x / wave.width) * duration).toFixed(0)} s failed: ${e.message.split("\n")[0]}`,
        );
      }
      await page.waitForTimeout(200);
    }
    if (run === 0)
      await page
        .getByTestId("player-card")
        .screenshot({ path: "/tmp/player-bench-player.png" });

    // How a manager opens a call: from the calls list, in the running app (no page load, no
    // sign-in check). Time from the click on the call's link.
    await page.goto(`${BASE}/calls`);
    const link = page.locator(`a[href*="id=${callId}"]`).first();
    await link.waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(1000); // a moment on the list, as a reader spends
    await clearEvents(page);
    await link.click();
    const down = await first(page, "pointerdown");
    await clickPlay(page);
    const shown = await first(page, "play-shown", down.t);
    const playing = await first(page, "playing", down.t);
    fromList.shown.push(shown.t - down.t);
    fromList.playing.push(playing.t - down.t);
  } catch (e) {
    failures++;
    console.log(
      `  open ${run} failed: ${e.message.split("\n")[0]}; events: ${JSON.stringify(await events(page).catch(() => "?"))}`,
    );
  }
  await context.close();
}
await browser.close();

const report = (what, x) => {
  console.log(
    `coaching view of the 90-minute call, ${what}, ${x.click.length} opens, times from navigation start:`,
  );
  row("navigation -> Play button shown", x.shown);
  row("navigation -> Play clicked (by Playwright)", x.click);
  row("navigation -> audio can play (canplay)", x.canplay);
  row("navigation -> waveform drawn", x.waveform);
  row("Play clicked -> playing", x.clickToPlaying);
  row("navigation -> playing (Play clicked at once)", x.navToPlaying, "500 ms");
  const avg = (k) =>
    x.bytes.reduce((a, b) => a + b[k], 0) / Math.max(1, x.bytes.length);
  console.log(
    `  bytes fetched per open until playing (mean): recording ${mb(avg("recording"))} in ${avg("recordingRequests").toFixed(1)} requests ` +
      `(${x.bytes.reduce((a, b) => a + b.withoutRange, 0)} without Range in all), peaks ${mb(avg("waveform"))}, everything else ${mb(avg("other"))}`,
  );
};
report("first visit (cold cache, fresh context)", cold);
report("opened again (app code cached)", warm);
console.log(
  `opened from the calls list (a link click in the running app), ${fromList.playing.length} opens:`,
);
row("click -> Play button shown", fromList.shown);
row("click -> playing (Play clicked at once)", fromList.playing, "500 ms");
console.log(
  `seeks: clicks on the waveform at random points, ${seeksPerOpen} per open, while playing:`,
);
row("click -> seeked", seeks.seeked);
row("click -> playing from there", seeks.playing, "300 ms");
if (seeks.off.length)
  console.log(
    `  where a seek landed vs. the point clicked: max ${Math.max(...seeks.off).toFixed(1)} s off (a pixel of the waveform)`,
  );
if (errors.length)
  console.log(`console/page errors:\n  ${[...new Set(errors)].join("\n  ")}`);
console.log(`failures: ${failures}`);
process.exit(failures ? 1 : 0);
