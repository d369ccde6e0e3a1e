package org.jvs.core.conn;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * Test scheduler: the first server in list order with weight above 0 and not overloaded; with
 * {@code rotate}, the next such server after the last one chosen (so that persistence is visible).
 */
final class FirstServerScheduler implements Scheduler
{
    private final boolean rotate;
    private int last = -1;

    FirstServerScheduler(final boolean rotate)
    {
        this.rotate = rotate;
    }

    @Override
    public String name()
    {
        return rotate ? "test-rotate" : "test-first";
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        final int count = service.serverCount();
        for (int n = 0; n < count; n++)
        {
            final int i = rotate ? (last + 1 + n) % count : n;
            final RealServer server = service.server(i);
            if (server.weight() > 0 && !server.isOverloaded())
            {
                last = i;
                return server;
            }
        }
        return null;
    }
}
