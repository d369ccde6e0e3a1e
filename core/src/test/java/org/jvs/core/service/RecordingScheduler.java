package org.jvs.core.service;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;

/**
 * A test scheduler that records its hooks and picks the first server with weight > 0 in list order.
 */
public final class RecordingScheduler implements Scheduler
{
    final List<String> calls = new ArrayList<>();
    private final String name;

    public RecordingScheduler()
    {
        this("recording");
    }

    RecordingScheduler(final String name)
    {
        this.name = name;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void initService(final VirtualService service)
    {
        calls.add("init " + service.serverCount());
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        calls.add("add " + server);
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        calls.add("upd " + server + " w" + server.weight());
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        calls.add("del " + server);
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        for (int i = 0; i < service.serverCount(); i++)
        {
            if (service.server(i).weight() > 0)
            {
                return service.server(i);
            }
        }
        return null;
    }
}
