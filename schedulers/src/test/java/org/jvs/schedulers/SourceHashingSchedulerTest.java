package org.jvs.schedulers;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sh as {@code ip_vs_sh.c}. Buckets of the clients used here, {@code hash_32(ntohl(saddr), 8)}, worked out
 * beside the kernel formula: 198.18.0.1 → 188, .2 → 30, .3 → 128, .4 → 226, .5 → 67, .6 → 165, .7 → 7;
 * with sh-port and source port 40000: 198.18.0.1 → 96, .2 → 194.
 */
class SourceHashingSchedulerTest
{
    /** Added A(1), B(2), C(3): list C, B, A; the table repeats C C C B B A from bucket 0. */
    private static String[] expectedTable()
    {
        final String[] pattern = {"C", "C", "C", "B", "B", "A"};
        final String[] table = new String[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = pattern[i % 6];
        }
        return table;
    }

    private static String name(final RealServer server, final RealServer a, final RealServer b, final RealServer c)
    {
        return server == a ? "A" : server == b ? "B" : server == c ? "C" : server == null ? "-" : "?";
    }

    @Test
    void tableGivesEachServerWeightConsecutiveBucketsInListOrder()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 2);
        final RealServer c = lab.add("198.18.1.3", 3);
        final String[] expected = expectedTable();
        int countC = 0;
        for (int i = 0; i < 256; i++)
        {
            assertEquals(expected[i], name(sh.bucket(i), a, b, c), "bucket " + i);
            countC += sh.bucket(i) == c ? 1 : 0;
        }
        assertEquals(42 * 3 + 3, countC, "42 whole cycles of 6, then C C C B");
        assertSame(c, lab.pick("198.18.0.1"), "bucket 188 = 31*6+2: C");
        assertSame(c, lab.pick("198.18.0.2"), "bucket 30 = 5*6: C");
        assertSame(b, lab.pick("198.18.0.4"), "bucket 226 = 37*6+4: B");
        assertSame(a, lab.pick("198.18.7.7"), "bucket 131 = 21*6+5: A");
        assertSame(b, lab.pick("198.18.0.6"), "bucket 165 = 27*6+3: B");
        assertSame(c, lab.pick("198.18.0.1"), "same client, same server");
    }

    @Test
    void noServersGivesNull()
    {
        final Lab lab = new Lab(new SourceHashingScheduler());
        assertNull(lab.pick("198.18.0.1"));
        final RealServer a = lab.add("198.18.1.1", 1);
        assertSame(a, lab.pick("198.18.0.1"));
        lab.service.removeServer(a);
        assertNull(lab.pick("198.18.0.1"));
        assertEquals(2, lab.service.noDestinationDrops());
    }

    @Test
    void oneServerTakesEveryBucket()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh);
        final RealServer a = lab.add("198.18.1.1", 5);
        for (int i = 0; i < 256; i++)
        {
            assertSame(a, sh.bucket(i));
        }
    }

    @Test
    void quiescedServerKeepsOneBucketPerCycleAndItsClientsGetNone()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        lab.weight(b, 0);
        // list B, A; weight 0 still takes one turn: B A B A ...
        assertSame(b, sh.bucket(0));
        assertSame(a, sh.bucket(1));
        assertNull(lab.pick("198.18.0.2"), "bucket 30 is B's, B is quiesced");
        assertSame(a, lab.pick("198.18.0.5"), "bucket 67 is A's");
    }

    @Test
    void fallbackProbesOnwardFromTwiceTheHash()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh, VirtualService.F_SCHED1);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        final RealServer c = lab.add("198.18.1.3", 1);
        // list C B A, one bucket each: bucket i -> C, B, A for i % 3 = 0, 1, 2
        lab.weight(b, 0);
        lab.weight(c, 0);
        // 198.18.0.2: bucket 30 (C, quiesced); probes (2*30 + k) & 255 = 60 (C), 61 (B), 62 (A)
        assertSame(a, lab.pick("198.18.0.2"));
        lab.weight(c, 1);
        lab.weight(b, 0);
        // bucket 30 is C again, and C is usable: no probing
        assertSame(c, lab.pick("198.18.0.2"));
        lab.weight(a, 0);
        lab.weight(c, 0);
        // 198.18.0.4: bucket 226 (B); probes 452&255 = 196 (B), 197 (A), 198 (C), ... all quiesced
        assertNull(lab.pick("198.18.0.4"));
    }

    @Test
    void fallbackStartsAtTwiceTheHashAsTheKernelDoes()
    {
        final Lab lab = new Lab(new SourceHashingScheduler(), VirtualService.F_SCHED1);
        lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        lab.add("198.18.1.3", 1);
        final RealServer d = lab.add("198.18.1.4", 1);
        // list D C B A: bucket i -> D, C, B, A for i % 4 = 0..3. 198.18.0.2 -> bucket 30 (B), quiesced.
        // ip_vs_sh_get_fallback probes hashkey(roffset) = (30 + offset + 30) & 255: 60 -> D.
        // (A walk from bucket 31 would give A instead.)
        lab.weight(b, 0);
        assertSame(d, lab.pick("198.18.0.2"));
    }

    @Test
    void fallbackSkipsOverloadedServers()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh, VirtualService.F_SCHED1);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1, 1, 0);
        // list B A; 198.18.0.2 -> bucket 30 -> B
        assertSame(b, lab.connect("198.18.0.2", Lab.VIP));
        assertTrue(b.isOverloaded(), "upper threshold 1 reached");
        // probes 60 (B, overloaded), 61 (A)
        assertSame(a, lab.pick("198.18.0.2"));
    }

    @Test
    void withoutFallbackAnOverloadedServerGivesNone()
    {
        final Lab lab = new Lab(new SourceHashingScheduler());
        lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1, 1, 0);
        assertSame(b, lab.connect("198.18.0.2", Lab.VIP));
        assertNull(lab.pick("198.18.0.2"));
    }

    @Test
    void portFlagHashesSourcePortPlusAddress()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh, VirtualService.F_SCHED2);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        // list B A: even buckets B, odd buckets A. hash_32(40000 + 0xC6120001, 8) = 96, port 40001 -> 194,
        // port 1024 -> 222; without the flag the port is ignored: bucket 188.
        assertSame(b, lab.pick("198.18.0.1", 40000, Lab.VIP));
        assertSame(b, lab.pick("198.18.0.1", 1024, Lab.VIP));
        // 198.18.0.5 + 40000 -> 231 (A), + 40001 -> 73 (A); 198.18.0.3 + 40000 -> 36 (B)
        assertSame(a, lab.pick("198.18.0.5", 40000, Lab.VIP));
        assertSame(b, lab.pick("198.18.0.3", 40000, Lab.VIP));
        final Lab plain = new Lab(new SourceHashingScheduler());
        plain.add("198.18.1.1", 1);
        final RealServer pb = plain.add("198.18.1.2", 1);
        // 198.18.0.5 alone: bucket 67 (odd -> A) whatever the port; 198.18.0.1: bucket 188 (B)
        assertSame(pb, plain.pick("198.18.0.1", 40001, Lab.VIP));
        assertSame(pb, plain.pick("198.18.0.1", 1024, Lab.VIP));
    }

    @Test
    void removalAndReAddRebuildTheTable()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        final RealServer c = lab.add("198.18.1.3", 1);
        // C B A: 198.18.0.1 (188 = 62*3+2) -> A; 198.18.0.6 (165 = 55*3) -> C
        assertSame(a, lab.pick("198.18.0.1"));
        assertSame(c, lab.pick("198.18.0.6"));
        lab.service.removeServer(a);
        // C B: 188 even -> C, 165 odd -> B
        assertSame(c, lab.pick("198.18.0.1"));
        assertSame(b, lab.pick("198.18.0.6"));
        lab.service.addServer(lab.service.findInTrash(a.address(), a.port()));
        // A C B: 188 % 3 = 2 -> B; 165 % 3 = 0 -> A
        assertSame(b, lab.pick("198.18.0.1"));
        assertSame(a, lab.pick("198.18.0.6"));
    }

    @Test
    void weightChangeMovesBuckets()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh);
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 1);
        // B A: 198.18.0.5 bucket 67 -> A
        assertSame(a, lab.pick("198.18.0.5"));
        lab.weight(b, 3);
        // B B B A: 67 % 4 = 3 -> A; 198.18.0.1 bucket 188 % 4 = 0 -> B; 198.18.0.4 bucket 226 % 4 = 2 -> B
        assertSame(a, lab.pick("198.18.0.5"));
        assertSame(b, lab.pick("198.18.0.1"));
        assertSame(b, lab.pick("198.18.0.4"));
        lab.weight(a, 2);
        // B B B A A: 226 % 5 = 1 -> B; 67 % 5 = 2 -> B; 188 % 5 = 3 -> A
        assertSame(b, lab.pick("198.18.0.5"));
        assertSame(a, lab.pick("198.18.0.1"));
    }

    @Test
    void longRunSharesFollowWeights()
    {
        final Lab lab = new Lab(new SourceHashingScheduler());
        final RealServer a = lab.add("198.18.1.1", 1);
        final RealServer b = lab.add("198.18.1.2", 2);
        final RealServer c = lab.add("198.18.1.3", 5);
        final int[] counts = new int[3];
        final int clients = 1 << 16;
        final int base = Lab.ip("198.18.0.0");
        for (int i = 0; i < clients; i++)
        {
            lab.request.ipv4(6, base + i, 40000, Lab.ip(Lab.VIP), 80, 0);
            final RealServer server = lab.service.schedule(lab.request);
            counts[server == a ? 0 : server == b ? 1 : 2]++;
        }
        // table: 32 cycles of C*5 B*2 A = 256 buckets exactly; 2^16 consecutive addresses fill each bucket evenly
        assertEquals(clients / 8, counts[0], 64);
        assertEquals(clients * 2 / 8, counts[1], 128);
        assertEquals(clients * 5 / 8, counts[2], 320);
    }

    @Test
    void manyServersEachGetBucketsInListOrder()
    {
        final SourceHashingScheduler sh = new SourceHashingScheduler();
        final Lab lab = new Lab(sh);
        final RealServer[] servers = new RealServer[300];
        for (int i = 0; i < servers.length; i++)
        {
            servers[i] = lab.add("198.18." + (2 + i / 200) + "." + (1 + i % 200), 1);
        }
        // list is the reverse of the adding order; 256 buckets take the first 256 of the list
        for (int i = 0; i < 256; i++)
        {
            assertSame(servers[servers.length - 1 - i], sh.bucket(i), "bucket " + i);
        }
    }
}
