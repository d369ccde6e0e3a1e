package org.jvs.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.SchedulerRegistry;
import org.junit.jupiter.api.Test;

class ServiceRuntimeTest
{
    private static final InetAddr VIP = InetAddr.parse("198.18.0.100");
    private static final ServiceKey HTTP = ServiceKey.of(ServiceKey.TCP, VIP, 80);
    private static final InetAddr RS1 = InetAddr.parse("198.18.0.11");
    private static final InetAddr RS2 = InetAddr.parse("198.18.0.12");
    private static final InetAddr RS3 = InetAddr.parse("198.18.0.13");

    private final ServiceRuntime runtime = new ServiceRuntime(new SchedulerRegistry());

    private static DestSpec dest(final InetAddr rip, final int weight)
    {
        return new DestSpec(rip, 80, ForwardMethod.ROUTE, weight, 0, 0);
    }

    private static ServiceTable table(final long version, final String scheduler, final DestSpec... servers)
    {
        return new ServiceTable(version, List.of(new ServiceSpec(HTTP, scheduler, 0, 0, 0xFFFFFFFF, List.of(servers))));
    }

    private static List<String> calls(final VirtualService service)
    {
        return ((RecordingScheduler)service.scheduler()).calls;
    }

    @Test
    void newServiceGetsServersInIpvsListOrderAndHooksInAddOrder()
    {
        assertTrue(runtime.apply(table(1, "recording", dest(RS2, 1), dest(RS1, 1))));
        final VirtualService service = runtime.find(HTTP);
        assertEquals(2, service.serverCount());
        assertTrue(service.server(0).is(RS2, 80));
        assertTrue(service.server(1).is(RS1, 80));
        assertEquals(List.of("init 0", "add 198.18.0.11:80", "add 198.18.0.12:80"), calls(service));
        assertFalse(runtime.apply(table(1, "recording", dest(RS2, 1), dest(RS1, 1))), "same version again");
    }

    @Test
    void changesAreAppliedAsEditsDeletesAndHeadInsertions()
    {
        runtime.apply(table(1, "recording", dest(RS2, 1), dest(RS1, 1)));
        final VirtualService service = runtime.find(HTTP);
        final RealServer rs1 = service.find(RS1, 80);
        rs1.bind(false, false);
        runtime.apply(table(2, "recording", dest(RS3, 1), dest(RS1, 5)));
        assertSame(service, runtime.find(HTTP), "the service object lives on");
        assertEquals(List.of("init 0", "add 198.18.0.11:80", "add 198.18.0.12:80",
            "del 198.18.0.12:80", "upd 198.18.0.11:80 w5", "add 198.18.0.13:80"), calls(service));
        assertTrue(service.server(0).is(RS3, 80));
        assertSame(rs1, service.server(1), "edited in place, counts kept");
        assertEquals(1, rs1.inactConns());
        assertNull(service.find(RS2, 80));
        assertFalse(service.findInTrash(RS2, 80).isAvailable());
    }

    @Test
    void reAddedServerComesBackFromTheTrashWithItsCounts()
    {
        runtime.apply(table(1, "recording", dest(RS1, 1)));
        final VirtualService service = runtime.find(HTTP);
        final RealServer rs1 = service.find(RS1, 80);
        rs1.bind(false, false);
        runtime.apply(table(2, "recording"));
        assertEquals(0, service.serverCount());
        runtime.apply(table(3, "recording", dest(RS1, 2)));
        assertSame(rs1, service.find(RS1, 80));
        assertTrue(rs1.isAvailable());
        assertEquals(2, rs1.weight());
        assertEquals(1, rs1.inactConns());
    }

    @Test
    void schedulerChangeBindsTheNewSchedulerToTheExistingList()
    {
        runtime.apply(table(1, "recording", dest(RS1, 1)));
        final VirtualService service = runtime.find(HTTP);
        final ScheduleRequest request =
            new ScheduleRequest().ipv4(ServiceKey.TCP, 0xC6120001, 40000, VIP.ipv4(), 80, 0);
        assertNotSame(null, service.schedule(request));
        runtime.apply(table(2, "other", dest(RS1, 1)));
        assertEquals("other", runtime.find(HTTP).scheduler().name());
        assertNull(service.schedule(request));
        assertEquals(1, service.noDestinationDrops());
    }

    @Test
    void removedServiceIsClosedAndNoLongerFound()
    {
        runtime.apply(table(1, "recording", dest(RS1, 1)));
        runtime.apply(new ServiceTable(2, List.of()));
        assertNull(runtime.find(HTTP));
        assertNull(runtime.lookup().findIpv4(ServiceKey.TCP, VIP.ipv4(), 80));
    }

    @Test
    void unknownSchedulerIsNamed()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> runtime.apply(table(1, "nosuch")));
        assertEquals("Scheduler not found: nosuch", ex.getMessage());
    }
}
