package org.jvs.director.realserver;

/**
 * Why {@link TunDecapsulator} skipped a captured frame. Each has the short name printed in the exit summary.
 */
public enum DecapDrop
{
    /** Not an Ethernet frame carrying IPv4, or shorter than Ethernet + two IPv4 headers. */
    NOT_IPV4_FRAME("not-ipv4-frame"),
    /** Outer header: not version 4, protocol not 4, IHL under 5, or total length beyond the captured bytes. */
    OUTER_MALFORMED("outer-malformed"),
    /** Outer header checksum wrong. */
    OUTER_CHECKSUM("outer-checksum"),
    /** Outer packet is a fragment (the kernel's ipip would reassemble first; this helper does not). */
    OUTER_FRAGMENT("outer-fragment"),
    /** Outer destination is not an IPv4 address of this host (a frame seen because the NIC is promiscuous). */
    NOT_LOCAL("not-local"),
    /** Inner packet is not IPv4. */
    INNER_NOT_IPV4("inner-not-ipv4"),
    /** Inner IHL under 5, or the inner header or total length runs past the outer payload. */
    INNER_TRUNCATED("inner-truncated"),
    /** Inner destination is not one of the VIPs given with --vip. */
    NOT_VIP("not-vip"),
    /** The TUN device refused the write. */
    TUN_WRITE("tun-write");

    private static final DecapDrop[] VALUES = values();

    private final String label;

    DecapDrop(final String label)
    {
        this.label = label;
    }

    /**
     * @return the short name printed in summaries, e.g. "outer-checksum".
     */
    public String label()
    {
        return label;
    }

    /**
     * @return every reason, one shared array (do not modify).
     */
    static DecapDrop[] all()
    {
        return VALUES;
    }
}
