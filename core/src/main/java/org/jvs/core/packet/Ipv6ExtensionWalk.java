package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Walks IPv6 extension headers from the fixed header to the upper-layer (transport) header, bounded, and
 * keeps what it found. Reusable: one per worker, refilled by each {@link #walk}; allocates nothing.
 * <pre>
 *  Hop-by-hop, routing, destination options (length in 8-octet units, not counting the first 8):
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Next Header  |  Hdr Ext Len  |   options or routing data ... |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  Fragment (always 8 bytes):
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Identification                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  AH (RFC 4302): length in 4-octet units minus 2.
 * </pre>
 * A later fragment (offset not 0) ends the walk at its fragment header: what follows is the middle of the
 * original payload, not a header.
 */
public final class Ipv6ExtensionWalk
{
    /** Most extension headers walked before the packet is called bad. */
    public static final int MAX_EXTENSION_HEADERS = 8;

    public static final int NEXT_HEADER_FIELD_OFFSET = 0;
    public static final int LENGTH_FIELD_OFFSET = 1;
    public static final int FRAGMENT_OFFSET_FIELD_OFFSET = 2;
    public static final int FRAGMENT_IDENTIFICATION_OFFSET = 4;
    public static final int FRAGMENT_HEADER_LENGTH = 8;
    /** Smallest extension header. */
    public static final int MIN_EXTENSION_LENGTH = 8;

    private int upperLayerProtocol;
    private int upperLayerOffset;
    private int headerCount;
    private int fragmentHeaderOffset;
    private int fragmentOffset;
    private boolean moreFragments;
    private int fragmentIdentification;

    /**
     * Walk from the header named by the fixed header's next-header field.
     *
     * @param buffer     holding the packet.
     * @param nextHeader the fixed header's next-header value.
     * @param offset     where the first extension (or upper-layer) header starts: IPv6 offset + 40.
     * @param limit      end of the IPv6 packet (offset + payload length).
     * @return {@link DropReason#NONE}, {@link DropReason#TRUNCATED_IPV6_EXTENSION} or
     * {@link DropReason#BAD_IPV6_EXTENSION}. The fields are filled as far as the walk got.
     */
    public DropReason walk(final DirectBuffer buffer, final int nextHeader, final int offset, final int limit)
    {
        reset();
        int next = nextHeader;
        int at = offset;
        while (Ipv6Flyweight.isExtensionHeader(next))
        {
            if (headerCount == MAX_EXTENSION_HEADERS ||
                (next == Ipv6Flyweight.NEXT_HEADER_HOP_BY_HOP && headerCount != 0) ||
                (next == Ipv6Flyweight.NEXT_HEADER_FRAGMENT && fragmentHeaderOffset >= 0))
            {
                return DropReason.BAD_IPV6_EXTENSION;
            }
            if (at + MIN_EXTENSION_LENGTH > limit)
            {
                return DropReason.TRUNCATED_IPV6_EXTENSION;
            }
            final int length = extensionLength(buffer, next, at);
            if (at + length > limit)
            {
                return DropReason.TRUNCATED_IPV6_EXTENSION;
            }
            if (next == Ipv6Flyweight.NEXT_HEADER_FRAGMENT)
            {
                readFragment(buffer, at);
            }
            next = buffer.getByte(at + NEXT_HEADER_FIELD_OFFSET) & 0xFF;
            at += length;
            headerCount++;
            upperLayerProtocol = next;
            upperLayerOffset = at;
            if (fragmentOffset != 0)
            {
                return DropReason.NONE;
            }
        }
        upperLayerProtocol = next;
        upperLayerOffset = at;
        return DropReason.NONE;
    }

    private void reset()
    {
        upperLayerProtocol = -1;
        upperLayerOffset = -1;
        headerCount = 0;
        fragmentHeaderOffset = -1;
        fragmentOffset = 0;
        moreFragments = false;
        fragmentIdentification = 0;
    }

    private static int extensionLength(final DirectBuffer buffer, final int nextHeader, final int at)
    {
        if (nextHeader == Ipv6Flyweight.NEXT_HEADER_FRAGMENT)
        {
            return FRAGMENT_HEADER_LENGTH;
        }
        final int lengthField = buffer.getByte(at + LENGTH_FIELD_OFFSET) & 0xFF;
        return nextHeader == Ipv6Flyweight.NEXT_HEADER_AH ? (lengthField + 2) << 2 : (lengthField + 1) << 3;
    }

    private void readFragment(final DirectBuffer buffer, final int at)
    {
        final int field = buffer.getShort(at + FRAGMENT_OFFSET_FIELD_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        fragmentHeaderOffset = at;
        fragmentOffset = field >>> 3;
        moreFragments = (field & 1) != 0;
        fragmentIdentification = buffer.getInt(at + FRAGMENT_IDENTIFICATION_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * @return protocol of the header after the last extension header (6, 17, 58, 59 none, 50 ESP...).
     */
    public int upperLayerProtocol()
    {
        return upperLayerProtocol;
    }

    /**
     * @return offset of the upper-layer header (for a later fragment: of the fragment's data).
     */
    public int upperLayerOffset()
    {
        return upperLayerOffset;
    }

    /**
     * @return extension headers walked.
     */
    public int headerCount()
    {
        return headerCount;
    }

    /**
     * @return true when a fragment header was met that makes this a fragment (not an atomic one: offset 0 and
     * no more fragments, RFC 6946, which is processed as a whole packet).
     */
    public boolean isFragment()
    {
        return fragmentHeaderOffset >= 0 && (fragmentOffset != 0 || moreFragments);
    }

    /**
     * @return offset of the fragment header, -1 when none.
     */
    public int fragmentHeaderOffset()
    {
        return fragmentHeaderOffset;
    }

    /**
     * @return fragment offset in 8-byte units (0 for the first fragment).
     */
    public int fragmentOffset()
    {
        return fragmentOffset;
    }

    public boolean moreFragments()
    {
        return moreFragments;
    }

    public int fragmentIdentification()
    {
        return fragmentIdentification;
    }
}
