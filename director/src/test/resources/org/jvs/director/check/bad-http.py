#!/usr/bin/env python3
"""A misbehaving web server for the health-check system tests (run inside a lab namespace).

  bad-http.py --port P --mode 500   accepts, reads the request, answers "HTTP/1.0 500 Internal Server Error"
  bad-http.py --port P --mode hang  accepts and never answers (holds the connection until the peer closes)

Ends by itself after --lifetime seconds (default 120), so a test that dies cannot leave it behind for long.
"""
import argparse
import selectors
import socket
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--mode", choices=("500", "hang"), required=True)
parser.add_argument("--lifetime", type=float, default=120.0)
args = parser.parse_args()

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("0.0.0.0", args.port))
listener.listen(64)
listener.setblocking(False)
sel = selectors.DefaultSelector()
sel.register(listener, selectors.EVENT_READ)
print(f"bad-http {args.mode} listening on {args.port}", flush=True)
end = time.monotonic() + args.lifetime
while time.monotonic() < end:
    for key, _ in sel.select(timeout=0.5):
        if key.fileobj is listener:
            conn, _ = listener.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ)
            continue
        conn = key.fileobj
        try:
            data = conn.recv(4096)
        except OSError:
            data = b""
        if data and args.mode == "500":
            body = b"broken\n"
            conn.sendall(b"HTTP/1.0 500 Internal Server Error\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            data = b""
        if not data:
            sel.unregister(conn)
            conn.close()
