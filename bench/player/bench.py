#!/usr/bin/python3
"""The dashboard's player on a 90-minute call, in headless Chromium (issue 16 item 2): starts the
stack (bench/stack.py: sandbox, seeded demo tenant, `converza serve` with the web export), makes
one simulated call, swaps its recording for the 90-minute WAV with stored peaks, and runs
bench/player/browser.mjs on it. Prints the load average before and after.

usage: bench/with-db bench/player/bench.py [path/to/converza] [opens] [seeks per open]
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from stack import Stack, psql  # noqa: E402

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/release/converza"
OPENS = sys.argv[2] if len(sys.argv) > 2 else "20"
SEEKS = sys.argv[3] if len(sys.argv) > 3 else "5"
WEB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "web")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    static = os.path.realpath(os.path.join(WEB, "out"))
    if not os.path.exists(os.path.join(static, "index.html")):
        raise SystemExit("no web export: run `make web/out/index.html` first")
    with Stack(BIN, STATIC_DIR=static) as stack:
        call_id, _, recording_sid = stack.simulate_call()
        size = stack.install_long_recording(call_id, recording_sid)
        print(f"call {call_id}: 90-minute recording, {size / 1e6:.0f} MB WAV in the sandbox, "
              f"stored peaks; {OPENS} opens, {SEEKS} seeks each")
        stage = f"select pipeline_status from calls where id = '{call_id}'"
        print(f"the call's pipeline status before: {psql(stack.db, stage)}")
        print(f"load average before: {loadavg()}", flush=True)
        env = dict(stack.env, CONVERZA_URL=f"http://127.0.0.1:{stack.port}",
                   DEMO_EMAIL="manager@acme.test", DEMO_PASSWORD="converza-demo")
        status = subprocess.run(["node", os.path.join(os.path.dirname(__file__), "browser.mjs"),
                                 call_id, OPENS, SEEKS], env=env).returncode
        print(f"load average after: {loadavg()}")
        print(f"the call's pipeline status after: {psql(stack.db, stage)}")
        sys.exit(status)


if __name__ == "__main__":
    main()
