package org.jvs.core.arp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class PendingFramesTest
{
    private final PendingFrames pending = new PendingFrames(4, 64);

    private static UnsafeBuffer frame(final int marker, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putByte(0, (byte)marker);
        return buffer;
    }

    @Test
    void framesComeBackInArrivalOrderForTheirAddressOnly()
    {
        assertTrue(pending.add(1, frame(10, 60), 0, 60, 5));
        assertTrue(pending.add(2, frame(20, 60), 0, 60, 6));
        assertTrue(pending.add(1, frame(11, 42), 0, 42, 7));
        final List<String> out = new ArrayList<>();
        assertEquals(2, pending.release(1, (b, o, l, a) -> out.add(b.getByte(o) + "/" + l + "@" + a)));
        assertEquals(List.of("10/60@1", "11/42@1"), out);
        assertEquals(1, pending.size());
        assertEquals(0, pending.drops());
    }

    @Test
    void fullQueueAndOversizedFramesAreCountedDrops()
    {
        for (int i = 0; i < 4; i++)
        {
            assertTrue(pending.add(1, frame(i, 60), 0, 60, i));
        }
        assertFalse(pending.add(1, frame(9, 60), 0, 60, 9));
        assertEquals(1, pending.drops());
        pending.release(1, (b, o, l, a) -> { });
        assertFalse(pending.add(1, frame(9, 65), 0, 65, 9));
        assertEquals(2, pending.drops());
    }

    @Test
    void failedResolutionAndLongWaitsDrop()
    {
        pending.add(1, frame(1, 60), 0, 60, 0);
        pending.add(2, frame(2, 60), 0, 60, 100);
        assertEquals(1, pending.dropFor(1));
        assertEquals(0, pending.expire(150, 100));
        assertEquals(1, pending.expire(201, 100));
        assertEquals(2, pending.drops());
        assertEquals(0, pending.size());
    }
}
