package org.jvs.director.schedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;

/**
 * The engine's IPVS semantics (list order, connection counts, thresholds, quiescing, the dest trash), checked
 * with a scheduler whose rule is obvious: the first server in list order with weight above 0, not overloaded.
 */
class SchedSimTest
{
    private static final InetAddr VIP = InetAddr.parse("198.18.0.100");
    private static final InetAddr CLIENT = InetAddr.parse("198.18.0.1");

    private SchedSim sim;
    private FirstAvailableScheduler scheduler;

    @BeforeEach
    void makeService()
    {
        sim = new SchedSim(name ->
        {
            scheduler = FirstAvailableScheduler.create(name);
            return scheduler;
        });
        sim.service(ServiceKey.TCP, VIP, 80, "first", 0);
    }

    @Test
    void addsEachServerAtTheHeadOfTheListAndCallsTheHook()
    {
        addServer("a", 1, 0, 0);
        addServer("b", 1, 0, 0);
        addServer("c", 1, 0, 0);
        assertEquals(3, scheduler.addCalls());
        assertSame(sim.server("c"), sim.service().server(0));
        assertSame(sim.server("a"), sim.service().server(2));
        assertEquals("c", sim.nameOf(sim.conn(CLIENT, 1000)));
    }

    @Test
    void aNewConnectionIsInactiveEstablishMakesItActiveCloseUncountsTheRightOne()
    {
        addServer("a", 1, 0, 0);
        final RealServer a = sim.server("a");
        sim.conn(CLIENT, 1000);
        sim.conn(CLIENT, 1001);
        assertCounts(a, 0, 2);
        sim.establish(2);
        assertCounts(a, 1, 1);
        sim.close(2);
        assertCounts(a, 0, 1);
        sim.close(1);
        assertCounts(a, 0, 0);
    }

    @Test
    void upperThresholdOverloadsAndThreeQuartersClearsWithoutLower()
    {
        addServer("a", 1, 0, 0);
        addServer("b", 1, 4, 0);
        final RealServer b = sim.server("b");
        for (int i = 0; i < 4; i++)
        {
            assertEquals("b", sim.nameOf(sim.conn(CLIENT, 1000 + i)));
        }
        assertTrue(b.isOverloaded());
        assertEquals("a", sim.nameOf(sim.conn(CLIENT, 2000)));
        sim.close(1);
        assertTrue(b.isOverloaded(), "3 connections: 4 x 3 < 3 x 4 is false, still overloaded");
        sim.close(2);
        assertFalse(b.isOverloaded(), "2 connections: 4 x 2 < 3 x 4");
        assertEquals("b", sim.nameOf(sim.conn(CLIENT, 2001)));
    }

    @Test
    void lowerThresholdClearsOverloadBelowIt()
    {
        addServer("a", 1, 0, 0);
        addServer("b", 1, 3, 1);
        final RealServer b = sim.server("b");
        sim.conn(CLIENT, 1000);
        sim.conn(CLIENT, 1001);
        sim.establish(2);
        sim.conn(CLIENT, 1002);
        assertTrue(b.isOverloaded());
        sim.close(2);
        sim.close(3);
        assertTrue(b.isOverloaded(), "1 connection is not below the lower threshold 1");
        sim.close(1);
        assertFalse(b.isOverloaded());
    }

    @Test
    void weightZeroQuiescesAndKeepsThresholds()
    {
        addServer("a", 1, 0, 0);
        addServer("b", 2, 7, 3);
        sim.weight("b", 0);
        assertEquals(1, scheduler.updCalls());
        final RealServer b = sim.server("b");
        assertEquals(7, b.upperThreshold());
        assertEquals(3, b.lowerThreshold());
        assertEquals("a", sim.nameOf(sim.conn(CLIENT, 1000)));
        sim.weight("a", 0);
        assertNull(sim.conn(CLIENT, 1001));
        assertEquals(2, sim.connCount());
        assertThrows(ScenarioException.class, () -> sim.weight("a", 65536));
    }

    @Test
    void removedServerKeepsItsConnectionsAndComesBackFromTheTrashWithThem()
    {
        addServer("a", 1, 0, 0);
        addServer("b", 1, 0, 0);
        final RealServer b = sim.server("b");
        sim.conn(CLIENT, 1000);
        sim.conn(CLIENT, 1001);
        sim.establish(1);
        sim.remove("b");
        assertEquals(1, scheduler.delCalls());
        assertNull(sim.server("b"));
        assertFalse(b.isAvailable());
        assertEquals("a", sim.nameOf(sim.conn(CLIENT, 1002)));
        sim.close(2);
        assertCounts(b, 1, 0);

        sim.server("b2", InetAddr.parse("198.18.1.2"), 80, 5, 0, 0);
        assertSame(b, sim.server("b2"), "the same RIP:port comes back from the trash");
        assertSame(b, sim.service().server(0), "at the head of the list");
        assertEquals(5, b.weight());
        assertTrue(b.isAvailable());
        assertCounts(b, 1, 0);
        assertEquals("b2", sim.nameOf(sim.conn(CLIENT, 1003)));
        sim.close(1);
        assertCounts(b, 0, 1);
    }

    @Test
    void aNameOfARemovedServerMayBeGivenToANewOne()
    {
        addServer("a", 1, 0, 0);
        final RealServer old = sim.server("a");
        sim.conn(CLIENT, 1000);
        sim.remove("a");
        sim.server("a", InetAddr.parse("198.18.1.9"), 80, 1, 0, 0);
        assertFalse(old == sim.server("a"));
        sim.close(1);
        assertCounts(old, 0, 0);
    }

    private void addServer(final String name, final int weight, final int upper, final int lower)
    {
        final int octet = name.charAt(0) - 'a' + 1;
        sim.server(name, InetAddr.parse("198.18.1." + octet), 80, weight, upper, lower);
    }

    private static void assertCounts(final RealServer server, final int active, final int inactive)
    {
        assertEquals(active, server.activeConns(), "ActiveConn of " + server);
        assertEquals(inactive, server.inactConns(), "InActConn of " + server);
    }
}
