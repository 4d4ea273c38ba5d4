#!/usr/bin/python3
"""Startup time and idle memory of `converza serve` (target: start <= 100 ms, idle RSS <= 30 MB;
docs/architecture.md#performance-targets). Startup = from exec until /healthz answers 200; RSS
read from /proc after 2 s idle.

usage: bench/serve_idle.py [path/to/converza] [runs]
Needs a reachable database only for /readyz, which this does not call.
"""
import http.client
import os
import statistics
import subprocess
import sys
import time

from stack import free_port

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/release/converza"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 20


def healthy(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=0.5)
        c.request("GET", "/healthz")
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


starts, rss = [], []
for i in range(RUNS):
    port = free_port()
    env = dict(os.environ, PORT=str(port), LOG_LEVEL="warn",
               DATABASE_URL="host=/nonexistent dbname=x")
    t0 = time.perf_counter()
    p = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL)
    while not healthy(port):
        if p.poll() is not None:
            sys.exit(f"serve exited with {p.returncode}")
        time.sleep(0.001)
    starts.append((time.perf_counter() - t0) * 1000)
    if i == 0:
        time.sleep(2)
        rss.append(rss_kib(p.pid))
    p.terminate()
    p.wait()

print(f"converza serve startup (exec -> /healthz 200), {RUNS} runs: "
      f"median {statistics.median(starts):.1f} ms, max {max(starts):.1f} ms")
print(f"idle RSS after 2 s: {rss[0] / 1024:.1f} MiB")
