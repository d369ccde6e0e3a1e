package org.jvs.director.check;

import java.util.concurrent.TimeUnit;

import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.CheckerDefaults;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;

/**
 * The timing of one checker as keepalived resolves it: the checker's own keyword, else the real server's, else the
 * virtual server's, else keepalived's default for that kind of checker (keepalived.conf(5): retry 3 for DNS_CHECK,
 * else 1; delay_before_retry delay_loop for DNS_CHECK, 3 s for HTTP_GET and SSL_GET, else 1 s; warmup delay_loop:
 * the first attempt at a random point within it; {@code warmup 0} for at once).
 *
 * @param delayLoopNs        {@code delay_loop}.
 * @param connectTimeoutNs   {@code connect_timeout}.
 * @param retry              {@code retry} / {@code nb_get_retry}.
 * @param delayBeforeRetryNs {@code delay_before_retry}.
 * @param warmupNs           {@code warmup}, 0 for none (the first attempt at once).
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
        final long retry = pick(retrySet, common.retry(), rs.retry(), vs.retry(), defaultRetry(checker.kind()));
        final boolean delaySet = common.keywords().has("delay_before_retry");
        final long delayBeforeRetryMs = pick(delaySet, common.delayBeforeRetryMs(), rs.delayBeforeRetryMs(),
            vs.delayBeforeRetryMs(), defaultDelayBeforeRetryMs(checker.kind(), delayLoopMs));
        final long warmupMs =
            pick(common.warmupMs() >= 0, common.warmupMs(), rs.warmupMs(), vs.warmupMs(), delayLoopMs);
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

    /**
     * @param kind a checker kind.
     * @return keepalived's retry when nothing sets it.
     */
    static int defaultRetry(final CheckerConfig.Kind kind)
    {
        return kind == CheckerConfig.Kind.DNS_CHECK ? 3 : CheckerConfig.Common.DEFAULT_RETRY;
    }

    /**
     * @param kind        a checker kind.
     * @param delayLoopMs the checker's delay_loop.
     * @return keepalived's delay_before_retry when nothing sets it.
     */
    static long defaultDelayBeforeRetryMs(final CheckerConfig.Kind kind, final long delayLoopMs)
    {
        return switch (kind)
        {
            case DNS_CHECK -> delayLoopMs;
            case HTTP_GET, SSL_GET -> 3_000;
            default -> CheckerConfig.Common.DEFAULT_DELAY_BEFORE_RETRY_MS;
        };
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
