"""A throwaway Converza stack for the end-to-end benchmarks (bench/live_bench.py, bench/player/):
the Twilio sandbox, the seeded demo tenant and `converza serve` on free loopback ports, one
simulated call with a recording, and the 90-minute recording swapped in for it.

Runs inside bench/with-db (DATABASE_URL); the data dir is a fresh temporary one, removed on exit.
"""
import base64
import hashlib
import hmac
import json
import os
import socket
import subprocess
import tempfile
import time

SECRET = "live-bench-secret-0123456789abcdef-0123456789abcdef"
TENANT = "de30de30-0000-4000-8000-000000000001"  # the seeded demo tenant
MANAGER = "de30de30-0000-4000-8000-00000000aaaa"
NUMBER = "+14155550100"  # its number
LONG_MINUTES = 90


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


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


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token():
    """The demo manager's access token, signed with the stack's JWT secret (valid one hour)."""
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps({
        "sub": MANAGER, "role": "authenticated", "aud": "authenticated", "iat": now,
        "exp": now + 3600, "email": "manager@acme.test",
        "app_metadata": {"provider": "email", "tenant_id": TENANT}, "user_metadata": {}}).encode())
    sig = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(sig)}"


def psql(db, query):
    return subprocess.run(["psql", "-qtAX", db, "-c", query], capture_output=True, text=True,
                          check=True).stdout.strip()


class Stack:
    """with Stack(bin, **env) as s: s.port, s.sandbox_port, s.serve (its Popen), s.data, s.env."""

    def __init__(self, binary, **env):
        self.bin = binary
        self.db = os.environ["DATABASE_URL"]
        self.data = tempfile.mkdtemp(prefix="converza-bench-")
        self.sandbox_port, self.port = free_port(), free_port()
        self.env = dict(os.environ, CONVERZA_DATA_DIR=self.data,
                        SANDBOX_PORT=str(self.sandbox_port), PORT=str(self.port),
                        PUBLIC_URL=f"http://127.0.0.1:{self.port}", JWT_SECRET=SECRET,
                        LOG_LEVEL="warn", **env)
        self.procs = []

    def __enter__(self):
        try:
            self.procs.append(subprocess.Popen([self.bin, "sandbox"], env=self.env))
            assert wait_http(self.sandbox_port, "/v2/Transcripts", 401), "sandbox did not start"
            subprocess.run([self.bin, "seed"], env=self.env, check=True, capture_output=True)
            self.serve = subprocess.Popen([self.bin, "serve"], env=self.env)
            self.procs.append(self.serve)
            assert wait_http(self.port, "/healthz", 200), "serve did not start"
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        for p in reversed(self.procs):
            p.terminate()
            p.wait()
        subprocess.run(["rm", "-rf", self.data])

    def simulate_call(self):
        """One simulated call of the demo tenant, with a tone recording: (id, seconds, recording sid)."""
        subprocess.run([self.bin, "simulate", "--calls", "1", "--seed", "3", "--audio", "tone",
                        "--tenant-number", NUMBER, "--server", f"http://127.0.0.1:{self.port}"],
                       env=self.env, check=True, capture_output=True)
        call_id, duration, sid = psql(
            self.db, f"select id, recording_duration_s, recording_sid from calls where "
            f"tenant_id = '{TENANT}' and recording_sid is not null limit 1").split("|")
        return call_id, duration, sid

    def install_long_recording(self, call_id, recording_sid, minutes=LONG_MINUTES):
        """Swaps the call's recording in the sandbox's store for a `minutes`-long 8 kHz 16-bit
        stereo WAV (silence, written sparse) and stores peaks on the call as the worker would.
        Returns the file's size in bytes."""
        rate = 8000
        frames = minutes * 60 * rate
        # The store keeps <sid>.json (metadata) beside <sid>.wav (the audio): only the .wav.
        path = os.path.join(self.data, "sandbox", "recordings", recording_sid + ".wav")
        with open(path, "wb") as f:
            f.write(b"RIFF" + (36 + frames * 4).to_bytes(4, "little") + b"WAVEfmt " +
                    (16).to_bytes(4, "little") + (1).to_bytes(2, "little") +
                    (2).to_bytes(2, "little") + rate.to_bytes(4, "little") +
                    (rate * 4).to_bytes(4, "little") + (4).to_bytes(2, "little") +
                    (16).to_bytes(2, "little") + b"data" + (frames * 4).to_bytes(4, "little"))
            f.truncate(44 + frames * 4)
        peaks = json.dumps({"duration_ms": minutes * 60000, "peaks": [[500] * 1000, [250] * 1000]})
        psql(self.db, f"update calls set recording_peaks = '{peaks}', "
             f"recording_duration_s = {minutes * 60} where id = '{call_id}'")
        return 44 + frames * 4
