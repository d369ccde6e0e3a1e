package org.jvs.director.sync;

import java.util.List;

import org.jvs.core.conn.ConnectionTuple;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.jvs.core.worker.Worker;

/**
 * Finds a synced entry's service and real server among one worker's own copies of them (the objects its table
 * binds), on that worker's thread: the service by fwmark, else by protocol, VIP and vport; the server by RIP and
 * port (any port for an entry sent with destination port 0, a port-zero template). Linear: a backup applies
 * entries at the rate the master sends them, not per packet.
 */
public final class WorkerSyncResolver implements SyncResolver
{
    private final Worker worker;

    /**
     * @param worker the worker whose services are searched.
     */
    public WorkerSyncResolver(final Worker worker)
    {
        this.worker = worker;
    }

    @Override
    public VirtualService service(final SyncEntry entry)
    {
        final List<VirtualService> services = worker.services();
        for (int i = 0; i < services.size(); i++)
        {
            final VirtualService service = services.get(i);
            final ServiceKey key = service.key();
            if (entry.fwmark() != 0 ? key.isFwmark() && key.fwmark() == entry.fwmark() : matches(key, entry))
            {
                return service;
            }
        }
        return null;
    }

    private static boolean matches(final ServiceKey key, final SyncEntry entry)
    {
        return !key.isFwmark() && key.protocol() == entry.protocol() &&
            (key.port() == entry.virtualPort() || key.port() == 0) &&
            key.family() == entry.family() && ConnectionTuple.lo(key.address()) == entry.virtualLo() &&
            ConnectionTuple.hi(key.address()) == entry.virtualHi();
    }

    @Override
    public RealServer server(final VirtualService service, final SyncEntry entry)
    {
        for (int i = 0; i < service.serverCount(); i++)
        {
            final RealServer server = service.server(i);
            if (ConnectionTuple.lo(server.address()) == entry.destinationLo() &&
                ConnectionTuple.hi(server.address()) == entry.destinationHi() &&
                (server.port() == entry.destinationPort() || entry.destinationPort() == 0))
            {
                return server;
            }
        }
        return null;
    }
}
