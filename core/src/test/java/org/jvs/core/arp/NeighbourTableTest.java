package org.jvs.core.arp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeighbourTableTest
{
    private static final long MS = 1_000_000L;
    private static final int RS1 = 0xC612000B;
    private static final long MAC1 = 0x02000000000BL;

    private final NeighbourTable table = new NeighbourTable(64, 30_000 * MS, 1_000 * MS, 3);

    @Test
    void unknownNeighbourIsProbedThenLearned()
    {
        assertEquals(NeighbourTable.NO_MAC, table.lookup(RS1, 0));
        assertTrue(table.probeDue(RS1, 0));
        assertFalse(table.probeDue(RS1, 10 * MS), "no second request within the retry interval");
        assertTrue(table.learn(RS1, MAC1, 20 * MS));
        assertEquals(MAC1, table.lookup(RS1, 21 * MS));
    }

    @Test
    void learnedMacExpiresAfterReachableTimeAndIsProbedAgain()
    {
        table.probeDue(RS1, 0);
        table.learn(RS1, MAC1, 0);
        assertEquals(MAC1, table.lookup(RS1, 29_999 * MS));
        assertEquals(NeighbourTable.NO_MAC, table.lookup(RS1, 30_000 * MS));
        assertTrue(table.probeDue(RS1, 30_000 * MS));
    }

    @Test
    void unansweredProbesFailThenRetryLater()
    {
        assertTrue(table.probeDue(RS1, 0));
        assertTrue(table.probeDue(RS1, 1_000 * MS));
        assertTrue(table.probeDue(RS1, 2_000 * MS));
        assertFalse(table.hasFailed(RS1, 2_500 * MS), "the third probe still has its interval");
        assertTrue(table.hasFailed(RS1, 3_000 * MS));
        assertFalse(table.probeDue(RS1, 4_000 * MS), "failed: quiet for a while");
        assertTrue(table.probeDue(RS1, 6_000 * MS), "then resolution starts again");
        assertFalse(table.hasFailed(RS1, 6_000 * MS));
    }

    @Test
    void staticEntriesNeverExpireAndAreNotOverwritten()
    {
        table.addStatic(RS1, MAC1);
        assertEquals(MAC1, table.lookup(RS1, Long.MAX_VALUE / 2));
        assertFalse(table.learn(RS1, 0x020000000099L, 0));
        assertEquals(MAC1, table.lookup(RS1, 0));
        assertFalse(table.probeDue(RS1, 0));
    }

    @Test
    void manyNeighboursKeepTheirOwnEntries()
    {
        for (int i = 0; i < 64; i++)
        {
            table.learn(0xC6120000 + i, 0x020000000000L + i, 0);
        }
        for (int i = 0; i < 64; i++)
        {
            assertEquals(0x020000000000L + i, table.lookup(0xC6120000 + i, 1));
        }
        assertFalse(table.knows(0xC6120100));
    }
}
