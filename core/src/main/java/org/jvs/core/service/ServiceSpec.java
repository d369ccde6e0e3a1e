package org.jvs.core.service;

import java.util.List;

/**
 * A virtual service as the control plane configures it ({@code ipvsadm -A}, a keepalived
 * {@code virtual_server}): immutable, part of a {@link ServiceTable} snapshot.
 *
 * @param key                 (protocol, VIP, port) or fwmark.
 * @param schedulerName       ipvsadm name of the scheduler.
 * @param flags               {@link VirtualService} F_SCHED1..3 and F_ONEPACKET flags (not F_PERSISTENT).
 * @param persistenceTimeoutS {@code -p}, 0 for no persistence.
 * @param netmask             {@code -M}: IPv4 netmask as a host-order int, or an IPv6 prefix length.
 * @param servers             real servers in IPVS list order: the most recently added first.
 */
public record ServiceSpec(
    ServiceKey key, String schedulerName, int flags, int persistenceTimeoutS, int netmask, List<DestSpec> servers)
{
    /**
     * Copies the list, so a spec never changes after it is made.
     */
    public ServiceSpec
    {
        servers = List.copyOf(servers);
    }

    /**
     * @return true when {@code -p} is set.
     */
    public boolean isPersistent()
    {
        return persistenceTimeoutS > 0;
    }

    /**
     * @param address RIP.
     * @param port    real port.
     * @return the real server, or null.
     */
    public DestSpec find(final InetAddr address, final int port)
    {
        for (final DestSpec server : servers)
        {
            if (server.is(address, port))
            {
                return server;
            }
        }
        return null;
    }
}
