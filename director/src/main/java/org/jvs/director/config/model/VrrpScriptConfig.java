package org.jvs.director.config.model;

import org.jvs.director.config.Location;

/**
 * {@code vrrp_script NAME { script, interval, weight, rise, fall, timeout }}.
 *
 * @param location   where the block starts.
 * @param name       its name, used by {@code track_script}.
 * @param script     the command line.
 * @param intervalS  {@code interval}, 1 by default.
 * @param weight     {@code weight} -253..253, 0 by default.
 * @param rise       {@code rise}, 1 by default.
 * @param fall       {@code fall}, 1 by default.
 * @param timeoutS   {@code timeout}, 0 for the interval.
 * @param keywords   where each keyword was set.
 */
public record VrrpScriptConfig(
    Location location, String name, String script, int intervalS, int weight, int rise, int fall, int timeoutS,
    Keywords keywords)
{
}
