package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of a TCP header (RFC 9293).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |       Destination Port        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sequence Number                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Acknowledgment Number                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Data |     |N|C|E|U|A|P|R|S|F|                               |
 *  | Offset| Rsv |S|W|C|R|C|S|S|Y|I|            Window             |
 *  |       |     | |R|E|G|K|H|T|N|N|                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Checksum            |         Urgent Pointer        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (data offset &gt; 5)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TcpFlyweight
{
    public static final int MIN_HEADER_LENGTH = 20;
    public static final int MIN_DATA_OFFSET = 5;

    public static final int SOURCE_PORT_OFFSET = 0;
    public static final int DESTINATION_PORT_OFFSET = 2;
    public static final int SEQUENCE_NUMBER_OFFSET = 4;
    public static final int ACKNOWLEDGMENT_NUMBER_OFFSET = 8;
    public static final int DATA_OFFSET_OFFSET = 12;
    public static final int FLAGS_OFFSET = 13;
    public static final int WINDOW_OFFSET = 14;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int URGENT_POINTER_OFFSET = 18;
    public static final int OPTIONS_OFFSET = 20;

    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_SYN = 0x02;
    public static final int FLAG_RST = 0x04;
    public static final int FLAG_PSH = 0x08;
    public static final int FLAG_ACK = 0x10;
    public static final int FLAG_URG = 0x20;
    public static final int FLAG_ECE = 0x40;
    public static final int FLAG_CWR = 0x80;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the segment.
     * @param offset where the TCP header starts.
     * @return this.
     */
    public TcpFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public TcpFlyweight sourcePort(final int port)
    {
        buffer.putShort(offset + SOURCE_PORT_OFFSET, (short)port, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int destinationPort()
    {
        return buffer.getShort(offset + DESTINATION_PORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public TcpFlyweight destinationPort(final int port)
    {
        buffer.putShort(offset + DESTINATION_PORT_OFFSET, (short)port, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return sequence number (32 bits; compare with wrap-around arithmetic).
     */
    public int sequenceNumber()
    {
        return buffer.getInt(offset + SEQUENCE_NUMBER_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public TcpFlyweight sequenceNumber(final int sequenceNumber)
    {
        buffer.putInt(offset + SEQUENCE_NUMBER_OFFSET, sequenceNumber, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int acknowledgmentNumber()
    {
        return buffer.getInt(offset + ACKNOWLEDGMENT_NUMBER_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public TcpFlyweight acknowledgmentNumber(final int acknowledgmentNumber)
    {
        buffer.putInt(offset + ACKNOWLEDGMENT_NUMBER_OFFSET, acknowledgmentNumber, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return header length in 32-bit words.
     */
    public int dataOffset()
    {
        return (buffer.getByte(offset + DATA_OFFSET_OFFSET) & 0xF0) >>> 4;
    }

    /**
     * @param words header length in 32-bit words (5..15); the reserved and NS bits are cleared.
     * @return this.
     */
    public TcpFlyweight dataOffset(final int words)
    {
        buffer.putByte(offset + DATA_OFFSET_OFFSET, (byte)((words & 0x0F) << 4));
        return this;
    }

    /**
     * @return header length in bytes.
     */
    public int headerLength()
    {
        return dataOffset() << 2;
    }

    /**
     * @return bytes of options: header length - 20.
     */
    public int optionsLength()
    {
        return headerLength() - MIN_HEADER_LENGTH;
    }

    /**
     * @return the eight flag bits CWR..FIN.
     */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    public TcpFlyweight flags(final int flags)
    {
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        return this;
    }

    public boolean syn()
    {
        return (flags() & FLAG_SYN) != 0;
    }

    public boolean ack()
    {
        return (flags() & FLAG_ACK) != 0;
    }

    public boolean fin()
    {
        return (flags() & FLAG_FIN) != 0;
    }

    public boolean rst()
    {
        return (flags() & FLAG_RST) != 0;
    }

    public int window()
    {
        return buffer.getShort(offset + WINDOW_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public TcpFlyweight window(final int window)
    {
        buffer.putShort(offset + WINDOW_OFFSET, (short)window, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public TcpFlyweight checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int urgentPointer()
    {
        return buffer.getShort(offset + URGENT_POINTER_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public TcpFlyweight urgentPointer(final int urgentPointer)
    {
        buffer.putShort(offset + URGENT_POINTER_OFFSET, (short)urgentPointer, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return offset in the buffer of the data after header and options.
     */
    public int payloadOffset()
    {
        return offset + headerLength();
    }

    /**
     * Change the source port, updating the checksum incrementally.
     *
     * @param port new port.
     * @return this.
     */
    public TcpFlyweight rewriteSourcePort(final int port)
    {
        final int old = sourcePort();
        sourcePort(port);
        return checksum(Checksums.update16(checksum(), old, port));
    }

    /**
     * Change the destination port, updating the checksum incrementally.
     *
     * @param port new port.
     * @return this.
     */
    public TcpFlyweight rewriteDestinationPort(final int port)
    {
        final int old = destinationPort();
        destinationPort(port);
        return checksum(Checksums.update16(checksum(), old, port));
    }

    /**
     * Account in the checksum for a 32-bit change in the pseudo-header (an IPv4 address, an IPv6 word).
     *
     * @param oldValue old address (word).
     * @param newValue new address (word).
     * @return this.
     */
    public TcpFlyweight updateChecksumForAddress(final int oldValue, final int newValue)
    {
        return checksum(Checksums.update32(checksum(), oldValue, newValue));
    }
}
