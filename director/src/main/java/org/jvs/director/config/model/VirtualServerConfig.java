package org.jvs.director.config.model;

import java.util.List;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.director.config.Location;

/**
 * {@code virtual_server IP PORT | fwmark N | group NAME { ... }}.
 *
 * @param location               where the block starts.
 * @param address                VIP, null for a fwmark or group virtual server.
 * @param port                   virtual port, 0 for fwmark and group.
 * @param fwmark                 firewall mark, 0 unless {@code fwmark N}.
 * @param group                  {@code virtual_server_group} name, null unless {@code group NAME}.
 * @param delayLoopMs            {@code delay_loop}, 60 s by default.
 * @param lbAlgo                 {@code lb_algo} (old name {@code lvs_sched}), wlc by default.
 * @param lbKind                 {@code lb_kind} (old name {@code lvs_method}), NAT by default.
 * @param persistenceTimeoutS    {@code persistence_timeout}, 0 for none, 360 when given without a value.
 * @param persistenceGranularity {@code persistence_granularity}: IPv4 mask as a host-order int or IPv6 prefix
 *                               length; -1 when not set (all ones: one template per client address).
 * @param protocol               {@code protocol}: 6 TCP (default), 17 UDP, 132 SCTP.
 * @param schedulerFlags         {@code sh-port}, {@code sh-fallback}, {@code mh-*}, {@code flag-N}, {@code ops}
 *                               as {@link org.jvs.core.service.VirtualService} F_* flags.
 * @param sorryServer            {@code sorry_server}, null for none.
 * @param options                quorum, hysteresis, alpha/omega and the other settings of the health-check and
 *                               failover work.
 * @param realServers            {@code real_server} blocks, in file order.
 * @param keywords               where each keyword was set.
 */
public record VirtualServerConfig(
    Location location,
    InetAddr address,
    int port,
    int fwmark,
    String group,
    long delayLoopMs,
    String lbAlgo,
    ForwardMethod lbKind,
    int persistenceTimeoutS,
    int persistenceGranularity,
    int protocol,
    int schedulerFlags,
    SorryServer sorryServer,
    Options options,
    List<RealServerConfig> realServers,
    Keywords keywords)
{
    /** keepalived's default delay loop. */
    public static final long DEFAULT_DELAY_LOOP_MS = 60_000;
    /** keepalived's default scheduler. */
    public static final String DEFAULT_LB_ALGO = "wlc";

    /**
     * Copies the list.
     */
    public VirtualServerConfig
    {
        realServers = List.copyOf(realServers);
    }

    /**
     * @return the virtual server as written after its keyword: {@code 192.168.1.200 80}, {@code fwmark 1},
     *     {@code group NAME}.
     */
    public String name()
    {
        if (group != null)
        {
            return "group " + group;
        }
        if (address == null)
        {
            return "fwmark " + fwmark;
        }
        return (address.isIpv6() ? "[" + address + "]" : address.toString()) + " " + port;
    }

    /**
     * {@code sorry_server IP PORT}: takes the traffic when no real server is up.
     *
     * @param address  its address.
     * @param port     its port.
     * @param inhibit  {@code sorry_server_inhibit}: keep it at weight 0 rather than removing it.
     * @param location where it was set.
     */
    public record SorryServer(InetAddr address, int port, boolean inhibit, Location location)
    {
    }

    /**
     * The virtual server's settings for health checks and failover, kept for that work.
     *
     * @param quorum           {@code quorum}: sum of weights of live real servers needed, 1 by default.
     * @param quorumUp         {@code quorum_up} command, null for none.
     * @param quorumDown       {@code quorum_down} command, null for none.
     * @param hysteresis       {@code hysteresis}, 0 by default.
     * @param inhibitOnFailure {@code inhibit_on_failure} for every real server.
     * @param alpha            {@code alpha}: real servers start down until checked.
     * @param omega            {@code omega}: run quorum_down and remove servers on exit.
     * @param haSuspend        {@code ha_suspend}: no checks while the VRRP instance is not master.
     * @param virtualhost      {@code virtualhost} for HTTP_GET/SSL_GET, null for none.
     * @param checkerDefaults  checker settings given on the virtual server for every checker in it.
     */
    public record Options(
        int quorum,
        String quorumUp,
        String quorumDown,
        int hysteresis,
        boolean inhibitOnFailure,
        boolean alpha,
        boolean omega,
        boolean haSuspend,
        String virtualhost,
        CheckerDefaults checkerDefaults)
    {
        /** The settings of a virtual server that sets none of them. */
        public static final Options DEFAULTS =
            new Options(1, null, null, 0, false, false, false, false, null, CheckerDefaults.NONE);
    }
}
