package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Reads an Ethernet frame once, layer by layer, into a {@link ParsedFrame}, and names what is wrong with it.
 * <p>
 * Checks, in order: Ethernet (one 802.1Q tag at most), then IPv4 (version, IHL, total length against the
 * frame, header checksum, TTL 0, fragments), IPv6 (version, payload length against the frame, hop limit 0,
 * extension headers, fragments) or ARP (Ethernet/IPv4), then TCP (data offset), UDP (length), ICMP and
 * ICMPv6 (the quoted header of errors), VRRP (fixed header). Bytes after the IP packet are frame padding
 * (Ethernet's 60-byte minimum) and are ignored. Other IP protocols pass with their L4 offset filled.
 * <p>
 * Reads only inside {@code [offset, offset + length)}, never throws for any content, allocates nothing;
 * one instance per worker.
 */
public final class FrameParser
{
    private final Ipv6ExtensionWalk extensionWalk = new Ipv6ExtensionWalk();

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts (the destination MAC).
     * @param length frame length (without FCS).
     * @param frame  filled with what was found.
     * @return {@link DropReason#NONE} when the frame is whole, {@link DropReason#FRAGMENT} for a well-formed
     * fragment, otherwise why it is malformed.
     */
    public DropReason parse(final DirectBuffer buffer, final int offset, final int length, final ParsedFrame frame)
    {
        frame.reset(offset, length);
        if (length < EthernetFlyweight.HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_ETHERNET;
        }
        int etherType = u16(buffer, offset + EthernetFlyweight.ETHER_TYPE_OFFSET);
        int l3Offset = offset + EthernetFlyweight.HEADER_LENGTH;
        if (etherType == EthernetFlyweight.ETHER_TYPE_VLAN)
        {
            if (length < EthernetFlyweight.TAGGED_HEADER_LENGTH)
            {
                return DropReason.TRUNCATED_VLAN;
            }
            frame.vlanId = u16(buffer, offset + EthernetFlyweight.TCI_OFFSET) & 0x0FFF;
            etherType = u16(buffer, offset + EthernetFlyweight.TAGGED_ETHER_TYPE_OFFSET);
            l3Offset = offset + EthernetFlyweight.TAGGED_HEADER_LENGTH;
        }
        frame.etherType = etherType;
        final int end = offset + length;
        switch (etherType)
        {
            case EthernetFlyweight.ETHER_TYPE_IPV4:
                frame.l3Offset = l3Offset;
                return parseIpv4(buffer, l3Offset, end, frame);
            case EthernetFlyweight.ETHER_TYPE_IPV6:
                frame.l3Offset = l3Offset;
                return parseIpv6(buffer, l3Offset, end, frame);
            case EthernetFlyweight.ETHER_TYPE_ARP:
                frame.l3Offset = l3Offset;
                return parseArp(buffer, l3Offset, end);
            default:
                return DropReason.UNSUPPORTED_ETHERTYPE;
        }
    }

    private static DropReason parseArp(final DirectBuffer buffer, final int at, final int end)
    {
        if (end - at < ArpFlyweight.LENGTH)
        {
            return DropReason.TRUNCATED_ARP;
        }
        final boolean ethernetIpv4 =
            u16(buffer, at + ArpFlyweight.HARDWARE_TYPE_OFFSET) == ArpFlyweight.HARDWARE_TYPE_ETHERNET &&
            u16(buffer, at + ArpFlyweight.PROTOCOL_TYPE_OFFSET) == EthernetFlyweight.ETHER_TYPE_IPV4 &&
            u8(buffer, at + ArpFlyweight.HARDWARE_LENGTH_OFFSET) == 6 &&
            u8(buffer, at + ArpFlyweight.PROTOCOL_LENGTH_OFFSET) == 4;
        return ethernetIpv4 ? DropReason.NONE : DropReason.UNSUPPORTED_ARP;
    }

    private static DropReason parseIpv4(
        final DirectBuffer buffer, final int at, final int end, final ParsedFrame frame)
    {
        final int available = end - at;
        if (available < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_IPV4;
        }
        final int versionIhl = u8(buffer, at + Ipv4Flyweight.VERSION_IHL_OFFSET);
        if ((versionIhl >>> 4) != Ipv4Flyweight.VERSION)
        {
            return DropReason.BAD_IP_VERSION;
        }
        final int headerLength = (versionIhl & 0x0F) << 2;
        if (headerLength < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return DropReason.IHL_TOO_SMALL;
        }
        if (headerLength > available)
        {
            return DropReason.TRUNCATED_IPV4;
        }
        final int totalLength = u16(buffer, at + Ipv4Flyweight.TOTAL_LENGTH_OFFSET);
        if (totalLength < headerLength)
        {
            return DropReason.TOTAL_LENGTH_TOO_SMALL;
        }
        if (totalLength > available)
        {
            return DropReason.TOTAL_LENGTH_BEYOND_FRAME;
        }
        if (Checksums.checksum(buffer, at, headerLength) != 0)
        {
            return DropReason.BAD_IPV4_CHECKSUM;
        }
        fillIpv4(buffer, at, headerLength, totalLength, frame);
        if (frame.ttl == 0)
        {
            return DropReason.TTL_EXPIRED;
        }
        final int fragmentField = u16(buffer, at + Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET);
        if ((fragmentField & (Ipv4Flyweight.FLAG_MF | Ipv4Flyweight.FRAGMENT_OFFSET_MASK)) != 0)
        {
            frame.fragment = true;
            frame.fragmentOffset = fragmentField & Ipv4Flyweight.FRAGMENT_OFFSET_MASK;
            frame.moreFragments = (fragmentField & Ipv4Flyweight.FLAG_MF) != 0;
            return onFragment(buffer, frame);
        }
        return parseTransport(buffer, frame);
    }

    private static void fillIpv4(
        final DirectBuffer buffer, final int at, final int headerLength, final int totalLength, final ParsedFrame frame)
    {
        frame.family = ParsedFrame.FAMILY_IPV4;
        frame.l3Length = totalLength;
        frame.l3HeaderLength = headerLength;
        frame.ttl = u8(buffer, at + Ipv4Flyweight.TTL_OFFSET);
        frame.fragmentIdentification = u16(buffer, at + Ipv4Flyweight.IDENTIFICATION_OFFSET);
        frame.source[0] = buffer.getInt(at + Ipv4Flyweight.SOURCE_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
        frame.destination[0] = buffer.getInt(at + Ipv4Flyweight.DESTINATION_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
        frame.l4Protocol = u8(buffer, at + Ipv4Flyweight.PROTOCOL_OFFSET);
        frame.l4Offset = at + headerLength;
        frame.l4Length = totalLength - headerLength;
    }

    private DropReason parseIpv6(final DirectBuffer buffer, final int at, final int end, final ParsedFrame frame)
    {
        if (end - at < Ipv6Flyweight.HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_IPV6;
        }
        if ((u8(buffer, at) >>> 4) != Ipv6Flyweight.VERSION)
        {
            return DropReason.BAD_IP_VERSION;
        }
        final int packetLength = Ipv6Flyweight.HEADER_LENGTH + u16(buffer, at + Ipv6Flyweight.PAYLOAD_LENGTH_OFFSET);
        if (packetLength > end - at)
        {
            return DropReason.TOTAL_LENGTH_BEYOND_FRAME;
        }
        frame.family = ParsedFrame.FAMILY_IPV6;
        frame.l3Length = packetLength;
        frame.ttl = u8(buffer, at + Ipv6Flyweight.HOP_LIMIT_OFFSET);
        for (int i = 0; i < 4; i++)
        {
            frame.source[i] = buffer.getInt(at + Ipv6Flyweight.SOURCE_ADDRESS_OFFSET + (i << 2), ByteOrder.BIG_ENDIAN);
            frame.destination[i] =
                buffer.getInt(at + Ipv6Flyweight.DESTINATION_ADDRESS_OFFSET + (i << 2), ByteOrder.BIG_ENDIAN);
        }
        if (frame.ttl == 0)
        {
            return DropReason.HOP_LIMIT_EXPIRED;
        }
        final Ipv6ExtensionWalk walk = extensionWalk;
        final int nextHeader = u8(buffer, at + Ipv6Flyweight.NEXT_HEADER_OFFSET);
        final DropReason walkReason =
            walk.walk(buffer, nextHeader, at + Ipv6Flyweight.HEADER_LENGTH, at + packetLength);
        if (walkReason != DropReason.NONE)
        {
            return walkReason;
        }
        frame.l3HeaderLength = walk.upperLayerOffset() - at;
        frame.l4Protocol = walk.upperLayerProtocol();
        frame.l4Offset = walk.upperLayerOffset();
        frame.l4Length = at + packetLength - frame.l4Offset;
        if (walk.isFragment())
        {
            frame.fragment = true;
            frame.fragmentOffset = walk.fragmentOffset();
            frame.moreFragments = walk.moreFragments();
            frame.fragmentIdentification = walk.fragmentIdentification();
            return onFragment(buffer, frame);
        }
        return parseTransport(buffer, frame);
    }

    private static DropReason onFragment(final DirectBuffer buffer, final ParsedFrame frame)
    {
        final int protocol = frame.l4Protocol;
        if (frame.fragmentOffset == 0 && frame.l4Length >= 4 &&
            (protocol == Ipv4Flyweight.PROTOCOL_TCP || protocol == Ipv4Flyweight.PROTOCOL_UDP))
        {
            frame.sourcePort = u16(buffer, frame.l4Offset);
            frame.destinationPort = u16(buffer, frame.l4Offset + 2);
        }
        return DropReason.FRAGMENT;
    }

    private static DropReason parseTransport(final DirectBuffer buffer, final ParsedFrame frame)
    {
        switch (frame.l4Protocol)
        {
            case Ipv4Flyweight.PROTOCOL_TCP:
                return parseTcp(buffer, frame);
            case Ipv4Flyweight.PROTOCOL_UDP:
                return parseUdp(buffer, frame);
            case Ipv4Flyweight.PROTOCOL_ICMP:
                return frame.family == ParsedFrame.FAMILY_IPV4 ? parseIcmp(buffer, frame) : passThrough(frame);
            case Ipv4Flyweight.PROTOCOL_ICMPV6:
                return frame.family == ParsedFrame.FAMILY_IPV6 ? parseIcmpv6(buffer, frame) : passThrough(frame);
            case Ipv4Flyweight.PROTOCOL_VRRP:
                if (frame.l4Length < VrrpFlyweight.HEADER_LENGTH)
                {
                    return DropReason.TRUNCATED_VRRP;
                }
                return passThrough(frame);
            default:
                return passThrough(frame);
        }
    }

    private static DropReason passThrough(final ParsedFrame frame)
    {
        frame.payloadOffset = frame.l4Offset;
        frame.payloadLength = frame.l4Length;
        return DropReason.NONE;
    }

    private static DropReason parseTcp(final DirectBuffer buffer, final ParsedFrame frame)
    {
        final int at = frame.l4Offset;
        if (frame.l4Length < TcpFlyweight.MIN_HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_TCP;
        }
        final int headerLength = (u8(buffer, at + TcpFlyweight.DATA_OFFSET_OFFSET) >>> 4) << 2;
        if (headerLength < TcpFlyweight.MIN_HEADER_LENGTH)
        {
            return DropReason.TCP_DATA_OFFSET_TOO_SMALL;
        }
        if (headerLength > frame.l4Length)
        {
            return DropReason.TRUNCATED_TCP;
        }
        frame.sourcePort = u16(buffer, at + TcpFlyweight.SOURCE_PORT_OFFSET);
        frame.destinationPort = u16(buffer, at + TcpFlyweight.DESTINATION_PORT_OFFSET);
        frame.tcpFlags = u8(buffer, at + TcpFlyweight.FLAGS_OFFSET);
        frame.payloadOffset = at + headerLength;
        frame.payloadLength = frame.l4Length - headerLength;
        return DropReason.NONE;
    }

    private static DropReason parseUdp(final DirectBuffer buffer, final ParsedFrame frame)
    {
        final int at = frame.l4Offset;
        if (frame.l4Length < UdpFlyweight.HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_UDP;
        }
        final int udpLength = u16(buffer, at + UdpFlyweight.LENGTH_OFFSET);
        if (udpLength < UdpFlyweight.HEADER_LENGTH || udpLength > frame.l4Length)
        {
            return DropReason.UDP_LENGTH_MISMATCH;
        }
        frame.sourcePort = u16(buffer, at + UdpFlyweight.SOURCE_PORT_OFFSET);
        frame.destinationPort = u16(buffer, at + UdpFlyweight.DESTINATION_PORT_OFFSET);
        frame.payloadOffset = at + UdpFlyweight.HEADER_LENGTH;
        frame.payloadLength = udpLength - UdpFlyweight.HEADER_LENGTH;
        return DropReason.NONE;
    }

    private static DropReason parseIcmp(final DirectBuffer buffer, final ParsedFrame frame)
    {
        final int at = frame.l4Offset;
        if (frame.l4Length < IcmpFlyweight.HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_ICMP;
        }
        frame.icmpType = u8(buffer, at + IcmpFlyweight.TYPE_OFFSET);
        frame.icmpCode = u8(buffer, at + IcmpFlyweight.CODE_OFFSET);
        frame.payloadOffset = at + IcmpFlyweight.HEADER_LENGTH;
        frame.payloadLength = frame.l4Length - IcmpFlyweight.HEADER_LENGTH;
        if (IcmpFlyweight.isError(frame.icmpType))
        {
            final int inner = frame.payloadOffset;
            final int quoted = frame.payloadLength;
            if (quoted < Ipv4Flyweight.MIN_HEADER_LENGTH + IcmpFlyweight.QUOTED_DATA_LENGTH ||
                (u8(buffer, inner) >>> 4) != Ipv4Flyweight.VERSION ||
                (u8(buffer, inner) & 0x0F) < Ipv4Flyweight.MIN_IHL ||
                ((u8(buffer, inner) & 0x0F) << 2) + IcmpFlyweight.QUOTED_DATA_LENGTH > quoted)
            {
                return DropReason.BAD_ICMP_INNER;
            }
            frame.innerL3Offset = inner;
        }
        return DropReason.NONE;
    }

    private static DropReason parseIcmpv6(final DirectBuffer buffer, final ParsedFrame frame)
    {
        final int at = frame.l4Offset;
        if (frame.l4Length < Icmpv6Flyweight.HEADER_LENGTH)
        {
            return DropReason.TRUNCATED_ICMPV6;
        }
        frame.icmpType = u8(buffer, at + Icmpv6Flyweight.TYPE_OFFSET);
        frame.icmpCode = u8(buffer, at + Icmpv6Flyweight.CODE_OFFSET);
        frame.payloadOffset = at + Icmpv6Flyweight.HEADER_LENGTH;
        frame.payloadLength = frame.l4Length - Icmpv6Flyweight.HEADER_LENGTH;
        if (Icmpv6Flyweight.isError(frame.icmpType))
        {
            final int inner = frame.payloadOffset;
            if (frame.payloadLength < Ipv6Flyweight.HEADER_LENGTH + IcmpFlyweight.QUOTED_DATA_LENGTH ||
                (u8(buffer, inner) >>> 4) != Ipv6Flyweight.VERSION)
            {
                return DropReason.BAD_ICMP_INNER;
            }
            frame.innerL3Offset = inner;
        }
        return DropReason.NONE;
    }

    private static int u8(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index) & 0xFF;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }
}
