package org.jvs.core.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvs.core.sched.SchedulerRegistry;

/**
 * One worker's runtime services, kept in line with the published {@link ServiceTable}. When a new table is
 * seen, {@link #apply} makes, edits and deletes services and real servers in the order IPVS's control code
 * would for the same ipvsadm commands, so the schedulers' hooks see the same sequence of changes. Runs on
 * the owning worker's thread, between packets; it may allocate (configuration changes are rare).
 */
public final class ServiceRuntime
{
    private final SchedulerRegistry registry;
    private final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();
    private ServiceLookup lookup = new ServiceLookup(List.of());
    private long version = -1;

    /**
     * @param registry where schedulers are found by name.
     */
    public ServiceRuntime(final SchedulerRegistry registry)
    {
        this.registry = registry;
    }

    /**
     * Bring the runtime in line with a table; nothing happens when its version was applied already.
     *
     * @param table the published table.
     * @return true when something was applied.
     */
    public boolean apply(final ServiceTable table)
    {
        if (table.version() == version)
        {
            return false;
        }
        final Map<ServiceKey, VirtualService> kept = new LinkedHashMap<>();
        for (final ServiceSpec spec : table.services())
        {
            VirtualService service = services.remove(spec.key());
            if (service == null)
            {
                service = new VirtualService(spec.key(), registry.create(spec.schedulerName()), spec.flags());
            }
            else if (!service.scheduler().name().equals(spec.schedulerName()))
            {
                service.scheduler(registry.create(spec.schedulerName()));
            }
            service.flags(spec.flags());
            service.persistence(spec.persistenceTimeoutS(), spec.netmask());
            applyServers(service, spec);
            kept.put(spec.key(), service);
        }
        for (final VirtualService gone : services.values())
        {
            gone.close();
        }
        services.clear();
        services.putAll(kept);
        lookup = new ServiceLookup(new ArrayList<>(services.values()));
        version = table.version();
        return true;
    }

    private static void applyServers(final VirtualService service, final ServiceSpec spec)
    {
        for (int i = service.serverCount() - 1; i >= 0; i--)
        {
            final RealServer server = service.server(i);
            if (spec.find(server.address(), server.port()) == null)
            {
                service.removeServer(server);
            }
        }
        final List<DestSpec> wanted = spec.servers();
        for (int i = wanted.size() - 1; i >= 0; i--)
        {
            final DestSpec dest = wanted.get(i);
            final RealServer present = service.find(dest.address(), dest.port());
            if (present == null)
            {
                RealServer server = service.findInTrash(dest.address(), dest.port());
                if (server == null)
                {
                    server = new RealServer(dest.address(), dest.port(), dest.forwardMethod(), dest.weight(),
                        dest.upperThreshold(), dest.lowerThreshold());
                }
                else
                {
                    server.forwardMethod(dest.forwardMethod());
                    server.update(dest.weight(), dest.upperThreshold(), dest.lowerThreshold());
                }
                service.addServer(server);
            }
            else if (present.weight() != dest.weight() || present.upperThreshold() != dest.upperThreshold() ||
                present.lowerThreshold() != dest.lowerThreshold() || present.forwardMethod() != dest.forwardMethod())
            {
                present.forwardMethod(dest.forwardMethod());
                service.editServer(present, dest.weight(), dest.upperThreshold(), dest.lowerThreshold());
            }
        }
    }

    /**
     * @return the lookup for the packet path, matching the last applied table.
     */
    public ServiceLookup lookup()
    {
        return lookup;
    }

    /**
     * @param key a service key.
     * @return the runtime service, or null.
     */
    public VirtualService find(final ServiceKey key)
    {
        return services.get(key);
    }

    /**
     * @return the runtime services, in table order.
     */
    public List<VirtualService> services()
    {
        return new ArrayList<>(services.values());
    }

    /**
     * @return the version of the last applied table, -1 before the first.
     */
    public long version()
    {
        return version;
    }
}
