package org.jvs.schedulers;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.RealServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lblc as {@code ip_vs_lblc.c}: decision sequences traced by hand through {@code ip_vs_lblc_schedule},
 * {@code is_overloaded} and {@code __ip_vs_lblc_schedule}; the cache's collection driven by the packets' time.
 */
class LocalityBasedLeastConnectionSchedulerTest
{
    private static final String D1 = "198.18.50.1";
    private static final String D2 = "198.18.50.2";
    private static final String D3 = "198.18.50.3";
    private static final String D4 = "198.18.50.4";
    private static final String CLIENT = "198.18.9.9";
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long HOUR_NS = 60 * MINUTE_NS;

    private static void activate(final RealServer server, final int connections)
    {
        for (int i = 0; i < connections; i++)
        {
            server.activate();
        }
    }

    @Test
    void keepsEachDestinationOnItsServerUntilThatServerIsOverloaded()
    {
        final Lab lab = new Lab(new LocalityBasedLeastConnectionScheduler());
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        final RealServer c = lab.add("198.18.1.3", 2);
        // list C(2) B(1) A(1), no connections: wlc takes the first, C
        assertSame(c, lab.connect(CLIENT, D1));
        // C overhead 1: 1*1 > 0*2, B; A 0*1 > 0*1 no
        assertSame(b, lab.connect(CLIENT, D2));
        assertSame(c, lab.connect(CLIENT, D1), "cached");
        // C 2, B 1, A 0: B 2*1 > 1*2 no, A 2*1 > 0*2 yes
        assertSame(a, lab.connect(CLIENT, D3));
        // C 2, B 1, A 1: neither beats C (2*1 > 1*2 no)
        assertSame(c, lab.connect(CLIENT, D4));
        // C: 3 active > weight 2, and B has 0*2 < 1: overloaded. wlc: C 768, B 1 wins, A 1 ties and loses
        activate(c, 3);
        assertSame(b, lab.connect(CLIENT, D1));
        assertSame(b, lab.connect(CLIENT, D1), "D1 now cached on B");
        // B 3 active > 1, but no server has active*2 < weight (C 3, A 1): not overloaded, D1 stays
        activate(b, 3);
        activate(a, 1);
        assertSame(b, lab.connect(CLIENT, D1));
        // quiesced: C 768, B weight 0 never wins, A 256: 768*1 > 256*2
        lab.weight(b, 0);
        assertSame(a, lab.connect(CLIENT, D1));
        // removed (in the trash, unavailable): C is the only usable server
        lab.service.removeServer(a);
        assertSame(c, lab.connect(CLIENT, D1));
        assertEquals(4, ((LocalityBasedLeastConnectionScheduler)lab.service.scheduler()).cachedDestinations());
    }

    @Test
    void cachedServerFlaggedOverloadedByThresholdIsStillUsedAsTheKernelDoes()
    {
        final Lab lab = new Lab(new LocalityBasedLeastConnectionScheduler());
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1, 1, 0);
        assertSame(b, lab.connect(CLIENT, D1));
        assertTrue(b.isOverloaded());
        // ip_vs_lblc_schedule checks availability, weight and is_overloaded(), not IP_VS_DEST_F_OVERLOAD
        assertSame(b, lab.connect(CLIENT, D1));
        // the wlc pick skips the flagged server
        assertSame(a, lab.connect(CLIENT, D2));
    }

    @Test
    void noUsableServerGivesNull()
    {
        final Lab lab = new Lab(new LocalityBasedLeastConnectionScheduler());
        assertNull(lab.pick(CLIENT, 40000, D1));
        final RealServer a = lab.add("198.18.1.1", 1);
        assertSame(a, lab.pick(CLIENT, 40000, D1));
        lab.weight(a, 0);
        assertNull(lab.pick(CLIENT, 40000, D1));
    }

    @Test
    void fullTableRefusesNewDestinationsAndDropsIdleOnesAfterSixMinutes()
    {
        final LocalityBasedLeastConnectionScheduler lblc = new LocalityBasedLeastConnectionScheduler();
        final Lab lab = new Lab(lblc);
        final RealServer a = lab.add("198.18.1.1", 1);
        final int base = Lab.ip("198.18.0.0");
        final int fresh = Lab.ip("198.19.200.1");
        int inBucket1 = 0;
        int inBucket2 = 0;
        for (int i = 0; i <= DestinationCache.MAX_SIZE + 1; i++)
        {
            lab.request.ipv4(6, Lab.ip(CLIENT), 40000, base + i, 80, 0);
            assertSame(a, lab.service.schedule(lab.request));
            final int bucket = IpvsHash.hash32(base + i, 10);
            inBucket1 += bucket == 1 && i <= DestinationCache.MAX_SIZE ? 1 : 0;
            inBucket2 += bucket == 2 && i <= DestinationCache.MAX_SIZE ? 1 : 0;
        }
        assertEquals(DestinationCache.MAX_SIZE + 1, lblc.cachedDestinations(), "entries > max_size: not cached");
        assertTrue(inBucket1 > 0 && inBucket2 > 0);
        // at 5 min the timer finds the table over size, walks it all (64 decisions), but nothing is 6 min idle;
        // the destinations of bucket 1 are used again meanwhile; a fresh destination is refused (table full)
        for (int round = 0; round < 70; round++)
        {
            for (int i = 0; i <= DestinationCache.MAX_SIZE && round < 1; i++)
            {
                if (IpvsHash.hash32(base + i, 10) == 1)
                {
                    lab.request.ipv4(6, Lab.ip(CLIENT), 40000, base + i, 80, 5 * MINUTE_NS);
                    lab.service.schedule(lab.request);
                }
            }
            lab.request.ipv4(6, Lab.ip(CLIENT), 40000, fresh, 80, 5 * MINUTE_NS);
            lab.service.schedule(lab.request);
        }
        assertEquals(DestinationCache.MAX_SIZE + 1, lblc.cachedDestinations());
        // at 7 min the walk resumes after the rover (bucket 1: used at 5 min, kept), bucket 2 is 7 min idle:
        // dropped, which reaches the goal (1 * 4/3 = 1); then the new destination is cached
        lab.request.ipv4(6, Lab.ip(CLIENT), 40000, fresh, 80, 7 * MINUTE_NS);
        lab.service.schedule(lab.request);
        assertEquals(DestinationCache.MAX_SIZE + 1 - inBucket2 + 1, lblc.cachedDestinations());
    }

    @Test
    void entriesUnusedForADayExpire()
    {
        final LocalityBasedLeastConnectionScheduler lblc = new LocalityBasedLeastConnectionScheduler();
        final Lab lab = new Lab(lblc);
        lab.add("198.18.1.1", 1);
        for (int i = 1; i <= 10; i++)
        {
            lab.pick(CLIENT, 40000, "198.18.60." + i);
        }
        assertEquals(10, lblc.cachedDestinations());
        lab.nowNs = 23 * HOUR_NS;
        for (int i = 0; i < 70; i++)
        {
            lab.pick(CLIENT, 40000, D1);
        }
        assertEquals(11, lblc.cachedDestinations(), "a full check at 23 h drops nothing");
        lab.nowNs = 25 * HOUR_NS;
        for (int i = 0; i < 70; i++)
        {
            lab.pick(CLIENT, 40000, D1);
        }
        assertEquals(1, lblc.cachedDestinations(), "the full check at 25 h drops the ten unused for 25 h");
    }
}
