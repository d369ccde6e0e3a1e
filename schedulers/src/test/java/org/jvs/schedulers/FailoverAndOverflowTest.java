package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * fo and ovf decisions worked out by hand from {@code ip_vs_fo.c} and {@code ip_vs_ovf.c} (the same sequences as
 * examples/schedsim/fo.sim and ovf.sim).
 */
class FailoverAndOverflowTest
{
    @Test
    void foHighestWeightNotOverloaded()
    {
        final ConnLab lab = new ConnLab(new WeightedFailoverScheduler());
        lab.add("A", 5);
        lab.add("B", 10, 2, 0);
        lab.add("C", 8);
        // list C(8), B(10, upper 2), A(5): B twice (then overloaded), C.
        assertEquals("B B C C", lab.conns(4));
        // B drops to 1 < 3/4 of 2: usable again, takes one (overloaded again).
        lab.close(1);
        assertEquals("B C", lab.conns(2));
        lab.weight("B", 0);
        assertEquals("C", lab.conn());
        lab.remove("C");
        assertEquals("A A", lab.conns(2));
    }

    @Test
    void foTieGoesToTheFirstInListOrder()
    {
        final ConnLab lab = new ConnLab(new WeightedFailoverScheduler());
        lab.add("A", 7);
        lab.add("B", 7);
        assertEquals("B B B", lab.conns(3));
        lab.remove("B");
        assertEquals("A", lab.conn());
        // B comes back at the head: first again.
        lab.add("B", 7);
        assertEquals("B", lab.conn());
    }

    @Test
    void ovfOverflowsWhenActiveConnectionsExceedTheWeight()
    {
        final ConnLab lab = new ConnLab(new WeightedOverflowScheduler());
        lab.add("A", 3);
        lab.add("B", 2);
        final StringBuilder seen = new StringBuilder();
        for (int k = 1; k <= 8; k++)
        {
            seen.append(k == 1 ? "" : " ").append(lab.conn());
            lab.establish(k);
        }
        // A while its active connections are 0..3 (<= 3), B while 0..2, then nobody.
        assertEquals("A A A A B B B -", seen.toString());
        lab.close(1);
        assertEquals("A", lab.conn());
    }

    @Test
    void ovfIgnoresInactiveConnections()
    {
        final ConnLab lab = new ConnLab(new WeightedOverflowScheduler());
        lab.add("A", 1);
        lab.add("B", 2);
        // none established: B (weight 2) forever.
        assertEquals("B B B B B", lab.conns(5));
    }

    @Test
    void foFollowsAWeightChangeSeenOnlyByTheLoadObserver()
    {
        final ConnLab lab = new ConnLab(new WeightedFailoverScheduler());
        lab.add("A", 5);
        lab.add("B", 3);
        assertEquals("A", lab.conn());
        // The weight changed on the server itself, without the service's update hook: the index still follows.
        lab.get("B").update(10, 0, 0);
        assertEquals("B", lab.conn());
        lab.get("B").update(1, 0, 0);
        assertEquals("A", lab.conn());
    }
}
