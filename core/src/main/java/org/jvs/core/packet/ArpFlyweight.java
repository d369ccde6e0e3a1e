package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of an ARP packet for Ethernet and IPv4 (RFC 826), 28 bytes.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Hardware Type (1)         |     Protocol Type (0x0800)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | HW Length (6) |Proto Length(4)|   Operation (1 req, 2 reply)  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Sender Hardware Address (48 bits)               |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |  Sender Protocol Address ...  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  ... (32 bits)                |  Target Hardware Address ...  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |                          ... (48 bits)                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Target Protocol Address (32 bits)              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ArpFlyweight
{
    public static final int LENGTH = 28;

    public static final int HARDWARE_TYPE_OFFSET = 0;
    public static final int PROTOCOL_TYPE_OFFSET = 2;
    public static final int HARDWARE_LENGTH_OFFSET = 4;
    public static final int PROTOCOL_LENGTH_OFFSET = 5;
    public static final int OPERATION_OFFSET = 6;
    public static final int SENDER_MAC_OFFSET = 8;
    public static final int SENDER_ADDRESS_OFFSET = 14;
    public static final int TARGET_MAC_OFFSET = 18;
    public static final int TARGET_ADDRESS_OFFSET = 24;

    public static final int HARDWARE_TYPE_ETHERNET = 1;
    public static final int OPERATION_REQUEST = 1;
    public static final int OPERATION_REPLY = 2;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the packet.
     * @param offset where the ARP packet starts (after the Ethernet header).
     * @return this.
     */
    public ArpFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public int hardwareType()
    {
        return buffer.getShort(offset + HARDWARE_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public int protocolType()
    {
        return buffer.getShort(offset + PROTOCOL_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public int hardwareLength()
    {
        return buffer.getByte(offset + HARDWARE_LENGTH_OFFSET) & 0xFF;
    }

    public int protocolLength()
    {
        return buffer.getByte(offset + PROTOCOL_LENGTH_OFFSET) & 0xFF;
    }

    /**
     * @return true for hardware Ethernet (6-byte addresses) and protocol IPv4 (4-byte addresses).
     */
    public boolean isEthernetIpv4()
    {
        return hardwareType() == HARDWARE_TYPE_ETHERNET && protocolType() == EthernetFlyweight.ETHER_TYPE_IPV4 &&
            hardwareLength() == 6 && protocolLength() == 4;
    }

    /**
     * Write the fixed part for Ethernet/IPv4: hardware type 1, protocol 0x0800, lengths 6 and 4.
     *
     * @return this.
     */
    public ArpFlyweight ethernetIpv4()
    {
        buffer.putShort(offset + HARDWARE_TYPE_OFFSET, (short)HARDWARE_TYPE_ETHERNET, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + PROTOCOL_TYPE_OFFSET, (short)EthernetFlyweight.ETHER_TYPE_IPV4, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + HARDWARE_LENGTH_OFFSET, (byte)6);
        buffer.putByte(offset + PROTOCOL_LENGTH_OFFSET, (byte)4);
        return this;
    }

    public int operation()
    {
        return buffer.getShort(offset + OPERATION_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public ArpFlyweight operation(final int operation)
    {
        buffer.putShort(offset + OPERATION_OFFSET, (short)operation, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public long senderMac()
    {
        return EthernetFlyweight.readMac(buffer, offset + SENDER_MAC_OFFSET);
    }

    public ArpFlyweight senderMac(final long mac)
    {
        EthernetFlyweight.writeMac(buffer, offset + SENDER_MAC_OFFSET, mac);
        return this;
    }

    public int senderAddress()
    {
        return buffer.getInt(offset + SENDER_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public ArpFlyweight senderAddress(final int address)
    {
        buffer.putInt(offset + SENDER_ADDRESS_OFFSET, address, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public long targetMac()
    {
        return EthernetFlyweight.readMac(buffer, offset + TARGET_MAC_OFFSET);
    }

    public ArpFlyweight targetMac(final long mac)
    {
        EthernetFlyweight.writeMac(buffer, offset + TARGET_MAC_OFFSET, mac);
        return this;
    }

    public int targetAddress()
    {
        return buffer.getInt(offset + TARGET_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public ArpFlyweight targetAddress(final int address)
    {
        buffer.putInt(offset + TARGET_ADDRESS_OFFSET, address, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * Turn a request into the reply that the owner of the target address sends: operation 2, the old sender
     * becomes the target, {@code ownMac} and the asked-for address become the sender. The Ethernet header is
     * the caller's.
     *
     * @param ownMac MAC of the interface that answers.
     * @return this.
     */
    public ArpFlyweight turnIntoReply(final long ownMac)
    {
        final long askerMac = senderMac();
        final int askerAddress = senderAddress();
        final int askedAddress = targetAddress();
        return operation(OPERATION_REPLY)
            .senderMac(ownMac).senderAddress(askedAddress)
            .targetMac(askerMac).targetAddress(askerAddress);
    }
}
