package org.jvs.schedulers;

import java.lang.management.ManagementFactory;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At 10,000 real servers: decisions, and the counting that drives the load index (bind, ESTABLISHED, unbind),
 * allocate nothing, and every decision is a real server. Each decision is paired with the kernel's full scan
 * only in {@link KernelEquivalenceTest}; here the scheduler runs alone, as on the packet path.
 */
class TenThousandServersTest
{
    private static final int SERVERS = 10_000;
    private static final int ROUNDS = 100_000;

    @ParameterizedTest
    @ValueSource(strings = {"rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos"})
    void decisionsAllocateNothing(final String name)
    {
        final Scheduler scheduler = new org.jvs.core.sched.SchedulerRegistry().create(name);
        final VirtualService service = new VirtualService(ServiceKey.of(ServiceKey.TCP, ConnLab.VIP, 80), scheduler, 0);
        for (int i = 0; i < SERVERS; i++)
        {
            service.addServer(ConnLab.newServer(i + 1, 1 + i % 13, 0, 0));
        }
        final RealServer[] open = new RealServer[64];
        final ScheduleRequest request = new ScheduleRequest();
        run(service, request, open, ROUNDS);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final long startNs = System.nanoTime();
        run(service, request, open, ROUNDS);
        final long elapsedNs = System.nanoTime() - startNs;
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, name + " allocated " + allocated + " bytes in " + ROUNDS + " rounds");
        System.out.println(name + ": " + elapsedNs / ROUNDS + " ns per decision + bind/activate/unbind, " +
            SERVERS + " servers");
    }

    private static void run(
        final VirtualService service, final ScheduleRequest request, final RealServer[] open, final int rounds)
    {
        for (int k = 0; k < rounds; k++)
        {
            final int slot = k & (open.length - 1);
            if (open[slot] != null)
            {
                open[slot].unbind(false, true);
            }
            final RealServer server = service.schedule(request.ipv4(ServiceKey.TCP, 0xC6130000 + k, 1024, 0, 80, 0));
            assertNotNull(server);
            server.bind(false, false);
            server.activate();
            open[slot] = server;
        }
    }
}
