package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * wrr decisions worked out by hand from {@code ip_vs_wrr.c}. Notation: di = gcd of the positive weights,
 * mw = max weight − (di − 1), cw = current weight; each add/edit/delete runs ip_vs_wrr_dest_changed (cursor
 * to the head; cw = mw if cw > mw or cw = 0, else (cw / di) × di + 1 when di > 1).
 */
class WeightedRoundRobinSchedulerTest
{
    private final ConnLab lab = new ConnLab(new WeightedRoundRobinScheduler());

    /**
     * Weights 4, 3, 2 added as A, B, C: the list is C(2), B(3), A(4).
     * init: di 1, mw 0, cw 0. add A: di 4, mw 4 − 3 = 1, cw 0 → 1. add B: di 1, mw 4, cw 1 stays.
     * add C: di 1, mw 4, cw 1 stays. So the first pass is cw = 1 (everyone): C B A.
     * Then cw wraps to 4: A; cw 3: B A; cw 2: C B A; cw 1: C B A; cw 4: A; ...
     */
    private void addFourThreeTwo()
    {
        lab.add("A", 4);
        lab.add("B", 3);
        lab.add("C", 2);
    }

    @Test
    void weightsFourThreeTwoAddedInThatOrder()
    {
        addFourThreeTwo();
        assertEquals("C B A" + " A" + " B A" + " C B A" + " C B A" + " A" + " B A" + " C B A", lab.conns(18));
    }

    @Test
    void gcdAboveOne()
    {
        // A(4), B(2): add A: di 4, mw 1, cw 0 → 1. add B: di 2, mw 4 − 1 = 3, cw 1 → (1/2)×2+1 = 1.
        // list B(2), A(4). cw 1: B A; cw 1 − 2 < 0 wraps to 3: A; cw 1: B A; cw 3: A.
        lab.add("A", 4);
        lab.add("B", 2);
        assertEquals("B A A B A A", lab.conns(6));
    }

    @Test
    void weightChangeMidStreamResetsTheCursor()
    {
        addFourThreeTwo();
        assertEquals("C B A", lab.conns(3));
        // cursor on A, cw 1. B → 6: di = gcd(2, 6, 4) = 2, mw = 6 − 1 = 5, cw 1 → (1/2)×2+1 = 1, cursor head.
        // cw 1: C B A; cw 1 − 2 wraps to 5: B; cw 3: B A; cw 1: C B A; cw 5: B; cw 3: B A.
        lab.weight("B", 6);
        assertEquals("C B A" + " B" + " B A" + " C B A" + " B" + " B A", lab.conns(12));
    }

    @Test
    void removalAndReAdd()
    {
        addFourThreeTwo();
        // C B A, then cw 4: A (cursor on A, cw 4).
        assertEquals("C B A A", lab.conns(4));
        // delete B: list C(2), A(4); di 2, mw 3, cw 4 > 3 → 3, cursor head.
        // cw 3: A; cw 1: C A; cw 3: A.
        lab.remove("B");
        assertEquals("A C A A", lab.conns(4));
        // cursor on A (position 1), cw 3. B(3) back at the head: list B(3), C(2), A(4); di 1, mw 4, cw 3 stays.
        // cw 3 from the head: B A; cw 2: B C A; cw 1: B C A; cw 4: A; cw 3: B A.
        lab.add("B", 3);
        assertEquals("B A" + " B C A" + " B C A" + " A" + " B A", lab.conns(11));
    }

    @Test
    void quiescedAndOverloadedServersAreSkipped()
    {
        lab.add("A", 2, 2, 0);
        lab.add("B", 1);
        lab.add("C", 0);
        // list C(0), B(1), A(2, upper 2). add A: di 2, mw 1, cw 1. add B: di 1, mw 2, cw 1. add C: same.
        // cw 1: B A (A has 1); cw 2: A (A has 2: overloaded); cw 1: B, A skipped; cw 2: none, cw 1: B ...
        assertEquals("B A A B B B", lab.conns(6));
        // conn 2 expires: A has 1, 4 × 1 < 3 × 2: no longer overloaded. Cursor on B, cw 1: A next.
        lab.close(2);
        assertEquals("A", lab.conn());
    }

    @Test
    void allOverloadedGivesNullAndRestartsFromTheTop()
    {
        lab.add("A", 1, 1, 0);
        lab.add("B", 2, 1, 0);
        // list B(2), A(1). add A: di 1, mw 1, cw 1; add B: di 1, mw 2, cw 1.
        // cw 1: B (overloaded now), A (overloaded now); then nothing usable.
        assertEquals("B A - -", lab.conns(4));
        // Cursor was on A in the last pass (cw 1): the failed scan leaves it there. B freed: B next.
        lab.close(1);
        assertEquals("B", lab.conn());
    }

    @Test
    void longRunSharesFollowWeights()
    {
        lab.add("A", 5);
        lab.add("B", 3);
        lab.add("C", 1);
        lab.add("D", 0);
        int a = 0;
        int b = 0;
        int c = 0;
        for (int k = 0; k < 900; k++)
        {
            final String name = lab.conn();
            a += "A".equals(name) ? 1 : 0;
            b += "B".equals(name) ? 1 : 0;
            c += "C".equals(name) ? 1 : 0;
        }
        assertEquals(500, a);
        assertEquals(300, b);
        assertEquals(100, c);
    }

    @Test
    void manyServers()
    {
        for (int i = 0; i < 2000; i++)
        {
            lab.add("s" + i, i == 0 ? 3 : 1);
        }
        // s0 (weight 3) is last in the list. The first pass (cw 1 after the adds) visits all 2000 from the
        // head s1999 down to s0; then cw 3 and cw 2 pick only s0; then cw 1 again everyone.
        assertEquals("s1999 s1998", lab.conns(2));
        for (int k = 2; k < 2000; k++)
        {
            lab.conn();
        }
        assertEquals("s0 s0 s1999", lab.conns(3));
    }
}
