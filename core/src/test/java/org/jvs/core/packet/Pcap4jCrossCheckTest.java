package org.jvs.core.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

/**
 * pcap4j's parsers and checksums as an independent check of ours, over thousands of seeded random packets:
 * frames pcap4j builds (with its own lengths and checksums) parse to the same fields and checksums with jvs;
 * frames jvs builds parse with pcap4j to the same fields and pass pcap4j's checksum checks.
 */
class Pcap4jCrossCheckTest
{
    private static final int CASES = 3000;

    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    @Test
    void framesPcap4jBuildsParseTheSameWithJvs() throws UnknownHostException
    {
        final Random random = new Random(20261122);
        final Pcap4jFrames pcap4j = new Pcap4jFrames(random);
        int withOptions = 0;
        int withExtensions = 0;
        for (int i = 0; i < CASES; i++)
        {
            final EthernetPacket ethernet = pcap4j.next();
            final byte[] raw = ethernet.getRawData();
            final UnsafeBuffer buffer = new UnsafeBuffer(raw);
            final String where = "case " + i + ": " + ethernet;
            assertEquals(DropReason.NONE, parser.parse(buffer, 0, raw.length, frame), where);
            if (ethernet.contains(IpV4Packet.class))
            {
                checkIpv4(ethernet.get(IpV4Packet.class), buffer, where);
                withOptions += frame.l3HeaderLength() > 20 ? 1 : 0;
            }
            else
            {
                checkIpv6(ethernet.get(IpV6Packet.class), where);
                withExtensions += frame.l3HeaderLength() > 40 ? 1 : 0;
            }
            checkTransport(ethernet, buffer, where);
        }
        assertTrue(withOptions > CASES / 10, "IPv4 options met " + withOptions + " times");
        assertTrue(withExtensions > CASES / 10, "IPv6 extension headers met " + withExtensions + " times");
    }

    private void checkIpv4(final IpV4Packet ip, final UnsafeBuffer buffer, final String where)
    {
        final IpV4Packet.IpV4Header header = ip.getHeader();
        assertEquals(ParsedFrame.FAMILY_IPV4, frame.family(), where);
        assertEquals(header.getTotalLengthAsInt(), frame.l3Length(), where);
        assertEquals(header.getIhlAsInt() * 4, frame.l3HeaderLength(), where);
        assertEquals(header.getTtlAsInt(), frame.ttl(), where);
        assertEquals(header.getProtocol().value() & 0xFF, frame.l4Protocol(), where);
        assertEquals(word(header.getSrcAddr().getAddress(), 0), frame.sourceAddress(), where);
        assertEquals(word(header.getDstAddr().getAddress(), 0), frame.destinationAddress(), where);
        final Ipv4Flyweight ipv4 = new Ipv4Flyweight().wrap(buffer, frame.l3Offset());
        assertEquals(header.getHeaderChecksum() & 0xFFFF, ipv4.checksum(), where);
        ipv4.updateChecksum();
        assertEquals(header.getHeaderChecksum() & 0xFFFF, ipv4.checksum(), "recomputed, " + where);
        assertEquals(header.getDontFragmentFlag(), ipv4.dontFragment(), where);
    }

    private void checkIpv6(final IpV6Packet ip, final String where)
    {
        final IpV6Packet.IpV6Header header = ip.getHeader();
        assertEquals(ParsedFrame.FAMILY_IPV6, frame.family(), where);
        assertEquals(40 + header.getPayloadLengthAsInt(), frame.l3Length(), where);
        assertEquals(header.getHopLimitAsInt(), frame.ttl(), where);
        for (int w = 0; w < 4; w++)
        {
            assertEquals(word(header.getSrcAddr().getAddress(), w), frame.sourceWord(w), where);
            assertEquals(word(header.getDstAddr().getAddress(), w), frame.destinationWord(w), where);
        }
    }

    private void checkTransport(final EthernetPacket ethernet, final UnsafeBuffer buffer, final String where)
    {
        final Packet l4 = transport(ethernet);
        assertNotNull(l4, where);
        final int l4Length = l4.length();
        assertEquals(l4Length, frame.l4Length(), where);
        assertEquals(ethernet.length() - ethernet.getPad().length - l4Length, frame.l4Offset(), where);
        final int checksumOffset;
        final int expected;
        if (l4 instanceof TcpPacket)
        {
            final TcpPacket.TcpHeader tcp = ((TcpPacket)l4).getHeader();
            assertEquals(tcp.getSrcPort().valueAsInt(), frame.sourcePort(), where);
            assertEquals(tcp.getDstPort().valueAsInt(), frame.destinationPort(), where);
            assertEquals(tcp.length(), frame.payloadOffset() - frame.l4Offset(), where);
            checksumOffset = TcpFlyweight.CHECKSUM_OFFSET;
            expected = tcp.getChecksum() & 0xFFFF;
        }
        else if (l4 instanceof UdpPacket)
        {
            final UdpPacket.UdpHeader udp = ((UdpPacket)l4).getHeader();
            assertEquals(udp.getSrcPort().valueAsInt(), frame.sourcePort(), where);
            assertEquals(udp.getDstPort().valueAsInt(), frame.destinationPort(), where);
            assertEquals(udp.getLengthAsInt() - 8, frame.payloadLength(), where);
            checksumOffset = UdpFlyweight.CHECKSUM_OFFSET;
            expected = udp.getChecksum() & 0xFFFF;
        }
        else if (l4 instanceof IcmpV4CommonPacket)
        {
            final IcmpV4CommonPacket.IcmpV4CommonHeader icmp = ((IcmpV4CommonPacket)l4).getHeader();
            assertEquals(icmp.getType().value() & 0xFF, frame.icmpType(), where);
            checksumOffset = IcmpFlyweight.CHECKSUM_OFFSET;
            expected = icmp.getChecksum() & 0xFFFF;
        }
        else
        {
            final IcmpV6CommonPacket.IcmpV6CommonHeader icmpv6 = ((IcmpV6CommonPacket)l4).getHeader();
            assertEquals(icmpv6.getType().value() & 0xFF, frame.icmpType(), where);
            checksumOffset = Icmpv6Flyweight.CHECKSUM_OFFSET;
            expected = icmpv6.getChecksum() & 0xFFFF;
        }
        assertEquals(0, ourChecksum(buffer), "pcap4j's checksum fails jvs's check, " + where);
        buffer.putShort(frame.l4Offset() + checksumOffset, (short)0);
        final int computed = ourChecksum(buffer);
        assertEquals(expected, l4 instanceof UdpPacket ? Checksums.udpChecksum(computed) : computed, where);
    }

    private int ourChecksum(final UnsafeBuffer buffer)
    {
        if (frame.l4Protocol() == Ipv4Flyweight.PROTOCOL_ICMP)
        {
            return Checksums.checksum(buffer, frame.l4Offset(), frame.l4Length());
        }
        if (frame.family() == ParsedFrame.FAMILY_IPV6)
        {
            return Checksums.transportChecksumIpv6(buffer, frame.l3Offset() + Ipv6Flyweight.SOURCE_ADDRESS_OFFSET,
                frame.l3Offset() + Ipv6Flyweight.DESTINATION_ADDRESS_OFFSET, frame.l4Offset(), frame.l4Length(),
                frame.l4Protocol());
        }
        return Checksums.transportChecksumIpv4(buffer, frame.l4Offset(), frame.l4Length(), frame.sourceAddress(),
            frame.destinationAddress(), frame.l4Protocol());
    }

    private static Packet transport(final Packet packet)
    {
        if (packet.contains(TcpPacket.class))
        {
            return packet.get(TcpPacket.class);
        }
        if (packet.contains(UdpPacket.class))
        {
            return packet.get(UdpPacket.class);
        }
        if (packet.contains(IcmpV4CommonPacket.class))
        {
            return packet.get(IcmpV4CommonPacket.class);
        }
        return packet.get(IcmpV6CommonPacket.class);
    }

    @Test
    void framesJvsBuildsParseTheSameWithPcap4j() throws IllegalRawDataException, UnknownHostException
    {
        final Random random = new Random(1122);
        final RandomFrames frames = new RandomFrames();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RandomFrames.MAX_FRAME]);
        for (int i = 0; i < CASES; i++)
        {
            final boolean isIpv6 = random.nextBoolean();
            final int protocol = random.nextBoolean() ? Ipv4Flyweight.PROTOCOL_TCP : Ipv4Flyweight.PROTOCOL_UDP;
            final int length = frames.build(buffer, random, isIpv6, protocol);
            assertEquals(DropReason.NONE, parser.parse(buffer, 0, length, frame));
            final byte[] raw = Arrays.copyOf(buffer.byteArray(), length);
            final EthernetPacket ethernet = EthernetPacket.newPacket(raw, 0, length);
            final String where = "case " + i + ": " + ethernet;
            final InetAddress source;
            final InetAddress destination;
            if (isIpv6)
            {
                final IpV6Packet.IpV6Header header = ethernet.get(IpV6Packet.class).getHeader();
                source = header.getSrcAddr();
                destination = header.getDstAddr();
                assertEquals(frame.ttl(), header.getHopLimitAsInt(), where);
                assertArrayEquals(address(frame, true, true), source.getAddress(), where);
            }
            else
            {
                final IpV4Packet.IpV4Header header = ethernet.get(IpV4Packet.class).getHeader();
                source = header.getSrcAddr();
                destination = header.getDstAddr();
                assertTrue(header.hasValidChecksum(false), where);
                assertEquals(frame.l3HeaderLength(), header.getIhlAsInt() * 4, where);
                assertEquals(frame.ttl(), header.getTtlAsInt(), where);
                assertArrayEquals(address(frame, false, false), destination.getAddress(), where);
            }
            checkPcap4jTransport(ethernet, protocol, source, destination, where);
        }
    }

    private void checkPcap4jTransport(
        final EthernetPacket ethernet,
        final int protocol,
        final InetAddress source,
        final InetAddress destination,
        final String where)
    {
        if (protocol == Ipv4Flyweight.PROTOCOL_TCP)
        {
            final TcpPacket tcp = ethernet.get(TcpPacket.class);
            assertNotNull(tcp, where);
            assertTrue(tcp.hasValidChecksum(source, destination, false), where);
            assertEquals(frame.sourcePort(), tcp.getHeader().getSrcPort().valueAsInt(), where);
            assertEquals(frame.destinationPort(), tcp.getHeader().getDstPort().valueAsInt(), where);
            assertEquals(frame.payloadOffset() - frame.l4Offset(), tcp.getHeader().getDataOffsetAsInt() * 4, where);
        }
        else
        {
            final UdpPacket udp = ethernet.get(UdpPacket.class);
            assertNotNull(udp, where);
            assertTrue(udp.hasValidChecksum(source, destination, source instanceof Inet4Address), where);
            assertEquals(frame.sourcePort(), udp.getHeader().getSrcPort().valueAsInt(), where);
            assertEquals(frame.destinationPort(), udp.getHeader().getDstPort().valueAsInt(), where);
            assertEquals(frame.payloadLength() + 8, udp.getHeader().getLengthAsInt(), where);
        }
    }

    private static byte[] address(final ParsedFrame frame, final boolean isIpv6, final boolean source)
    {
        final byte[] bytes = new byte[isIpv6 ? 16 : 4];
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        for (int w = 0; w < bytes.length / 4; w++)
        {
            view.putInt(w * 4, source ? frame.sourceWord(w) : frame.destinationWord(w), java.nio.ByteOrder.BIG_ENDIAN);
        }
        return bytes;
    }

    static int word(final byte[] address, final int index)
    {
        return new UnsafeBuffer(address).getInt(index * 4, java.nio.ByteOrder.BIG_ENDIAN);
    }

    static Inet6Address ipv6(final byte[] bytes) throws UnknownHostException
    {
        return (Inet6Address)InetAddress.getByAddress(bytes);
    }
}
