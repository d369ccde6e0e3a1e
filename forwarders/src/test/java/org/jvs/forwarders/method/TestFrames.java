package org.jvs.forwarders.method;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.ArpFlyweight;
import org.jvs.core.packet.Checksums;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.IcmpFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.packet.TcpFlyweight;
import org.jvs.core.packet.UdpFlyweight;

/**
 * Builds test frames with full, correct checksums (checked independently by pcap4j in the tests).
 */
final class TestFrames
{
    static final int ETH = EthernetFlyweight.HEADER_LENGTH;
    static final int IP = Ipv4Flyweight.MIN_HEADER_LENGTH;

    private TestFrames()
    {
    }

    static UnsafeBuffer tcp(
        final long srcMac, final long dstMac, final int srcIp, final int dstIp, final int sport, final int dport,
        final int flags, final int payload, final boolean dontFragment)
    {
        final int l4 = TcpFlyweight.MIN_HEADER_LENGTH + payload;
        final UnsafeBuffer b = ip(srcMac, dstMac, srcIp, dstIp, Ipv4Flyweight.PROTOCOL_TCP, l4, dontFragment);
        b.putShort(ETH + IP, (short)sport, java.nio.ByteOrder.BIG_ENDIAN);
        b.putShort(ETH + IP + 2, (short)dport, java.nio.ByteOrder.BIG_ENDIAN);
        b.putInt(ETH + IP + 4, 1000, java.nio.ByteOrder.BIG_ENDIAN);
        b.putByte(ETH + IP + 12, (byte)0x50);
        b.putByte(ETH + IP + 13, (byte)flags);
        b.putShort(ETH + IP + 14, (short)64240, java.nio.ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < payload; i++)
        {
            b.putByte(ETH + IP + 20 + i, (byte)('a' + i % 26));
        }
        b.putShort(ETH + IP + 16, (short)Checksums.transportChecksumIpv4(b, ETH + IP, l4, srcIp, dstIp,
            Ipv4Flyweight.PROTOCOL_TCP), java.nio.ByteOrder.BIG_ENDIAN);
        return b;
    }

    static UnsafeBuffer udp(
        final long srcMac, final long dstMac, final int srcIp, final int dstIp, final int sport, final int dport,
        final int payload)
    {
        final int l4 = UdpFlyweight.HEADER_LENGTH + payload;
        final UnsafeBuffer b = ip(srcMac, dstMac, srcIp, dstIp, Ipv4Flyweight.PROTOCOL_UDP, l4, false);
        b.putShort(ETH + IP, (short)sport, java.nio.ByteOrder.BIG_ENDIAN);
        b.putShort(ETH + IP + 2, (short)dport, java.nio.ByteOrder.BIG_ENDIAN);
        b.putShort(ETH + IP + 4, (short)l4, java.nio.ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < payload; i++)
        {
            b.putByte(ETH + IP + 8 + i, (byte)('0' + i % 10));
        }
        b.putShort(ETH + IP + 6, (short)Checksums.udpChecksum(Checksums.transportChecksumIpv4(b, ETH + IP, l4,
            srcIp, dstIp, Ipv4Flyweight.PROTOCOL_UDP)), java.nio.ByteOrder.BIG_ENDIAN);
        return b;
    }

    static UnsafeBuffer echoRequest(final long srcMac, final long dstMac, final int srcIp, final int dstIp)
    {
        final int l4 = IcmpFlyweight.HEADER_LENGTH + 16;
        final UnsafeBuffer b = ip(srcMac, dstMac, srcIp, dstIp, Ipv4Flyweight.PROTOCOL_ICMP, l4, false);
        new IcmpFlyweight().wrap(b, ETH + IP).type(IcmpFlyweight.TYPE_ECHO_REQUEST).code(0).identifier(7)
            .sequence(1).updateChecksum(l4);
        return b;
    }

    /**
     * An ICMP error quoting the first 28 bytes (IP header + 8) of an IPv4 packet.
     */
    static UnsafeBuffer icmpError(
        final long srcMac, final long dstMac, final int srcIp, final int dstIp, final int type, final int code,
        final UnsafeBuffer quotedFrame)
    {
        final int quote = IP + 8;
        final int l4 = IcmpFlyweight.HEADER_LENGTH + quote;
        final UnsafeBuffer b = ip(srcMac, dstMac, srcIp, dstIp, Ipv4Flyweight.PROTOCOL_ICMP, l4, false);
        b.putBytes(ETH + IP + IcmpFlyweight.HEADER_LENGTH, quotedFrame, ETH, quote);
        new IcmpFlyweight().wrap(b, ETH + IP).type(type).code(code).identifier(0).sequence(0).updateChecksum(l4);
        return b;
    }

    /**
     * Splits an IPv4 frame's payload at {@code firstBytes} (a multiple of 8) into a first and a later fragment.
     */
    static UnsafeBuffer[] fragments(final UnsafeBuffer whole, final int firstBytes)
    {
        final int total = whole.getShort(ETH + 2, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int payload = total - IP;
        final UnsafeBuffer first = new UnsafeBuffer(new byte[Math.max(60, ETH + IP + firstBytes)]);
        first.putBytes(0, whole, 0, ETH + IP + firstBytes);
        final Ipv4Flyweight ip1 = new Ipv4Flyweight().wrap(first, ETH);
        ip1.totalLength(IP + firstBytes).flagsAndFragmentOffset(Ipv4Flyweight.FLAG_MF).updateChecksum();
        final UnsafeBuffer later = new UnsafeBuffer(new byte[Math.max(60, ETH + IP + payload - firstBytes)]);
        later.putBytes(0, whole, 0, ETH + IP);
        later.putBytes(ETH + IP, whole, ETH + IP + firstBytes, payload - firstBytes);
        final Ipv4Flyweight ip2 = new Ipv4Flyweight().wrap(later, ETH);
        ip2.totalLength(IP + payload - firstBytes).flagsAndFragmentOffset(firstBytes / 8).updateChecksum();
        return new UnsafeBuffer[] {first, later};
    }

    static UnsafeBuffer arpRequest(final long srcMac, final int srcIp, final int target)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[60]);
        new EthernetFlyweight().wrap(b, 0).destinationMac(EthernetFlyweight.BROADCAST_MAC).sourceMac(srcMac)
            .etherType(EthernetFlyweight.ETHER_TYPE_ARP);
        new ArpFlyweight().wrap(b, ETH).ethernetIpv4().operation(ArpFlyweight.OPERATION_REQUEST)
            .senderMac(srcMac).senderAddress(srcIp).targetMac(0).targetAddress(target);
        return b;
    }

    static UnsafeBuffer arpReply(final long srcMac, final int srcIp, final long dstMac, final int dstIp)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[60]);
        new EthernetFlyweight().wrap(b, 0).destinationMac(dstMac).sourceMac(srcMac)
            .etherType(EthernetFlyweight.ETHER_TYPE_ARP);
        new ArpFlyweight().wrap(b, ETH).ethernetIpv4().operation(ArpFlyweight.OPERATION_REPLY)
            .senderMac(srcMac).senderAddress(srcIp).targetMac(dstMac).targetAddress(dstIp);
        return b;
    }

    private static UnsafeBuffer ip(
        final long srcMac, final long dstMac, final int srcIp, final int dstIp, final int protocol, final int l4,
        final boolean dontFragment)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[Math.max(60, ETH + IP + l4)]);
        new EthernetFlyweight().wrap(b, 0).destinationMac(dstMac).sourceMac(srcMac)
            .etherType(EthernetFlyweight.ETHER_TYPE_IPV4);
        new Ipv4Flyweight().wrap(b, ETH).fill(IP + l4, 4321, dontFragment ? Ipv4Flyweight.FLAG_DF : 0, 64,
            protocol, srcIp, dstIp, 0);
        return b;
    }

    static int length(final UnsafeBuffer frame)
    {
        final int ipLength = frame.getShort(ETH + 2, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
        return frame.getShort(12, java.nio.ByteOrder.BIG_ENDIAN) == EthernetFlyweight.ETHER_TYPE_ARP ?
            60 : Math.max(60, ETH + ipLength);
    }
}
