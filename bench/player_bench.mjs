// The dashboard's player on a 90-minute call, measured in headless Chromium (issue 16 item 2):
//
// - open → playing: from navigating to the coaching view to the <audio> element's first `playing`
//   event, Play being pressed as soon as the player can play (what a manager does);
// - seek: while it plays, currentTime set to a random point of the recording, until the element
//   plays again from there (`seeked`, then time advancing past the target);
// - serve's RSS while 50 streams read the recording as players do (Range `bytes=N-`, answered
//   1 MiB at a time, read on from where each answer ended) for a few seconds.
//
// The recording is the simulated call's, from the Twilio sandbox, swapped in the sandbox's store
// for a 90-minute 8 kHz stereo WAV (173 MB, a tone on both channels) with stored peaks, as the
// worker would leave them. Runs inside scripts/test-stack (its exports: CONVERZA_URL,
// DATABASE_URL, CONVERZA_DATA_DIR, DEMO_EMAIL, DEMO_PASSWORD); see bench/player_bench.sh.
//
// usage: node bench/player_bench.mjs [runs] [seeks per run]
import { execFileSync } from "node:child_process";
import {
  closeSync,
  openSync,
  readFileSync,
  readdirSync,
  writeSync,
  ftruncateSync,
} from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.cwd(), "web/package.json"));
const { chromium } = require("playwright-core");

const RUNS = Number(process.argv[2] ?? 10);
const SEEKS = Number(process.argv[3] ?? 10);
const BASE = process.env.CONVERZA_URL;
const MINUTES = 90;
const RATE = 8000;

const sql = (q) =>
  execFileSync("psql", ["-X", "-q", "-At", process.env.DATABASE_URL, "-c", q], {
    encoding: "utf8",
  }).trim();
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const fmt = (xs) =>
  `p50 ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

/** A 90-minute 16-bit stereo WAV: a 440 Hz tone, 1 s on, 1 s off, written in 1 MiB pieces. */
function writeWav(file) {
  const frames = MINUTES * 60 * RATE;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + frames * 4, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(frames * 4, 40);
  // Two seconds of audio repeated (a whole number of frames, so every copy lines up).
  const period = Buffer.alloc(2 * RATE * 4);
  for (let i = 0; i < RATE; i++) {
    const v = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / RATE));
    period.writeInt16LE(v, i * 4);
    period.writeInt16LE(v, i * 4 + 2);
  }
  const fd = openSync(file, "w");
  writeSync(fd, header);
  for (let done = 0; done < frames * 4; done += period.length)
    writeSync(fd, period, 0, Math.min(period.length, frames * 4 - done));
  ftruncateSync(fd, 44 + frames * 4);
  closeSync(fd);
  return 44 + frames * 4;
}

function servePid() {
  const port = new URL(BASE).port;
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], {
    encoding: "utf8",
  });
  return Number(/pid=(\d+)/.exec(out)[1]);
}
const rssMiB = (pid) =>
  Number(
    /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1],
  ) / 1024;

/** One player-like reader: Range requests from a random point on, each answer read to its end. */
async function stream(url, size, until) {
  let at = 44 + Math.floor(Math.random() * (size - 44));
  let bytes = 0;
  while (Date.now() < until) {
    const r = await fetch(url, { headers: { Range: `bytes=${at}-` } });
    if (r.status !== 206) throw new Error(`stream: HTTP ${r.status}`);
    const body = Buffer.from(await r.arrayBuffer());
    bytes += body.length;
    at += body.length;
    if (at >= size) at = 44;
  }
  return bytes;
}

async function main() {
  const tenant = sql(
    `select m.tenant_id from members m join auth.users u on u.id = m.user_id where u.email = '${process.env.DEMO_EMAIL}'`,
  );
  const [id, sid] = sql(
    `select id, recording_sid from calls where tenant_id = '${tenant}' and recording_sid is not null order by started_at limit 1`,
  ).split("|");
  const dir = path.join(process.env.CONVERZA_DATA_DIR, "sandbox", "recordings");
  const file = readdirSync(dir).find((f) => f.startsWith(sid));
  const size = writeWav(path.join(dir, file));
  const peaks = JSON.stringify({
    duration_ms: MINUTES * 60000,
    peaks: [Array(1000).fill(700), Array(1000).fill(350)],
  });
  sql(
    `update calls set recording_peaks = '${peaks}', recording_duration_s = ${MINUTES * 60} where id = '${id}'`,
  );
  console.log(
    `call ${id}: ${MINUTES}-minute recording, ${(size / 1e6).toFixed(0)} MB WAV from the sandbox; ${RUNS} runs, ${SEEKS} seeks each`,
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--autoplay-policy=no-user-gesture-required",
      "--disable-dev-shm-usage",
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  page.on("crash", () => console.log("page crashed"));
  page.on(
    "console",
    (m) => m.type() === "error" && console.log("console:", m.text()),
  );
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Work email").fill(process.env.DEMO_EMAIL);
  await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));

  const opens = [];
  const seeks = [];
  let recordingUrl = "";
  for (let run = 0; run < RUNS; run++) {
    await page.goto("about:blank");
    const t0 = Date.now();
    await page.goto(`${BASE}/calls/view?id=${id}`);
    const audio = page.getByTestId("audio");
    await audio.waitFor({ state: "attached" });
    // Press Play as soon as the element can play; the time is taken in the page at `playing`.
    await audio.evaluate((a) => {
      window.__playing = new Promise((resolve) =>
        a.addEventListener("playing", () => resolve(Date.now()), {
          once: true,
        }),
      );
    });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="audio"]').readyState >= 1,
      null,
      { polling: 10 },
    );
    await page.getByRole("button", { name: "Play" }).click();
    opens.push((await page.evaluate(() => window.__playing)) - t0);
    recordingUrl = await audio.evaluate((a) => a.currentSrc);
    for (let s = 0; s < SEEKS; s++) {
      const to = Math.random() * (MINUTES * 60 - 10);
      seeks.push(
        await audio.evaluate(
          (a, target) =>
            new Promise((resolve) => {
              const t = performance.now();
              const check = () => {
                if (!a.seeking && a.currentTime > target + 0.01)
                  resolve(performance.now() - t);
                else requestAnimationFrame(check);
              };
              a.currentTime = target;
              requestAnimationFrame(check);
            }),
          to,
        ),
      );
    }
    if (run === 0)
      await page
        .getByRole("group", { name: /Recording player/ })
        .screenshot({ path: "/tmp/player-bench-player.png" });
  }
  await browser.close();
  console.log(`open the coaching view -> playing: ${fmt(opens)}`);
  console.log(
    `seek to a random point while playing -> playing there: ${fmt(seeks)}`,
  );

  const pid = servePid();
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
  const until = Date.now() + 8000;
  const read = await Promise.all(
    Array.from({ length: 50 }, () => stream(recordingUrl, size, until)),
  );
  clearInterval(sampler);
  const total = read.reduce((a, b) => a + b, 0);
  console.log(
    `50 concurrent player-like streams for 8 s (${(total / 1e6).toFixed(0)} MB read): serve RSS ${before.toFixed(0)} MiB before, ` +
      `peak ${peak.toFixed(0)} MiB (+${((peak - before) / 50).toFixed(2)} MiB per stream)`,
  );
}

await main();
