#!/usr/bin/python3
# Makes golden-packets.txt, the golden-packet table GoldenPacketsTest reads.
# Run with Debian's scapy:  /usr/bin/python3 core/src/test/resources/packet/make_golden.py > \
#                           core/src/test/resources/packet/golden-packets.txt
# Each entry's "make:" line is the exact scapy expression evaluated to make its input ("out-make:" its
# expected output after "op:"); "fields:" are read back from scapy's own dissection of the input.
# Addresses: 198.18.0.0/15 and 2001:2::/48 (benchmarking ranges), locally administered 02:.. MACs.
import warnings
warnings.filterwarnings("ignore")
from scapy.all import (Ether, Dot1Q, IP, IPv6, TCP, UDP, ICMP, ARP, IPerror, TCPerror, UDPerror, raw,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, IPv6ExtHdrFragment, IPv6ExtHdrDestOpt,
                       ICMPv6EchoRequest, ICMPv6PacketTooBig, ICMPv6TimeExceeded, IPerror6,
                       IPOption_Router_Alert, fragment, fragment6, Raw)
from scapy.layers.vrrp import VRRP, VRRPv3
from scapy.layers.ipsec import AH

E = "Ether(dst='02:00:00:00:00:10',src='02:00:00:00:00:01')"
ER = "Ether(dst='02:00:00:00:00:21',src='02:00:00:00:00:10')"
C4 = "IP(src='198.18.0.1',dst='198.18.0.100',id=1)"
C6 = "IPv6(src='2001:2::1',dst='2001:2::100')"
SYN = "TCP(sport=40000,dport=80,seq=1000,flags='S',options=[('MSS',1460)])"

# name | what | verdict | make | op | out-make
ENTRIES = [
    ("ipv4-tcp-syn-dr", "IPv4 TCP SYN to VIP:80, DR rewrites both MACs", "NONE",
     f"{E}/{C4}/{SYN}", "dr 02:00:00:00:00:21 02:00:00:00:00:10", f"{ER}/{C4}/{SYN}"),
    ("ipv4-tcp-syn-nat", "IPv4 TCP SYN, NAT to RIP 198.18.1.1:8080", "NONE",
     f"{E}/{C4}/{SYN}", "nat-dst 198.18.1.1 8080",
     f"{E}/IP(src='198.18.0.1',dst='198.18.1.1',id=1)/TCP(sport=40000,dport=8080,seq=1000,flags='S',"
     "options=[('MSS',1460)])"),
    ("ipv4-tcp-synack-snat", "IPv4 SYN-ACK from RS, NAT back to VIP:80", "NONE",
     f"{E}/IP(src='198.18.1.1',dst='198.18.0.1',id=2)/TCP(sport=8080,dport=40000,seq=5,ack=1001,flags='SA')"
     "/b'reply-data'", "nat-src 198.18.0.100 80",
     f"{E}/IP(src='198.18.0.100',dst='198.18.0.1',id=2)/TCP(sport=80,dport=40000,seq=5,ack=1001,flags='SA')"
     "/b'reply-data'"),
    ("ipv4-udp-nat", "IPv4 UDP to VIP:53 with data, NAT to RIP:5353", "NONE",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',id=3)/UDP(sport=5000,dport=53)/b'hello jvs'",
     "nat-dst 198.18.1.2 5353",
     f"{E}/IP(src='198.18.0.1',dst='198.18.1.2',id=3)/UDP(sport=5000,dport=5353)/b'hello jvs'"),
    ("ipv4-udp-no-checksum-nat", "IPv4 UDP with checksum 0 (none): stays 0 after NAT", "NONE",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',id=4)/UDP(sport=5000,dport=53,chksum=0)/b'abc'",
     "nat-dst 198.18.1.2 5353",
     f"{E}/IP(src='198.18.0.1',dst='198.18.1.2',id=4)/UDP(sport=5000,dport=5353,chksum=0)/b'abc'"),
    ("ipv4-udp-padded-ttl", "IPv4 UDP padded to 60 bytes (veth capture), TTL decremented", "NONE",
     f"raw({E}/IP(src='198.18.0.1',dst='198.18.0.100',id=5,ttl=9)/UDP(sport=5000,dport=53)/b'x')+b'\\x00'*17",
     "ttl-dec",
     f"raw({E}/IP(src='198.18.0.1',dst='198.18.0.100',id=5,ttl=8)/UDP(sport=5000,dport=53)/b'x')+b'\\x00'*17"),
    ("ipv4-options-tcp-nat", "IPv4 with router-alert option (IHL 6), TCP, NAT", "NONE",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',id=6,options=[IPOption_Router_Alert()])/{SYN}",
     "nat-dst 198.18.1.1 8080",
     f"{E}/IP(src='198.18.0.1',dst='198.18.1.1',id=6,options=[IPOption_Router_Alert()])/"
     "TCP(sport=40000,dport=8080,seq=1000,flags='S',options=[('MSS',1460)])"),
    ("vlan-ipv4-tcp-dr", "802.1Q VLAN 100 IPv4 TCP SYN, DR", "NONE",
     f"{E}/Dot1Q(vlan=100,prio=3)/{C4}/{SYN}", "dr 02:00:00:00:00:21 02:00:00:00:00:10",
     f"{ER}/Dot1Q(vlan=100,prio=3)/{C4}/{SYN}"),
    ("ipv6-tcp-syn-nat", "IPv6 TCP SYN to VIP6:80, NAT to 2001:2::1:1 port 8080", "NONE",
     f"{E}/{C6}/{SYN}", "nat-dst 2001:2::1:1 8080",
     f"{E}/IPv6(src='2001:2::1',dst='2001:2::1:1')/TCP(sport=40000,dport=8080,seq=1000,flags='S',"
     "options=[('MSS',1460)])"),
    ("ipv6-udp-nat-src", "IPv6 UDP reply from RS, NAT source back to VIP6:53", "NONE",
     f"{E}/IPv6(src='2001:2::1:2',dst='2001:2::1')/UDP(sport=5353,dport=5000)/b'answer'",
     "nat-src 2001:2::100 53",
     f"{E}/IPv6(src='2001:2::100',dst='2001:2::1')/UDP(sport=53,dport=5000)/b'answer'"),
    ("ipv6-ext-udp", "IPv6 hop-by-hop, routing (0 segments left), dest options, then UDP", "NONE",
     f"{E}/{C6}/IPv6ExtHdrHopByHop()/IPv6ExtHdrRouting(addresses=[],segleft=0)/IPv6ExtHdrDestOpt()"
     "/UDP(sport=5000,dport=53)/b'q'", "none", None),
    ("ipv6-ah-tcp", "IPv6 AH (24 bytes) then TCP", "NONE",
     f"{E}/{C6}/AH(nh=6,payloadlen=4,spi=1,seq=1,icv=b'\\x00'*12)/TCP(sport=40000,dport=80,flags='A')",
     "none", None),
    ("ipv6-atomic-fragment", "IPv6 atomic fragment (offset 0, M=0): a whole packet", "NONE",
     f"{E}/{C6}/IPv6ExtHdrFragment(id=7,m=0,offset=0)/UDP(sport=5000,dport=53)/b'atom'", "none", None),
    ("icmp-echo", "ICMP echo request to VIP", "NONE",
     f"{E}/{C4}/ICMP(type=8,id=77,seq=1)/b'ping'", "none", None),
    ("icmp-frag-needed", "ICMP dest unreachable / frag needed, MTU 1400, quoting a TCP packet", "NONE",
     f"{E}/IP(src='198.18.0.254',dst='198.18.0.100',id=8)/ICMP(type=3,code=4,nexthopmtu=1400)"
     "/IPerror(src='198.18.0.100',dst='198.18.0.1',id=9)/TCPerror(sport=80,dport=40000,flags='A')",
     "none", None),
    ("icmp-time-exceeded", "ICMP time exceeded quoting a UDP packet", "NONE",
     f"{E}/IP(src='198.18.0.254',dst='198.18.0.100',id=10)/ICMP(type=11,code=0)"
     "/IPerror(src='198.18.0.100',dst='198.18.0.1',id=11)/UDPerror(sport=53,dport=5000)", "none", None),
    ("icmpv6-packet-too-big", "ICMPv6 packet too big, MTU 1280, quoting an IPv6 TCP packet", "NONE",
     f"{E}/IPv6(src='2001:2::fe',dst='2001:2::100')/ICMPv6PacketTooBig(mtu=1280)"
     "/IPerror6(src='2001:2::100',dst='2001:2::1')/TCPerror(sport=80,dport=40000,flags='A')", "none", None),
    ("icmpv6-time-exceeded", "ICMPv6 time exceeded quoting an IPv6 UDP packet", "NONE",
     f"{E}/IPv6(src='2001:2::fe',dst='2001:2::100')/ICMPv6TimeExceeded()"
     "/IPerror6(src='2001:2::100',dst='2001:2::1')/UDPerror(sport=53,dport=5000)", "none", None),
    ("icmpv6-echo", "ICMPv6 echo request", "NONE",
     f"{E}/{C6}/ICMPv6EchoRequest(id=5,seq=6,data=b'ping6')", "none", None),
    ("arp-request-reply", "ARP who-has VIP from the router; the director answers with its MAC", "NONE",
     "Ether(dst='ff:ff:ff:ff:ff:ff',src='02:00:00:00:00:01')/ARP(op=1,hwsrc='02:00:00:00:00:01',"
     "psrc='198.18.0.254',pdst='198.18.0.100')", "arp-reply 02:00:00:00:00:10",
     "Ether(dst='02:00:00:00:00:01',src='02:00:00:00:00:10')/ARP(op=2,hwsrc='02:00:00:00:00:10',"
     "psrc='198.18.0.100',hwdst='02:00:00:00:00:01',pdst='198.18.0.254')"),
    ("vrrp-v2-pass-stop", "VRRPv2 advert VRID 51 prio 100 PASS 'secret' 1 s; master stops: priority 0", "NONE",
     "Ether(dst='01:00:5e:00:00:12',src='00:00:5e:00:01:33')/IP(src='198.18.0.10',dst='224.0.0.18',ttl=255,"
     "id=12)/VRRP(vrid=51,priority=100,ipcount=1,addrlist=['198.18.0.100'],authtype=1,adv=1,"
     "auth1=0x73656372,auth2=0x65740000)", "vrrp-priority 0",
     "Ether(dst='01:00:5e:00:00:12',src='00:00:5e:00:01:33')/IP(src='198.18.0.10',dst='224.0.0.18',ttl=255,"
     "id=12)/VRRP(vrid=51,priority=0,ipcount=1,addrlist=['198.18.0.100'],authtype=1,adv=1,"
     "auth1=0x73656372,auth2=0x65740000)"),
    ("vrrp-v3-stop", "VRRPv3 advert VRID 51 prio 150 max advert 100 cs, two VIPs; priority 0", "NONE",
     "Ether(dst='01:00:5e:00:00:12',src='00:00:5e:00:01:33')/IP(src='198.18.0.10',dst='224.0.0.18',ttl=255,"
     "id=13)/VRRPv3(vrid=51,priority=150,ipcount=2,adv=100,addrlist=['198.18.0.100','198.18.0.101'])",
     "vrrp-priority 0",
     "Ether(dst='01:00:5e:00:00:12',src='00:00:5e:00:01:33')/IP(src='198.18.0.10',dst='224.0.0.18',ttl=255,"
     "id=13)/VRRPv3(vrid=51,priority=0,ipcount=2,adv=100,addrlist=['198.18.0.100','198.18.0.101'])"),
    ("ipip-encap", "IPv4 TCP to VIP, TUN: IPIP to RIP 198.18.1.1 from DIP 198.18.0.10, outer id 9", "NONE",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',id=14,ttl=63,tos=0x10,flags='DF')/{SYN}",
     "ipip-encap 198.18.0.10 198.18.1.1 9 02:00:00:00:00:21 02:00:00:00:00:10",
     f"{ER}/IP(src='198.18.0.10',dst='198.18.1.1',id=9,ttl=63,tos=0x10,flags='DF')"
     f"/IP(src='198.18.0.1',dst='198.18.0.100',id=14,ttl=63,tos=0x10,flags='DF')/{SYN}"),
    ("ipip-decap", "IPIP packet at the real server: take the outer header off", "NONE",
     f"{ER}/IP(src='198.18.0.10',dst='198.18.1.1',id=9)/IP(src='198.18.0.1',dst='198.18.0.100',id=14)/{SYN}",
     "ipip-decap", f"{ER}/IP(src='198.18.0.1',dst='198.18.0.100',id=14)/{SYN}"),
    ("ipv4-first-fragment", "first IPv4 fragment of a UDP datagram (MF, offset 0): ports known", "FRAGMENT",
     f"{E}/fragment(IP(src='198.18.0.1',dst='198.18.0.100',id=15)/UDP(sport=5000,dport=53)/(b'x'*100),"
     "fragsize=48)[0]", "none", None),
    ("ipv4-later-fragment", "second IPv4 fragment (offset 6 units): no transport header", "FRAGMENT",
     f"{E}/fragment(IP(src='198.18.0.1',dst='198.18.0.100',id=15)/UDP(sport=5000,dport=53)/(b'x'*100),"
     "fragsize=48)[1]", "none", None),
    ("ipv6-first-fragment", "first IPv6 fragment of a UDP datagram", "FRAGMENT",
     f"{E}/fragment6({C6}/IPv6ExtHdrFragment(id=16)/UDP(sport=5000,dport=53)/(b'y'*200),120)[0]",
     "none", None),
    ("ipv6-later-fragment", "second IPv6 fragment", "FRAGMENT",
     f"{E}/fragment6({C6}/IPv6ExtHdrFragment(id=16)/UDP(sport=5000,dport=53)/(b'y'*200),120)[1]",
     "none", None),
    # Malformed frames.
    ("short-ethernet", "13 bytes", "TRUNCATED_ETHERNET", f"raw({E}/{C4}/{SYN})[:13]", "none", None),
    ("short-vlan", "tagged frame cut inside the tag", "TRUNCATED_VLAN",
     f"raw({E}/Dot1Q(vlan=100)/{C4}/{SYN})[:17]", "none", None),
    ("lldp", "EtherType 0x88cc", "UNSUPPORTED_ETHERTYPE",
     "Ether(dst='01:80:c2:00:00:0e',src='02:00:00:00:00:01',type=0x88cc)/(b'\\x00'*46)", "none", None),
    ("qinq", "two 802.1Q tags", "UNSUPPORTED_ETHERTYPE",
     f"{E}/Dot1Q(vlan=1)/Dot1Q(vlan=2)/{C4}/{SYN}", "none", None),
    ("short-arp", "ARP cut at 16 of 28 bytes", "TRUNCATED_ARP",
     "raw(Ether(dst='ff:ff:ff:ff:ff:ff',src='02:00:00:00:00:01')/ARP(op=1,hwsrc='02:00:00:00:00:01',"
     "psrc='198.18.0.254',pdst='198.18.0.100'))[:30]", "none", None),
    ("arp-not-ethernet", "ARP with hardware type 6", "UNSUPPORTED_ARP",
     "Ether(dst='ff:ff:ff:ff:ff:ff',src='02:00:00:00:00:01')/ARP(hwtype=6,op=1,hwsrc='02:00:00:00:00:01',"
     "psrc='198.18.0.254',pdst='198.18.0.100')", "none", None),
    ("short-ipv4", "IPv4 header cut at 19 bytes", "TRUNCATED_IPV4", f"raw({E}/{C4}/{SYN})[:33]", "none", None),
    ("ipv4-version-5", "IP version 5 under EtherType 0x0800", "BAD_IP_VERSION",
     f"{E}/IP(version=5,src='198.18.0.1',dst='198.18.0.100')/{SYN}", "none", None),
    ("ipv4-ihl-4", "IHL 4", "IHL_TOO_SMALL", f"{E}/IP(ihl=4,src='198.18.0.1',dst='198.18.0.100')/{SYN}",
     "none", None),
    ("ipv4-ihl-15-no-options", "IHL 15 but the frame ends before 60 header bytes", "TRUNCATED_IPV4",
     f"{E}/IP(ihl=15,src='198.18.0.1',dst='198.18.0.100')/TCP(sport=40000,dport=80)", "none", None),
    ("ipv4-len-beyond", "total length 200 in a 54-byte frame", "TOTAL_LENGTH_BEYOND_FRAME",
     f"{E}/IP(len=200,src='198.18.0.1',dst='198.18.0.100')/TCP(sport=40000,dport=80)", "none", None),
    ("ipv4-len-small", "total length 10", "TOTAL_LENGTH_TOO_SMALL",
     f"{E}/IP(len=10,src='198.18.0.1',dst='198.18.0.100')/TCP(sport=40000,dport=80)", "none", None),
    ("ipv4-bad-checksum", "header checksum 0x1234", "BAD_IPV4_CHECKSUM",
     f"{E}/IP(chksum=0x1234,src='198.18.0.1',dst='198.18.0.100')/TCP(sport=40000,dport=80)", "none", None),
    ("ipv4-ttl-0", "TTL 0", "TTL_EXPIRED",
     f"{E}/IP(ttl=0,src='198.18.0.1',dst='198.18.0.100')/TCP(sport=40000,dport=80)", "none", None),
    ("tcp-dataofs-4", "TCP data offset 4", "TCP_DATA_OFFSET_TOO_SMALL",
     f"{E}/{C4}/TCP(sport=40000,dport=80,dataofs=4)", "none", None),
    ("tcp-dataofs-15", "TCP data offset 15 with no options", "TRUNCATED_TCP",
     f"{E}/{C4}/TCP(sport=40000,dport=80,dataofs=15)", "none", None),
    ("tcp-short", "TCP header of 12 bytes", "TRUNCATED_TCP",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',proto=6)/(b'\\x9c\\x40\\x00\\x50'+b'\\x00'*8)", "none", None),
    ("udp-short", "UDP header of 4 bytes", "TRUNCATED_UDP",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',proto=17)/b'\\x13\\x88\\x00\\x35'", "none", None),
    ("udp-len-beyond", "UDP length 100 in a 12-byte datagram", "UDP_LENGTH_MISMATCH",
     f"{E}/{C4}/UDP(sport=5000,dport=53,len=100)/b'abcd'", "none", None),
    ("udp-len-small", "UDP length 4", "UDP_LENGTH_MISMATCH",
     f"{E}/{C4}/UDP(sport=5000,dport=53,len=4)/b'abcd'", "none", None),
    ("icmp-short", "ICMP of 3 bytes", "TRUNCATED_ICMP",
     f"{E}/IP(src='198.18.0.1',dst='198.18.0.100',proto=1)/b'\\x08\\x00\\x00'", "none", None),
    ("icmp-error-short-inner", "port unreachable quoting 2 bytes", "BAD_ICMP_INNER",
     f"{E}/IP(src='198.18.0.254',dst='198.18.0.100')/ICMP(type=3,code=3)/b'\\x45\\x00'", "none", None),
    ("vrrp-short", "VRRP of 2 bytes", "TRUNCATED_VRRP",
     "Ether(dst='01:00:5e:00:00:12',src='00:00:5e:00:01:33')/IP(src='198.18.0.10',dst='224.0.0.18',ttl=255,"
     "proto=112)/b'\\x21\\x33'", "none", None),
    ("short-ipv6", "IPv6 header cut at 36 bytes", "TRUNCATED_IPV6", f"raw({E}/{C6}/{SYN})[:50]", "none", None),
    ("ipv6-version-4", "IPv4 header under EtherType 0x86dd", "BAD_IP_VERSION",
     f"Ether(dst='02:00:00:00:00:10',src='02:00:00:00:00:01',type=0x86dd)/{C4}/{SYN}/(b'\\x00'*20)",
     "none", None),
    ("ipv6-plen-beyond", "IPv6 payload length 500", "TOTAL_LENGTH_BEYOND_FRAME",
     f"{E}/IPv6(src='2001:2::1',dst='2001:2::100',plen=500)/{SYN}", "none", None),
    ("ipv6-hlim-0", "IPv6 hop limit 0", "HOP_LIMIT_EXPIRED",
     f"{E}/IPv6(src='2001:2::1',dst='2001:2::100',hlim=0)/{SYN}", "none", None),
    ("ipv6-hbh-second", "hop-by-hop after a destination options header", "BAD_IPV6_EXTENSION",
     f"{E}/{C6}/IPv6ExtHdrDestOpt()/IPv6ExtHdrHopByHop()/{SYN}", "none", None),
    ("ipv6-nine-ext", "nine destination options headers", "BAD_IPV6_EXTENSION",
     f"{E}/{C6}/" + "/".join(["IPv6ExtHdrDestOpt()"] * 9) + f"/{SYN}", "none", None),
    ("ipv6-ext-short", "destination options header claiming 48 bytes, 8 present", "TRUNCATED_IPV6_EXTENSION",
     f"{E}/IPv6(src='2001:2::1',dst='2001:2::100',nh=60)/(b'\\x06\\x05'+b'\\x00'*6)", "none", None),
    ("icmpv6-short", "ICMPv6 of 2 bytes", "TRUNCATED_ICMPV6",
     f"{E}/IPv6(src='2001:2::1',dst='2001:2::100',nh=58)/b'\\x80\\x00'", "none", None),
    ("icmpv6-error-short-inner", "ICMPv6 packet too big quoting 20 bytes", "BAD_ICMP_INNER",
     f"{E}/IPv6(src='2001:2::fe',dst='2001:2::100')/ICMPv6PacketTooBig(mtu=1280)/(b'\\x60'+b'\\x00'*19)",
     "none", None),
]

EXT = (IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, IPv6ExtHdrFragment, IPv6ExtHdrDestOpt, AH)


def build(expression):
    made = eval(expression)
    return made if isinstance(made, bytes) else raw(made)


def offset_of(frame, layer):
    return len(frame) - len(raw(layer))


def l4_fields(frame, pkt, out):
    if IP in pkt and not isinstance(pkt[IP].underlayer, (ICMP,)):
        ip = pkt[IP]
        out.update(family=4, l3=offset_of(frame, ip), ttl=ip.ttl, l4proto=ip.proto,
                   l4=offset_of(frame, ip) + ip.ihl * 4, frag=int(ip.flags.MF or ip.frag > 0),
                   fragoff=ip.frag)
        upper = ip.payload
        later = ip.frag > 0
    else:
        ip6 = pkt[IPv6]
        out.update(family=6, l3=offset_of(frame, ip6), ttl=ip6.hlim, frag=0, fragoff=0)
        layer, nh, later = ip6.payload, ip6.nh, False
        while isinstance(layer, EXT):
            nh = layer.nh
            if isinstance(layer, IPv6ExtHdrFragment) and (layer.m or layer.offset):
                out.update(frag=1, fragoff=layer.offset)
                later = layer.offset > 0
            layer = layer.payload
            if later:
                break
        out.update(l4proto=nh, l4=len(frame) - len(raw(layer)) if len(raw(layer)) else None)
        upper = layer
    if not later and isinstance(upper, (TCP, UDP)):
        out.update(sport=upper.sport, dport=upper.dport)
    if not later and (isinstance(upper, ICMP) or upper.name.startswith("ICMPv6")):
        out.update(icmptype=upper.type)
        inner = upper.payload
        if isinstance(inner, (IPerror, IPerror6)):
            out.update(inner=offset_of(frame, inner))


def fields(frame):
    pkt = Ether(frame)
    out = {"vlan": pkt[Dot1Q].vlan if Dot1Q in pkt else -1}
    if ARP in pkt:
        out.update(family=0, l3=offset_of(frame, pkt[ARP]))
    else:
        l4_fields(frame, pkt, out)
    return " ".join(f"{k}={v}" for k, v in out.items() if v is not None)


def main():
    print("# Golden packets for GoldenPacketsTest, made by make_golden.py beside this file (Debian scapy).")
    print("# An entry: name, what it is, expected verdict, scapy command of the input, scapy's view of it,")
    print("# input hex, operation, scapy command of the expected output, output hex. Blank line between.")
    for name, what, verdict, make, op, out_make in ENTRIES:
        frame = build(make)
        print()
        print(f"name: {name}")
        print(f"what: {what}")
        print(f"verdict: {verdict}")
        print(f"make: {make}")
        if verdict in ("NONE", "FRAGMENT"):
            print(f"fields: {fields(frame)}")
        print(f"in: {frame.hex()}")
        print(f"op: {op}")
        if out_make:
            print(f"out-make: {out_make}")
            print(f"out: {build(out_make).hex()}")


main()
