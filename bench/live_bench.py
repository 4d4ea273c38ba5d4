#!/usr/bin/python3
"""Live updates and recording playback of `converza serve`, measured end to end:

- SSE fan-out latency: N EventSource-like clients of one tenant hold GET /api/v1/events; events
  are NOTIFYed on the tenant's channel (one persistent psql session, as the analyze stage would)
  and the time from sending the NOTIFY to each client reading the event is recorded (p50/p95/max
  over every client x event).
- Memory per SSE client: serve's RSS with N clients connected minus its RSS before, over N.
- Recording proxy throughput: wrk against GET /api/v1/calls/{id}/recording (the whole file, and
  64 KiB ranges as a seeking player asks), the audio coming from the Twilio sandbox.
- A 90-minute recording (173 MB of WAV, swapped into the sandbox's store): how long the player's
  first request (Range: bytes=0-, answered with 1 MiB) and the waveform's peaks take to arrive
  (what playback waits on), how long a seek's request takes (bytes=N- at random points), and
  serve's RSS while 50 clients download the file without Range at once (each stream is read for
  32 MiB, then closed: bounded in count and time).

usage: bench/with-db bench/live_bench.py [path/to/converza] [clients...]
"""
import base64
import hashlib
import hmac
import json
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/release/converza"
CLIENTS = [int(c) for c in sys.argv[2:]] or [1, 100, 250]
EVENTS = 50
SECRET = "live-bench-secret-0123456789abcdef-0123456789abcdef"
TENANT = "de30de30-0000-4000-8000-000000000001"  # the seeded demo tenant
MANAGER = "de30de30-0000-4000-8000-00000000aaaa"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token():
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps({
        "sub": MANAGER, "role": "authenticated", "aud": "authenticated", "iat": now,
        "exp": now + 3600, "email": "manager@acme.test",
        "app_metadata": {"provider": "email", "tenant_id": TENANT}, "user_metadata": {}}).encode())
    sig = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(sig)}"


def wait_http(port, path, expect, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=1)
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            if s.recv(64).split(b" ")[1] == str(expect).encode():
                return True
        except (OSError, IndexError):
            pass
        time.sleep(0.05)
    return False


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def sse_client(port, tok):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET /api/v1/events?access_token={tok} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    s.setblocking(False)
    return s


def measure_sse(port, pid, tok, n, psql):
    time.sleep(0.5)
    before = rss_kb(pid)
    clients = [sse_client(port, tok) for _ in range(n)]
    bufs = {c: b"" for c in clients}
    # Everyone connected and subscribed: the first chunk is the retry hint.
    pending = set(clients)
    deadline = time.time() + 30
    while pending and time.time() < deadline:
        r, _, _ = select.select(list(pending), [], [], 1)
        for c in r:
            bufs[c] += c.recv(65536)
            if b"retry:" in bufs[c]:
                pending.discard(c)
    if pending:
        raise SystemExit(f"{len(pending)} of {n} SSE clients did not connect")
    time.sleep(1.0)
    during = rss_kb(pid)
    latencies = []
    for i in range(EVENTS):
        call = f"00000000-0000-4000-8000-{i:012d}"
        needle = call.encode()
        got = set()
        sent = time.perf_counter()
        psql.stdin.write(
            f"select pg_notify('converza_tenant_{TENANT}', "
            f"'{{\"type\":\"insight.ready\",\"call_id\":\"{call}\"}}');\n")
        psql.stdin.flush()
        deadline = time.time() + 10
        while len(got) < n and time.time() < deadline:
            r, _, _ = select.select([c for c in clients if c not in got], [], [], 1)
            now = time.perf_counter()
            for c in r:
                bufs[c] += c.recv(65536)
                if needle in bufs[c]:
                    got.add(c)
                    latencies.append((now - sent) * 1000)
                    bufs[c] = b""
        if len(got) < n:
            raise SystemExit(f"event {i}: only {len(got)} of {n} clients got it")
        time.sleep(0.02)
    for c in clients:
        c.close()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(f"SSE {n:4d} clients: NOTIFY->client p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, "
          f"max {latencies[-1]:.2f} ms over {len(latencies)} deliveries; RSS {before} -> "
          f"{during} kB = {(during - before) / n:.1f} kB per client")


def wrk(url, extra):
    out = subprocess.run(["wrk", "-t", "2", "-c", "16", "-d", "8s", "--latency"] + extra + [url],
                         capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    tr = re.search(r"Transfer/sec:\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return f"{float(rps):.0f} req/s, {tr}/s, p99 {p99}" + (
        f", {non2xx.group(1)} non-2xx" if non2xx else "")


def timed_get(port, path, headers, read_limit=None):
    """Seconds until the whole response (or its first read_limit bytes) arrived, and the status."""
    start = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
               "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode())
    got, status = 0, 0
    while True:
        chunk = s.recv(1 << 16)
        if not chunk:
            break
        if not status:
            status = int(chunk.split(b" ", 2)[1])
        got += len(chunk)
        if read_limit and got >= read_limit:
            break
    s.close()
    return time.perf_counter() - start, status


def pct(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * p))] * 1000


def long_recording(data, db, port, tok, call_id, recording_sid, serve_pid):
    rate, minutes = 8000, 90
    frames = minutes * 60 * rate
    path = os.path.join(data, "sandbox", "recordings", recording_sid + ".wav")
    with open(path, "wb") as f:  # 16-bit stereo PCM; the samples are silence (sparse zeros)
        f.write(b"RIFF" + (36 + frames * 4).to_bytes(4, "little") + b"WAVEfmt " +
                (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (2).to_bytes(2, "little") +
                rate.to_bytes(4, "little") + (rate * 4).to_bytes(4, "little") +
                (4).to_bytes(2, "little") + (16).to_bytes(2, "little") + b"data" +
                (frames * 4).to_bytes(4, "little"))
        f.truncate(44 + frames * 4)
    size = 44 + frames * 4
    peaks = json.dumps({"duration_ms": minutes * 60000, "peaks": [[500] * 1000, [250] * 1000]})
    subprocess.run(["psql", "-qX", db, "-c", f"update calls set recording_peaks = '{peaks}', "
                    f"recording_duration_s = {minutes * 60} where id = '{call_id}'"],
                   check=True, capture_output=True)
    rec = f"/api/v1/calls/{call_id}/recording?access_token={tok}"
    auth = {"Authorization": f"Bearer {tok}"}
    starts, waves, seeks = [], [], []
    for _ in range(20):
        t, st = timed_get(port, rec, {"Range": "bytes=0-"})
        assert st == 206, st
        starts.append(t)
        t, st = timed_get(port, f"/api/v1/calls/{call_id}/waveform", auth)
        assert st == 200, st
        waves.append(t)
    rng = __import__("random").Random(7)
    for _ in range(50):
        at = rng.randrange(44, size - 1)
        t, st = timed_get(port, rec, {"Range": f"bytes={at}-"})
        assert st == 206, st
        seeks.append(t)
    print(f"90-minute recording ({size / 1e6:.0f} MB WAV):")
    print(f"  player's first request (bytes=0-, 1 MiB back): p50 {pct(starts, .5):.1f} ms, "
          f"p95 {pct(starts, .95):.1f} ms")
    print(f"  waveform peaks (GET /waveform): p50 {pct(waves, .5):.1f} ms, "
          f"p95 {pct(waves, .95):.1f} ms")
    print(f"  seek (bytes=N- at 50 random points, 1 MiB back): p50 {pct(seeks, .5):.1f} ms, "
          f"p95 {pct(seeks, .95):.1f} ms")

    import threading
    before = rss_kb(serve_pid)
    peak = [before]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kb(serve_pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    statuses = []
    clients = [threading.Thread(
        target=lambda: statuses.append(timed_get(port, rec, {}, 32 << 20)[1])) for _ in range(50)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    done.set()
    sampler.join()
    assert statuses == [200] * 50, statuses
    print(f"  50 concurrent downloads without Range (32 MiB read from each, "
          f"{time.perf_counter() - started:.1f} s): serve RSS {before / 1024:.0f} MiB before, "
          f"peak {peak[0] / 1024:.0f} MiB (+{(peak[0] - before) / 1024 / 50:.2f} MiB per stream)")


def main():
    db = os.environ["DATABASE_URL"]
    data = tempfile.mkdtemp(prefix="live-bench-")
    sandbox_port, port = free_port(), free_port()
    env = dict(os.environ, CONVERZA_DATA_DIR=data, SANDBOX_PORT=str(sandbox_port),
               PORT=str(port), PUBLIC_URL=f"http://127.0.0.1:{port}", JWT_SECRET=SECRET,
               LOG_LEVEL="warn", MAX_SSE_CLIENTS="1000", RATE_LIMIT_IP_PER_MIN="0",
               RATE_LIMIT_TENANT_PER_MIN="0", RECORDING_STREAMS_PER_TENANT="64")
    procs = []
    try:
        procs.append(subprocess.Popen([BIN, "sandbox"], env=env))
        assert wait_http(sandbox_port, "/v2/Transcripts", 401), "sandbox did not start"
        subprocess.run([BIN, "seed"], env=env, check=True, capture_output=True)
        serve = subprocess.Popen([BIN, "serve"], env=env)
        procs.append(serve)
        assert wait_http(port, "/healthz", 200), "serve did not start"
        tok = token()
        psql = subprocess.Popen(["psql", "-q", "-X", db], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, text=True)
        for n in CLIENTS:
            measure_sse(port, serve.pid, tok, n, psql)
        psql.stdin.close()
        psql.wait()

        subprocess.run([BIN, "simulate", "--calls", "1", "--seed", "3", "--audio", "tone",
                        "--tenant-number", "+14155550100", "--server",
                        f"http://127.0.0.1:{port}"], env=env, check=True, capture_output=True)
        call = subprocess.run(["psql", "-qtAX", db, "-c",
                               f"select id, recording_duration_s, recording_sid from calls where "
                               f"tenant_id = '{TENANT}' and recording_sid is not null limit 1"],
                              capture_output=True, text=True, check=True).stdout.strip()
        call_id, duration, recording_sid = call.split("|")
        url = f"http://127.0.0.1:{port}/api/v1/calls/{call_id}/recording?access_token={tok}"
        size = len(subprocess.run(["curl", "-s", url], capture_output=True).stdout)
        print(f"recording: {size} bytes ({duration} s WAV) from the sandbox")
        print("recording proxy, whole file, 16 connections: " + wrk(url, []))
        print("recording proxy, 64 KiB ranges, 16 connections: " +
              wrk(url, ["-H", "Range: bytes=65536-131071"]))
        # The same requests straight to the sandbox: what the proxy adds on top of its upstream.
        with open(os.path.join(data, "sandbox", "credentials.json")) as f:
            creds = json.load(f)
        sid = creds["account_sid"]
        basic = base64.b64encode(f"{sid}:{creds['auth_token']}".encode()).decode()
        direct = (f"http://127.0.0.1:{sandbox_port}/2010-04-01/Accounts/{sid}/Recordings/"
                  f"{recording_sid}.wav")
        auth = ["-H", f"Authorization: Basic {basic}"]
        print("sandbox alone, whole file, 16 connections: " + wrk(direct, auth))
        print("sandbox alone, 64 KiB ranges, 16 connections: " +
              wrk(direct, auth + ["-H", "Range: bytes=65536-131071"]))
        long_recording(data, db, port, tok, call_id, recording_sid, serve.pid)
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait()
        subprocess.run(["rm", "-rf", data])


if __name__ == "__main__":
    main()
