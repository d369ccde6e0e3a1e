package org.jvs.core.service;

/**
 * Counters of a virtual service or real server as {@code ipvsadm -L --stats} shows them, plus drops.
 * Written by the owning worker only; read racily (a torn read of a counter is the worst case) by the
 * control plane, which sums the workers' copies.
 */
public final class TrafficStats
{
    private long conns;
    private long inPackets;
    private long outPackets;
    private long inBytes;
    private long outBytes;
    private long drops;

    /**
     * A connection was scheduled.
     */
    public void onConnection()
    {
        conns++;
    }

    /**
     * @param bytes length of a packet toward the real server (IP length, as IPVS counts {@code skb->len}).
     */
    public void onInPacket(final int bytes)
    {
        inPackets++;
        inBytes += bytes;
    }

    /**
     * @param bytes length of a reply packet toward the client.
     */
    public void onOutPacket(final int bytes)
    {
        outPackets++;
        outBytes += bytes;
    }

    /**
     * A packet of this service or server was dropped.
     */
    public void onDrop()
    {
        drops++;
    }

    /**
     * Zero the counters ({@code ipvsadm -Z}).
     */
    public void reset()
    {
        conns = 0;
        inPackets = 0;
        outPackets = 0;
        inBytes = 0;
        outBytes = 0;
        drops = 0;
    }

    /**
     * @param other counters to add into this one (used by readers summing workers).
     */
    public void add(final TrafficStats other)
    {
        conns += other.conns;
        inPackets += other.inPackets;
        outPackets += other.outPackets;
        inBytes += other.inBytes;
        outBytes += other.outBytes;
        drops += other.drops;
    }

    public long conns()
    {
        return conns;
    }

    public long inPackets()
    {
        return inPackets;
    }

    public long outPackets()
    {
        return outPackets;
    }

    public long inBytes()
    {
        return inBytes;
    }

    public long outBytes()
    {
        return outBytes;
    }

    public long drops()
    {
        return drops;
    }
}
