package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * sed and nq decisions worked out by hand from {@code ip_vs_sed.c} and {@code ip_vs_nq.c} (the same sequences as
 * examples/schedsim/sed.sim and nq.sim). A, B, C added with weights 1, 2, 3: the list is C(3), B(2), A(1).
 */
class ShortestExpectedDelayAndNeverQueueTest
{
    private static ConnLab lab(final org.jvs.core.sched.Scheduler scheduler)
    {
        final ConnLab lab = new ConnLab(scheduler);
        lab.add("A", 1);
        lab.add("B", 2);
        lab.add("C", 3);
        return lab;
    }

    @Test
    void sedCountsOnlyActiveConnections()
    {
        final ConnLab lab = lab(new ShortestExpectedDelayScheduler());
        // (active + 1) / weight: C 1/3, B 1/2, A 1: C; connection 1 still inactive: C again.
        assertEquals("C C", lab.conns(2));
        lab.establish(1);
        assertEquals("B", lab.conn());          // C 2/3, B 1/2, A 1
        lab.establish(3);
        assertEquals("C", lab.conn());          // C 2/3, B 2/2, A 1
        lab.establish(4);
        assertEquals("C", lab.conn());          // C 3/3, B 2/2, A 1/1: all equal, first
        lab.establish(5);
        assertEquals("B", lab.conn());          // C 4/3, B 2/2 = A 1/1: B first
        lab.establish(6);
        assertEquals("A", lab.conn());          // C 4/3, B 3/2, A 1/1
        lab.establish(7);
        assertEquals("C", lab.conn());          // C 4/3, B 3/2, A 2/1
    }

    @Test
    void sedSkipsQuiescedAndOverloaded()
    {
        final ConnLab lab = new ConnLab(new ShortestExpectedDelayScheduler());
        lab.add("A", 1);
        lab.add("B", 10, 1, 0);
        lab.add("C", 0);
        // C quiesced; B the best (1/10) until it holds 1 connection = upper: overloaded. Then A.
        assertEquals("B A A", lab.conns(3));
        lab.close(1);
        assertEquals("B", lab.conn());
    }

    @Test
    void nqPrefersAnIdleServer()
    {
        final ConnLab lab = lab(new NeverQueueScheduler());
        assertEquals("C C", lab.conns(2));      // C idle (connection 1 not established)
        lab.establish(1);
        assertEquals("B", lab.conn());          // first idle: B
        lab.establish(3);
        assertEquals("A", lab.conn());          // first idle: A (sed would say C, 2/3 < 1/1)
        lab.establish(4);
        assertEquals("C", lab.conn());          // none idle: C 2/3, B 2/2, A 2/1
        lab.establish(5);
        assertEquals("C", lab.conn());          // C 3/3, B 2/2: tie, first
        lab.establish(6);
        assertEquals("B", lab.conn());          // C 4/3, B 2/2, A 2/1
        lab.close(4);
        assertEquals("A", lab.conn());          // A idle again
    }

    @Test
    void nqIdleServerFirstInListOrderEvenIfLighterOnesExist()
    {
        final ConnLab lab = new ConnLab(new NeverQueueScheduler());
        lab.add("A", 100);
        lab.add("B", 1);
        // list B(1), A(100): both idle, B is first in list order despite its weight.
        assertEquals("B", lab.conn());
        lab.establish(1);
        assertEquals("A", lab.conn());
    }
}
