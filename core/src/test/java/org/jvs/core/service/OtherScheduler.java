package org.jvs.core.service;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;

/**
 * A second test scheduler, to test changing a service's scheduler; always chooses nothing.
 */
public final class OtherScheduler implements Scheduler
{
    @Override
    public String name()
    {
        return "other";
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        return null;
    }
}
