#!/usr/bin/python3
"""The director's half of LVS-TUN, for TunDecapSystemTest: encapsulates IPv4 packets in IPIP towards a real server.

  ipip-encap.py tunnel --tun NAME --remote RIP --seconds S
      Creates TUN device NAME (up); every IPv4 packet the local kernel routes into it is sent to RIP behind
      an outer IPv4 header (protocol 4) the kernel adds (raw socket, IPPROTO_IPIP). Prints "ready", then
      runs for at most S seconds or until SIGTERM, and prints "encapsulated N" at exit.
  ipip-encap.py send --remote RIP --hex HEX
      Sends one IPIP packet whose inner part is the bytes HEX (may be malformed on purpose).

Standard library only; no ipip kernel module needed on either side.
"""
import argparse
import fcntl
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def ipip_socket():
    return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IPIP)


def tunnel(args):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH22x", args.tun.encode(), IFF_TUN | IFF_NO_PI))
    subprocess.run(["ip", "link", "set", "dev", args.tun, "up"], check=True)
    out = ipip_socket()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    print("ready", flush=True)
    count = 0
    deadline = time.monotonic() + args.seconds
    while not stop and time.monotonic() < deadline:
        readable, _, _ = select.select([fd], [], [], 0.2)
        if not readable:
            continue
        packet = os.read(fd, 65535)
        if len(packet) >= 20 and packet[0] >> 4 == 4:
            out.sendto(packet, (args.remote, 0))
            count += 1
    print("encapsulated %d" % count, flush=True)
    os.close(fd)


def send(args):
    ipip_socket().sendto(bytes.fromhex(args.hex), (args.remote, 0))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    t = sub.add_parser("tunnel")
    t.add_argument("--tun", required=True)
    t.add_argument("--remote", required=True)
    t.add_argument("--seconds", type=float, default=120)
    s = sub.add_parser("send")
    s.add_argument("--remote", required=True)
    s.add_argument("--hex", required=True)
    args = parser.parse_args()
    tunnel(args) if args.mode == "tunnel" else send(args)


if __name__ == "__main__":
    sys.exit(main())
