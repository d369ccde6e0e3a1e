package org.jvs.director.check;

import java.util.concurrent.TimeUnit;

import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.CheckerDefaults;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;

/**
 * The timing of one checker as keepalived resolves it: the checker's own keyword, else the real server's, else the
 * virtual server's, else keepalived's default.
 *
 * @param delayLoopNs        {@code delay_loop}.
 * @param connectTimeoutNs   {@code connect_timeout}.
 * @param retry              {@code retry} / {@code nb_get_retry}.
 * @param delayBeforeRetryNs {@code delay_before_retry}.
 * @param warmupNs           {@code warmup}, 0 for none.
 * @param alpha              start down until the first success.
 */
public record CheckSettings(long delayLoopNs, long connectTimeoutNs, int retry, long delayBeforeRetryNs,
    long warmupNs, boolean alpha)
{
    /**
     * @param virtualServer its virtual server.
     * @param realServer    its real server.
     * @param checker       the checker.
     * @return the checker's timing.
     */
    public static CheckSettings resolve(
        final VirtualServerConfig virtualServer, final RealServerConfig realServer, final CheckerConfig checker)
    {
        final CheckerConfig.Common common = checker.common();
        final CheckerDefaults rs = realServer.checkerDefaults();
        final CheckerDefaults vs = virtualServer.options().checkerDefaults();
        final long delayLoopMs = common.delayLoopMs() >= 0 ? common.delayLoopMs() :
            rs.delayLoopMs() >= 0 ? rs.delayLoopMs() : virtualServer.delayLoopMs();
        final boolean set = common.keywords().has("connect_timeout");
        final long connectTimeoutMs = pick(set, common.connectTimeoutMs(), rs.connectTimeoutMs(),
            vs.connectTimeoutMs(), CheckerConfig.Common.DEFAULT_CONNECT_TIMEOUT_MS);
        final boolean retrySet = common.keywords().has("retry") || common.keywords().has("nb_get_retry");
        final long retry = pick(retrySet, common.retry(), rs.retry(), vs.retry(), CheckerConfig.Common.DEFAULT_RETRY);
        final boolean delaySet = common.keywords().has("delay_before_retry");
        final long delayBeforeRetryMs = pick(delaySet, common.delayBeforeRetryMs(), rs.delayBeforeRetryMs(),
            vs.delayBeforeRetryMs(), CheckerConfig.Common.DEFAULT_DELAY_BEFORE_RETRY_MS);
        final long warmupMs = pick(common.warmupMs() >= 0, common.warmupMs(), rs.warmupMs(), vs.warmupMs(), 0);
        final boolean alpha = common.alpha() || realServer.alpha() || virtualServer.options().alpha();
        return new CheckSettings(ns(delayLoopMs), ns(connectTimeoutMs), (int)retry, ns(delayBeforeRetryMs),
            ns(warmupMs), alpha);
    }

    /**
     * @return the longest time from a failure to the removal of the real server with this checker: the wait for
     *     the next check, then retry + 1 attempts of at most connect_timeout each with delay_before_retry between.
     */
    public long worstDetectionNs()
    {
        return delayLoopNs + (retry + 1L) * connectTimeoutNs + retry * delayBeforeRetryNs;
    }

    private static long pick(final boolean own, final long ownValue, final long rs, final long vs, final long dflt)
    {
        if (own)
        {
            return ownValue;
        }
        if (rs >= 0)
        {
            return rs;
        }
        return vs >= 0 ? vs : dflt;
    }

    private static long ns(final long ms)
    {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
