package org.jvs.director.sync;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.conn.FlowShard;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sync daemons' refusals, as ipvsadm reports the kernel's: an unknown interface, stopping what does not run,
 * a bad sync id; nothing is left running after a refusal.
 */
class SyncDaemonTest
{
    private final List<String> log = new ArrayList<>();
    private final SyncDaemon daemon = new SyncDaemon(List.of(), new FlowShard(1, 1), log::add);

    @Test
    void ipvsadmsDaemonLinePrintsTheOptionalSettingsOnlyWhenSet()
    {
        assertEquals("master sync daemon (mcast=eth1, syncid=1)", SyncSettings.of("eth1", 1).line("master"));
        assertEquals("backup sync daemon (mcast=eth1, syncid=0, maxlen=1000, group=239.1.2.3, port=8849, ttl=2)",
            new SyncSettings("eth1", 0, 1000, 0xEF010203, 8849, 2).line("backup"));
        assertEquals("/224.0.0.81:8848", SyncSettings.of("eth1", 1).groupAddress().toString());
        assertEquals(1, SyncSettings.of("eth1", 1).ttlOrDefault());
    }

    @Test
    void refusalsNameWhatIsWrongAndLeaveNothingRunning()
    {
        final IllegalArgumentException noDevice = assertThrows(IllegalArgumentException.class,
            () -> daemon.start(false, SyncSettings.of("jvs-no-such9", 7)));
        assertEquals("No such device: jvs-no-such9", noDevice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> daemon.start(true, SyncSettings.of("jvs-no-such9", 7)));
        assertEquals("No daemon is running",
            assertThrows(IllegalStateException.class, () -> daemon.stop(true)).getMessage());
        assertEquals("No daemon is running",
            assertThrows(IllegalStateException.class, () -> daemon.stop(false)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> daemon.start(true, SyncSettings.of("lo", 256))).getMessage().contains("0..255"));
        assertEquals(List.of(), daemon.list(true));
        assertEquals(List.of(), log);
        assertEquals(0, daemon.doWork());
    }
}
