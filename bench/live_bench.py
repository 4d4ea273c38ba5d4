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
  first request (Range: bytes=0-, answered with 256 KiB) and the waveform's peaks take to arrive
  (what playback waits on), how long a seek's request takes (bytes=N- at random points), and
  serve's RSS while 50 clients download the file without Range at once (each stream is read for
  32 MiB, then closed: bounded in count and time).

usage: bench/with-db bench/live_bench.py [path/to/converza] [clients...]
"""
import base64
import json
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import time

from stack import TENANT, Stack, token

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/release/converza"
CLIENTS = [int(c) for c in sys.argv[2:]] or [1, 100, 250]
EVENTS = 50


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


def long_recording(stack, tok, call_id, recording_sid):
    port, serve_pid = stack.port, stack.serve.pid
    size = stack.install_long_recording(call_id, recording_sid)
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
    print(f"  player's first request (bytes=0-, 256 KiB back): p50 {pct(starts, .5):.1f} ms, "
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
    with Stack(BIN, MAX_SSE_CLIENTS="1000", RATE_LIMIT_IP_PER_MIN="0",
               RATE_LIMIT_TENANT_PER_MIN="0", RECORDING_STREAMS_PER_TENANT="64") as stack:
        port, serve = stack.port, stack.serve
        tok = token()
        psql = subprocess.Popen(["psql", "-q", "-X", db], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, text=True)
        for n in CLIENTS:
            measure_sse(port, serve.pid, tok, n, psql)
        psql.stdin.close()
        psql.wait()

        call_id, duration, recording_sid = stack.simulate_call()
        url = f"http://127.0.0.1:{port}/api/v1/calls/{call_id}/recording?access_token={tok}"
        size = len(subprocess.run(["curl", "-s", url], capture_output=True).stdout)
        print(f"recording: {size} bytes ({duration} s WAV) from the sandbox")
        print("recording proxy, whole file, 16 connections: " + wrk(url, []))
        print("recording proxy, 64 KiB ranges, 16 connections: " +
              wrk(url, ["-H", "Range: bytes=65536-131071"]))
        # The same requests straight to the sandbox: what the proxy adds on top of its upstream.
        with open(os.path.join(stack.data, "sandbox", "credentials.json")) as f:
            creds = json.load(f)
        sid = creds["account_sid"]
        basic = base64.b64encode(f"{sid}:{creds['auth_token']}".encode()).decode()
        direct = (f"http://127.0.0.1:{stack.sandbox_port}/2010-04-01/Accounts/{sid}/Recordings/"
                  f"{recording_sid}.wav")
        auth = ["-H", f"Authorization: Basic {basic}"]
        print("sandbox alone, whole file, 16 connections: " + wrk(direct, auth))
        print("sandbox alone, 64 KiB ranges, 16 connections: " +
              wrk(direct, auth + ["-H", "Range: bytes=65536-131071"]))
        long_recording(stack, tok, call_id, recording_sid)


if __name__ == "__main__":
    main()
