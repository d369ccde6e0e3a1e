package org.jvs.schedulers;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * A scheduler whose kernel version scans the whole list for the best usable server, first in list order
 * winning a tie (lc, wlc, sed, nq, fo, ovf). A subclass states the kernel's rule as {@link #usable} and
 * {@link #before}; the answer is kept current in a {@link ServerIndex}, so {@link #schedule} is O(1); a change
 * of a server's counts, weight or flags, and an added server, cost O(log n); a deleted server O(n). The result
 * is exactly the server the kernel's scan returns.
 */
abstract class IndexedScheduler implements Scheduler, ServerIndex.Order
{
    private final ServerIndex index = new ServerIndex(this);

    @Override
    public final void initService(final VirtualService service)
    {
        index.rebuild(service);
    }

    @Override
    public final void doneService(final VirtualService service)
    {
        index.detachAll(service);
    }

    @Override
    public final void addDest(final VirtualService service, final RealServer server)
    {
        index.added(service, server);
    }

    @Override
    public final void updDest(final VirtualService service, final RealServer server)
    {
        index.updated(service, server);
    }

    @Override
    public final void delDest(final VirtualService service, final RealServer server)
    {
        ServerIndex.detach(server);
        index.rebuild(service);
    }

    @Override
    public final RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        return index.best();
    }
}
