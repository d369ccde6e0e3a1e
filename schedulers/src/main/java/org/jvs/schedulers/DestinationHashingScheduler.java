package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * dh, destination hashing (IPVS {@code ip_vs_dh.c}): a 256-bucket table maps the hash of the packet's
 * destination address to a real server, for cache clusters where each origin address should always reach the
 * same cache. The table is rebuilt when a server is added or deleted ({@code ip_vs_dh_reassign}): one bucket
 * per server in list order, cyclically; weights are ignored, and an edit does not rebuild it (the kernel has no
 * {@code upd_dest} for dh). The server of the bucket is returned only when it is available, has weight above 0
 * and is not overloaded; otherwise there is no server (no fallback).
 * <p>
 * Bucket = {@code hash_32(ntohl(daddr), 8)}; IPv6 addresses are folded by XOR of their four words first.
 */
public final class DestinationHashingScheduler implements Scheduler
{
    /** {@code IP_VS_DH_TAB_BITS}. */
    public static final int TABLE_BITS = 8;
    /** {@code IP_VS_DH_TAB_SIZE}. */
    public static final int TABLE_SIZE = 1 << TABLE_BITS;

    private final RealServer[] buckets = new RealServer[TABLE_SIZE];

    @Override
    public String name()
    {
        return "dh";
    }

    @Override
    public void initService(final VirtualService service)
    {
        reassign(service);
    }

    @Override
    public void doneService(final VirtualService service)
    {
        Arrays.fill(buckets, null);
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        reassign(service);
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        reassign(service);
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        final RealServer server = buckets[IpvsHash.hash32(request.destinationFold(), TABLE_BITS)];
        if (server == null || !server.isAvailable() || server.weight() <= 0 || server.isOverloaded())
        {
            return null;
        }
        return server;
    }

    /**
     * @param index bucket 0..255.
     * @return the server the bucket holds, or null (for tests and {@code jvsadm} views).
     */
    public RealServer bucket(final int index)
    {
        return buckets[index];
    }

    private void reassign(final VirtualService service)
    {
        final int count = service.serverCount();
        for (int i = 0; i < TABLE_SIZE; i++)
        {
            buckets[i] = count == 0 ? null : service.server(i % count);
        }
    }
}
