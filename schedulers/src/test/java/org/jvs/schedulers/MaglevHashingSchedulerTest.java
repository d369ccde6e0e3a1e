package org.jvs.schedulers;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mh as {@code ip_vs_mh.c}. Reference numbers were worked out from the kernel algorithm with a separate
 * implementation (SipHash-1-3 as above, checked on the kernel's vectors): servers 198.18.1.N:80 have
 * permutation start/skip rs1 303/217, rs2 1852/1910, rs3 2630/2095, rs4 2761/1511, rs5 1892/148.
 */
class MaglevHashingSchedulerTest
{
    private static int count(final MaglevHashingScheduler mh, final RealServer server)
    {
        int n = 0;
        for (int i = 0; i < MaglevHashingScheduler.TABLE_SIZE; i++)
        {
            n += mh.entry(i) == server ? 1 : 0;
        }
        return n;
    }

    /** h = h * 31 + (1 + position of the entry's server in the list, 0 for none), on 32 bits. */
    private static int digest(final MaglevHashingScheduler mh, final VirtualService service)
    {
        int h = 0;
        for (int i = 0; i < MaglevHashingScheduler.TABLE_SIZE; i++)
        {
            int code = 0;
            for (int s = 0; s < service.serverCount(); s++)
            {
                code = mh.entry(i) == service.server(s) ? s + 1 : code;
            }
            h = h * 31 + code;
        }
        return h;
    }

    @Test
    void permutationUsesKernelKeysOverRealAddressAndPort()
    {
        final int rs1 = 80 + Lab.ip("198.18.1.1");
        assertEquals(303, MaglevHashingScheduler.bucket(rs1));
        assertEquals(217, Integer.remainderUnsigned(
            IpvsHash.hsiphash32(rs1, MaglevHashingScheduler.KEY2, MaglevHashingScheduler.KEY2), 4092) + 1);
        assertEquals(1852, MaglevHashingScheduler.bucket(80 + Lab.ip("198.18.1.2")));
    }

    @Test
    void twoEqualServersClaimAlongTheirPermutationsInTurn()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 1);
        // list rs2, rs1: rs2 claims 1852, rs1 303, rs2 1852+1910 = 3762, rs1 520, rs2 (3762+1910) - 4093 = 1579, ...
        assertSame(rs2, mh.entry(1852));
        assertSame(rs1, mh.entry(303));
        assertSame(rs2, mh.entry(3762));
        assertSame(rs1, mh.entry(520));
        assertSame(rs2, mh.entry(1579));
        assertSame(rs1, mh.entry(737));
        assertEquals(2047, count(mh, rs2), "the head of the list claims the odd last entry");
        assertEquals(2046, count(mh, rs1));
        assertEquals(0x99e11583, digest(mh, lab.service));
        // client buckets: 198.18.0.1 -> 2895 (rs2), 198.18.0.5 -> 842 (rs1), 198.18.0.6 -> 2672 (rs1)
        assertSame(rs2, lab.pick("198.18.0.1"));
        assertSame(rs1, lab.pick("198.18.0.5"));
        assertSame(rs1, lab.pick("198.18.0.6"));
    }

    @Test
    void turnsFollowWeightOverGcdScaledByShift()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 3);
        // turns 3 and 1: 1023 rounds of 4 and one more claim by the head
        assertEquals(3070, count(mh, rs2));
        assertEquals(1023, count(mh, rs1));
        assertEquals(0xf6f0bb84, digest(mh, lab.service));
        lab.weight(rs2, 100);
        // gcd 1, max 100: fls(100) = 7, rshift 1; turns 50 and (1 >> 1 = 0, so) 1: 80 rounds of 51, then 13
        assertEquals(4013, count(mh, rs2));
        assertEquals(80, count(mh, rs1));
        assertEquals(0x563d2e7d, digest(mh, lab.service));
        lab.weight(rs2, 4);
        lab.weight(rs1, 6);
        // gcd 2: turns 2 and 3
        assertEquals(1638, count(mh, rs2));
        assertEquals(2455, count(mh, rs1));
        assertEquals(0xeb9f47c0, digest(mh, lab.service));
    }

    @Test
    void quiescedServerKeepsItsEntriesAndFallbackMovesItsClients()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 1);
        final int before = digest(mh, lab.service);
        lab.weight(rs2, 0);
        assertEquals(before, digest(mh, lab.service), "last weight 1 is kept: same table");
        assertNull(lab.pick("198.18.0.1"), "bucket 2895 is rs2's, quiesced");
        assertSame(rs1, lab.pick("198.18.0.5"));
        final Lab fallback = new Lab(new MaglevHashingScheduler(), VirtualService.F_SCHED1);
        final RealServer f1 = fallback.add("198.18.1.1", 1);
        final RealServer f2 = fallback.add("198.18.1.2", 1);
        fallback.weight(f2, 0);
        assertSame(f1, fallback.pick("198.18.0.1"));
        fallback.weight(f1, 0);
        assertNull(fallback.pick("198.18.0.1"), "every entry unusable: fallback gives up after 4093 tries");
    }

    @Test
    void serverAddedWithWeightZeroHasNoEntries()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 0);
        assertEquals(0, count(mh, rs2));
        assertEquals(4093, count(mh, rs1));
        lab.service.removeServer(rs1);
        assertNull(mh.entry(0), "only last weights of 0: empty table");
        assertNull(lab.pick("198.18.0.5"));
        // back from the trash with weight 0: its last weight is 0 again (ip_vs: add sets last_weight)
        lab.service.removeServer(rs2);
        lab.service.addServer(lab.service.findInTrash(rs2.address(), rs2.port()));
        assertNull(mh.entry(0));
    }

    @Test
    void portFlagHashesSourcePort()
    {
        final Lab lab = new Lab(new MaglevHashingScheduler(), VirtualService.F_SCHED2);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 1);
        // 198.18.0.2 + 40000 -> 759 (rs2), + 40001 -> 1939 (rs1); without the flag bucket 3824 (rs2)
        assertSame(rs2, lab.pick("198.18.0.2", 40000, Lab.VIP));
        assertSame(rs1, lab.pick("198.18.0.2", 40001, Lab.VIP));
        final Lab plain = new Lab(new MaglevHashingScheduler());
        plain.add("198.18.1.1", 1);
        final RealServer p2 = plain.add("198.18.1.2", 1);
        assertSame(p2, plain.pick("198.18.0.2", 40001, Lab.VIP));
    }

    @Test
    void removingAServerMovesItsClientsAndVeryFewOthers()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer[] servers = new RealServer[5];
        for (int i = 0; i < 5; i++)
        {
            servers[i] = lab.add("198.18.1." + (i + 1), 1);
        }
        final RealServer[] before = new RealServer[MaglevHashingScheduler.TABLE_SIZE];
        for (int i = 0; i < before.length; i++)
        {
            before[i] = mh.entry(i);
        }
        assertEquals(819, count(mh, servers[2]));
        lab.service.removeServer(servers[2]);
        int movedOthers = 0;
        for (int i = 0; i < before.length; i++)
        {
            assertNotNull(mh.entry(i));
            assertTrue(mh.entry(i) != servers[2]);
            movedOthers += before[i] != servers[2] && before[i] != mh.entry(i) ? 1 : 0;
        }
        // Maglev is not perfectly stable: the kernel's algorithm moves exactly 20 of the other 3274 entries here
        assertEquals(20, movedOthers);
        final RealServer back = lab.service.findInTrash(servers[2].address(), servers[2].port());
        lab.service.addServer(back);
        lab.weight(back, 1);
        int restored = 0;
        for (int i = 0; i < before.length; i++)
        {
            restored += before[i] == mh.entry(i) ? 1 : 0;
        }
        // it comes back at the head of the list (rs3 rs5 rs4 rs2 rs1): its 819 entries again, 10 entries differ
        assertEquals(819, count(mh, back));
        assertEquals(before.length - 10, restored);
    }

    @Test
    void longRunSharesFollowWeights()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 2);
        final RealServer rs3 = lab.add("198.18.1.3", 5);
        assertEquals(511, count(mh, rs1));
        assertEquals(1022, count(mh, rs2));
        assertEquals(2560, count(mh, rs3));
        assertEquals(0xa5d74367, digest(mh, lab.service));
        final int[] counts = new int[3];
        final int base = Lab.ip("198.18.0.0");
        for (int i = 0; i < 1 << 16; i++)
        {
            lab.request.ipv4(6, base + i, 40000, Lab.ip(Lab.VIP), 80, 0);
            final RealServer server = lab.service.schedule(lab.request);
            counts[server == rs1 ? 0 : server == rs2 ? 1 : 2]++;
        }
        // 1/8, 2/8, 5/8 of 65536 within 3 %
        assertEquals(8192, counts[0], 250);
        assertEquals(16384, counts[1], 500);
        assertEquals(40960, counts[2], 1250);
    }

    @Test
    void overloadedServerIsUnavailableAndFallbackSkipsIt()
    {
        final Lab lab = new Lab(new MaglevHashingScheduler(), VirtualService.F_SCHED1);
        final RealServer rs1 = lab.add("198.18.1.1", 1);
        final RealServer rs2 = lab.add("198.18.1.2", 1, 1, 0);
        // 198.18.0.1 -> bucket 2895 (rs2); one connection reaches rs2's upper threshold
        assertSame(rs2, lab.connect("198.18.0.1", Lab.VIP));
        assertTrue(rs2.isOverloaded());
        assertSame(rs1, lab.pick("198.18.0.1"));
        final Lab plain = new Lab(new MaglevHashingScheduler());
        plain.add("198.18.1.1", 1);
        final RealServer p2 = plain.add("198.18.1.2", 1, 1, 0);
        assertSame(p2, plain.connect("198.18.0.1", Lab.VIP));
        assertNull(plain.pick("198.18.0.1"));
    }

    @Test
    void manyServersShareTheTableEvenly()
    {
        final MaglevHashingScheduler mh = new MaglevHashingScheduler();
        final Lab lab = new Lab(mh);
        final RealServer[] servers = new RealServer[100];
        for (int i = 0; i < servers.length; i++)
        {
            servers[i] = lab.add("198.18." + (2 + i / 200) + "." + (1 + i % 200), 1);
        }
        // 4093 = 40 rounds of 100 + 93: the first 93 of the list (the last 93 added) claim 41 entries
        for (int i = 0; i < servers.length; i++)
        {
            assertEquals(i >= 7 ? 41 : 40, count(mh, servers[i]), "server " + i);
        }
    }
}
