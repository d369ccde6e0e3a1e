package org.jvs.core.packet;

/**
 * What {@link FrameParser} found in one frame: offsets of each layer, addresses, ports, fragment facts.
 * One instance per worker, refilled by every parse; no field is valid after a parse that returned a drop
 * reason other than {@link DropReason#FRAGMENT} beyond the layers it got through. Offsets are absolute
 * buffer indexes; -1 means "not present". Addresses are words as IPVS holds them (IPv4 in word 0).
 */
public final class ParsedFrame
{
    /** No network layer parsed (ARP, or a drop before L3). */
    public static final int FAMILY_NONE = 0;
    public static final int FAMILY_IPV4 = 4;
    public static final int FAMILY_IPV6 = 6;

    int frameOffset;
    int frameLength;
    int vlanId;
    int etherType;
    int l3Offset;
    int family;
    int l3Length;
    int l3HeaderLength;
    int ttl;
    boolean fragment;
    int fragmentOffset;
    boolean moreFragments;
    int fragmentIdentification;
    int l4Protocol;
    int l4Offset;
    int l4Length;
    int payloadOffset;
    int payloadLength;
    final int[] source = new int[4];
    final int[] destination = new int[4];
    int sourcePort;
    int destinationPort;
    int tcpFlags;
    int icmpType;
    int icmpCode;
    int innerL3Offset;

    void reset(final int offset, final int length)
    {
        frameOffset = offset;
        frameLength = length;
        vlanId = -1;
        etherType = 0;
        l3Offset = -1;
        family = FAMILY_NONE;
        l3Length = 0;
        l3HeaderLength = 0;
        ttl = 0;
        fragment = false;
        fragmentOffset = 0;
        moreFragments = false;
        fragmentIdentification = 0;
        l4Protocol = -1;
        l4Offset = -1;
        l4Length = 0;
        payloadOffset = -1;
        payloadLength = 0;
        for (int i = 0; i < 4; i++)
        {
            source[i] = 0;
            destination[i] = 0;
        }
        sourcePort = 0;
        destinationPort = 0;
        tcpFlags = 0;
        icmpType = -1;
        icmpCode = -1;
        innerL3Offset = -1;
    }

    public int frameOffset()
    {
        return frameOffset;
    }

    public int frameLength()
    {
        return frameLength;
    }

    /**
     * @return the 802.1Q VLAN id, -1 when untagged.
     */
    public int vlanId()
    {
        return vlanId;
    }

    /**
     * @return EtherType of the L3 payload (after the tag).
     */
    public int etherType()
    {
        return etherType;
    }

    /**
     * @return offset of the IPv4/IPv6 header or ARP packet.
     */
    public int l3Offset()
    {
        return l3Offset;
    }

    /**
     * @return {@link #FAMILY_IPV4}, {@link #FAMILY_IPV6} or {@link #FAMILY_NONE}.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return IP packet length (IPv4 total length; IPv6 40 + payload length); frame padding not included.
     */
    public int l3Length()
    {
        return l3Length;
    }

    /**
     * @return IPv4 header length with options, or IPv6 40 plus the extension headers walked.
     */
    public int l3HeaderLength()
    {
        return l3HeaderLength;
    }

    /**
     * @return IPv4 TTL or IPv6 hop limit.
     */
    public int ttl()
    {
        return ttl;
    }

    /**
     * @return true for an IPv4 or IPv6 fragment (atomic IPv6 fragments excepted).
     */
    public boolean isFragment()
    {
        return fragment;
    }

    /**
     * @return true for the first fragment (offset 0): it carries the transport header, and the ports are
     * filled when they fit in it.
     */
    public boolean isFirstFragment()
    {
        return fragment && fragmentOffset == 0;
    }

    /**
     * @return fragment offset in 8-byte units.
     */
    public int fragmentOffset()
    {
        return fragmentOffset;
    }

    public boolean moreFragments()
    {
        return moreFragments;
    }

    /**
     * @return IPv4 identification (16 bits) or IPv6 fragment identification (32 bits).
     */
    public int fragmentIdentification()
    {
        return fragmentIdentification;
    }

    /**
     * @return IP protocol of the transport header (after IPv6 extension headers), -1 when none.
     */
    public int l4Protocol()
    {
        return l4Protocol;
    }

    /**
     * @return offset of the transport header (of a later fragment: of its data), -1 when none.
     */
    public int l4Offset()
    {
        return l4Offset;
    }

    /**
     * @return bytes from the transport header to the end of the IP packet.
     */
    public int l4Length()
    {
        return l4Length;
    }

    /**
     * @return offset of the data after the TCP/UDP/ICMP header, -1 when not known.
     */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * @param index word 0..3 (IPv4 uses word 0).
     * @return a word of the source address.
     */
    public int sourceWord(final int index)
    {
        return source[index];
    }

    /**
     * @param index word 0..3 (IPv4 uses word 0).
     * @return a word of the destination address.
     */
    public int destinationWord(final int index)
    {
        return destination[index];
    }

    /**
     * @return IPv4 source address (word 0).
     */
    public int sourceAddress()
    {
        return source[0];
    }

    /**
     * @return IPv4 destination address (word 0).
     */
    public int destinationAddress()
    {
        return destination[0];
    }

    /**
     * @return TCP/UDP source port, 0 for other protocols.
     */
    public int sourcePort()
    {
        return sourcePort;
    }

    /**
     * @return TCP/UDP destination port, 0 for other protocols.
     */
    public int destinationPort()
    {
        return destinationPort;
    }

    /**
     * @return TCP flags byte (see {@link TcpFlyweight}), 0 for other protocols.
     */
    public int tcpFlags()
    {
        return tcpFlags;
    }

    /**
     * @return ICMP or ICMPv6 type, -1 for other protocols.
     */
    public int icmpType()
    {
        return icmpType;
    }

    public int icmpCode()
    {
        return icmpCode;
    }

    /**
     * @return offset of the IP header quoted in an ICMP/ICMPv6 error, -1 when not an error.
     */
    public int innerL3Offset()
    {
        return innerL3Offset;
    }
}
