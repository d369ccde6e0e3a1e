package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of the fixed IPv6 header (RFC 8200). Extension headers are walked by {@link Ipv6ExtensionWalk}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Traffic Class |              Flow Label               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Payload Length        |  Next Header  |   Hop Limit   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +                    Source Address (128 bits)                  +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +                 Destination Address (128 bits)                +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Addresses are read and written as four words, each the big-endian value of four bytes, as IPVS holds them.
 */
public final class Ipv6Flyweight
{
    public static final int VERSION = 6;
    public static final int HEADER_LENGTH = 40;
    public static final int ADDRESS_LENGTH = 16;

    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SOURCE_ADDRESS_OFFSET = 8;
    public static final int DESTINATION_ADDRESS_OFFSET = 24;

    public static final int NEXT_HEADER_HOP_BY_HOP = 0;
    public static final int NEXT_HEADER_TCP = 6;
    public static final int NEXT_HEADER_UDP = 17;
    public static final int NEXT_HEADER_ROUTING = 43;
    public static final int NEXT_HEADER_FRAGMENT = 44;
    public static final int NEXT_HEADER_ESP = 50;
    public static final int NEXT_HEADER_AH = 51;
    public static final int NEXT_HEADER_ICMPV6 = 58;
    public static final int NEXT_HEADER_NONE = 59;
    public static final int NEXT_HEADER_DESTINATION_OPTIONS = 60;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the packet.
     * @param offset where the IPv6 header starts.
     * @return this.
     */
    public Ipv6Flyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    private int firstWord()
    {
        return buffer.getInt(offset + VERSION_CLASS_FLOW_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    private void firstWord(final int word)
    {
        buffer.putInt(offset + VERSION_CLASS_FLOW_OFFSET, word, ByteOrder.BIG_ENDIAN);
    }

    public int version()
    {
        return (buffer.getByte(offset) & 0xF0) >>> 4;
    }

    /**
     * Write version 6, leaving traffic class and flow label.
     *
     * @return this.
     */
    public Ipv6Flyweight version6()
    {
        firstWord((firstWord() & 0x0FFF_FFFF) | (VERSION << 28));
        return this;
    }

    public int trafficClass()
    {
        return (firstWord() >>> 20) & 0xFF;
    }

    public Ipv6Flyweight trafficClass(final int trafficClass)
    {
        firstWord((firstWord() & 0xF00F_FFFF) | ((trafficClass & 0xFF) << 20));
        return this;
    }

    public int flowLabel()
    {
        return firstWord() & 0x000F_FFFF;
    }

    public Ipv6Flyweight flowLabel(final int flowLabel)
    {
        firstWord((firstWord() & 0xFFF0_0000) | (flowLabel & 0x000F_FFFF));
        return this;
    }

    /**
     * @return bytes after the fixed header: extension headers and upper-layer data.
     */
    public int payloadLength()
    {
        return buffer.getShort(offset + PAYLOAD_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv6Flyweight payloadLength(final int payloadLength)
    {
        buffer.putShort(offset + PAYLOAD_LENGTH_OFFSET, (short)payloadLength, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int nextHeader()
    {
        return buffer.getByte(offset + NEXT_HEADER_OFFSET) & 0xFF;
    }

    public Ipv6Flyweight nextHeader(final int nextHeader)
    {
        buffer.putByte(offset + NEXT_HEADER_OFFSET, (byte)nextHeader);
        return this;
    }

    public int hopLimit()
    {
        return buffer.getByte(offset + HOP_LIMIT_OFFSET) & 0xFF;
    }

    public Ipv6Flyweight hopLimit(final int hopLimit)
    {
        buffer.putByte(offset + HOP_LIMIT_OFFSET, (byte)hopLimit);
        return this;
    }

    /**
     * @param index word 0..3 of the source address.
     * @return big-endian value of its four bytes.
     */
    public int sourceAddressWord(final int index)
    {
        return buffer.getInt(offset + SOURCE_ADDRESS_OFFSET + (index << 2), ByteOrder.BIG_ENDIAN);
    }

    public Ipv6Flyweight sourceAddressWord(final int index, final int word)
    {
        buffer.putInt(offset + SOURCE_ADDRESS_OFFSET + (index << 2), word, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @param index word 0..3 of the destination address.
     * @return big-endian value of its four bytes.
     */
    public int destinationAddressWord(final int index)
    {
        return buffer.getInt(offset + DESTINATION_ADDRESS_OFFSET + (index << 2), ByteOrder.BIG_ENDIAN);
    }

    public Ipv6Flyweight destinationAddressWord(final int index, final int word)
    {
        buffer.putInt(offset + DESTINATION_ADDRESS_OFFSET + (index << 2), word, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return offset in the buffer of the source address (for pseudo-header sums).
     */
    public int sourceAddressOffset()
    {
        return offset + SOURCE_ADDRESS_OFFSET;
    }

    /**
     * @return offset in the buffer of the destination address.
     */
    public int destinationAddressOffset()
    {
        return offset + DESTINATION_ADDRESS_OFFSET;
    }

    /**
     * @return offset of what follows the fixed header (an extension header or the upper layer).
     */
    public int payloadOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /**
     * Decrement the hop limit (IPv6 has no header checksum). The caller checks it is above 1 first.
     *
     * @return this.
     */
    public Ipv6Flyweight decrementHopLimit()
    {
        return hopLimit(hopLimit() - 1);
    }

    /**
     * @param nextHeader a next-header value.
     * @return true for the extension headers jvs walks over: hop-by-hop, routing, fragment, destination
     * options, AH.
     */
    public static boolean isExtensionHeader(final int nextHeader)
    {
        return nextHeader == NEXT_HEADER_HOP_BY_HOP ||
            nextHeader == NEXT_HEADER_ROUTING ||
            nextHeader == NEXT_HEADER_FRAGMENT ||
            nextHeader == NEXT_HEADER_DESTINATION_OPTIONS ||
            nextHeader == NEXT_HEADER_AH;
    }
}
