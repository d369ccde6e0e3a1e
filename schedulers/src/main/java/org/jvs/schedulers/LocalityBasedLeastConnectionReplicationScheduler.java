package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * lblcr, locality-based least-connection with replication (IPVS {@code ip_vs_lblcr.c}): each destination address
 * maps to a <em>set</em> of servers, so a hot destination can be served by several caches.
 * <pre>
 *   if set[daddr] exists:
 *       n = the set's weighted least-connection member (available, weight above 0, not flagged overloaded)
 *       if the set has more than one member and has not changed for the expiration time (24 h):
 *           drop the set's weighted most-connection member (weight above 0)
 *       if n and not is_overloaded(n): return n
 *       n = the service's weighted least-connection server; add n to the set; return n
 *   n = the service's weighted least-connection server; set[daddr] = {n}; return n
 * </pre>
 * As the kernel: n is chosen before the drop (and is used even if it was the member dropped); new members go to
 * the head of the set, and ties go to the member nearest the head, in both the least and the most search;
 * a set keeps servers removed from the service (they are skipped as unavailable by the least search, and may be
 * dropped as most loaded). {@code is_overloaded} and the service-wide pick are lblc's. Sets live in a preallocated
 * pool of members; when it is exhausted a server is not added, as the kernel's failed {@code GFP_ATOMIC}
 * allocation would leave it.
 */
public final class LocalityBasedLeastConnectionReplicationScheduler implements Scheduler
{
    /** Set members the pool holds: two a cached destination on average. */
    static final int MEMBER_CAPACITY = DestinationCache.CAPACITY * 2;
    private static final int NONE = -1;

    private final int[] setHead = new int[DestinationCache.CAPACITY];
    private final int[] setSize = new int[DestinationCache.CAPACITY];
    private final long[] setLastModNs = new long[DestinationCache.CAPACITY];
    private final RealServer[] member = new RealServer[MEMBER_CAPACITY];
    private final int[] memberNext = new int[MEMBER_CAPACITY];
    private final DestinationCache cache;
    private int freeMember;

    /**
     * Preallocate the cache and the member pool.
     */
    public LocalityBasedLeastConnectionReplicationScheduler()
    {
        Arrays.fill(setHead, NONE);
        for (int i = 0; i < MEMBER_CAPACITY; i++)
        {
            memberNext[i] = i + 1 < MEMBER_CAPACITY ? i + 1 : NONE;
        }
        cache = new DestinationCache(this::releaseSet);
    }

    @Override
    public String name()
    {
        return "lblcr";
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
        if (entry < 0)
        {
            final RealServer least = LocalityBasedLeastConnectionScheduler.weightedLeastConnection(service);
            if (least != null)
            {
                final int added = cache.add(request, nowNs);
                if (added >= 0)
                {
                    insert(added, least, nowNs);
                }
            }
            return least;
        }
        cache.touch(entry, nowNs);
        RealServer server = setMin(entry);
        if (setSize[entry] > 1 && nowNs - setLastModNs[entry] > DestinationCache.EXPIRATION_NS)
        {
            final RealServer most = setMax(entry);
            if (most != null)
            {
                erase(entry, most, nowNs);
            }
        }
        if (server != null && !LocalityBasedLeastConnectionScheduler.isOverloaded(server, service))
        {
            return server;
        }
        server = LocalityBasedLeastConnectionScheduler.weightedLeastConnection(service);
        if (server != null && !contains(entry, server))
        {
            insert(entry, server, nowNs);
        }
        return server;
    }

    /**
     * @return destinations cached (for tests and views).
     */
    int cachedDestinations()
    {
        return cache.entries();
    }

    /**
     * @param request a packet to the destination.
     * @return the members of the destination's set from its head, or an empty array (tests and views).
     */
    RealServer[] set(final ScheduleRequest request)
    {
        final int entry = cache.find(request);
        if (entry < 0)
        {
            return new RealServer[0];
        }
        final RealServer[] members = new RealServer[setSize[entry]];
        int i = 0;
        for (int m = setHead[entry]; m != NONE; m = memberNext[m])
        {
            members[i++] = member[m];
        }
        return members;
    }

    /** {@code ip_vs_dest_set_min}. */
    private RealServer setMin(final int entry)
    {
        int m = setHead[entry];
        RealServer least = null;
        for (; m != NONE; m = memberNext[m])
        {
            final RealServer server = member[m];
            if (!server.isOverloaded() && server.weight() > 0 && server.isAvailable())
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
        for (m = memberNext[m]; m != NONE; m = memberNext[m])
        {
            final RealServer server = member[m];
            if (server.isOverloaded())
            {
                continue;
            }
            final long overhead = server.overhead();
            if (leastOverhead * server.weight() > overhead * least.weight() && server.isAvailable())
            {
                least = server;
                leastOverhead = overhead;
            }
        }
        return least;
    }

    /** {@code ip_vs_dest_set_max}. */
    private RealServer setMax(final int entry)
    {
        int m = setHead[entry];
        RealServer most = null;
        for (; m != NONE; m = memberNext[m])
        {
            if (member[m].weight() > 0)
            {
                most = member[m];
                break;
            }
        }
        if (most == null)
        {
            return null;
        }
        long mostOverhead = most.overhead();
        for (m = memberNext[m]; m != NONE; m = memberNext[m])
        {
            final RealServer server = member[m];
            final long overhead = server.overhead();
            if (mostOverhead * server.weight() < overhead * most.weight() && server.weight() > 0)
            {
                most = server;
                mostOverhead = overhead;
            }
        }
        return most;
    }

    private boolean contains(final int entry, final RealServer server)
    {
        for (int m = setHead[entry]; m != NONE; m = memberNext[m])
        {
            if (member[m] == server)
            {
                return true;
            }
        }
        return false;
    }

    /** {@code ip_vs_dest_set_insert} without its check (callers check). */
    private void insert(final int entry, final RealServer server, final long nowNs)
    {
        final int m = freeMember;
        if (m == NONE)
        {
            return;
        }
        freeMember = memberNext[m];
        member[m] = server;
        memberNext[m] = setHead[entry];
        setHead[entry] = m;
        setSize[entry]++;
        setLastModNs[entry] = nowNs;
    }

    /** {@code ip_vs_dest_set_erase}. */
    private void erase(final int entry, final RealServer server, final long nowNs)
    {
        int previous = NONE;
        for (int m = setHead[entry]; m != NONE; m = memberNext[m])
        {
            if (member[m] == server)
            {
                if (previous == NONE)
                {
                    setHead[entry] = memberNext[m];
                }
                else
                {
                    memberNext[previous] = memberNext[m];
                }
                freeMemberSlot(m);
                setSize[entry]--;
                setLastModNs[entry] = nowNs;
                return;
            }
            previous = m;
        }
    }

    private void freeMemberSlot(final int m)
    {
        member[m] = null;
        memberNext[m] = freeMember;
        freeMember = m;
    }

    private void releaseSet(final int entry)
    {
        int m = setHead[entry];
        while (m != NONE)
        {
            final int following = memberNext[m];
            freeMemberSlot(m);
            m = following;
        }
        setHead[entry] = NONE;
        setSize[entry] = 0;
    }
}
