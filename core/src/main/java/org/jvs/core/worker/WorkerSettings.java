package org.jvs.core.worker;

import java.util.function.Supplier;

import org.jvs.core.conn.Timeouts;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.route.RouteTable;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.ServiceTableRef;

/**
 * What every worker of a director shares: where tables are published, the schedulers, ports, routes, the
 * forwarding handlers (indexed by {@link org.jvs.core.service.ForwardMethod#ordinal()}), the director's own
 * addresses, sizes, static neighbours and timeouts.
 *
 * @param tables              where the control plane publishes the service table.
 * @param registry            the schedulers.
 * @param ports               the director's ports.
 * @param routes              its routes.
 * @param handlers            makes one set of forwarding handlers (per ForwardMethod ordinal) per worker.
 * @param ownAddresses        the director's own addresses (DIPs), host order.
 * @param connectionCapacity  most connection entries per worker.
 * @param staticNeighbours    pairs (address, MAC) given by configuration: even index address, odd MAC.
 * @param timeouts            the state timeouts (shared, changed by {@code --set}).
 */
public record WorkerSettings(
    ServiceTableRef tables,
    SchedulerRegistry registry,
    Ports ports,
    RouteTable routes,
    Supplier<Forwarder[]> handlers,
    int[] ownAddresses,
    int connectionCapacity,
    long[] staticNeighbours,
    Timeouts timeouts)
{
}
