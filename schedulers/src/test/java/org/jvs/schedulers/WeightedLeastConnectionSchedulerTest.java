package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * wlc decisions worked out by hand from {@code ip_vs_wlc.c}: least overhead / weight (overhead =
 * activeconns × 256 + inactconns), first in list order on a tie, weight 0 and overloaded servers skipped.
 */
class WeightedLeastConnectionSchedulerTest
{
    private final ConnLab lab = new ConnLab(new WeightedLeastConnectionScheduler());

    @Test
    void sharesFollowWeightsFirstWinsTies()
    {
        lab.add("A", 1);
        lab.add("B", 2);
        lab.add("C", 3);
        // list C(3), B(2), A(1). Loads before each connection (overhead/weight), pick:
        //  1: 0 0 0 → C      2: 1/3 0 0 → B     3: 1/3 1/2 0 → A   4: 1/3 1/2 1 → C
        //  5: 2/3 1/2 1 → B  6: 2/3 1 1 → C     7: 1 1 1 → C       8: 4/3 1 1 → B
        //  9: 4/3 3/2 1 → A 10: 4/3 3/2 2 → C 11: 5/3 3/2 2 → B  12: 5/3 2 2 → C
        assertEquals("C B A C B C C B A C B C", lab.conns(12));
        // conn 1 ESTABLISHED: C = (256 + 5)/3 = 87. B 4/2 = 2, A 2/1 = 2.
        // 13: B (tie, first) → 5/2; 14: A 2 → 3; 15: B 5/2 → 3; 16: B 3 = A 3, B first → 7/2; 17: A.
        lab.establish(1);
        assertEquals("B A B B A", lab.conns(5));
    }

    @Test
    void quiescedServerGetsNothing()
    {
        lab.add("A", 1);
        lab.add("B", 5);
        lab.weight("B", 0);
        assertEquals("A A A", lab.conns(3));
        // back to weight 5: B has 0/5 and A 3/1: B until B's load passes 3 (B at 15/5 = 3 = A's 3: B first).
        lab.weight("B", 5);
        assertEquals("B B B B B B B B B B B B B B B B A", lab.conns(17));
    }

    @Test
    void overloadedServerSkipped()
    {
        lab.add("A", 1);
        lab.add("B", 10, 2, 0);
        // list B(10, upper 2), A(1): B 0, A 0 → B; B 1/10 vs A 0 → A; B 1/10 < A 1 → B (now 2: overloaded);
        // then A only.
        assertEquals("B A B A A", lab.conns(5));
        // conn 1 expires: B has 1, 4 < 6: cleared; B 1/10 < A 3.
        lab.close(1);
        assertEquals("B", lab.conn());
    }
}
