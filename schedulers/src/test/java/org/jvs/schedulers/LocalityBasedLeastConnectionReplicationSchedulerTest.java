package org.jvs.schedulers;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.RealServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * lblcr as {@code ip_vs_lblcr.c}: decision sequences traced by hand through {@code ip_vs_lblcr_schedule},
 * {@code ip_vs_dest_set_min}/{@code _max}, {@code is_overloaded} and {@code __ip_vs_lblcr_schedule}.
 */
class LocalityBasedLeastConnectionReplicationSchedulerTest
{
    private static final String D1 = "198.18.50.1";
    private static final String CLIENT = "198.18.9.9";
    private static final long HOUR_NS = 3600_000_000_000L;

    private static void activate(final RealServer server, final int connections)
    {
        for (int i = 0; i < connections; i++)
        {
            server.activate();
        }
    }

    private static RealServer[] setOf(final Lab lab, final String destination)
    {
        lab.request.ipv4(6, Lab.ip(CLIENT), 40000, Lab.ip(destination), 80, lab.nowNs);
        return ((LocalityBasedLeastConnectionReplicationScheduler)lab.service.scheduler()).set(lab.request);
    }

    @Test
    void setGrowsWhenItsLeastLoadedIsOverloadedAndDropsItsMostLoadedAfterTheExpiration()
    {
        final Lab lab = new Lab(new LocalityBasedLeastConnectionReplicationScheduler());
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        // list B A: new destination, wlc takes B (A ties and loses)
        assertSame(b, lab.connect(CLIENT, D1));
        assertArrayEquals(new RealServer[] {b}, setOf(lab, D1));
        assertSame(b, lab.connect(CLIENT, D1));
        // B: 2 active > weight 1, A has 0*2 < 1: overloaded; wlc: B 512, A 0 -> A joins at the head
        activate(b, 2);
        assertSame(a, lab.connect(CLIENT, D1));
        assertArrayEquals(new RealServer[] {a, b}, setOf(lab, D1));
        // set least: A 1 vs B 512
        assertSame(a, lab.connect(CLIENT, D1));
        // A 2 active > 1, but nobody has active*2 < weight: not overloaded; set least: A 512 ties B 512, A first
        activate(a, 2);
        assertSame(a, lab.connect(CLIENT, D1));
        // add C (list C B A); set least: A 513 vs B 512 -> B, overloaded (C has 0 active) -> wlc: C joins
        final RealServer c = lab.add("198.18.1.3", 1);
        assertSame(c, lab.connect(CLIENT, D1));
        assertArrayEquals(new RealServer[] {c, a, b}, setOf(lab, D1));
        // at 12 h: used (C least), the set unchanged since 0
        lab.nowNs = 12 * HOUR_NS;
        assertSame(c, lab.connect(CLIENT, D1));
        // at 24 h + 1 s: unchanged for more than the expiration: the most loaded, A (513 > 512 > C's 2), is dropped
        lab.nowNs = 24 * HOUR_NS + 1_000_000_000L;
        assertSame(c, lab.connect(CLIENT, D1));
        assertArrayEquals(new RealServer[] {c, b}, setOf(lab, D1));
        // just changed: nothing more is dropped
        assertSame(c, lab.connect(CLIENT, D1));
        assertArrayEquals(new RealServer[] {c, b}, setOf(lab, D1));
    }

    @Test
    void removedMemberIsSkippedAndQuiescedServiceGivesNull()
    {
        final Lab lab = new Lab(new LocalityBasedLeastConnectionReplicationScheduler());
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        assertSame(b, lab.connect(CLIENT, D1));
        activate(b, 1);
        assertSame(b, lab.connect(CLIENT, D1), "B: 1 active, not more than its weight");
        activate(b, 1);
        // B 2 active > 1, A 0 active: A joins
        assertSame(a, lab.connect(CLIENT, D1));
        // A removed: the set least skips it (unavailable) and takes B; B's 2 active > 1, but the only listed
        // server, B, has no spare (2*2 >= 1): not overloaded -> B
        lab.service.removeServer(a);
        assertSame(b, lab.connect(CLIENT, D1));
        assertArrayEquals(new RealServer[] {a, b}, setOf(lab, D1), "the set keeps the removed server");
        lab.weight(b, 0);
        assertNull(lab.connect(CLIENT, D1));
    }

    @Test
    void setEntriesExpireLikeLblcEntries()
    {
        final LocalityBasedLeastConnectionReplicationScheduler lblcr =
            new LocalityBasedLeastConnectionReplicationScheduler();
        final Lab lab = new Lab(lblcr);
        lab.add("198.18.1.1", 1);
        for (int i = 1; i <= 10; i++)
        {
            lab.pick(CLIENT, 40000, "198.18.60." + i);
        }
        assertEquals(10, lblcr.cachedDestinations());
        lab.nowNs = 25 * HOUR_NS;
        for (int i = 0; i < 70; i++)
        {
            lab.pick(CLIENT, 40000, D1);
        }
        assertEquals(1, lblcr.cachedDestinations());
        assertEquals(0, setOf(lab, "198.18.60.1").length);
    }
}
