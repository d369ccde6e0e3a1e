package org.jvs.director.control;

/**
 * What {@code ipvsadm -L} shows for one virtual service or real server, summed over the workers: the
 * totals of {@code --stats}, the rates of {@code --rate} (per second, from the kernel's estimator, see
 * {@link RateEstimator}) and the connection counts of the plain listing. A reusable holder the
 * {@link StatsSource} fills in.
 */
public final class Counters
{
    private long conns;
    private long inPackets;
    private long outPackets;
    private long inBytes;
    private long outBytes;
    private long cps;
    private long inPps;
    private long outPps;
    private long inBps;
    private long outBps;
    private long activeConns;
    private long inactiveConns;
    private long persistentConns;

    /**
     * @return this, every value 0.
     */
    public Counters reset()
    {
        conns = 0;
        inPackets = 0;
        outPackets = 0;
        inBytes = 0;
        outBytes = 0;
        cps = 0;
        inPps = 0;
        outPps = 0;
        inBps = 0;
        outBps = 0;
        activeConns = 0;
        inactiveConns = 0;
        persistentConns = 0;
        return this;
    }

    /**
     * @return connections scheduled since the counters were zeroed.
     */
    public long conns()
    {
        return conns;
    }

    /**
     * @param conns connections scheduled.
     * @return this.
     */
    public Counters conns(final long conns)
    {
        this.conns = conns;
        return this;
    }

    /**
     * @return packets received from clients.
     */
    public long inPackets()
    {
        return inPackets;
    }

    /**
     * @param inPackets packets received from clients.
     * @return this.
     */
    public Counters inPackets(final long inPackets)
    {
        this.inPackets = inPackets;
        return this;
    }

    /**
     * @return packets from real servers (NAT only: in DR and TUN the director never sees them).
     */
    public long outPackets()
    {
        return outPackets;
    }

    /**
     * @param outPackets packets from real servers.
     * @return this.
     */
    public Counters outPackets(final long outPackets)
    {
        this.outPackets = outPackets;
        return this;
    }

    /**
     * @return bytes received from clients.
     */
    public long inBytes()
    {
        return inBytes;
    }

    /**
     * @param inBytes bytes received from clients.
     * @return this.
     */
    public Counters inBytes(final long inBytes)
    {
        this.inBytes = inBytes;
        return this;
    }

    /**
     * @return bytes from real servers.
     */
    public long outBytes()
    {
        return outBytes;
    }

    /**
     * @param outBytes bytes from real servers.
     * @return this.
     */
    public Counters outBytes(final long outBytes)
    {
        this.outBytes = outBytes;
        return this;
    }

    /**
     * @return connections per second.
     */
    public long cps()
    {
        return cps;
    }

    /**
     * @param cps connections per second.
     * @return this.
     */
    public Counters cps(final long cps)
    {
        this.cps = cps;
        return this;
    }

    /**
     * @return incoming packets per second.
     */
    public long inPps()
    {
        return inPps;
    }

    /**
     * @param inPps incoming packets per second.
     * @return this.
     */
    public Counters inPps(final long inPps)
    {
        this.inPps = inPps;
        return this;
    }

    /**
     * @return outgoing packets per second.
     */
    public long outPps()
    {
        return outPps;
    }

    /**
     * @param outPps outgoing packets per second.
     * @return this.
     */
    public Counters outPps(final long outPps)
    {
        this.outPps = outPps;
        return this;
    }

    /**
     * @return incoming bytes per second.
     */
    public long inBps()
    {
        return inBps;
    }

    /**
     * @param inBps incoming bytes per second.
     * @return this.
     */
    public Counters inBps(final long inBps)
    {
        this.inBps = inBps;
        return this;
    }

    /**
     * @return outgoing bytes per second.
     */
    public long outBps()
    {
        return outBps;
    }

    /**
     * @param outBps outgoing bytes per second.
     * @return this.
     */
    public Counters outBps(final long outBps)
    {
        this.outBps = outBps;
        return this;
    }

    /**
     * @return ActiveConn (real servers only).
     */
    public long activeConns()
    {
        return activeConns;
    }

    /**
     * @param activeConns ActiveConn.
     * @return this.
     */
    public Counters activeConns(final long activeConns)
    {
        this.activeConns = activeConns;
        return this;
    }

    /**
     * @return InActConn (real servers only).
     */
    public long inactiveConns()
    {
        return inactiveConns;
    }

    /**
     * @param inactiveConns InActConn.
     * @return this.
     */
    public Counters inactiveConns(final long inactiveConns)
    {
        this.inactiveConns = inactiveConns;
        return this;
    }

    /**
     * @return PersistConn: persistence templates pointing at the real server.
     */
    public long persistentConns()
    {
        return persistentConns;
    }

    /**
     * @param persistentConns PersistConn.
     * @return this.
     */
    public Counters persistentConns(final long persistentConns)
    {
        this.persistentConns = persistentConns;
        return this;
    }
}
