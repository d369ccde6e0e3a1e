package org.jvs.director.runtime;

import org.HdrHistogram.Histogram;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.packet.DropReason;
import org.jvs.core.worker.Worker;

/**
 * One log line of a worker's counters: frames, each non-zero verdict and parse drop by name, and the per-packet
 * processing time (receive to transmit) percentiles since the last report.
 */
final class WorkerReport
{
    private WorkerReport()
    {
    }

    static String line(final Worker worker)
    {
        final StringBuilder sb = new StringBuilder(worker.roleName()).append(": ")
            .append(worker.stats().frames()).append(" frames");
        if (worker.stats().handedOff() + worker.stats().handoffDropped() > 0)
        {
            sb.append(", handed to other workers ").append(worker.stats().handedOff())
                .append(" (ring full ").append(worker.stats().handoffDropped()).append(')');
        }
        for (final ForwardVerdict verdict : ForwardVerdict.values())
        {
            final long n = worker.stats().verdict(verdict);
            if (n > 0)
            {
                sb.append(", ").append(verdict.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(n);
            }
        }
        for (int i = 1; i < DropReason.count(); i++)
        {
            final long n = worker.stats().parseDrops().get(DropReason.of(i));
            if (n > 0)
            {
                sb.append(", drop ").append(DropReason.of(i).name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(n);
            }
        }
        final Histogram latency = worker.stats().takeLatencyInterval();
        if (latency.getTotalCount() > 0)
        {
            sb.append("; receive-to-transmit µs p50 ").append(micros(latency.getValueAtPercentile(50)))
                .append(" p99 ").append(micros(latency.getValueAtPercentile(99)))
                .append(" max ").append(micros(latency.getMaxValue()));
        }
        return sb.toString();
    }

    private static String micros(final long nanos)
    {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
