#!/usr/bin/env python3
"""A tiny SMTP sink for tests: accepts every message on loopback and stores it, nothing leaves.

    smtp_sink.py PORT DIR

Speaks just enough RFC 5321 (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA with dot-unstuffing,
RSET, NOOP, QUIT) for Converza's mailer. Each message is written to DIR/<n>.eml, the envelope
recipient on a first line "X-Envelope-To: addr", then the message as received; the file is
renamed into place only when complete, so a reader never sees half a message.
"""
import os
import socketserver
import sys
import threading

counter = 0
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    timeout = 30

    def say(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        global counter
        self.say("220 converza-test-sink ESMTP")
        rcpt = []
        while True:
            raw = self.rfile.readline(65536)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.say("250-converza-test-sink")
                self.say("250 AUTH PLAIN")
            elif verb == "AUTH":
                self.say("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                rcpt = []
                self.say("250 2.1.0 OK")
            elif verb == "RCPT":
                rcpt.append(line.split(":", 1)[1].strip().strip("<>"))
                self.say("250 2.1.5 OK")
            elif verb == "DATA":
                self.say("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    d = self.rfile.readline(1 << 20)
                    if not d:
                        return
                    if d in (b".\r\n", b".\n"):
                        break
                    lines.append(d[1:] if d.startswith(b"..") else d)
                with lock:
                    counter += 1
                    n = counter
                path = os.path.join(sys.argv[2], "%05d.eml" % n)
                with open(path + ".tmp", "wb") as f:
                    f.write(("X-Envelope-To: %s\r\n" % ",".join(rcpt)).encode())
                    f.write(b"".join(lines))
                os.rename(path + ".tmp", path)
                self.say("250 2.0.0 queued as %d" % n)
            elif verb == "RSET" or verb == "NOOP":
                self.say("250 OK")
            elif verb == "QUIT":
                self.say("221 Bye")
                return
            else:
                self.say("502 5.5.2 Command not recognized")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    os.makedirs(sys.argv[2], exist_ok=True)
    with Server(("127.0.0.1", int(sys.argv[1])), Session) as server:
        server.serve_forever()
