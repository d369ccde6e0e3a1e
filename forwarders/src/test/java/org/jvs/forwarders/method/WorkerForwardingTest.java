package org.jvs.forwarders.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.packet.DropReason;
import org.jvs.core.route.RouteTable;
import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.VipSet;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4DestinationUnreachablePacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.util.MacAddress;

/**
 * A real worker forwarding frames by DR, NAT and TUN, answering ARP and ICMP for its VIP, and refusing what it
 * must refuse with the reason counted. Output frames are parsed by pcap4j, an independent implementation, and
 * their checksums verified by it.
 */
class WorkerForwardingTest
{
    private static final long CLIENT_MAC = 0x02000000_0032L;
    private static final long RS1_MAC = 0x02000000_000bL;
    private static final long RS2_MAC = 0x02000000_000cL;
    private static final long NAT_RS_MAC = 0x02000000_010bL;
    private static final int CLIENT = ip("198.18.0.50");
    private static final int DIP = ip("198.18.0.2");
    private static final int VIP = ip("198.18.0.100");
    private static final int RS1 = ip("198.18.0.11");
    private static final int RS2 = ip("198.18.0.12");
    private static final int NAT_DIP = ip("198.18.1.1");
    private static final int NAT_RS = ip("198.18.1.11");
    private static final int TUN_RS = ip("198.18.2.11");
    private static final int TCP_SYN = 0x02;
    private static final int TCP_ACK = 0x10;

    private final WorkerHarness harness = new WorkerHarness(List.of(
        new RouteTable.Route(ip("198.18.0.0"), 24, 0, 0, DIP),
        new RouteTable.Route(ip("198.18.1.0"), 24, 0, 1, NAT_DIP),
        new RouteTable.Route(ip("198.18.2.0"), 24, 0, 1, NAT_DIP)),
        new int[] {1500, 1500},
        RS1, RS1_MAC, RS2, RS2_MAC, NAT_RS, NAT_RS_MAC);

    private static int ip(final String text)
    {
        return InetAddr.parse(text).ipv4();
    }

    private static InetAddr addr(final int ip)
    {
        return InetAddr.ipv4(ip);
    }

    private static ServiceTable service(
        final int protocol, final String scheduler, final ForwardMethod method, final int rport, final int... rsWeight)
    {
        final DestSpec[] servers = new DestSpec[rsWeight.length / 2];
        for (int i = 0; i < servers.length; i++)
        {
            servers[i] = new DestSpec(addr(rsWeight[2 * i]), rport, method, rsWeight[2 * i + 1], 0, 0);
        }
        return new ServiceTable(1, List.of(new ServiceSpec(ServiceKey.of(protocol, addr(VIP), 80), scheduler, 0, 0,
            0xFFFFFFFF, List.of(servers))));
    }

    private static EthernetPacket parse(final byte[] frame) throws Exception
    {
        return EthernetPacket.newPacket(frame, 0, frame.length);
    }

    private static Inet4Address inet(final int ip) throws Exception
    {
        return (Inet4Address)addr(ip).toInetAddress();
    }

    private static long mac(final MacAddress address)
    {
        return Long.parseLong(address.toString().replace(":", ""), 16);
    }

    /**
     * What every client does first: ask for the VIP's MAC (the director learns the client's on the way).
     */
    private void clientArpsForTheVip()
    {
        harness.receive(0, TestFrames.arpRequest(CLIENT_MAC, CLIENT, VIP), 60);
        harness.sent(0);
    }

    private void syn(final int clientPort)
    {
        final UnsafeBuffer frame = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, clientPort, 80,
            TCP_SYN, 0, true);
        harness.receive(0, frame, TestFrames.length(frame));
    }

    @Test
    void publishingAServiceAnnouncesItsVipWithGratuitousArpAndAnswersArpForIt() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, RS1, 1));
        final ArpPacket garp = parse(harness.sent(0).get(0)).get(ArpPacket.class);
        assertEquals(inet(VIP), garp.getHeader().getSrcProtocolAddr());
        assertEquals(inet(VIP), garp.getHeader().getDstProtocolAddr());
        assertEquals(WorkerHarness.DIRECTOR_MAC, mac(garp.getHeader().getSrcHardwareAddr()));

        harness.receive(0, TestFrames.arpRequest(CLIENT_MAC, CLIENT, VIP), 60);
        final EthernetPacket reply = parse(harness.sent(0).get(0));
        assertEquals(CLIENT_MAC, mac(reply.getHeader().getDstAddr()));
        final ArpPacket.ArpHeader arp = reply.get(ArpPacket.class).getHeader();
        assertEquals(ArpOperation.REPLY, arp.getOperation());
        assertEquals(inet(VIP), arp.getSrcProtocolAddr());
        assertEquals(WorkerHarness.DIRECTOR_MAC, mac(arp.getSrcHardwareAddr()));
        assertEquals(inet(CLIENT), arp.getDstProtocolAddr());

        harness.receive(0, TestFrames.arpRequest(CLIENT_MAC, CLIENT, ip("198.18.0.99")), 60);
        assertEquals(0, harness.sent(0).size(), "no answer for an address that is not a VIP");
    }

    @Test
    void aVipStoodByForIsNeitherAnsweredNorForwardedUntilVrrpHandsItOver() throws Exception
    {
        final int vip2 = ip("198.18.0.101");
        harness.worker.standbyVips(VipSet.of(vip2));
        harness.publish(new ServiceTable(1, List.of(
            new ServiceSpec(ServiceKey.of(ServiceKey.TCP, addr(VIP), 80), "rr", 0, 0, 0xFFFFFFFF,
                List.of(new DestSpec(addr(RS1), 80, ForwardMethod.ROUTE, 1, 0, 0))),
            new ServiceSpec(ServiceKey.of(ServiceKey.TCP, addr(vip2), 80), "rr", 0, 0, 0xFFFFFFFF,
                List.of(new DestSpec(addr(RS2), 80, ForwardMethod.ROUTE, 1, 0, 0))))));
        final List<byte[]> garps = harness.sent(0);
        assertEquals(1, garps.size(), "a gratuitous ARP for the owned VIP only");
        assertEquals(inet(VIP), parse(garps.get(0)).get(ArpPacket.class).getHeader().getSrcProtocolAddr());

        harness.receive(0, TestFrames.arpRequest(CLIENT_MAC, CLIENT, vip2), 60);
        assertEquals(0, harness.sent(0).size(), "no ARP answer for a VIP another director owns");
        final UnsafeBuffer syn = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, vip2, 40000, 80,
            TCP_SYN, 0, true);
        harness.receive(0, syn, TestFrames.length(syn));
        assertEquals(0, harness.sent(0).size(), "no connection to a VIP stood by for");
        clientArpsForTheVip();
        syn(40001);
        assertEquals(RS1_MAC, mac(parse(harness.sent(0).get(0)).getHeader().getDstAddr()), "the owned VIP forwards");

        harness.worker.standbyVips(VipSet.EMPTY);
        harness.receive(0, TestFrames.arpRequest(CLIENT_MAC, CLIENT, vip2), 60);
        assertEquals(ArpOperation.REPLY,
            parse(harness.sent(0).get(0)).get(ArpPacket.class).getHeader().getOperation(), "owned now: answered");
        harness.receive(0, syn, TestFrames.length(syn));
        assertEquals(RS2_MAC, mac(parse(harness.sent(0).get(0)).getHeader().getDstAddr()), "and forwarded");
    }

    @Test
    void directRoutingChangesOnlyTheMacsAndAlternatesUnderRr() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, RS1, 1, RS2, 1));
        harness.sent(0);
        final long[] expected = {RS1_MAC, RS2_MAC, RS1_MAC, RS2_MAC};
        for (int i = 0; i < expected.length; i++)
        {
            final UnsafeBuffer in = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000 + i,
                80, TCP_SYN, 10, true);
            final int length = TestFrames.length(in);
            harness.receive(0, in, length);
            final byte[] out = harness.sent(0).get(0);
            final byte[] original = new byte[length];
            in.getBytes(0, original);
            assertArrayEquals(Arrays.copyOfRange(original, 12, length), Arrays.copyOfRange(out, 12, out.length),
                "DR leaves everything above the MACs unchanged");
            final EthernetPacket packet = parse(out);
            assertEquals(expected[i], mac(packet.getHeader().getDstAddr()), "connection " + (i + 1));
            assertEquals(WorkerHarness.DIRECTOR_MAC, mac(packet.getHeader().getSrcAddr()));
        }
        assertEquals(4, harness.worker.stats().verdict(ForwardVerdict.FORWARD));
        assertTrue(harness.worker.stats().takeLatencyInterval().getTotalCount() >= 4);
    }

    @Test
    void packetsOfAnEstablishedConnectionFollowItAndNonSynWithoutConnectionIsRefused() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, RS1, 1, RS2, 1));
        harness.sent(0);
        syn(40000);
        syn(40001);
        harness.sent(0);
        final UnsafeBuffer ack = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40001, 80,
            TCP_ACK, 5, true);
        harness.receive(0, ack, TestFrames.length(ack));
        assertEquals(RS2_MAC, mac(parse(harness.sent(0).get(0)).getHeader().getDstAddr()));

        final UnsafeBuffer stray = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40999, 80,
            TCP_ACK, 5, true);
        harness.receive(0, stray, TestFrames.length(stray));
        assertEquals(0, harness.sent(0).size());
        assertEquals(1, harness.worker.stats().verdict(ForwardVerdict.NO_CONNECTION));
    }

    @Test
    void unknownRealServerMacIsResolvedWithTheDirectorsOwnArpThenTheFrameGoes() throws Exception
    {
        final int rs3 = ip("198.18.0.13");
        final long rs3Mac = 0x02000000_000dL;
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, rs3, 1));
        harness.sent(0);
        syn(40000);
        final ArpPacket.ArpHeader request = parse(harness.sent(0).get(0)).get(ArpPacket.class).getHeader();
        assertEquals(ArpOperation.REQUEST, request.getOperation());
        assertEquals(inet(DIP), request.getSrcProtocolAddr());
        assertEquals(inet(rs3), request.getDstProtocolAddr());

        harness.receive(0, TestFrames.arpReply(rs3Mac, rs3, WorkerHarness.DIRECTOR_MAC, DIP), 60);
        final EthernetPacket released = parse(harness.sent(0).get(0));
        assertEquals(rs3Mac, mac(released.getHeader().getDstAddr()));
        assertEquals(inet(VIP), released.get(IpV4Packet.class).getHeader().getDstAddr());
    }

    @Test
    void unresolvedRealServerFramesAreDroppedAndCountedAfterTheProbes() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, ip("198.18.0.14"), 1));
        harness.sent(0);
        syn(40000);
        int requests = harness.sent(0).size();
        for (int i = 0; i < 5; i++)
        {
            harness.advanceMs(1000);
            harness.worker.doWork();
            requests += harness.sent(0).size();
        }
        assertEquals(3, requests, "three ARP requests, a second apart");
        assertEquals(1, harness.worker.stats().verdict(ForwardVerdict.NEIGHBOUR_UNRESOLVED));
    }

    @Test
    void natRewritesRequestsToTheRealServerAndRepliesBackToTheVip() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.MASQ, 8080, NAT_RS, 1));
        harness.sent(0);
        clientArpsForTheVip();
        final UnsafeBuffer in = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000, 80,
            TCP_SYN, 20, true);
        harness.receive(0, in, TestFrames.length(in));
        final EthernetPacket request = parse(harness.sent(1).get(0));
        assertEquals(NAT_RS_MAC, mac(request.getHeader().getDstAddr()));
        assertEquals(WorkerHarness.DIRECTOR_MAC_RS_SIDE, mac(request.getHeader().getSrcAddr()));
        final IpV4Packet ip = request.get(IpV4Packet.class);
        assertEquals(inet(NAT_RS), ip.getHeader().getDstAddr());
        assertEquals(inet(CLIENT), ip.getHeader().getSrcAddr());
        assertTrue(ip.getHeader().hasValidChecksum(false));
        final TcpPacket tcp = ip.get(TcpPacket.class);
        assertEquals(8080, tcp.getHeader().getDstPort().valueAsInt());
        assertTrue(tcp.hasValidChecksum(inet(CLIENT), inet(NAT_RS), false));

        final UnsafeBuffer back = TestFrames.tcp(NAT_RS_MAC, WorkerHarness.DIRECTOR_MAC_RS_SIDE, NAT_RS, CLIENT,
            8080, 40000, TCP_SYN | TCP_ACK, 0, true);
        harness.receive(1, back, TestFrames.length(back));
        assertEquals(0, harness.sent(1).size());
        final EthernetPacket reply = parse(harness.sent(0).get(0));
        assertEquals(WorkerHarness.DIRECTOR_MAC, mac(reply.getHeader().getSrcAddr()));
        final IpV4Packet replyIp = reply.get(IpV4Packet.class);
        assertEquals(inet(VIP), replyIp.getHeader().getSrcAddr());
        assertEquals(63, replyIp.getHeader().getTtlAsInt(), "the reply crossed the director's forwarding path");
        assertTrue(replyIp.getHeader().hasValidChecksum(false));
        final TcpPacket replyTcp = replyIp.get(TcpPacket.class);
        assertEquals(80, replyTcp.getHeader().getSrcPort().valueAsInt());
        assertTrue(replyTcp.hasValidChecksum(inet(VIP), inet(CLIENT), false));
        assertEquals(1, harness.worker.services().get(0).stats().outPackets());
    }

    @Test
    void natUdpChecksumsStayValid() throws Exception
    {
        harness.publish(service(ServiceKey.UDP, "rr", ForwardMethod.MASQ, 5353, NAT_RS, 1));
        harness.sent(0);
        final UnsafeBuffer in = TestFrames.udp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000, 80, 33);
        harness.receive(0, in, TestFrames.length(in));
        final UdpPacket udp = parse(harness.sent(1).get(0)).get(UdpPacket.class);
        assertEquals(5353, udp.getHeader().getDstPort().valueAsInt());
        assertTrue(udp.hasValidChecksum(inet(CLIENT), inet(NAT_RS), false));
    }

    @Test
    void natTranslatesIcmpErrorsBothWaysInnerHeaderIncluded() throws Exception
    {
        harness.publish(service(ServiceKey.UDP, "rr", ForwardMethod.MASQ, 5353, NAT_RS, 1));
        harness.sent(0);
        clientArpsForTheVip();
        final UnsafeBuffer request = TestFrames.udp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000, 80, 12);
        harness.receive(0, request, TestFrames.length(request));
        final byte[] atServer = harness.sent(1).get(0);

        final UnsafeBuffer unreachable = TestFrames.icmpError(NAT_RS_MAC, WorkerHarness.DIRECTOR_MAC_RS_SIDE,
            NAT_RS, CLIENT, 3, 3, new UnsafeBuffer(atServer));
        harness.receive(1, unreachable, TestFrames.length(unreachable));
        final IpV4Packet out = parse(harness.sent(0).get(0)).get(IpV4Packet.class);
        assertEquals(inet(VIP), out.getHeader().getSrcAddr(), "the client hears from the VIP only");
        assertEquals(inet(CLIENT), out.getHeader().getDstAddr());
        assertEquals(63, out.getHeader().getTtlAsInt());
        assertTrue(out.getHeader().hasValidChecksum(false));
        final IcmpV4CommonPacket icmp = out.get(IcmpV4CommonPacket.class);
        assertTrue(icmp.hasValidChecksum(false));
        final IpV4Packet.IpV4Header inner = out.get(IcmpV4DestinationUnreachablePacket.class).getPayload()
            .get(IpV4Packet.class).getHeader();
        assertEquals(inet(CLIENT), inner.getSrcAddr());
        assertEquals(inet(VIP), inner.getDstAddr(), "the quoted packet is the client's, to the VIP");
        assertTrue(inner.hasValidChecksum(false));
        final byte[] quote = out.get(IcmpV4DestinationUnreachablePacket.class).getPayload().getRawData();
        assertEquals(80, (quote[22] & 0xFF) << 8 | quote[23] & 0xFF, "quoted destination port is the VIP's");

        final UnsafeBuffer reply = TestFrames.udp(WorkerHarness.DIRECTOR_MAC, CLIENT_MAC, VIP, CLIENT, 80, 40000, 4);
        final UnsafeBuffer tooBig = TestFrames.icmpError(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 3, 4,
            reply);
        harness.receive(0, tooBig, TestFrames.length(tooBig));
        final IpV4Packet in = parse(harness.sent(1).get(0)).get(IpV4Packet.class);
        assertEquals(inet(NAT_RS), in.getHeader().getDstAddr());
        assertTrue(in.get(IcmpV4CommonPacket.class).hasValidChecksum(false));
        final byte[] inQuote = in.get(IcmpV4DestinationUnreachablePacket.class).getPayload().getRawData();
        final IpV4Packet.IpV4Header innerIn = in.get(IcmpV4DestinationUnreachablePacket.class).getPayload()
            .get(IpV4Packet.class).getHeader();
        assertEquals(inet(NAT_RS), innerIn.getSrcAddr(), "the quoted reply is the real server's own");
        assertTrue(innerIn.hasValidChecksum(false));
        assertEquals(5353, (inQuote[20] & 0xFF) << 8 | inQuote[21] & 0xFF);
    }

    @Test
    void laterFragmentsFollowTheirFirstFragmentsConnectionAndUnknownOnesAreDropped() throws Exception
    {
        harness.publish(service(ServiceKey.UDP, "rr", ForwardMethod.MASQ, 5353, NAT_RS, 1));
        harness.sent(0);
        clientArpsForTheVip();
        final UnsafeBuffer[] request = TestFrames.fragments(
            TestFrames.udp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000, 80, 1000), 512);
        harness.receive(0, request[0], TestFrames.length(request[0]));
        harness.receive(0, request[1], TestFrames.length(request[1]));
        final List<byte[]> atServer = harness.sent(1);
        assertEquals(2, atServer.size(), "both fragments reach the real server");
        final IpV4Packet.IpV4Header later = parse(atServer.get(1)).get(IpV4Packet.class).getHeader();
        assertEquals(inet(NAT_RS), later.getDstAddr(), "the later fragment is NATed too");
        assertEquals(64, later.getFragmentOffset(), "offset 512 bytes");
        assertTrue(later.hasValidChecksum(false));

        final UnsafeBuffer[] reply = TestFrames.fragments(TestFrames.udp(NAT_RS_MAC,
            WorkerHarness.DIRECTOR_MAC_RS_SIDE, NAT_RS, CLIENT, 5353, 40000, 1000), 512);
        harness.receive(1, reply[0], TestFrames.length(reply[0]));
        harness.receive(1, reply[1], TestFrames.length(reply[1]));
        final List<byte[]> atClient = harness.sent(0);
        assertEquals(2, atClient.size());
        assertEquals(inet(VIP), parse(atClient.get(1)).get(IpV4Packet.class).getHeader().getSrcAddr());

        final UnsafeBuffer[] stray = TestFrames.fragments(
            TestFrames.udp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40001, 80, 1000), 512);
        new org.jvs.core.packet.Ipv4Flyweight().wrap(stray[1], TestFrames.ETH).identification(999).updateChecksum();
        harness.receive(0, stray[1], TestFrames.length(stray[1]));
        assertEquals(0, harness.sent(1).size());
        assertEquals(1, harness.worker.stats().verdict(ForwardVerdict.FRAGMENT_UNKNOWN));
    }

    @Test
    void tunnelEncapsulatesAndAnswersFragmentationNeededWhenTooBigWithDf() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.TUNNEL, 80, TUN_RS, 1));
        harness.sent(0);
        clientArpsForTheVip();
        harness.receive(1, TestFrames.arpReply(NAT_RS_MAC, TUN_RS, WorkerHarness.DIRECTOR_MAC_RS_SIDE, NAT_DIP), 60);
        final UnsafeBuffer in = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000, 80,
            TCP_SYN, 100, true);
        final int length = TestFrames.length(in);
        harness.receive(0, in, length);
        final IpV4Packet outer = parse(harness.sent(1).get(0)).get(IpV4Packet.class);
        assertEquals(IpNumber.IPV4, outer.getHeader().getProtocol());
        assertEquals(inet(NAT_DIP), outer.getHeader().getSrcAddr());
        assertEquals(inet(TUN_RS), outer.getHeader().getDstAddr());
        assertTrue(outer.getHeader().getDontFragmentFlag(), "DF copied from the inner header");
        assertTrue(outer.getHeader().hasValidChecksum(false));
        final byte[] inner = outer.getPayload().getRawData();
        final byte[] original = new byte[length - TestFrames.ETH];
        in.getBytes(TestFrames.ETH, original);
        assertArrayEquals(original, inner, "the inner packet is the client's, unchanged");

        final UnsafeBuffer big = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40001, 80,
            TCP_SYN, 1460, true);
        harness.receive(0, big, TestFrames.length(big));
        assertEquals(0, harness.sent(1).size());
        final IpV4Packet icmp = parse(harness.sent(0).get(0)).get(IpV4Packet.class);
        assertEquals(inet(VIP), icmp.getHeader().getSrcAddr());
        assertEquals(inet(CLIENT), icmp.getHeader().getDstAddr());
        final IcmpV4CommonPacket common = icmp.get(IcmpV4CommonPacket.class);
        assertEquals(3, common.getHeader().getType().value().intValue());
        assertEquals(4, common.getHeader().getCode().value().intValue());
        assertTrue(common.hasValidChecksum(false));
        final byte[] rest = common.getPayload().getRawData();
        assertEquals(1480, (rest[2] & 0xFF) << 8 | rest[3] & 0xFF, "next-hop MTU is the MTU less the outer header");
        assertEquals(1, harness.worker.stats().verdict(ForwardVerdict.FRAGMENTATION_NEEDED));
    }

    @Test
    void noUsableServerIsAnsweredWithPortUnreachableAsIpvsDoes() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, RS1, 0));
        harness.sent(0);
        clientArpsForTheVip();
        syn(40000);
        final IpV4Packet ip = parse(harness.sent(0).get(0)).get(IpV4Packet.class);
        assertEquals(inet(VIP), ip.getHeader().getSrcAddr());
        final IcmpV4DestinationUnreachablePacket unreachable = ip.get(IcmpV4DestinationUnreachablePacket.class);
        assertTrue(unreachable != null, "an ICMP destination unreachable");
        assertEquals(3, ip.get(IcmpV4CommonPacket.class).getHeader().getCode().value().intValue());
        assertEquals(1, harness.worker.stats().verdict(ForwardVerdict.NO_DESTINATION));
        assertEquals(1, harness.worker.services().get(0).noDestinationDrops());
    }

    @Test
    void echoToTheVipIsAnswered() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, RS1, 1));
        harness.sent(0);
        clientArpsForTheVip();
        final UnsafeBuffer ping = TestFrames.echoRequest(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP);
        harness.receive(0, ping, TestFrames.length(ping));
        final EthernetPacket reply = parse(harness.sent(0).get(0));
        assertEquals(CLIENT_MAC, mac(reply.getHeader().getDstAddr()));
        final IpV4Packet ip = reply.get(IpV4Packet.class);
        assertEquals(inet(VIP), ip.getHeader().getSrcAddr());
        final IcmpV4CommonPacket icmp = ip.get(IcmpV4CommonPacket.class);
        assertEquals(0, icmp.getHeader().getType().value().intValue());
        assertTrue(icmp.hasValidChecksum(false));
    }

    @Test
    void malformedFramesAreCountedByReasonAndForwardingGoesOn() throws Exception
    {
        harness.publish(service(ServiceKey.TCP, "rr", ForwardMethod.ROUTE, 80, RS1, 1));
        harness.sent(0);
        final UnsafeBuffer good = TestFrames.tcp(CLIENT_MAC, WorkerHarness.DIRECTOR_MAC, CLIENT, VIP, 40000, 80,
            TCP_SYN, 0, true);
        harness.receive(0, good, 30);
        assertEquals(1, harness.worker.stats().parseDrops().get(DropReason.TRUNCATED_IPV4) +
            harness.worker.stats().parseDrops().get(DropReason.TOTAL_LENGTH_BEYOND_FRAME));
        assertEquals(1, harness.worker.stats().verdict(ForwardVerdict.MALFORMED));
        harness.receive(0, good, TestFrames.length(good));
        assertEquals(1, harness.sent(0).size());
    }
}
