package org.jvs.director.control;

/**
 * IPVS's rate estimator ({@code ip_vs_est.c}) for one service or real server: every
 * {@link #INTERVAL_MS 2 seconds} the caller passes the running totals, and each rate moves a quarter of the way
 * to the rate seen over the last interval (an exponentially weighted moving average, weight 1/4). Integer
 * arithmetic only, with the kernel's fixed-point scales: packet and connection rates are kept times 2^10 per
 * second, byte rates times 2^5, and rounded on reading as {@code ip_vs_read_estimator} does. What
 * {@code ipvsadm --rate} shows is therefore the kernel's figure for the same traffic.
 * <p>
 * One writer: the agent that samples. Allocation-free.
 */
public final class RateEstimator
{
    /** The kernel's estimation timer period. */
    public static final long INTERVAL_MS = 2000;

    private static final int PACKET_SHIFT = 9;
    private static final int BYTE_SHIFT = 4;
    private static final int EWMA_SHIFT = 2;

    private long lastConns;
    private long lastInPackets;
    private long lastOutPackets;
    private long lastInBytes;
    private long lastOutBytes;
    private long cps;
    private long inPps;
    private long outPps;
    private long inBps;
    private long outBps;

    /**
     * One tick of the estimation timer: feed the totals as they are now.
     *
     * @param conns      connections so far.
     * @param inPackets  incoming packets so far.
     * @param outPackets outgoing packets so far.
     * @param inBytes    incoming bytes so far.
     * @param outBytes   outgoing bytes so far.
     */
    public void sample(
        final long conns, final long inPackets, final long outPackets, final long inBytes, final long outBytes)
    {
        cps = ewma(cps, (conns - lastConns) << PACKET_SHIFT);
        lastConns = conns;
        inPps = ewma(inPps, (inPackets - lastInPackets) << PACKET_SHIFT);
        lastInPackets = inPackets;
        outPps = ewma(outPps, (outPackets - lastOutPackets) << PACKET_SHIFT);
        lastOutPackets = outPackets;
        inBps = ewma(inBps, (inBytes - lastInBytes) << BYTE_SHIFT);
        lastInBytes = inBytes;
        outBps = ewma(outBps, (outBytes - lastOutBytes) << BYTE_SHIFT);
        lastOutBytes = outBytes;
    }

    /**
     * {@code ipvsadm -Z}: rates to 0, and the given totals (what the counters read after zeroing) become the
     * base of the next interval.
     *
     * @param conns      connections now.
     * @param inPackets  incoming packets now.
     * @param outPackets outgoing packets now.
     * @param inBytes    incoming bytes now.
     * @param outBytes   outgoing bytes now.
     */
    public void zero(
        final long conns, final long inPackets, final long outPackets, final long inBytes, final long outBytes)
    {
        lastConns = conns;
        lastInPackets = inPackets;
        lastOutPackets = outPackets;
        lastInBytes = inBytes;
        lastOutBytes = outBytes;
        cps = 0;
        inPps = 0;
        outPps = 0;
        inBps = 0;
        outBps = 0;
    }

    /**
     * Write the per-second rates, rounded as the kernel rounds them.
     *
     * @param into where cps, inPps, outPps, inBps and outBps go.
     * @return into.
     */
    public Counters read(final Counters into)
    {
        return into
            .cps((cps + 0x1FF) >> 10)
            .inPps((inPps + 0x1FF) >> 10)
            .outPps((outPps + 0x1FF) >> 10)
            .inBps((inBps + 0xF) >> 5)
            .outBps((outBps + 0xF) >> 5);
    }

    private static long ewma(final long average, final long rate)
    {
        return average + ((rate - average) >> EWMA_SHIFT);
    }
}
