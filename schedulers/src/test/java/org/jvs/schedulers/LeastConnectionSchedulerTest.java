package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * lc decisions worked out by hand from {@code ip_vs_lc.c}: least overhead = activeconns × 256 + inactconns,
 * first in list order (C, B, A for A, B, C added) on a tie, weight 0 and overloaded servers skipped.
 */
class LeastConnectionSchedulerTest
{
    private final ConnLab lab = new ConnLab(new LeastConnectionScheduler());

    @Test
    void leastOverheadFirstInListOrderOnATie()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        lab.add("C", 1);
        // all 0: C; then B, A (0 each); all 1: C (C has 2 inactive).
        assertEquals("C B A C", lab.conns(4));
        // conn 1 ESTABLISHED: C = 1 × 256 + 1 = 257; B 1, A 1.
        lab.establish(1);
        // B (tie with A, B first): B 2; A 1: A; B 2, A 2: B.
        assertEquals("B A B", lab.conns(3));
        // conn 1 expires: C = 0 × 256 + 1 = 1, the least.
        lab.close(1);
        assertEquals("C", lab.conn());
        // B quiesced: C 2, A 2: C first; then A.
        lab.weight("B", 0);
        assertEquals("C A", lab.conns(2));
    }

    @Test
    void weightDoesNotMatterOnlyZero()
    {
        lab.add("A", 100);
        lab.add("B", 1);
        // list B, A: B A B A regardless of weights 1 and 100.
        assertEquals("B A B A", lab.conns(4));
    }

    @Test
    void overloadedSkippedUntilBelowTheLowerThreshold()
    {
        lab.add("A", 1, 2, 1);
        lab.add("B", 1);
        // list B, A(upper 2, lower 1). B, A, B, A (A reaches 2: overloaded), then only B.
        assertEquals("B A B A B B", lab.conns(6));
        // conn 2 expires: A has 1, not below the lower threshold 1: still overloaded.
        lab.close(2);
        assertEquals("B", lab.conn());
        // conn 4 expires: A has 0 < 1: cleared, and it is the least loaded.
        lab.close(4);
        assertEquals("A", lab.conn());
    }

    @Test
    void removalAndReAddKeepsTheCounts()
    {
        lab.add("A", 1);
        lab.add("B", 1);
        assertEquals("B A B A", lab.conns(4));
        lab.remove("B");
        assertEquals("A A", lab.conns(2));
        // B comes back from the trash with its 2 connections, at the head: B 2, A 4.
        lab.add("B", 1);
        assertEquals("B B B", lab.conns(3));
    }

    @Test
    void noServerUsable()
    {
        lab.add("A", 0);
        assertEquals("- -", lab.conns(2));
        assertEquals(2, lab.service.noDestinationDrops());
    }
}
