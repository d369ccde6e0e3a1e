package org.jvs.core.packet;

import org.agrona.MutableDirectBuffer;
import org.jvs.core.service.InetAddr;

/**
 * Rewrites an address and port of a parsed frame in place, as LVS's NAT method does (VIP:port to RIP:port
 * on the way in, back on the way out), updating every checksum incrementally (RFC 1624): the IPv4 header's,
 * and TCP's, UDP's (a UDP checksum of 0 stays 0) or ICMPv6's through the pseudo-header. A later fragment has
 * no transport header: only the IP layer is changed. One instance per worker; nothing allocates.
 */
public final class NatRewriter
{
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final Ipv6Flyweight ipv6 = new Ipv6Flyweight();
    private final TcpFlyweight tcp = new TcpFlyweight();
    private final UdpFlyweight udp = new UdpFlyweight();
    private final Icmpv6Flyweight icmpv6 = new Icmpv6Flyweight();

    /**
     * Destination NAT of an IPv4 frame.
     *
     * @param buffer  holding the frame.
     * @param frame   the frame as parsed from this buffer.
     * @param address new destination address.
     * @param port    new destination port (TCP/UDP; ignored for other protocols).
     */
    public void ipv4Destination(
        final MutableDirectBuffer buffer, final ParsedFrame frame, final int address, final int port)
    {
        ipv4.wrap(buffer, frame.l3Offset());
        final int old = ipv4.destinationAddress();
        ipv4.rewriteDestinationAddress(address);
        onAddressWord(buffer, frame, old, address);
        onPort(buffer, frame, false, port);
    }

    /**
     * Source NAT of an IPv4 frame (a real server's reply going back out as the VIP).
     *
     * @param buffer  holding the frame.
     * @param frame   the frame as parsed from this buffer.
     * @param address new source address.
     * @param port    new source port.
     */
    public void ipv4Source(
        final MutableDirectBuffer buffer, final ParsedFrame frame, final int address, final int port)
    {
        ipv4.wrap(buffer, frame.l3Offset());
        final int old = ipv4.sourceAddress();
        ipv4.rewriteSourceAddress(address);
        onAddressWord(buffer, frame, old, address);
        onPort(buffer, frame, true, port);
    }

    /**
     * Destination NAT of an IPv6 frame.
     *
     * @param buffer  holding the frame.
     * @param frame   the frame as parsed from this buffer.
     * @param address new destination (IPv6).
     * @param port    new destination port.
     */
    public void ipv6Destination(
        final MutableDirectBuffer buffer, final ParsedFrame frame, final InetAddr address, final int port)
    {
        ipv6.wrap(buffer, frame.l3Offset());
        for (int i = 0; i < 4; i++)
        {
            final int old = ipv6.destinationAddressWord(i);
            final int word = address.word(i);
            ipv6.destinationAddressWord(i, word);
            onAddressWord(buffer, frame, old, word);
        }
        onPort(buffer, frame, false, port);
    }

    /**
     * Source NAT of an IPv6 frame.
     *
     * @param buffer  holding the frame.
     * @param frame   the frame as parsed from this buffer.
     * @param address new source (IPv6).
     * @param port    new source port.
     */
    public void ipv6Source(
        final MutableDirectBuffer buffer, final ParsedFrame frame, final InetAddr address, final int port)
    {
        ipv6.wrap(buffer, frame.l3Offset());
        for (int i = 0; i < 4; i++)
        {
            final int old = ipv6.sourceAddressWord(i);
            final int word = address.word(i);
            ipv6.sourceAddressWord(i, word);
            onAddressWord(buffer, frame, old, word);
        }
        onPort(buffer, frame, true, port);
    }

    private static boolean hasTransportHeader(final ParsedFrame frame, final int needed)
    {
        return frame.l4Offset() >= 0 && frame.fragmentOffset() == 0 && frame.l4Length() >= needed;
    }

    private void onAddressWord(
        final MutableDirectBuffer buffer, final ParsedFrame frame, final int oldWord, final int newWord)
    {
        switch (frame.l4Protocol())
        {
            case Ipv4Flyweight.PROTOCOL_TCP:
                if (hasTransportHeader(frame, TcpFlyweight.MIN_HEADER_LENGTH))
                {
                    tcp.wrap(buffer, frame.l4Offset()).updateChecksumForAddress(oldWord, newWord);
                }
                break;
            case Ipv4Flyweight.PROTOCOL_UDP:
                if (hasTransportHeader(frame, UdpFlyweight.HEADER_LENGTH))
                {
                    udp.wrap(buffer, frame.l4Offset()).updateChecksumForAddress(oldWord, newWord);
                }
                break;
            case Ipv4Flyweight.PROTOCOL_ICMPV6:
                if (frame.family() == ParsedFrame.FAMILY_IPV6 &&
                    hasTransportHeader(frame, Icmpv6Flyweight.HEADER_LENGTH))
                {
                    icmpv6.wrap(buffer, frame.l4Offset());
                    icmpv6.checksum(Checksums.update32(icmpv6.checksum(), oldWord, newWord));
                }
                break;
            default:
                break;
        }
    }

    private void onPort(
        final MutableDirectBuffer buffer, final ParsedFrame frame, final boolean source, final int port)
    {
        if (frame.l4Protocol() == Ipv4Flyweight.PROTOCOL_TCP &&
            hasTransportHeader(frame, TcpFlyweight.MIN_HEADER_LENGTH))
        {
            tcp.wrap(buffer, frame.l4Offset());
            if (source)
            {
                tcp.rewriteSourcePort(port);
            }
            else
            {
                tcp.rewriteDestinationPort(port);
            }
        }
        else if (frame.l4Protocol() == Ipv4Flyweight.PROTOCOL_UDP &&
            hasTransportHeader(frame, UdpFlyweight.HEADER_LENGTH))
        {
            udp.wrap(buffer, frame.l4Offset());
            if (source)
            {
                udp.rewriteSourcePort(port);
            }
            else
            {
                udp.rewriteDestinationPort(port);
            }
        }
    }
}
