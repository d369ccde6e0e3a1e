#!/usr/bin/env python3
"""One HTTP/1.1 keep-alive connection for the inhibit_on_failure system test (run in the lab's client).

  keepalive-client.py HOST PORT GO_FILE

GET / once and print the body; then wait (at most 60 s) until GO_FILE exists, GET / again on the same
connection and print that body; exit 0. Any error is printed as "ERROR <what>" with exit 1.
"""
import os
import socket
import sys
import time


def get(sock, host):
    sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: jvs-keepalive-test\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise OSError("connection closed in the header")
        data += chunk
    header, body = data.split(b"\r\n\r\n", 1)
    length = None
    for line in header.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is None:
        raise OSError("no Content-Length: " + header.decode(errors="replace"))
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise OSError("connection closed in the body")
        body += chunk
    return body[:length].decode(errors="replace").strip()


host, port, go = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    s = socket.create_connection((host, port), timeout=5)
    print(get(s, host), flush=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(go):
        if time.monotonic() > deadline:
            raise OSError("no go within 60 s")
        time.sleep(0.05)
    print(get(s, host), flush=True)
    s.close()
except OSError as ex:
    print(f"ERROR {ex}", flush=True)
    sys.exit(1)
