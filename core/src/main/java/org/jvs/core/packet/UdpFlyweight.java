package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of a UDP header (RFC 768).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |       Destination Port        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Length             |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Over IPv4 a checksum of 0 means "none"; the rewrite methods keep it 0 and never write a computed 0.
 */
public final class UdpFlyweight
{
    public static final int HEADER_LENGTH = 8;

    public static final int SOURCE_PORT_OFFSET = 0;
    public static final int DESTINATION_PORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the datagram.
     * @param offset where the UDP header starts.
     * @return this.
     */
    public UdpFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public int sourcePort()
    {
        return buffer.getShort(offset + SOURCE_PORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public UdpFlyweight sourcePort(final int port)
    {
        buffer.putShort(offset + SOURCE_PORT_OFFSET, (short)port, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int destinationPort()
    {
        return buffer.getShort(offset + DESTINATION_PORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public UdpFlyweight destinationPort(final int port)
    {
        buffer.putShort(offset + DESTINATION_PORT_OFFSET, (short)port, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return header and data length.
     */
    public int length()
    {
        return buffer.getShort(offset + LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public UdpFlyweight length(final int length)
    {
        buffer.putShort(offset + LENGTH_OFFSET, (short)length, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public UdpFlyweight checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int payloadOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /**
     * Change the source port, updating a checksum that is present.
     *
     * @param port new port.
     * @return this.
     */
    public UdpFlyweight rewriteSourcePort(final int port)
    {
        final int old = sourcePort();
        sourcePort(port);
        return checksum(Checksums.updateUdp16(checksum(), old, port));
    }

    /**
     * Change the destination port, updating a checksum that is present.
     *
     * @param port new port.
     * @return this.
     */
    public UdpFlyweight rewriteDestinationPort(final int port)
    {
        final int old = destinationPort();
        destinationPort(port);
        return checksum(Checksums.updateUdp16(checksum(), old, port));
    }

    /**
     * Account in a present checksum for a 32-bit pseudo-header change (an IPv4 address, an IPv6 word).
     *
     * @param oldValue old address (word).
     * @param newValue new address (word).
     * @return this.
     */
    public UdpFlyweight updateChecksumForAddress(final int oldValue, final int newValue)
    {
        return checksum(Checksums.updateUdp32(checksum(), oldValue, newValue));
    }
}
