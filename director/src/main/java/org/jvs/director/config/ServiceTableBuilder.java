package org.jvs.director.config;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.config.model.VirtualServerGroupConfig;

/**
 * Builds the control plane's {@link ServiceTable} from a loaded keepalived.conf, as keepalived would program
 * IPVS: one service per {@code virtual_server} (one per member of a {@code virtual_server_group}), its real
 * servers added one by one in config order, so in IPVS's list order (each added at the head) they end up
 * reversed. Every real server starts up: health checks, alpha, quorum and sorry servers are not applied here.
 */
public final class ServiceTableBuilder
{
    private ServiceTableBuilder()
    {
    }

    /**
     * @param config  a configuration that loaded without errors.
     * @param version the table's version.
     * @return the table, services in config order.
     */
    public static ServiceTable build(final KeepalivedConfig config, final long version)
    {
        final List<ServiceSpec> services = new ArrayList<>();
        for (final VirtualServerConfig virtualServer : config.virtualServers())
        {
            for (final ServiceKey key : keys(virtualServer, config))
            {
                services.add(spec(virtualServer, key));
            }
        }
        return new ServiceTable(version, services);
    }

    /**
     * @param virtualServer a virtual_server.
     * @param config        the configuration it belongs to (for its group).
     * @return the keys of the services it makes: one, or one per group member; none for an unknown group.
     */
    public static List<ServiceKey> keys(final VirtualServerConfig virtualServer, final KeepalivedConfig config)
    {
        final List<ServiceKey> keys = new ArrayList<>();
        if (virtualServer.group() != null)
        {
            final VirtualServerGroupConfig group = config.group(virtualServer.group());
            if (group == null)
            {
                return keys;
            }
            for (final VirtualServerGroupConfig.Member member : group.members())
            {
                if (member.fwmark() != 0)
                {
                    keys.add(ServiceKey.ofFwmark(member.fwmark(), fwmarkFamily(virtualServer)));
                }
                for (final InetAddr address : member.addresses())
                {
                    keys.add(ServiceKey.of(virtualServer.protocol(), address, member.port()));
                }
            }
        }
        else if (virtualServer.address() == null)
        {
            keys.add(ServiceKey.ofFwmark(virtualServer.fwmark(), fwmarkFamily(virtualServer)));
        }
        else
        {
            keys.add(ServiceKey.of(virtualServer.protocol(), virtualServer.address(), virtualServer.port()));
        }
        return keys;
    }

    private static int fwmarkFamily(final VirtualServerConfig virtualServer)
    {
        return virtualServer.realServers().isEmpty() ? InetAddr.AF_INET :
            virtualServer.realServers().get(0).address().family();
    }

    /**
     * @param virtualServer a virtual_server.
     * @param key           one of its service keys.
     * @return the service, real servers in IPVS list order.
     */
    public static ServiceSpec spec(final VirtualServerConfig virtualServer, final ServiceKey key)
    {
        final List<DestSpec> servers = new ArrayList<>();
        for (final RealServerConfig realServer : virtualServer.realServers())
        {
            servers.add(0, new DestSpec(realServer.address(), realServer.port(),
                realServer.forwardMethod() != null ? realServer.forwardMethod() : virtualServer.lbKind(),
                realServer.weight(), realServer.upperThreshold(), realServer.lowerThreshold()));
        }
        final boolean ipv6 = key.family() == InetAddr.AF_INET6;
        final int granularity = virtualServer.persistenceGranularity();
        final int netmask = ipv6 ? (granularity < 0 ? 128 : granularity) : granularity;
        return new ServiceSpec(key, virtualServer.lbAlgo(), virtualServer.schedulerFlags(),
            virtualServer.persistenceTimeoutS(), netmask, servers);
    }
}
