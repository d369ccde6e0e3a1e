package org.jvs.core.worker;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.packet.DropCounters;
import org.jvs.core.packet.DropReason;

/**
 * One worker's counters: frames handled, parse drops by {@link DropReason}, forwarding outcomes by
 * {@link ForwardVerdict}, and the per-packet processing time (receive to transmit) in an HdrHistogram.
 * Written by the worker only; counters are read racily by the control plane, the histogram through its
 * single-writer recorder (wait-free on the worker's side).
 */
public final class WorkerStats
{
    private static final long MAX_TRACKED_NS = 10_000_000_000L;

    private final DropCounters parseDrops = new DropCounters();
    private final long[] verdicts = new long[ForwardVerdict.values().length];
    private final SingleWriterRecorder latency = new SingleWriterRecorder(1, MAX_TRACKED_NS, 2);
    private long frames;
    private long handedOff;
    private long handoffDropped;

    /**
     * A frame was taken from the receive ring.
     */
    public void onFrame()
    {
        frames++;
    }

    /**
     * @param reason why the parser refused a frame.
     */
    public void onParseDrop(final DropReason reason)
    {
        parseDrops.increment(reason);
    }

    /**
     * @param verdict what became of a frame.
     */
    public void onVerdict(final ForwardVerdict verdict)
    {
        verdicts[verdict.ordinal()]++;
    }

    /**
     * @param nanos receive-to-transmit time of one forwarded frame.
     */
    public void onLatency(final long nanos)
    {
        latency.recordValue(Math.min(Math.max(nanos, 1), MAX_TRACKED_NS));
    }

    public long frames()
    {
        return frames;
    }

    /**
     * A frame this worker received from its own socket was written to its owner's ring.
     */
    public void onHandedOff()
    {
        handedOff++;
    }

    /**
     * A frame for another worker was dropped: that worker's ring was full.
     */
    public void onHandoffDropped()
    {
        handoffDropped++;
    }

    /**
     * @return frames received on this worker's own sockets and handed to the worker that owns them.
     */
    public long handedOff()
    {
        return handedOff;
    }

    /**
     * @return frames for another worker dropped because its ring was full.
     */
    public long handoffDropped()
    {
        return handoffDropped;
    }

    /**
     * @param verdict an outcome.
     * @return how many frames had it.
     */
    public long verdict(final ForwardVerdict verdict)
    {
        return verdicts[verdict.ordinal()];
    }

    public DropCounters parseDrops()
    {
        return parseDrops;
    }

    /**
     * Control plane only: the latencies recorded since the last call (allocates).
     *
     * @return an interval histogram.
     */
    public Histogram takeLatencyInterval()
    {
        return latency.getIntervalHistogram();
    }
}
