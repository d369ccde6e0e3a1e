package org.jvs.forwarders.port;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPortTest
{
    private static final long PORT_MAC = 0x02_6a_76_12_00_0aL;
    private static final long CLIENT_MAC = 0x02_6a_76_12_00_02L;

    private static byte[] frame(final int n)
    {
        return TestFrames.udp(CLIENT_MAC, PORT_MAC, "198.18.0.2", "198.18.0.100", 40000 + n, 5353, "frame " + n);
    }

    @Test
    void receivesInjectedFramesInOrderInPlaceWithinTheLimit()
    {
        try (MemoryPort port = new MemoryPort("eth0", PORT_MAC))
        {
            for (int i = 0; i < 5; i++)
            {
                assertTrue(port.inject(frame(i)));
            }
            final List<byte[]> seen = new ArrayList<>();
            final int first = port.receive((buffer, offset, length) -> seen.add(bytes(buffer, offset, length)), 3);
            assertEquals(3, first);
            assertEquals(2, port.receivePending());
            assertEquals(2, port.receive((buffer, offset, length) -> seen.add(bytes(buffer, offset, length)), 10));
            assertEquals(0, port.receive((buffer, offset, length) -> seen.add(null), 10));
            assertEquals(5, seen.size());
            for (int i = 0; i < 5; i++)
            {
                assertArrayEquals(frame(i), seen.get(i), "frame " + i);
            }
        }
    }

    @Test
    void roundTripAWorkerRewritesInPlaceSendsAndFlushes()
    {
        try (MemoryPort port = new MemoryPort("eth0", PORT_MAC))
        {
            port.inject(frame(1));
            port.inject(frame(2));
            final long realServerMac = 0x02_6a_76_12_00_0bL;
            port.receive((buffer, offset, length) ->
            {
                for (int i = 0; i < 6; i++)
                {
                    buffer.putByte(offset + i, (byte)(realServerMac >>> (40 - 8 * i)));
                    buffer.putByte(offset + 6 + i, (byte)(PORT_MAC >>> (40 - 8 * i)));
                }
                assertTrue(port.send(buffer, offset, length));
            }, 10);
            assertEquals(2, port.sendPending());
            assertEquals(0, port.sentCount(), "nothing leaves before flush");
            assertEquals(2, port.flush());
            assertEquals(0, port.flush());
            assertEquals(2, port.sentCount());
            for (int n = 1; n <= 2; n++)
            {
                final byte[] expected = frame(n);
                System.arraycopy(TestFrames.udp(PORT_MAC, realServerMac, "198.18.0.2", "198.18.0.100",
                    40000 + n, 5353, "frame " + n), 0, expected, 0, 12);
                assertArrayEquals(expected, port.takeSent(), "frame " + n + " with only its MACs rewritten");
            }
            assertNull(port.takeSent());
            assertEquals(-1, port.takeSent(new UnsafeBuffer(new byte[64]), 0));
        }
    }

    @Test
    void fullQueuesAndOversizedFramesAreRefusedAndCounted()
    {
        try (MemoryPort port = new MemoryPort("eth0", PORT_MAC, 1500, 4, 128))
        {
            for (int i = 0; i < 4; i++)
            {
                assertTrue(port.inject(frame(i)));
            }
            assertFalse(port.inject(frame(4)), "receive queue of 4 is full");
            assertFalse(port.inject(new byte[129]), "longer than the largest frame");

            final UnsafeBuffer buffer = new UnsafeBuffer(frame(0));
            for (int i = 0; i < 4; i++)
            {
                assertTrue(port.send(buffer, 0, buffer.capacity()));
            }
            assertFalse(port.send(buffer, 0, buffer.capacity()));
            assertFalse(port.send(new UnsafeBuffer(new byte[200]), 0, 200));
            assertEquals(2, port.sendDrops());
            assertEquals(4, port.flush());

            final UnsafeBuffer copy = new UnsafeBuffer(new byte[128]);
            final int length = port.takeSent(copy, 4);
            assertEquals(buffer.capacity(), length);
            assertArrayEquals(frame(0), bytes(copy, 4, length), "copied out whole, at the offset asked");
            assertEquals(3, port.sentCount());
            assertEquals(1500, port.mtu());
            assertEquals(PORT_MAC, port.macAddress());
            assertEquals("eth0", port.name());
        }
    }

    @Test
    void aClosedPortRefusesSends()
    {
        final MemoryPort port = new MemoryPort("eth0", PORT_MAC);
        port.inject(frame(1));
        port.close();
        assertEquals(0, port.receive((buffer, offset, length) -> { }, 10));
        assertFalse(port.send(new UnsafeBuffer(frame(1)), 0, frame(1).length));
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return copy;
    }
}
