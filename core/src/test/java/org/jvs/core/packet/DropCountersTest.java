package org.jvs.core.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DropCountersTest
{
    @Test
    void countsByReasonAndReadsByName()
    {
        final DropCounters counters = new DropCounters();
        counters.increment(DropReason.TRUNCATED_IPV4);
        counters.increment(DropReason.TRUNCATED_IPV4);
        counters.add(DropReason.BAD_IPV4_CHECKSUM, 5);
        assertEquals(2, counters.get(DropReason.TRUNCATED_IPV4));
        assertEquals(2, counters.get("TRUNCATED_IPV4"));
        assertEquals(5, counters.get("BAD_IPV4_CHECKSUM"));
        assertEquals(0, counters.get(DropReason.TTL_EXPIRED));
        assertEquals(7, counters.total());
        assertEquals("DropCounters{TRUNCATED_IPV4=2, BAD_IPV4_CHECKSUM=5}", counters.toString());
    }

    @Test
    void unknownNameIsNamedInTheError()
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> new DropCounters().get("NO_SUCH"));
        assertTrue(error.getMessage().contains("NO_SUCH"), error.getMessage());
    }

    @Test
    void reasonsByOrdinal()
    {
        assertEquals(DropReason.NONE, DropReason.of(0));
        assertTrue(DropReason.FRAGMENT.isDrop());
        assertEquals(DropReason.values().length, DropReason.count());
    }
}
