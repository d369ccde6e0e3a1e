package org.jvs.schedulers;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * lblc, locality-based least-connection (IPVS {@code ip_vs_lblc.c}), for cache clusters: each destination
 * address is kept on the server that first took it, while that server copes.
 * <pre>
 *   if cache[daddr] holds n, and n is available, has weight above 0 and is not overloaded: return n
 *   n = the weighted least-connection server; cache[daddr] = n; return n
 * </pre>
 * Overloaded here is the kernel's {@code is_overloaded}: n has more active connections than its weight
 * <em>and</em> some server of the service has fewer than half its weight in active connections. The pick is
 * {@code __ip_vs_lblc_schedule}: the least {@code overhead / weight} (cross-multiplied in 64 bits) among servers
 * not flagged overloaded, the first in list order winning ties, weight-0 servers never. The cache
 * ({@link DestinationCache}) holds up to 16 K destinations, drops idle ones after 6 min when full and any unused
 * for 24 h, driven by the packets' time.
 */
public final class LocalityBasedLeastConnectionScheduler implements Scheduler
{
    private final RealServer[] cached = new RealServer[DestinationCache.CAPACITY];
    private final DestinationCache cache = new DestinationCache(this::release);

    @Override
    public String name()
    {
        return "lblc";
    }

    @Override
    public void doneService(final VirtualService service)
    {
        cache.clear();
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        final long nowNs = request.nowNs();
        cache.collect(nowNs);
        final int entry = cache.find(request);
        if (entry >= 0)
        {
            cache.touch(entry, nowNs);
            final RealServer server = cached[entry];
            if (server.isAvailable() && server.weight() > 0 && !isOverloaded(server, service))
            {
                return server;
            }
        }
        final RealServer least = weightedLeastConnection(service);
        if (least == null)
        {
            return null;
        }
        if (entry >= 0)
        {
            cached[entry] = least;
        }
        else
        {
            final int added = cache.add(request, nowNs);
            if (added >= 0)
            {
                cached[added] = least;
            }
        }
        return least;
    }

    /**
     * @return destinations cached (for tests and views).
     */
    int cachedDestinations()
    {
        return cache.entries();
    }

    /**
     * The kernel's {@code is_overloaded} of lblc and lblcr.
     */
    static boolean isOverloaded(final RealServer server, final VirtualService service)
    {
        if (server.activeConns() > server.weight())
        {
            for (int i = 0, n = service.serverCount(); i < n; i++)
            {
                final RealServer other = service.server(i);
                if ((long)other.activeConns() * 2 < other.weight())
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code __ip_vs_lblc_schedule} (and lblcr's): least overhead/weight among servers not flagged overloaded.
     */
    static RealServer weightedLeastConnection(final VirtualService service)
    {
        final int count = service.serverCount();
        int i = 0;
        RealServer least = null;
        for (; i < count; i++)
        {
            final RealServer server = service.server(i);
            if (!server.isOverloaded() && server.weight() > 0)
            {
                least = server;
                break;
            }
        }
        if (least == null)
        {
            return null;
        }
        long leastOverhead = least.overhead();
        for (i++; i < count; i++)
        {
            final RealServer server = service.server(i);
            if (server.isOverloaded())
            {
                continue;
            }
            final long overhead = server.overhead();
            if (leastOverhead * server.weight() > overhead * least.weight())
            {
                least = server;
                leastOverhead = overhead;
            }
        }
        return least;
    }

    private void release(final int entry)
    {
        cached[entry] = null;
    }
}
