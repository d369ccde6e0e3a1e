package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * View of a VRRP advertisement, version 2 (RFC 3768) or 3 (RFC 5798), IP protocol 112.
 * <pre>
 *   version 2                                                       version 3
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|   (same)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Auth Type   | Adver Int (s) |          Checksum             |   |rsvd| Max Adver Int (cs) | Checksum |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  IP Address (1) ... (Count)                   |   IPv4 or IPv6 addresses
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Authentication Data (8 bytes, v2 only)            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * v2's advertisement interval is in seconds; v3's max advertisement interval is 12 bits in centiseconds.
 * v2's checksum covers the VRRP message alone; v3's adds the IP pseudo-header. The auth data of type 1
 * (simple text password, keepalived's {@code auth_type PASS}) is the password padded with zeros to 8 bytes.
 */
public final class VrrpFlyweight
{
    public static final int HEADER_LENGTH = 8;
    public static final int AUTH_DATA_LENGTH = 8;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int TYPE_ADVERTISEMENT = 1;
    /** TTL (hop limit) every advertisement is sent with and must arrive with. */
    public static final int REQUIRED_TTL = 255;
    public static final int PRIORITY_OWNER = 255;
    /** Priority a master sends when it stops, so a backup takes over at once. */
    public static final int PRIORITY_STOP = 0;

    public static final int AUTH_TYPE_NONE = 0;
    public static final int AUTH_TYPE_PASS = 1;
    public static final int AUTH_TYPE_AH = 2;

    public static final int VERSION_TYPE_OFFSET = 0;
    public static final int VIRTUAL_ROUTER_ID_OFFSET = 1;
    public static final int PRIORITY_OFFSET = 2;
    public static final int ADDRESS_COUNT_OFFSET = 3;
    public static final int AUTH_TYPE_OFFSET = 4;
    public static final int ADVERT_INTERVAL_OFFSET = 5;
    public static final int MAX_ADVERT_INTERVAL_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int ADDRESSES_OFFSET = 8;

    /** The 12 bits of v3's max advertisement interval. */
    public static final int MAX_ADVERT_INTERVAL_MASK = 0x0FFF;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the advertisement.
     * @param offset where the VRRP header starts.
     * @return this.
     */
    public VrrpFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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
        return (buffer.getByte(offset + VERSION_TYPE_OFFSET) & 0xF0) >>> 4;
    }

    public int type()
    {
        return buffer.getByte(offset + VERSION_TYPE_OFFSET) & 0x0F;
    }

    public VrrpFlyweight versionAndType(final int version, final int type)
    {
        buffer.putByte(offset + VERSION_TYPE_OFFSET, (byte)((version << 4) | (type & 0x0F)));
        return this;
    }

    public int virtualRouterId()
    {
        return buffer.getByte(offset + VIRTUAL_ROUTER_ID_OFFSET) & 0xFF;
    }

    public VrrpFlyweight virtualRouterId(final int id)
    {
        buffer.putByte(offset + VIRTUAL_ROUTER_ID_OFFSET, (byte)id);
        return this;
    }

    public int priority()
    {
        return buffer.getByte(offset + PRIORITY_OFFSET) & 0xFF;
    }

    public VrrpFlyweight priority(final int priority)
    {
        buffer.putByte(offset + PRIORITY_OFFSET, (byte)priority);
        return this;
    }

    public int addressCount()
    {
        return buffer.getByte(offset + ADDRESS_COUNT_OFFSET) & 0xFF;
    }

    public VrrpFlyweight addressCount(final int count)
    {
        buffer.putByte(offset + ADDRESS_COUNT_OFFSET, (byte)count);
        return this;
    }

    /**
     * @return v2 authentication type (0 none, 1 PASS, 2 AH).
     */
    public int authType()
    {
        return buffer.getByte(offset + AUTH_TYPE_OFFSET) & 0xFF;
    }

    public VrrpFlyweight authType(final int authType)
    {
        buffer.putByte(offset + AUTH_TYPE_OFFSET, (byte)authType);
        return this;
    }

    /**
     * @return v2 advertisement interval in seconds.
     */
    public int advertIntervalSeconds()
    {
        return buffer.getByte(offset + ADVERT_INTERVAL_OFFSET) & 0xFF;
    }

    public VrrpFlyweight advertIntervalSeconds(final int seconds)
    {
        buffer.putByte(offset + ADVERT_INTERVAL_OFFSET, (byte)seconds);
        return this;
    }

    /**
     * @return v3 max advertisement interval in centiseconds (12 bits).
     */
    public int maxAdvertIntervalCentiseconds()
    {
        return buffer.getShort(offset + MAX_ADVERT_INTERVAL_OFFSET, ByteOrder.BIG_ENDIAN) & MAX_ADVERT_INTERVAL_MASK;
    }

    /**
     * @param centiseconds v3 max advertisement interval, 12 bits; the 4 reserved bits are written 0.
     * @return this.
     */
    public VrrpFlyweight maxAdvertIntervalCentiseconds(final int centiseconds)
    {
        buffer.putShort(offset + MAX_ADVERT_INTERVAL_OFFSET,
            (short)(centiseconds & MAX_ADVERT_INTERVAL_MASK), ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public VrrpFlyweight checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @param index address 0..count-1.
     * @return an IPv4 address of the advertisement.
     */
    public int ipv4Address(final int index)
    {
        return buffer.getInt(offset + ADDRESSES_OFFSET + (index << 2), ByteOrder.BIG_ENDIAN);
    }

    public VrrpFlyweight ipv4Address(final int index, final int address)
    {
        buffer.putInt(offset + ADDRESSES_OFFSET + (index << 2), address, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @param index address 0..count-1 (v3 over IPv6).
     * @param word  word 0..3 of it.
     * @return the word's big-endian value.
     */
    public int ipv6AddressWord(final int index, final int word)
    {
        return buffer.getInt(offset + ADDRESSES_OFFSET + (index << 4) + (word << 2), ByteOrder.BIG_ENDIAN);
    }

    public VrrpFlyweight ipv6AddressWord(final int index, final int word, final int value)
    {
        buffer.putInt(offset + ADDRESSES_OFFSET + (index << 4) + (word << 2), value, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return offset in the buffer of v2's 8 bytes of authentication data (after the IPv4 addresses).
     */
    public int authDataOffset()
    {
        return offset + ADDRESSES_OFFSET + (addressCount() << 2);
    }

    /**
     * Write v2 auth data: the password's first 8 bytes, zero padded (set the address count first).
     *
     * @param password PASS password bytes (keepalived keeps at most 8).
     * @return this.
     */
    public VrrpFlyweight authData(final byte[] password)
    {
        final int at = authDataOffset();
        for (int i = 0; i < AUTH_DATA_LENGTH; i++)
        {
            buffer.putByte(at + i, i < password.length ? password[i] : 0);
        }
        return this;
    }

    /**
     * @param password expected PASS password bytes (only the first 8 count).
     * @return true when the auth data equals the password padded with zeros to 8 bytes.
     */
    public boolean authDataMatches(final byte[] password)
    {
        final int at = authDataOffset();
        for (int i = 0; i < AUTH_DATA_LENGTH; i++)
        {
            final byte expected = i < password.length ? password[i] : 0;
            if (buffer.getByte(at + i) != expected)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return v2 message length: header, IPv4 addresses, auth data.
     */
    public int lengthV2()
    {
        return HEADER_LENGTH + (addressCount() << 2) + AUTH_DATA_LENGTH;
    }

    /**
     * @param ipv6 true when the addresses are IPv6.
     * @return v3 message length: header and addresses.
     */
    public int lengthV3(final boolean ipv6)
    {
        return HEADER_LENGTH + addressCount() * (ipv6 ? Ipv6Flyweight.ADDRESS_LENGTH : 4);
    }

    /**
     * Compute and write a v2 checksum (over the message only).
     *
     * @param length message length ({@link #lengthV2()}).
     * @return this.
     */
    public VrrpFlyweight updateChecksumV2(final int length)
    {
        checksum(0);
        return checksum(Checksums.checksum(buffer, offset, length));
    }

    /**
     * Compute and write a v3 checksum over IPv4 (pseudo-header with protocol 112).
     *
     * @param sourceAddress      IPv4 source.
     * @param destinationAddress IPv4 destination (224.0.0.18).
     * @param length             message length.
     * @return this.
     */
    public VrrpFlyweight updateChecksumV3(final int sourceAddress, final int destinationAddress, final int length)
    {
        checksum(0);
        return checksum(Checksums.transportChecksumIpv4(
            buffer, offset, length, sourceAddress, destinationAddress, Ipv4Flyweight.PROTOCOL_VRRP));
    }

    /**
     * Compute and write a v3 checksum over IPv6.
     *
     * @param ipv6   the enclosing IPv6 header on the same buffer.
     * @param length message length.
     * @return this.
     */
    public VrrpFlyweight updateChecksumV3(final Ipv6Flyweight ipv6, final int length)
    {
        checksum(0);
        return checksum(Checksums.transportChecksumIpv6(buffer, ipv6.sourceAddressOffset(),
            ipv6.destinationAddressOffset(), offset, length, Ipv4Flyweight.PROTOCOL_VRRP));
    }
}
