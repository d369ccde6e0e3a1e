package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * twos decisions worked out by hand from {@code ip_vs_twos.c}, given the seeded generator's draws (the same
 * sequence as examples/schedsim/twos.sim).
 */
class TwoChoiceSchedulerTest
{
    @Test
    void firstDrawsOfTheDefaultSeed()
    {
        // Computed independently (SplitMix64 by hand in another language), upper 32 bits of each output.
        final SplitMix32 random = new SplitMix32(TwoChoiceScheduler.DEFAULT_SEED);
        assertEquals(1472386822L, random.nextU32());
        assertEquals(3700982414L, random.nextU32());
        assertEquals(2732388007L, random.nextU32());
    }

    @Test
    void handWorkedSequence()
    {
        final ConnLab lab = new ConnLab(new TwoChoiceScheduler());
        lab.add("A", 1);
        lab.add("B", 2);
        lab.add("C", 3);
        // list C(3), B(2), A(1); T = 6: r 0-3 → C, 4-5 → B, 6 → A.
        // draws mod 7: (4,3) (6,1) (1,0) (2,6) (4,3) (0,3): B|C empty → B; A|C → A; C|C; C 1/3 vs A 1/1 → C;
        // B 1/2 vs C 2/3 → B; C|C.
        assertEquals("B A C C B C", lab.conns(6));
        // connection 3 established: C = 258. (5,1): B 2/2 vs C 258/3 → B.
        lab.establish(3);
        assertEquals("B", lab.conn());
        // connection 2 established: A = 256. (6,1): A 256/1 vs C 258/3 → the second, C.
        lab.establish(2);
        assertEquals("C", lab.conn());
        // C quiesced: T = 3, r 0-2 → B, 3 → A; draws mod 4: (1,0) (3,3) (2,1) (0,1).
        lab.weight("C", 0);
        assertEquals("B A B B", lab.conns(4));
    }

    @Test
    void seedsGiveDifferentButRepeatableSequences()
    {
        assertEquals(sequence(5), sequence(5));
        assertNotEquals(sequence(5), sequence(6));
    }

    private static String sequence(final long seed)
    {
        final ConnLab lab = new ConnLab(new TwoChoiceScheduler(seed));
        for (int i = 0; i < 8; i++)
        {
            lab.add("s" + i, 1 + i);
        }
        return lab.conns(40);
    }

    @Test
    void sharesFollowWeightsWithTheKernelsBiasToTheFirst()
    {
        final ConnLab lab = new ConnLab(new TwoChoiceScheduler());
        lab.add("Q", 0);
        lab.add("O", 5, 1, 0);
        lab.add("A", 1);
        lab.add("B", 3);
        final int[] count = new int[128];
        for (int k = 1; k <= 4000; k++)
        {
            final String name = lab.conn();
            count[name.charAt(0)]++;
            lab.close(k);
        }
        // O takes at most one connection at a time; closed at once, it stays usable. Loads are all 0 when each
        // choice is made, so the first draw decides: r uniform over 0..T = 0..9 (list B, A, O, Q), B takes
        // r 0-3 (the kernel's r = 0 goes to the first usable server too), A r 4, O r 5-9: 4 : 1 : 5 of 4000.
        assertEquals(0, count['Q']);
        assertTrue(Math.abs(count['O'] - 2000) < 150, "O " + count['O']);
        assertTrue(Math.abs(count['B'] - 1600) < 150, "B " + count['B']);
        assertTrue(Math.abs(count['A'] - 400) < 100, "A " + count['A']);
    }

    @Test
    void overloadedServerIsNotPicked()
    {
        final ConnLab lab = new ConnLab(new TwoChoiceScheduler());
        lab.add("A", 1);
        lab.add("O", 50, 1, 0);
        assertEquals("O", lab.conn());
        // O now overloaded (1 connection = upper), and stays so: everything else goes to A.
        assertEquals("A A A A A A A A A A", lab.conns(10));
    }
}
