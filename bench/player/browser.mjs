// The coaching view of a 90-minute call in headless Chromium, as a manager uses it (started by
// bench/player/bench.py, which prepares the call; the e2e harness's browser and sign-in):
//
// - each open is a fresh browser context (cold cache, signed in): navigation, then Play is
//   clicked as soon as the button is there. Times are the page's own (performance.now(), from
//   navigation start): the <audio> element's `canplay`, the waveform's first canvas, the click,
//   and `playing`; and the bytes the page fetched (recording / peaks / everything else);
// - then, while it plays, clicks on the waveform at random points of the 90 minutes: click ->
//   `seeked`, and click -> playing from there (currentTime moving on from the new position,
//   sampled every animation frame);
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

/** Runs in every page before its scripts: media events and the waveform's first canvas, timed. */
function recordEvents() {
  const b = (window.__bench = { ev: [] });
  const mark = (type, extra) =>
    b.ev.push({ type, t: performance.now(), ...extra });
  for (const type of [
    "loadedmetadata",
    "canplay",
    "playing",
    "waiting",
    "seeking",
    "seeked",
  ])
    document.addEventListener(
      type,
      (e) =>
        e.target instanceof HTMLMediaElement &&
        mark(type, { at: e.target.currentTime }),
      true,
    );
  document.addEventListener("pointerdown", () => mark("pointerdown"), true);
  // After a seek: the first frame where playback has moved on from the new position.
  document.addEventListener(
    "seeked",
    (e) => {
      const a = e.target;
      const from = a.currentTime;
      const check = () =>
        !a.seeking && !a.paused && a.currentTime > from + 0.01
          ? mark("advancing", { at: a.currentTime })
          : requestAnimationFrame(check);
      requestAnimationFrame(check);
    },
    true,
  );
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
    }),
  );
  cdp.on("Network.dataReceived", (e) => {
    const r = reqs.get(e.requestId);
    if (r && !r.done) r.bytes += e.encodedDataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = reqs.get(e.requestId);
    if (r)
      Object.assign(r, {
        bytes: Math.max(r.bytes, e.encodedDataLength),
        done: true,
      });
  });
  return () => {
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
}

const events = (page) => page.evaluate(() => window.__bench.ev);
const clearEvents = (page) => page.evaluate(() => (window.__bench.ev = []));
/** The first event of `type` (after `after` ms), waited for. */
async function first(page, type, after = 0) {
  const h = await page.waitForFunction(
    ([ty, af]) => window.__bench.ev.find((e) => e.type === ty && e.t >= af),
    [type, after],
    { timeout: TIMEOUT, polling: 20 },
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

const m = {
  canplay: [],
  waveform: [],
  click: [],
  clickToPlaying: [],
  navToPlaying: [],
  seeked: [],
  seekPlaying: [],
  seekOff: [],
};
const bytes = [];
let failures = 0;
let errors = [];
for (let run = 0; run < opens; run++) {
  const context = await browser.newContext({
    storageState,
    viewport: { width: 1366, height: 900 },
  });
  await context.addInitScript(recordEvents);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on(
    "console",
    (msg) => msg.type() === "error" && errors.push(msg.text()),
  );
  page.on("crash", () => errors.push("the page crashed"));
  const counted = await byteCounter(context, page);
  try {
    await page.goto(`${BASE}/calls/view?id=${callId}`, { waitUntil: "commit" });
    await page.getByTestId("play").click({ timeout: TIMEOUT });
    const playing = await first(page, "playing");
    const click = (await events(page)).find((e) => e.type === "pointerdown");
    m.click.push(click.t);
    m.clickToPlaying.push(playing.t - click.t);
    m.navToPlaying.push(playing.t);
    m.canplay.push((await first(page, "canplay")).t);
    m.waveform.push((await first(page, "waveform")).t);
    bytes.push(counted());

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
        m.seeked.push(seeked.t - down.t);
        m.seekPlaying.push(moving.t - down.t);
        m.seekOff.push(Math.abs(seeked.at - (x / wave.width) * duration));
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
  } catch (e) {
    failures++;
    console.log(
      `  open ${run} failed: ${e.message.split("\n")[0]}; events: ${JSON.stringify(await events(page).catch(() => "?"))}`,
    );
  }
  await context.close();
}
await browser.close();

console.log(
  `coaching view of the 90-minute call, ${opens} opens (fresh context each), times from navigation start:`,
);
row("navigation -> Play clicked (button shown)", m.click);
row("navigation -> audio can play (canplay)", m.canplay);
row("navigation -> waveform drawn", m.waveform);
row("Play clicked -> playing", m.clickToPlaying);
row("navigation -> playing (Play clicked at once)", m.navToPlaying, "500 ms");
console.log(
  `seeks: clicks on the waveform at random points, ${seeksPerOpen} per open, while playing:`,
);
row("click -> seeked", m.seeked);
row("click -> playing from there", m.seekPlaying, "300 ms");
if (m.seekOff.length)
  console.log(
    `  where the seek landed vs. the point clicked: max ${Math.max(...m.seekOff).toFixed(1)} s off`,
  );
const avg = (k) =>
  bytes.reduce((a, b) => a + b[k], 0) / Math.max(1, bytes.length);
console.log(
  `bytes per open until playing (mean of ${bytes.length}): recording ${mb(avg("recording"))} in ${avg("recordingRequests").toFixed(1)} requests ` +
    `(${bytes.reduce((a, b) => a + b.withoutRange, 0)} without Range in all), peaks ${mb(avg("waveform"))}, everything else ${mb(avg("other"))}`,
);
if (errors.length)
  console.log(`console/page errors:\n  ${[...new Set(errors)].join("\n  ")}`);
console.log(`failures: ${failures}`);
process.exit(failures ? 1 : 0);
