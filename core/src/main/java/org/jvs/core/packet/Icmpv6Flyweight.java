package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of an ICMPv6 message (RFC 4443).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  MTU (packet too big) / pointer (parameter problem) / unused  |
 *  |  / identifier and sequence (echo)                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  errors (type &lt; 128): as much of the offending IPv6 packet as  |
 *  |  fits in the minimum MTU, starting at INNER_OFFSET            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The checksum includes the IPv6 pseudo-header (see {@link Checksums#transportChecksumIpv6}).
 */
public final class Icmpv6Flyweight
{
    public static final int HEADER_LENGTH = 8;

    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int MTU_OFFSET = 4;
    public static final int POINTER_OFFSET = 4;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int INNER_OFFSET = 8;

    public static final int TYPE_DESTINATION_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_PARAMETER_PROBLEM = 4;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the message.
     * @param offset where the ICMPv6 header starts.
     * @return this.
     */
    public Icmpv6Flyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public int type()
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    public Icmpv6Flyweight type(final int type)
    {
        buffer.putByte(offset + TYPE_OFFSET, (byte)type);
        return this;
    }

    public int code()
    {
        return buffer.getByte(offset + CODE_OFFSET) & 0xFF;
    }

    public Icmpv6Flyweight code(final int code)
    {
        buffer.putByte(offset + CODE_OFFSET, (byte)code);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Icmpv6Flyweight checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return the MTU of a packet-too-big message (32 bits).
     */
    public long mtu()
    {
        return buffer.getInt(offset + MTU_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    public Icmpv6Flyweight mtu(final long mtu)
    {
        buffer.putInt(offset + MTU_OFFSET, (int)mtu, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return the pointer of a parameter problem (32 bits).
     */
    public long pointer()
    {
        return buffer.getInt(offset + POINTER_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    public int identifier()
    {
        return buffer.getShort(offset + IDENTIFIER_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Icmpv6Flyweight identifier(final int identifier)
    {
        buffer.putShort(offset + IDENTIFIER_OFFSET, (short)identifier, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int sequence()
    {
        return buffer.getShort(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Icmpv6Flyweight sequence(final int sequence)
    {
        buffer.putShort(offset + SEQUENCE_OFFSET, (short)sequence, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return true for error messages (type below 128), which quote the offending packet.
     */
    public boolean isError()
    {
        return isError(type());
    }

    /**
     * @param type an ICMPv6 type.
     * @return true for an error type (below 128).
     */
    public static boolean isError(final int type)
    {
        return type < 128;
    }

    /**
     * @return offset in the buffer of the quoted IPv6 header of an error.
     */
    public int innerOffset()
    {
        return offset + INNER_OFFSET;
    }

    /**
     * Compute the checksum with the IPv6 pseudo-header and write it.
     *
     * @param ipv6   the enclosing IPv6 header, wrapped on the same buffer.
     * @param length ICMPv6 message length.
     * @return this.
     */
    public Icmpv6Flyweight updateChecksum(final Ipv6Flyweight ipv6, final int length)
    {
        checksum(0);
        return checksum(Checksums.transportChecksumIpv6(buffer, ipv6.sourceAddressOffset(),
            ipv6.destinationAddressOffset(), offset, length, Ipv6Flyweight.NEXT_HEADER_ICMPV6));
    }
}
