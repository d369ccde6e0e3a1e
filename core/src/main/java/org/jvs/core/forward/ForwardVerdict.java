package org.jvs.core.forward;

/**
 * What the worker did with a frame it did not forward, one name per cause, counted per worker
 * ({@code jvs} prints them beside the parse drops of {@link org.jvs.core.packet.DropReason}).
 */
public enum ForwardVerdict
{
    /** Forwarded (not a drop). */
    FORWARD,
    /** Answered by the director itself (ARP, ICMP echo, ICMP error) (not a drop). */
    ANSWERED,
    /** Not for a virtual service and not a reply of a known connection: left alone (not a drop). */
    NOT_OURS,
    /** Malformed: the parser's reason is counted in the worker's parse drops. */
    MALFORMED,
    /** TCP packet without SYN for a service, with no connection: IPVS does not schedule it. */
    NO_CONNECTION,
    /** The scheduler found no usable real server (answered with ICMP port unreachable, as IPVS does). */
    NO_DESTINATION,
    /** The connection table is full: new connections are refused, established ones untouched. */
    TABLE_FULL,
    /** No route to the next hop from the director's interfaces. */
    NO_ROUTE,
    /** The next hop's MAC could not be resolved (the frame waited, then was dropped) or its queue was full. */
    NEIGHBOUR_UNRESOLVED,
    /** The port's transmit ring was full. */
    TRANSMIT_FULL,
    /** A reply through NAT whose TTL would reach 0. */
    TTL_EXPIRED,
    /** A fragment that belongs to no known connection. */
    FRAGMENT_UNKNOWN,
    /** TUN: the encapsulated packet would exceed the MTU with DF set (ICMP fragmentation-needed sent back). */
    FRAGMENTATION_NEEDED,
    /** A reply for a connection that is not NAT (DR/TUN replies never pass the director). */
    NOT_NAT,
    /** A frame too large for the worker's buffers. */
    TOO_LARGE;

    private static final ForwardVerdict[] VALUES = values();

    /**
     * @param ordinal an ordinal.
     * @return the verdict, without allocating.
     */
    public static ForwardVerdict of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @return true when the frame was dropped.
     */
    public boolean isDrop()
    {
        return ordinal() > NOT_OURS.ordinal();
    }
}
