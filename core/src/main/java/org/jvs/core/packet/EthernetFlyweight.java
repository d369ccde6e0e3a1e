package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * View of an Ethernet II header, with at most one IEEE 802.1Q tag.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Destination MAC (48 bits)                   |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |                     Source MAC (48 bits)                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   EtherType (0x8100 if tagged)| PCP |D|   VLAN id (12 bits)   |  &lt;- tag only if 0x8100
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   EtherType of the payload    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * A MAC address is held as the 48-bit big-endian value in the low bits of a long
 * ({@code 02:00:00:00:00:01} is {@code 0x020000000001L}).
 */
public final class EthernetFlyweight
{
    /** Length of an untagged header. */
    public static final int HEADER_LENGTH = 14;
    /** Length of a header with one 802.1Q tag. */
    public static final int TAGGED_HEADER_LENGTH = 18;
    /** Smallest frame on the wire without FCS; shorter frames are padded up to it. */
    public static final int MIN_FRAME_LENGTH = 60;

    public static final int DESTINATION_MAC_OFFSET = 0;
    public static final int SOURCE_MAC_OFFSET = 6;
    public static final int ETHER_TYPE_OFFSET = 12;
    public static final int TCI_OFFSET = 14;
    public static final int TAGGED_ETHER_TYPE_OFFSET = 16;

    public static final int ETHER_TYPE_IPV4 = 0x0800;
    public static final int ETHER_TYPE_ARP = 0x0806;
    public static final int ETHER_TYPE_VLAN = 0x8100;
    public static final int ETHER_TYPE_QINQ = 0x88A8;
    public static final int ETHER_TYPE_IPV6 = 0x86DD;

    /** Broadcast MAC ff:ff:ff:ff:ff:ff. */
    public static final long BROADCAST_MAC = 0xFFFF_FFFF_FFFFL;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @return this.
     */
    public EthernetFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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

    public long destinationMac()
    {
        return readMac(buffer, offset + DESTINATION_MAC_OFFSET);
    }

    public EthernetFlyweight destinationMac(final long mac)
    {
        writeMac(buffer, offset + DESTINATION_MAC_OFFSET, mac);
        return this;
    }

    public long sourceMac()
    {
        return readMac(buffer, offset + SOURCE_MAC_OFFSET);
    }

    public EthernetFlyweight sourceMac(final long mac)
    {
        writeMac(buffer, offset + SOURCE_MAC_OFFSET, mac);
        return this;
    }

    /**
     * @return the EtherType right after the MACs (0x8100 when tagged).
     */
    public int etherType()
    {
        return buffer.getShort(offset + ETHER_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public EthernetFlyweight etherType(final int etherType)
    {
        buffer.putShort(offset + ETHER_TYPE_OFFSET, (short)etherType, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public boolean isTagged()
    {
        return etherType() == ETHER_TYPE_VLAN;
    }

    /**
     * @return the 802.1Q tag control information (PCP, DEI, VLAN id); only when {@link #isTagged()}.
     */
    public int tci()
    {
        return buffer.getShort(offset + TCI_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public EthernetFlyweight tci(final int tci)
    {
        buffer.putShort(offset + TCI_OFFSET, (short)tci, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return the VLAN id (12 bits) when tagged, -1 when not.
     */
    public int vlanId()
    {
        return isTagged() ? tci() & 0x0FFF : -1;
    }

    /**
     * @return the 802.1p priority (3 bits) when tagged, 0 when not.
     */
    public int priorityCodePoint()
    {
        return isTagged() ? tci() >>> 13 : 0;
    }

    /**
     * @return EtherType of the payload: after the tag when tagged.
     */
    public int payloadEtherType()
    {
        final int etherType = etherType();
        return etherType == ETHER_TYPE_VLAN ?
            buffer.getShort(offset + TAGGED_ETHER_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF : etherType;
    }

    /**
     * @param etherType EtherType of the payload, written after the tag when tagged.
     * @return this.
     */
    public EthernetFlyweight payloadEtherType(final int etherType)
    {
        final int at = isTagged() ? TAGGED_ETHER_TYPE_OFFSET : ETHER_TYPE_OFFSET;
        buffer.putShort(offset + at, (short)etherType, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return 14, or 18 with a tag.
     */
    public int headerLength()
    {
        return isTagged() ? TAGGED_HEADER_LENGTH : HEADER_LENGTH;
    }

    /**
     * @return offset in the buffer of what follows the header.
     */
    public int payloadOffset()
    {
        return offset + headerLength();
    }

    /**
     * @param buffer to read.
     * @param index  of the first of the six MAC bytes.
     * @return the MAC as 48 bits.
     */
    public static long readMac(final DirectBuffer buffer, final int index)
    {
        final long high = buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFFL;
        final long low = buffer.getInt(index + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    /**
     * @param buffer to write.
     * @param index  of the first of the six MAC bytes.
     * @param mac    48 bits.
     */
    public static void writeMac(final MutableDirectBuffer buffer, final int index, final long mac)
    {
        buffer.putShort(index, (short)(mac >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(index + 2, (int)mac, ByteOrder.BIG_ENDIAN);
    }
}
