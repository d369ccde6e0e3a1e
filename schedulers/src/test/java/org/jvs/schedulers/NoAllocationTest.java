package org.jvs.schedulers;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code schedule} allocates nothing per decision: the thread's allocation counter barely moves over 200 000 decisions
 * (new clients, new destinations, a fallback path, time passing so that lblc/lblcr collection walks run).
 */
class NoAllocationTest
{
    @ParameterizedTest
    @ValueSource(strings = {"sh", "dh", "mh", "lblc", "lblcr"})
    void scheduleAllocatesNothing(final String name)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        final Lab lab = new Lab(new SchedulerRegistry().create(name), VirtualService.F_SCHED1);
        final RealServer a = lab.add("198.18.1.1", 1);
        lab.add("198.18.1.2", 2);
        lab.add("198.18.1.3", 3);
        lab.weight(a, 0);
        run(lab, 50_000);
        final long before = threads.getCurrentThreadAllocatedBytes();
        run(lab, 200_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // one 16-byte object per decision would be 3.2 MB; the counter itself and JIT transitions cost ~2 KB
        assertTrue(allocated < 16 * 1024, name + " allocated " + allocated + " bytes in 200 000 decisions");
    }

    private static void run(final Lab lab, final int decisions)
    {
        final int clients = Lab.ip("198.18.0.0");
        final int destinations = Lab.ip("198.19.0.0");
        for (int i = 0; i < decisions; i++)
        {
            lab.request.ipv4(6, clients + (i & 0xFFFF), 1024 + (i & 0x7FFF), destinations + (i % 20_000), 80,
                i * 10_000_000L);
            lab.service.schedule(lab.request);
        }
    }
}
