package org.jvs.core.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Each flyweight reads the golden packets' fields as scapy wrote them, and writes what it reads.
 */
class FlyweightsTest
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    private UnsafeBuffer golden(final String name)
    {
        for (final GoldenPacket row : GoldenPacket.load())
        {
            if (row.name.equals(name))
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(row.input.clone());
                parser.parse(buffer, 0, row.input.length, frame);
                return buffer;
            }
        }
        throw new IllegalArgumentException("no golden row " + name);
    }

    @Test
    void ethernetWithVlanTag()
    {
        final EthernetFlyweight ethernet = new EthernetFlyweight().wrap(golden("vlan-ipv4-tcp-dr"), 0);
        assertEquals(0x02_00_00_00_00_10L, ethernet.destinationMac());
        assertEquals(0x02_00_00_00_00_01L, ethernet.sourceMac());
        assertTrue(ethernet.isTagged());
        assertEquals(100, ethernet.vlanId());
        assertEquals(3, ethernet.priorityCodePoint());
        assertEquals(EthernetFlyweight.ETHER_TYPE_IPV4, ethernet.payloadEtherType());
        assertEquals(18, ethernet.headerLength());
        ethernet.sourceMac(0xFFFF_FFFF_FFFFL);
        assertEquals(0xFFFF_FFFF_FFFFL, ethernet.sourceMac());
        assertEquals(0x02_00_00_00_00_10L, ethernet.destinationMac());
    }

    @Test
    void ipv4AndTcpFields()
    {
        final UnsafeBuffer buffer = golden("ipip-encap");
        final Ipv4Flyweight ipv4 = new Ipv4Flyweight().wrap(buffer, frame.l3Offset());
        assertEquals(4, ipv4.version());
        assertEquals(20, ipv4.headerLength());
        assertEquals(0x10, ipv4.tos());
        assertEquals(14, ipv4.identification());
        assertTrue(ipv4.dontFragment());
        assertFalse(ipv4.moreFragments());
        assertEquals(63, ipv4.ttl());
        assertEquals(0xC6120001, ipv4.sourceAddress());
        assertEquals(0xC6120064, ipv4.destinationAddress());
        assertTrue(ipv4.isChecksumValid());
        ipv4.ttl(1);
        assertFalse(ipv4.isChecksumValid());
        ipv4.updateChecksum();
        assertTrue(ipv4.isChecksumValid());
        final TcpFlyweight tcp = new TcpFlyweight().wrap(buffer, frame.l4Offset());
        assertEquals(40000, tcp.sourcePort());
        assertEquals(80, tcp.destinationPort());
        assertEquals(1000, tcp.sequenceNumber());
        assertTrue(tcp.syn());
        assertFalse(tcp.ack());
        assertEquals(4, tcp.optionsLength());
        assertEquals(TcpFlyweight.FLAG_SYN, frame.tcpFlags());
    }

    @Test
    void ipv4Fragments()
    {
        final Ipv4Flyweight first = new Ipv4Flyweight().wrap(golden("ipv4-first-fragment"), 14);
        assertTrue(first.isFragment());
        assertTrue(first.moreFragments());
        assertEquals(0, first.fragmentOffset());
        assertTrue(frame.isFirstFragment());
        final Ipv4Flyweight later = new Ipv4Flyweight().wrap(golden("ipv4-later-fragment"), 14);
        assertTrue(later.isFragment());
        assertEquals(6, later.fragmentOffset());
        assertEquals(48, later.fragmentOffsetBytes());
        assertFalse(frame.isFirstFragment());
        assertEquals(15, frame.fragmentIdentification());
        later.fragmentOffset(0).moreFragments(false);
        assertFalse(later.isFragment());
    }

    @Test
    void ipv6ExtensionWalkToTransport()
    {
        final UnsafeBuffer buffer = golden("ipv6-later-fragment");
        final Ipv6Flyweight ipv6 = new Ipv6Flyweight().wrap(buffer, 14);
        assertEquals(6, ipv6.version());
        assertEquals(Ipv6Flyweight.NEXT_HEADER_FRAGMENT, ipv6.nextHeader());
        assertEquals(0x20010002, ipv6.sourceAddressWord(0));
        assertEquals(1, ipv6.sourceAddressWord(3));
        assertEquals(0x100, ipv6.destinationAddressWord(3));
        final Ipv6ExtensionWalk walk = new Ipv6ExtensionWalk();
        assertEquals(DropReason.NONE, walk.walk(buffer, ipv6.nextHeader(), ipv6.payloadOffset(),
            ipv6.payloadOffset() + ipv6.payloadLength()));
        assertTrue(walk.isFragment());
        assertEquals(16, walk.fragmentIdentification());
        assertEquals(9, walk.fragmentOffset());
        assertEquals(17, walk.upperLayerProtocol());
        assertEquals(1, walk.headerCount());
        final UnsafeBuffer ah = golden("ipv6-ah-tcp");
        assertEquals(DropReason.NONE, walk.walk(ah, Ipv6Flyweight.NEXT_HEADER_AH, 54, 14 + frame.l3Length()));
        assertEquals(78, walk.upperLayerOffset());
        assertEquals(6, walk.upperLayerProtocol());
    }

    @Test
    void icmpFragmentationNeededAndItsInnerHeader()
    {
        final UnsafeBuffer buffer = golden("icmp-frag-needed");
        final IcmpFlyweight icmp = new IcmpFlyweight().wrap(buffer, frame.l4Offset());
        assertTrue(icmp.isError());
        assertTrue(icmp.isFragmentationNeeded());
        assertEquals(1400, icmp.nextHopMtu());
        assertTrue(icmp.isChecksumValid(frame.l4Length()));
        final Ipv4Flyweight inner = new Ipv4Flyweight().wrap(buffer, icmp.innerOffset());
        assertEquals(0xC6120064, inner.sourceAddress());
        assertEquals(0xC6120001, inner.destinationAddress());
        final TcpFlyweight innerTcp = new TcpFlyweight().wrap(buffer, inner.payloadOffset());
        assertEquals(80, innerTcp.sourcePort());
        assertEquals(40000, innerTcp.destinationPort());
    }

    @Test
    void icmpv6PacketTooBig()
    {
        final UnsafeBuffer buffer = golden("icmpv6-packet-too-big");
        final Icmpv6Flyweight icmpv6 = new Icmpv6Flyweight().wrap(buffer, frame.l4Offset());
        assertEquals(Icmpv6Flyweight.TYPE_PACKET_TOO_BIG, icmpv6.type());
        assertEquals(1280, icmpv6.mtu());
        assertTrue(icmpv6.isError());
        final Ipv6Flyweight inner = new Ipv6Flyweight().wrap(buffer, icmpv6.innerOffset());
        assertEquals(0x100, inner.sourceAddressWord(3));
        final int checksum = icmpv6.checksum();
        icmpv6.updateChecksum(new Ipv6Flyweight().wrap(buffer, 14), frame.l4Length());
        assertEquals(checksum, icmpv6.checksum());
    }

    @Test
    void arpRequest()
    {
        final ArpFlyweight arp = new ArpFlyweight().wrap(golden("arp-request-reply"), 14);
        assertTrue(arp.isEthernetIpv4());
        assertEquals(ArpFlyweight.OPERATION_REQUEST, arp.operation());
        assertEquals(0x02_00_00_00_00_01L, arp.senderMac());
        assertEquals(0xC61200FE, arp.senderAddress());
        assertEquals(0xC6120064, arp.targetAddress());
    }

    @Test
    void vrrpV2WithPassword()
    {
        final UnsafeBuffer buffer = golden("vrrp-v2-pass-stop");
        final VrrpFlyweight vrrp = new VrrpFlyweight().wrap(buffer, frame.l4Offset());
        assertEquals(2, vrrp.version());
        assertEquals(VrrpFlyweight.TYPE_ADVERTISEMENT, vrrp.type());
        assertEquals(51, vrrp.virtualRouterId());
        assertEquals(100, vrrp.priority());
        assertEquals(1, vrrp.addressCount());
        assertEquals(VrrpFlyweight.AUTH_TYPE_PASS, vrrp.authType());
        assertEquals(1, vrrp.advertIntervalSeconds());
        assertEquals(0xC6120064, vrrp.ipv4Address(0));
        assertTrue(vrrp.authDataMatches("secret".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(vrrp.authDataMatches("secreT".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(20, vrrp.lengthV2());
        assertEquals(0, Checksums.checksum(buffer, frame.l4Offset(), vrrp.lengthV2()));
        vrrp.authData("other".getBytes(StandardCharsets.US_ASCII));
        assertTrue(vrrp.authDataMatches("other".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void vrrpV3()
    {
        final VrrpFlyweight vrrp = new VrrpFlyweight().wrap(golden("vrrp-v3-stop"), frame.l4Offset());
        assertEquals(3, vrrp.version());
        assertEquals(150, vrrp.priority());
        assertEquals(100, vrrp.maxAdvertIntervalCentiseconds());
        assertEquals(2, vrrp.addressCount());
        assertEquals(0xC6120065, vrrp.ipv4Address(1));
        assertEquals(16, vrrp.lengthV3(false));
        final int checksum = vrrp.checksum();
        vrrp.updateChecksumV3(frame.sourceAddress(), frame.destinationAddress(), 16);
        assertEquals(checksum, vrrp.checksum());
        vrrp.maxAdvertIntervalCentiseconds(4095);
        assertEquals(4095, vrrp.maxAdvertIntervalCentiseconds());
        assertEquals(150, vrrp.priority());
    }

    @Test
    void ipipDecapsulateRefusesOtherProtocols()
    {
        final IpipTunnel ipip = new IpipTunnel();
        final UnsafeBuffer buffer = golden("ipv4-tcp-syn-dr");
        assertEquals(-1, ipip.decapsulate(buffer, 14, frame.l3Length()));
        final UnsafeBuffer tunnelled = golden("ipip-decap");
        assertEquals(34, ipip.decapsulate(tunnelled, 14, frame.l3Length()));
        assertEquals(-1, ipip.decapsulate(tunnelled, 14, 39));
    }
}
