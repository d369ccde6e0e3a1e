package org.jvs.forwarders.afpacket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What needs no root: the interface is checked before any socket is made, with a message naming it.
 */
class AfPacketPortTest
{
    @Test
    void unknownInterfaceIsNamedInTheMessage()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> AfPacketPort.open("nosuchif0"));
        assertTrue(ex.getMessage().contains("'nosuchif0'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("/sys/class/net/nosuchif0/ifindex"), ex.getMessage());
    }

    @Test
    void interfaceNameWithSlashIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> AfPacketPort.ifindex("../lo"));
        assertTrue(ex.getMessage().contains("'../lo' is not an interface name"), ex.getMessage());
    }

    @Test
    void impossibleSettingsAreNamedBeforeAnySocket()
    {
        final IllegalArgumentException ring = assertThrows(IllegalArgumentException.class,
            () -> AfPacketPort.open("lo", new AfPacketPort.Context().blockSizeBytes(1 << 30).blockCount(4)));
        assertTrue(ring.getMessage().contains("af_packet port lo: ring of 4 blocks of 1073741824 B"),
            ring.getMessage());
        final IllegalArgumentException fanout = assertThrows(IllegalArgumentException.class,
            () -> AfPacketPort.open("lo", new AfPacketPort.Context().fanoutGroup(70_000)));
        assertTrue(fanout.getMessage().contains("fanoutGroup 70000 (-1 or 0-65535)"), fanout.getMessage());
    }

    @Test
    void loopbackHasIfindexOne()
    {
        assertEquals(1, AfPacketPort.ifindex("lo"));
    }

    @Test
    void contextDefaults()
    {
        final AfPacketPort.Context context = new AfPacketPort.Context();
        assertEquals(128 << 10, context.blockSizeBytes());
        assertEquals(64, context.blockCount());
        assertEquals(1, context.blockTimeoutMs());
        assertEquals(-1, context.fanoutGroup());
        assertTrue(context.qdiscBypass());
        assertEquals(1024, context.sendQueueFrames());
    }
}
