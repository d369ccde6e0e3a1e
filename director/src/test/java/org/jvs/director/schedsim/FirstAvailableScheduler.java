package org.jvs.director.schedsim;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * A test scheduler with an obvious rule, so the simulator's own semantics (list order, counts, thresholds,
 * trash) can be checked apart from the real schedulers: the first server in list order with weight above 0
 * that is not overloaded.
 */
final class FirstAvailableScheduler implements Scheduler
{
    private final String name;
    private int addCalls;
    private int updCalls;
    private int delCalls;

    FirstAvailableScheduler(final String name)
    {
        this.name = name;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        addCalls++;
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        updCalls++;
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        delCalls++;
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        for (int i = 0; i < service.serverCount(); i++)
        {
            final RealServer server = service.server(i);
            if (server.weight() > 0 && !server.isOverloaded())
            {
                return server;
            }
        }
        return null;
    }

    int addCalls()
    {
        return addCalls;
    }

    int updCalls()
    {
        return updCalls;
    }

    int delCalls()
    {
        return delCalls;
    }

    /**
     * @param name an ipvsadm name.
     * @return a fresh instance for "first", "sh" and "mh" (so flags can be tried), else IPVS's refusal.
     */
    static FirstAvailableScheduler create(final String name)
    {
        if ("first".equals(name) || "sh".equals(name) || "mh".equals(name))
        {
            return new FirstAvailableScheduler(name);
        }
        throw new IllegalArgumentException("Scheduler not found: " + name);
    }
}
