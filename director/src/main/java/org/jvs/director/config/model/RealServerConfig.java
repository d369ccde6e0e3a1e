package org.jvs.director.config.model;

import java.util.List;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.director.config.Location;

/**
 * {@code real_server IP [PORT] { ... }}.
 *
 * @param location         where the block starts.
 * @param address          RIP.
 * @param port             real port.
 * @param weight           {@code weight}, 1 by default.
 * @param forwardMethod    {@code lb_kind}/{@code lvs_method} of this real server, null for the virtual server's.
 * @param inhibitOnFailure {@code inhibit_on_failure}: on failure set weight 0 instead of removing.
 * @param notifyUp         {@code notify_up} command, null for none.
 * @param notifyDown       {@code notify_down} command, null for none.
 * @param upperThreshold   {@code uthreshold} ({@code -x}), 0 for none.
 * @param lowerThreshold   {@code lthreshold} ({@code -y}), 0 for none.
 * @param alpha            {@code alpha} on the real server: start down until checked.
 * @param checkerDefaults  checker settings given on the real server for its checkers.
 * @param checkers         checker blocks, in file order.
 * @param keywords         where each keyword was set.
 */
public record RealServerConfig(
    Location location,
    InetAddr address,
    int port,
    int weight,
    ForwardMethod forwardMethod,
    boolean inhibitOnFailure,
    String notifyUp,
    String notifyDown,
    int upperThreshold,
    int lowerThreshold,
    boolean alpha,
    CheckerDefaults checkerDefaults,
    List<CheckerConfig> checkers,
    Keywords keywords)
{
    /**
     * Copies the list.
     */
    public RealServerConfig
    {
        checkers = List.copyOf(checkers);
    }

    /**
     * @return {@code IP PORT} as written in the config.
     */
    public String name()
    {
        return (address.isIpv6() ? "[" + address + "]" : address.toString()) + " " + port;
    }
}
