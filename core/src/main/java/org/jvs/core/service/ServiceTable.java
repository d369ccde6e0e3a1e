package org.jvs.core.service;

import java.util.List;

/**
 * The whole configured table of virtual services, immutable. The control plane builds a new one for every
 * change and publishes it with one volatile write ({@link ServiceTableRef}); workers read the current one
 * without locks and bring their own runtime services in line with it. A worker never sees a half-applied
 * change.
 *
 * @param version  increases with every published table.
 * @param services the services, in the order they were made.
 */
public record ServiceTable(long version, List<ServiceSpec> services)
{
    /** The table before anything is configured. */
    public static final ServiceTable EMPTY = new ServiceTable(0, List.of());

    /**
     * Copies the list, so a table never changes after it is made.
     */
    public ServiceTable
    {
        services = List.copyOf(services);
    }

    /**
     * @param key a service key.
     * @return the service with that key, or null.
     */
    public ServiceSpec find(final ServiceKey key)
    {
        for (final ServiceSpec service : services)
        {
            if (service.key().equals(key))
            {
                return service;
            }
        }
        return null;
    }
}
