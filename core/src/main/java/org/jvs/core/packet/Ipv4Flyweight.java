package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of an IPv4 header (RFC 791), options included.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version|  IHL  |    DSCP   |ECN|          Total Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Identification        |R|D|M|     Fragment Offset     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Time to Live |    Protocol   |         Header Checksum       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Source Address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Destination Address                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (IHL &gt; 5)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Addresses are ints holding the big-endian value of the four bytes ({@code 198.18.0.1} is {@code 0xC6120001}).
 * The fragment offset is in 8-byte units as on the wire; {@link #fragmentOffsetBytes()} gives bytes.
 */
public final class Ipv4Flyweight
{
    public static final int VERSION = 4;
    /** Header length without options. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** Largest header: IHL 15. */
    public static final int MAX_HEADER_LENGTH = 60;
    public static final int MIN_IHL = 5;

    public static final int VERSION_IHL_OFFSET = 0;
    public static final int TOS_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SOURCE_ADDRESS_OFFSET = 12;
    public static final int DESTINATION_ADDRESS_OFFSET = 16;
    public static final int OPTIONS_OFFSET = 20;

    /** Don't Fragment, in the flags and fragment offset field. */
    public static final int FLAG_DF = 0x4000;
    /** More Fragments. */
    public static final int FLAG_MF = 0x2000;
    /** The 13 bits of the fragment offset. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_IPIP = 4;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_IPV6 = 41;
    public static final int PROTOCOL_ICMPV6 = 58;
    public static final int PROTOCOL_VRRP = 112;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the packet.
     * @param offset where the IPv4 header starts.
     * @return this.
     */
    public Ipv4Flyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public int version()
    {
        return (buffer.getByte(offset + VERSION_IHL_OFFSET) & 0xF0) >>> 4;
    }

    /**
     * @return header length in 32-bit words.
     */
    public int ihl()
    {
        return buffer.getByte(offset + VERSION_IHL_OFFSET) & 0x0F;
    }

    /**
     * Write version 4 and the IHL.
     *
     * @param ihl header length in 32-bit words (5..15).
     * @return this.
     */
    public Ipv4Flyweight versionAndIhl(final int ihl)
    {
        buffer.putByte(offset + VERSION_IHL_OFFSET, (byte)((VERSION << 4) | (ihl & 0x0F)));
        return this;
    }

    /**
     * @return header length in bytes (IHL * 4).
     */
    public int headerLength()
    {
        return ihl() << 2;
    }

    /**
     * @return the type-of-service byte (DSCP and ECN).
     */
    public int tos()
    {
        return buffer.getByte(offset + TOS_OFFSET) & 0xFF;
    }

    public Ipv4Flyweight tos(final int tos)
    {
        buffer.putByte(offset + TOS_OFFSET, (byte)tos);
        return this;
    }

    public int totalLength()
    {
        return buffer.getShort(offset + TOTAL_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv4Flyweight totalLength(final int totalLength)
    {
        buffer.putShort(offset + TOTAL_LENGTH_OFFSET, (short)totalLength, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int identification()
    {
        return buffer.getShort(offset + IDENTIFICATION_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv4Flyweight identification(final int identification)
    {
        buffer.putShort(offset + IDENTIFICATION_OFFSET, (short)identification, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return the 16 bits of flags and fragment offset as on the wire.
     */
    public int flagsAndFragmentOffset()
    {
        return buffer.getShort(offset + FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv4Flyweight flagsAndFragmentOffset(final int value)
    {
        buffer.putShort(offset + FLAGS_FRAGMENT_OFFSET, (short)value, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public boolean dontFragment()
    {
        return (flagsAndFragmentOffset() & FLAG_DF) != 0;
    }

    public Ipv4Flyweight dontFragment(final boolean value)
    {
        final int field = flagsAndFragmentOffset();
        return flagsAndFragmentOffset(value ? field | FLAG_DF : field & ~FLAG_DF);
    }

    public boolean moreFragments()
    {
        return (flagsAndFragmentOffset() & FLAG_MF) != 0;
    }

    public Ipv4Flyweight moreFragments(final boolean value)
    {
        final int field = flagsAndFragmentOffset();
        return flagsAndFragmentOffset(value ? field | FLAG_MF : field & ~FLAG_MF);
    }

    /**
     * @return fragment offset in 8-byte units.
     */
    public int fragmentOffset()
    {
        return flagsAndFragmentOffset() & FRAGMENT_OFFSET_MASK;
    }

    /**
     * @param units fragment offset in 8-byte units.
     * @return this.
     */
    public Ipv4Flyweight fragmentOffset(final int units)
    {
        return flagsAndFragmentOffset((flagsAndFragmentOffset() & ~FRAGMENT_OFFSET_MASK) |
            (units & FRAGMENT_OFFSET_MASK));
    }

    public int fragmentOffsetBytes()
    {
        return fragmentOffset() << 3;
    }

    /**
     * @return true for any fragment: more fragments follow, or the offset is not 0.
     */
    public boolean isFragment()
    {
        return (flagsAndFragmentOffset() & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    public int ttl()
    {
        return buffer.getByte(offset + TTL_OFFSET) & 0xFF;
    }

    public Ipv4Flyweight ttl(final int ttl)
    {
        buffer.putByte(offset + TTL_OFFSET, (byte)ttl);
        return this;
    }

    public int protocol()
    {
        return buffer.getByte(offset + PROTOCOL_OFFSET) & 0xFF;
    }

    public Ipv4Flyweight protocol(final int protocol)
    {
        buffer.putByte(offset + PROTOCOL_OFFSET, (byte)protocol);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv4Flyweight checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int sourceAddress()
    {
        return buffer.getInt(offset + SOURCE_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public Ipv4Flyweight sourceAddress(final int address)
    {
        buffer.putInt(offset + SOURCE_ADDRESS_OFFSET, address, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int destinationAddress()
    {
        return buffer.getInt(offset + DESTINATION_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public Ipv4Flyweight destinationAddress(final int address)
    {
        buffer.putInt(offset + DESTINATION_ADDRESS_OFFSET, address, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return bytes of options: header length - 20.
     */
    public int optionsLength()
    {
        return headerLength() - MIN_HEADER_LENGTH;
    }

    /**
     * @return offset in the buffer of what follows the header.
     */
    public int payloadOffset()
    {
        return offset + headerLength();
    }

    /**
     * @return total length - header length.
     */
    public int payloadLength()
    {
        return totalLength() - headerLength();
    }

    /**
     * @return the header checksum computed over the header as it is (0 when the header's checksum is right).
     */
    public int computeChecksum()
    {
        return Checksums.checksum(buffer, offset, headerLength());
    }

    public boolean isChecksumValid()
    {
        return computeChecksum() == 0;
    }

    /**
     * Compute the header checksum from scratch and write it.
     *
     * @return this.
     */
    public Ipv4Flyweight updateChecksum()
    {
        checksum(0);
        return checksum(Checksums.checksum(buffer, offset, headerLength()));
    }

    /**
     * Decrement the TTL and update the header checksum incrementally (as Linux's ip_decrease_ttl).
     * The caller checks the TTL is above 1 first.
     *
     * @return this.
     */
    public Ipv4Flyweight decrementTtl()
    {
        final int oldWord = buffer.getShort(offset + TTL_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        ttl(ttl() - 1);
        final int newWord = buffer.getShort(offset + TTL_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        return checksum(Checksums.update16(checksum(), oldWord, newWord));
    }

    /**
     * Change the source address and update the header checksum incrementally (not TCP/UDP's).
     *
     * @param address new source.
     * @return this.
     */
    public Ipv4Flyweight rewriteSourceAddress(final int address)
    {
        final int old = sourceAddress();
        sourceAddress(address);
        return checksum(Checksums.update32(checksum(), old, address));
    }

    /**
     * Change the destination address and update the header checksum incrementally (not TCP/UDP's).
     *
     * @param address new destination.
     * @return this.
     */
    public Ipv4Flyweight rewriteDestinationAddress(final int address)
    {
        final int old = destinationAddress();
        destinationAddress(address);
        return checksum(Checksums.update32(checksum(), old, address));
    }

    /**
     * Write a 20-byte header with no options and its checksum.
     *
     * @param totalLength        total length.
     * @param identification     identification.
     * @param flagsAndFragment   flags and fragment offset field (e.g. {@link #FLAG_DF}).
     * @param ttl                time to live.
     * @param protocol           protocol of the payload.
     * @param sourceAddress      source.
     * @param destinationAddress destination.
     * @param tos                type of service.
     * @return this.
     */
    public Ipv4Flyweight fill(
        final int totalLength,
        final int identification,
        final int flagsAndFragment,
        final int ttl,
        final int protocol,
        final int sourceAddress,
        final int destinationAddress,
        final int tos)
    {
        versionAndIhl(MIN_IHL).tos(tos).totalLength(totalLength).identification(identification);
        flagsAndFragmentOffset(flagsAndFragment).ttl(ttl).protocol(protocol);
        sourceAddress(sourceAddress).destinationAddress(destinationAddress);
        return updateChecksum();
    }
}
