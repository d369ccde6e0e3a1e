package org.jvs.director.config.model;

/**
 * Checker settings given on a {@code real_server} or a {@code virtual_server} (keepalived 2.x) as defaults for
 * the checkers inside it; -1 where not set.
 *
 * @param connectTimeoutMs   {@code connect_timeout}.
 * @param retry              {@code retry} / {@code nb_get_retry}.
 * @param delayBeforeRetryMs {@code delay_before_retry}.
 * @param warmupMs           {@code warmup}.
 * @param delayLoopMs        {@code delay_loop} (on a real_server; a virtual_server's is its own field).
 */
public record CheckerDefaults(long connectTimeoutMs, int retry, long delayBeforeRetryMs, long warmupMs,
    long delayLoopMs)
{
    /** Nothing set. */
    public static final CheckerDefaults NONE = new CheckerDefaults(-1, -1, -1, -1, -1);
}
