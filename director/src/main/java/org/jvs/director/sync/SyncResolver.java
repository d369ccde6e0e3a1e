package org.jvs.director.sync;

import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * Finds, on the backup, the virtual service and real server a synced entry belongs to ({@code ip_vs_proc_conn}:
 * the service by protocol, VIP, vport or fwmark; the server by RIP and port).
 */
public interface SyncResolver
{
    /**
     * @param entry the synced entry.
     * @return its virtual service, or null when the backup has none (the entry is dropped, counted).
     */
    VirtualService service(SyncEntry entry);

    /**
     * @param service the entry's service.
     * @param entry   the synced entry.
     * @return its real server, or null when the service has none such.
     */
    RealServer server(VirtualService service, SyncEntry entry);
}
