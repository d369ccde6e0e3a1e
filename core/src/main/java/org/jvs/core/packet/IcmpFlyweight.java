package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of an ICMP message for IPv4 (RFC 792, RFC 1191).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Identifier (echo) / unused  | Sequence (echo) / next-hop MTU|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  errors: the offending IP header + at least 8 bytes after it  |
 *  |  (the ports of a TCP/UDP packet), starting at INNER_OFFSET    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The checksum covers the whole ICMP message, no pseudo-header.
 */
public final class IcmpFlyweight
{
    public static final int HEADER_LENGTH = 8;
    /** Bytes after the quoted IP header that an error carries at least. */
    public static final int QUOTED_DATA_LENGTH = 8;

    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int NEXT_HOP_MTU_OFFSET = 6;
    public static final int INNER_OFFSET = 8;

    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DESTINATION_UNREACHABLE = 3;
    public static final int TYPE_SOURCE_QUENCH = 4;
    public static final int TYPE_REDIRECT = 5;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;
    public static final int TYPE_PARAMETER_PROBLEM = 12;

    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    /** Fragmentation needed and DF set: the next-hop MTU is in bytes 6-7. */
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    public static final int CODE_TTL_EXCEEDED = 0;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the message.
     * @param offset where the ICMP header starts.
     * @return this.
     */
    public IcmpFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public IcmpFlyweight type(final int type)
    {
        buffer.putByte(offset + TYPE_OFFSET, (byte)type);
        return this;
    }

    public int code()
    {
        return buffer.getByte(offset + CODE_OFFSET) & 0xFF;
    }

    public IcmpFlyweight code(final int code)
    {
        buffer.putByte(offset + CODE_OFFSET, (byte)code);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public IcmpFlyweight checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int identifier()
    {
        return buffer.getShort(offset + IDENTIFIER_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public IcmpFlyweight identifier(final int identifier)
    {
        buffer.putShort(offset + IDENTIFIER_OFFSET, (short)identifier, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int sequence()
    {
        return buffer.getShort(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public IcmpFlyweight sequence(final int sequence)
    {
        buffer.putShort(offset + SEQUENCE_OFFSET, (short)sequence, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return next-hop MTU of a "fragmentation needed" (type 3 code 4), 0 from routers older than RFC 1191.
     */
    public int nextHopMtu()
    {
        return buffer.getShort(offset + NEXT_HOP_MTU_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public IcmpFlyweight nextHopMtu(final int mtu)
    {
        buffer.putShort(offset + IDENTIFIER_OFFSET, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + NEXT_HOP_MTU_OFFSET, (short)mtu, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return true for the error messages that quote an IP header: destination unreachable, source quench,
     * redirect, time exceeded, parameter problem.
     */
    public boolean isError()
    {
        return isError(type());
    }

    /**
     * @param type an ICMP type.
     * @return true when that type is an error quoting the offending packet.
     */
    public static boolean isError(final int type)
    {
        return type == TYPE_DESTINATION_UNREACHABLE ||
            type == TYPE_SOURCE_QUENCH ||
            type == TYPE_REDIRECT ||
            type == TYPE_TIME_EXCEEDED ||
            type == TYPE_PARAMETER_PROBLEM;
    }

    public boolean isFragmentationNeeded()
    {
        return type() == TYPE_DESTINATION_UNREACHABLE && code() == CODE_FRAGMENTATION_NEEDED;
    }

    /**
     * @return offset in the buffer of the quoted IP header of an error.
     */
    public int innerOffset()
    {
        return offset + INNER_OFFSET;
    }

    /**
     * Compute the checksum over the message and write it.
     *
     * @param length ICMP message length (header and data).
     * @return this.
     */
    public IcmpFlyweight updateChecksum(final int length)
    {
        checksum(0);
        return checksum(Checksums.checksum(buffer, offset, length));
    }

    /**
     * @param length ICMP message length.
     * @return true when the checksum over the message is right.
     */
    public boolean isChecksumValid(final int length)
    {
        return Checksums.checksum(buffer, offset, length) == 0;
    }
}
