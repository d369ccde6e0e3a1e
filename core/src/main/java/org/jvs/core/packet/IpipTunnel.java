package org.jvs.core.packet;

import org.agrona.MutableDirectBuffer;

/**
 * IP-in-IP (RFC 2003, IP protocol 4), as LVS's TUN forwarding method uses it: a 20-byte IPv4 header in
 * front of the client's IPv4 packet, sent from the director to the real server, which takes it off.
 * <pre>
 *  +----------------------+----------------------------------------+
 *  | outer IPv4 (20 B)    | inner IPv4 packet, unchanged            |
 *  | proto 4, DIP -&gt; RIP  | CIP -&gt; VIP, TCP/UDP ...                 |
 *  +----------------------+----------------------------------------+
 * </pre>
 * As IPVS's ip_vs_tunnel_xmit: the outer header copies the inner TOS, TTL and DF bit. One instance per
 * worker; nothing allocates.
 */
public final class IpipTunnel
{
    /** Bytes the outer header adds. */
    public static final int OUTER_HEADER_LENGTH = Ipv4Flyweight.MIN_HEADER_LENGTH;

    private final Ipv4Flyweight outer = new Ipv4Flyweight();
    private final Ipv4Flyweight inner = new Ipv4Flyweight();

    /**
     * Copy an IPv4 packet behind a new outer header.
     *
     * @param source             holding the inner packet.
     * @param innerOffset        where the inner IPv4 header starts.
     * @param innerLength        inner packet length (its total length).
     * @param destination        to write the outer header and the copy to (not overlapping the source range).
     * @param outerOffset        where the outer header goes.
     * @param sourceAddress      outer source (the director's address).
     * @param destinationAddress outer destination (the real server).
     * @param identification     outer IP identification.
     * @return length of the encapsulated packet: innerLength + 20.
     */
    public int encapsulate(
        final MutableDirectBuffer source,
        final int innerOffset,
        final int innerLength,
        final MutableDirectBuffer destination,
        final int outerOffset,
        final int sourceAddress,
        final int destinationAddress,
        final int identification)
    {
        destination.putBytes(outerOffset + OUTER_HEADER_LENGTH, source, innerOffset, innerLength);
        return writeOuterHeader(destination, outerOffset, innerLength, sourceAddress, destinationAddress,
            identification);
    }

    /**
     * Write the outer header in front of an inner IPv4 packet that is already at {@code outerOffset + 20}.
     *
     * @param buffer             holding the inner packet, with 20 bytes of room in front of it.
     * @param outerOffset        where the outer header goes.
     * @param innerLength        inner packet length.
     * @param sourceAddress      outer source.
     * @param destinationAddress outer destination.
     * @param identification     outer IP identification.
     * @return length of the encapsulated packet.
     */
    public int writeOuterHeader(
        final MutableDirectBuffer buffer,
        final int outerOffset,
        final int innerLength,
        final int sourceAddress,
        final int destinationAddress,
        final int identification)
    {
        inner.wrap(buffer, outerOffset + OUTER_HEADER_LENGTH);
        final int totalLength = innerLength + OUTER_HEADER_LENGTH;
        outer.wrap(buffer, outerOffset).fill(
            totalLength,
            identification,
            inner.flagsAndFragmentOffset() & Ipv4Flyweight.FLAG_DF,
            inner.ttl(),
            Ipv4Flyweight.PROTOCOL_IPIP,
            sourceAddress,
            destinationAddress,
            inner.tos());
        return totalLength;
    }

    /**
     * Find the inner packet of an IPIP packet.
     *
     * @param buffer      holding the packet.
     * @param outerOffset where the outer IPv4 header starts.
     * @param length      bytes available from outerOffset.
     * @return offset of the inner IPv4 header, or -1 when this is not a whole IPv4 packet of protocol 4 whose
     * inner header fits.
     */
    public int decapsulate(final MutableDirectBuffer buffer, final int outerOffset, final int length)
    {
        if (length < OUTER_HEADER_LENGTH + Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return -1;
        }
        outer.wrap(buffer, outerOffset);
        final int headerLength = outer.headerLength();
        if (outer.version() != Ipv4Flyweight.VERSION || outer.protocol() != Ipv4Flyweight.PROTOCOL_IPIP ||
            headerLength < Ipv4Flyweight.MIN_HEADER_LENGTH || outer.totalLength() > length ||
            outer.totalLength() < headerLength + Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return -1;
        }
        return outerOffset + headerLength;
    }
}
