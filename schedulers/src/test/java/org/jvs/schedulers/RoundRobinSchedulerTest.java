package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * rr decisions worked out by hand from {@code ip_vs_rr.c}. Servers are added with ipvsadm -a in the order
 * written; IPVS puts each at the head of the list, so A, B, C added give the list C, B, A.
 */
class RoundRobinSchedulerTest
{
    private final ConnLab lab = new ConnLab(new RoundRobinScheduler());

    @Test
    void startsAtTheHeadAndCyclesInListOrder()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        lab.add("C", 1);
        // list C, B, A; cursor at the head: C, then each next one, wrapping.
        assertEquals("C B A C B A C", lab.conns(7));
    }

    @Test
    void weightIsIgnoredExceptZero()
    {
        lab.add("A", 5);
        lab.add("B", 1);
        lab.add("C", 0);
        // list C(0), B, A: C is quiesced and skipped, weights 5 and 1 do not matter.
        assertEquals("B A B A", lab.conns(4));
        lab.weight("A", 0);
        assertEquals("B B", lab.conns(2));
        lab.weight("B", 0);
        assertEquals("-", lab.conn());
        assertEquals(1, lab.service.noDestinationDrops());
    }

    @Test
    void overloadedServerIsSkippedUntilItDropsBelowThreeQuartersOfUpper()
    {
        lab.add("A", 1, 2, 0);
        lab.add("B", 1);
        // list B, A(upper 2). conn 1 B, 2 A (A has 1), 3 B, 4 A (A has 2 = upper: overloaded).
        assertEquals("B A B A", lab.conns(4));
        // A skipped: from A the next is B, then from B: A overloaded, wrap to B itself.
        assertEquals("B B", lab.conns(2));
        // conn 2 expires: A has 1 connection, 4 x 1 < 3 x 2, overload cleared; cursor on B, next is A.
        lab.close(2);
        assertEquals("A", lab.conn());
    }

    @Test
    void lowerThresholdClearsOverload()
    {
        lab.add("A", 1, 3, 1);
        // A overloaded at 3 connections, cleared only when below the lower threshold 1.
        assertEquals("A A A -", lab.conns(4));
        lab.close(1);
        lab.close(2);
        assertEquals("-", lab.conn());
        lab.close(3);
        assertEquals("A", lab.conn());
    }

    @Test
    void addedServerWaitsForTheCursorToWrap()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        // list B, A: first B (cursor on B).
        assertEquals("B", lab.conn());
        lab.add("C", 1);
        // list C, B, A; the cursor stays on B: A, then wrap to C, then B.
        assertEquals("A C B", lab.conns(3));
    }

    @Test
    void addedServerIsFirstWhileTheCursorIsAtTheHead()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        lab.add("C", 1);
        assertEquals("C", lab.conn());
    }

    @Test
    void deletingTheCursorServerMovesTheCursorToItsPredecessor()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        lab.add("C", 1);
        assertEquals("C B", lab.conns(2));
        // cursor on B; B deleted: cursor goes to C (its predecessor), so B's successor A comes next.
        lab.remove("B");
        assertEquals("A C A", lab.conns(3));
    }

    @Test
    void deletingTheFirstServerUnderTheCursorGoesBackToTheHead()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        lab.add("C", 1);
        assertEquals("C", lab.conn());
        lab.remove("C");
        // cursor back at the head: the new first server B.
        assertEquals("B A B", lab.conns(3));
        // C comes back from the trash at the head; cursor on B stays: A, then C.
        lab.add("C", 1);
        assertEquals("A C B", lab.conns(3));
    }

    @Test
    void oneServerAndNoServer()
    {
        assertNull(lab.service.schedule(new org.jvs.core.sched.ScheduleRequest()));
        lab.add("A", 3);
        assertEquals("A A A", lab.conns(3));
    }

    @Test
    void longRunSharesAreEqual()
    {
        final int servers = 1000;
        for (int i = 0; i < servers; i++)
        {
            lab.add("s" + i, 1 + i % 7);
        }
        final int[] count = new int[servers];
        for (int k = 0; k < servers * 5; k++)
        {
            count[Integer.parseInt(lab.conn().substring(1))]++;
        }
        for (int i = 0; i < servers; i++)
        {
            assertEquals(5, count[i], "s" + i);
        }
    }
}
