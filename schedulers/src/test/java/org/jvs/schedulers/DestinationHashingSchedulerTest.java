package org.jvs.schedulers;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.RealServer;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * dh as {@code ip_vs_dh.c}. Buckets {@code hash_32(ntohl(daddr), 8)} of the destinations used here:
 * 198.18.0.1 → 188, .2 → 30, .3 → 128, .4 → 226, .5 → 67, .6 → 165, .7 → 7.
 */
class DestinationHashingSchedulerTest
{
    @Test
    void oneBucketPerServerCyclicallyWeightIgnored()
    {
        final DestinationHashingScheduler dh = new DestinationHashingScheduler();
        final Lab lab = new Lab(dh);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 5);
        final RealServer c = lab.add("198.18.1.3", 100);
        // list C B A: bucket i -> C, B, A for i % 3 = 0, 1, 2
        for (int i = 0; i < 256; i++)
        {
            assertSame(i % 3 == 0 ? c : i % 3 == 1 ? b : a, dh.bucket(i), "bucket " + i);
        }
        assertSame(a, lab.pick("198.18.9.9", 40000, "198.18.0.1"), "188 % 3 = 2");
        assertSame(c, lab.pick("198.18.9.9", 40000, "198.18.0.2"), "30 % 3 = 0");
        assertSame(b, lab.pick("198.18.9.9", 40000, "198.18.0.4"), "226 % 3 = 1");
        assertSame(b, lab.pick("198.18.9.10", 1234, "198.18.0.4"), "the client does not matter");
    }

    @Test
    void weightEditDoesNotMoveBucketsButQuiescesTheServer()
    {
        final DestinationHashingScheduler dh = new DestinationHashingScheduler();
        final Lab lab = new Lab(dh);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        lab.weight(b, 7);
        // B A: even buckets B, odd A
        assertSame(b, lab.pick("198.18.9.9", 40000, "198.18.0.1"));
        assertSame(a, lab.pick("198.18.9.9", 40000, "198.18.0.5"));
        lab.weight(b, 0);
        assertNull(lab.pick("198.18.9.9", 40000, "198.18.0.1"), "quiesced: no server, no fallback");
        assertSame(a, lab.pick("198.18.9.9", 40000, "198.18.0.5"));
    }

    @Test
    void overloadedServerGivesNone()
    {
        final Lab lab = new Lab(new DestinationHashingScheduler());
        final RealServer a = lab.add("198.18.1.1", 1, 2, 0);
        assertSame(a, lab.connect("198.18.9.9", "198.18.0.1"));
        assertSame(a, lab.connect("198.18.9.9", "198.18.0.1"));
        assertNull(lab.pick("198.18.9.9", 40000, "198.18.0.1"), "2 connections reach upper threshold 2");
        a.unbind(false, false);
        assertSame(a, lab.pick("198.18.9.9", 40000, "198.18.0.1"), "1 < 3/4 of 2: no longer overloaded");
    }

    @Test
    void removalAndReAdd()
    {
        final Lab lab = new Lab(new DestinationHashingScheduler());
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        final RealServer c = lab.add("198.18.1.3", 1);
        assertSame(a, lab.pick("198.18.9.9", 40000, "198.18.0.1"));
        lab.service.removeServer(a);
        // C B: 188 even -> C
        assertSame(c, lab.pick("198.18.9.9", 40000, "198.18.0.1"));
        lab.service.removeServer(c);
        assertSame(b, lab.pick("198.18.9.9", 40000, "198.18.0.1"));
        lab.service.removeServer(b);
        assertNull(lab.pick("198.18.9.9", 40000, "198.18.0.1"));
        lab.service.addServer(lab.service.findInTrash(c.address(), c.port()));
        assertSame(c, lab.pick("198.18.9.9", 40000, "198.18.0.1"));
    }
}
