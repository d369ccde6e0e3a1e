package org.jvs.core.packet;

/**
 * Why a frame is not forwarded, one name per cause, counted by {@link DropCounters}.
 * {@link #NONE} (ordinal 0) means nothing is wrong: as Linux's SKB_NOT_DROPPED_YET, it is what
 * {@link FrameParser#parse} returns for a frame it could read whole.
 * {@link #FRAGMENT} is a verdict, not necessarily a drop: the frame is well formed and its L3 fields are
 * filled, and the forwarder decides (IPVS forwards fragments of known connections only).
 */
public enum DropReason
{
    /** Parsed fine; not a drop. */
    NONE,
    /** Fewer than 14 bytes. */
    TRUNCATED_ETHERNET,
    /** EtherType 0x8100 but fewer than 18 bytes. */
    TRUNCATED_VLAN,
    /** Not IPv4, IPv6 or ARP (after at most one 802.1Q tag), or an 802.3 length field. */
    UNSUPPORTED_ETHERTYPE,
    /** ARP shorter than 28 bytes. */
    TRUNCATED_ARP,
    /** ARP that is not Ethernet/IPv4. */
    UNSUPPORTED_ARP,
    /** IPv4 header (or its options) cut short by the end of the frame. */
    TRUNCATED_IPV4,
    /** IP version field not 4 for EtherType 0x0800 or not 6 for 0x86DD. */
    BAD_IP_VERSION,
    /** IPv4 IHL below 5. */
    IHL_TOO_SMALL,
    /** IPv4 total length smaller than the header length. */
    TOTAL_LENGTH_TOO_SMALL,
    /** IPv4 total length, or IPv6 40 + payload length, beyond the end of the frame. */
    TOTAL_LENGTH_BEYOND_FRAME,
    /** IPv4 header checksum wrong. */
    BAD_IPV4_CHECKSUM,
    /** IPv4 TTL 0. */
    TTL_EXPIRED,
    /** IPv6 hop limit 0. */
    HOP_LIMIT_EXPIRED,
    /** An IPv4 or IPv6 fragment (first or later): the forwarder decides. */
    FRAGMENT,
    /** Fewer than 40 bytes for the IPv6 header. */
    TRUNCATED_IPV6,
    /** An IPv6 extension header cut short by the end of the packet. */
    TRUNCATED_IPV6_EXTENSION,
    /** Hop-by-hop not first, two fragment headers, or more extension headers than jvs walks. */
    BAD_IPV6_EXTENSION,
    /** Fewer than 20 bytes of TCP header, or its options cut short. */
    TRUNCATED_TCP,
    /** TCP data offset below 5. */
    TCP_DATA_OFFSET_TOO_SMALL,
    /** Fewer than 8 bytes of UDP header. */
    TRUNCATED_UDP,
    /** UDP length below 8 or beyond the IP payload. */
    UDP_LENGTH_MISMATCH,
    /** Fewer than 8 bytes of ICMP header. */
    TRUNCATED_ICMP,
    /** An ICMP or ICMPv6 error whose quoted IP header and first 8 bytes after it are cut short or not IP. */
    BAD_ICMP_INNER,
    /** Fewer than 8 bytes of ICMPv6 header. */
    TRUNCATED_ICMPV6,
    /** Fewer than 8 bytes of VRRP header. */
    TRUNCATED_VRRP;

    private static final DropReason[] VALUES = values();

    /**
     * @param ordinal an ordinal.
     * @return the reason with that ordinal, without allocating.
     */
    public static DropReason of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @return how many reasons there are, {@link #NONE} included.
     */
    public static int count()
    {
        return VALUES.length;
    }

    /**
     * @return true for every reason but {@link #NONE}.
     */
    public boolean isDrop()
    {
        return this != NONE;
    }
}
