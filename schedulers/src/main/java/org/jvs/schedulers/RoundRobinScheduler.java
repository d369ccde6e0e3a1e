package org.jvs.schedulers;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * rr, as {@code ip_vs_rr.c}: the next server in list order after the last one chosen, skipping servers
 * that are overloaded or have weight 0; wrapping at the end of the list; none usable gives null.
 * <p>
 * The cursor is IPVS's: it starts at the list head, stays on the same server when a server is added at
 * the head (rr has no add hook: the new server is picked only once the cursor wraps, or at once when the
 * cursor is still at the head), and when the server under the cursor is deleted it moves back to that
 * server's predecessor (the head if it was first), so the deleted server's successor is picked next.
 * <p>
 * Cost: O(1) when the next server is usable; otherwise the next usable one is found in O(log n) through a
 * {@link ServerIndex} instead of the kernel's walk.
 */
public final class RoundRobinScheduler implements Scheduler
{
    private static final int HEAD = -1;

    private final ServerIndex index = new ServerIndex(HighestWeightOrder.INSTANCE);
    private int cursor = HEAD;

    @Override
    public String name()
    {
        return "rr";
    }

    @Override
    public void initService(final VirtualService service)
    {
        cursor = HEAD;
        index.rebuild(service);
    }

    @Override
    public void doneService(final VirtualService service)
    {
        index.detachAll(service);
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        if (cursor != HEAD)
        {
            cursor++;
        }
        index.added(service, server);
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        index.updated(service, server);
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        final int position = index.positionOf(server);
        ServerIndex.detach(server);
        if (position != HEAD && cursor >= position)
        {
            cursor--;
        }
        index.rebuild(service);
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        final int start = cursor + 1;
        int position = HEAD;
        if (start < index.count() && HighestWeightOrder.INSTANCE.usable(index.server(start)))
        {
            position = start;
        }
        else
        {
            position = index.firstFrom(start, 1);
            if (position == HEAD && cursor != HEAD)
            {
                position = index.firstFrom(0, 1);
            }
        }
        if (position == HEAD)
        {
            return null;
        }
        cursor = position;
        return index.server(position);
    }

    /**
     * @return list position of the last server chosen, -1 when the cursor is at the list head (tests).
     */
    int cursor()
    {
        return cursor;
    }
}
