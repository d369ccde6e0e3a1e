#!/usr/bin/env python3
"""UDP echo server of the jvs lab: answers every datagram with b'<node>:' + payload.

The reply leaves from the address the datagram was sent to (IP_PKTINFO), so a real server that holds
the VIP on lo (DR, TUN) answers from the VIP, as a real service bound to the wildcard address would have to.
"""
import argparse
import socket
import struct
import sys

IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)  # Linux value; Python does not always export it
PKTINFO = struct.Struct("=i4s4s")  # struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", required=True, help="node name put in front of each answer")
    parser.add_argument("--port", type=int, default=5353)
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
    sock.bind(("0.0.0.0", args.port))
    prefix = (args.name + ":").encode()
    print(f"udp-echo {args.name} listening on 0.0.0.0:{args.port}", file=sys.stderr, flush=True)
    while True:
        data, ancillary, _flags, peer = sock.recvmsg(65535, socket.CMSG_SPACE(PKTINFO.size))
        control = []
        for level, kind, cdata in ancillary:
            if level == socket.IPPROTO_IP and kind == IP_PKTINFO and len(cdata) >= PKTINFO.size:
                _ifindex, _spec_dst, header_dst = PKTINFO.unpack(cdata[:PKTINFO.size])
                control = [(socket.IPPROTO_IP, IP_PKTINFO, PKTINFO.pack(0, header_dst, bytes(4)))]
        try:
            sock.sendmsg([prefix + data], control, 0, peer)
        except OSError as ex:
            print(f"udp-echo {args.name}: reply to {peer} failed: {ex}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
