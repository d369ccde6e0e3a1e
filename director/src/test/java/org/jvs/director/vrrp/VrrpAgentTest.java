package org.jvs.director.vrrp;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.VipSet;
import org.jvs.director.config.ConfigLoadResult;
import org.jvs.director.config.KeepalivedConfigLoader;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.forwarders.port.MemoryPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two VRRP agents on memory ports joined by a simulated wire, with a simulated clock stepped 10 ms at a time:
 * election, ownership of the VIPs, gratuitous ARP batches, crash and clean-stop takeovers with their timing,
 * sync groups following a FAULT from track_interface, notify scripts, configuration errors.
 */
class VrrpAgentTest
{
    static final long MS = 1_000_000L;
    static final long STEP_NS = 10 * MS;
    static final int ADDRESS_A = 0xC612000A;
    static final int ADDRESS_B = 0xC6120009;

    @TempDir
    Path dir;

    /** One agent with its port, clock reading, ownership and log. */
    final class Node
    {
        final MemoryPort port;
        final VrrpAgent agent;
        final List<Boolean> ownership = new ArrayList<>();
        VipSet standby;
        final List<String> log = new ArrayList<>();
        final Set<String> downInterfaces = new HashSet<>();
        boolean running = true;
        int garps;
        int adverts;
        int lastPriority = -1;

        Node(final String config, final int address, final long mac) throws IOException
        {
            this.port = new MemoryPort("eth0", mac);
            this.agent = new VrrpAgent(load(config), name -> port, name -> address, this::onOwnership, log::add,
                () -> now, name -> !downInterfaces.contains(name));
        }

        void onOwnership(final VipSet standby, final boolean anyMaster)
        {
            this.standby = standby;
            ownership.add(anyMaster);
        }

        boolean owns()
        {
            return !ownership.isEmpty() && ownership.get(ownership.size() - 1);
        }
    }

    long now = 1_000 * MS;

    KeepalivedConfig load(final String text) throws IOException
    {
        final Path file = Files.createTempFile(dir, "k", ".conf");
        Files.writeString(file, text);
        final ConfigLoadResult result = new KeepalivedConfigLoader().load(file);
        assertTrue(result.ok(), result.diagnostics().toString());
        return result.config();
    }

    static String instance(final String name, final int vrid, final int priority, final String extra)
    {
        return "vrrp_instance " + name + " {\n  interface eth0\n  virtual_router_id " + vrid + "\n  priority " +
            priority + "\n  advert_int 1\n  authentication {\n    auth_type PASS\n    auth_pass jvs\n  }\n" +
            "  virtual_ipaddress {\n    198.18.0." + (100 + vrid - 51) + "/32\n  }\n" + extra + "}\n";
    }

    /** Steps the clock; each running node works, and its frames reach the other running nodes. */
    void run(final long durationNs, final Node... nodes)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        for (final long end = now + durationNs; now < end; now += STEP_NS)
        {
            for (final Node node : nodes)
            {
                if (node.running)
                {
                    node.agent.doWork();
                }
            }
            deliver(frame, nodes);
        }
    }

    static void deliver(final UnsafeBuffer frame, final Node... nodes)
    {
        for (final Node from : nodes)
        {
            for (int length; (length = from.port.takeSent(frame, 0)) > 0; )
            {
                if ((frame.getShort(12, ByteOrder.BIG_ENDIAN) & 0xFFFF) == EthernetFlyweight.ETHER_TYPE_ARP)
                {
                    from.garps++;
                    continue;
                }
                from.adverts++;
                from.lastPriority = frame.getByte(14 + 20 + 2) & 0xFF;
                for (final Node to : nodes)
                {
                    if (to != from && to.running)
                    {
                        to.port.inject(frame, 0, length);
                    }
                }
            }
        }
    }

    static String state(final Node node)
    {
        final String report = node.agent.report();
        final int at = report.indexOf("  State ") + "  State ".length();
        return report.substring(at, report.indexOf('\n', at));
    }

    @Test
    void twoInstancesSplitTheVipsEachDirectorOwnsTheOneItIsMasterOf() throws IOException
    {
        final int vip1 = InetAddr.parse("198.18.0.100").ipv4();
        final int vip2 = InetAddr.parse("198.18.0.101").ipv4();
        final Node a = new Node(instance("VI_1", 51, 200, "") + instance("VI_2", 52, 100, ""), ADDRESS_A,
            0x02_0000_00000AL);
        final Node b = new Node(instance("VI_1", 51, 100, "") + instance("VI_2", 52, 200, ""), ADDRESS_B,
            0x02_0000_000009L);
        a.agent.onStart();
        b.agent.onStart();
        assertArrayEquals(new int[] {vip1, vip2}, a.standby.addresses(), "before the election: stands by for both");
        run(5_000 * MS, a, b);
        assertArrayEquals(new int[] {vip2}, a.standby.addresses(), "a is MASTER of VI_1 only");
        assertArrayEquals(new int[] {vip1}, b.standby.addresses(), "b is MASTER of VI_2 only");
        assertTrue(a.owns() && b.owns(), "each has a MASTER instance (its sync daemon is master)");

        a.running = false;
        run(4_000 * MS, a, b);
        assertArrayEquals(new int[0], b.standby.addresses(), "b took VI_1 over: it owns both VIPs");
        assertArrayEquals(new int[] {vip1, vip2}, VrrpAgent.virtualAddresses(load(instance("VI_1", 51, 100, "") +
            instance("VI_2", 52, 200, ""))).addresses(), "what a director stands by for at start");
    }

    @Test
    void electsTakesOverAfterMasterDownAndAtOnceOnPriorityZero() throws IOException
    {
        final Node a = new Node(instance("VI_1", 51, 200, ""), ADDRESS_A, 0x02_0000_00000AL);
        final Node b = new Node(instance("VI_1", 51, 100, ""), ADDRESS_B, 0x02_0000_000009L);
        a.agent.onStart();
        b.agent.onStart();
        assertEquals(List.of(false), a.ownership, "a backup at start does not own the VIPs");
        run(5_000 * MS, a, b);
        assertEquals("MASTER", state(a));
        assertEquals("BACKUP", state(b));
        assertTrue(a.owns() && !b.owns());
        assertEquals(5, a.garps, "garp_master_repeat 5 at takeover (the delayed batch comes 5 s later)");
        run(4_000 * MS, a, b);
        assertEquals(10, a.garps, "second batch after garp_master_delay 5");
        assertTrue(b.agent.report().contains("Master 198.18.0.10"), b.agent.report());

        // Crash: a falls silent. b's Master_Down_Interval: 3 s + (256 - 100) / 256 s = 3609.375 ms.
        a.running = false;
        final long silentAt = now;
        while (!"MASTER".equals(state(b)))
        {
            run(STEP_NS, a, b);
        }
        final long takeoverNs = now - silentAt;
        assertTrue(takeoverNs >= 2_600 * MS && takeoverNs <= 3_620 * MS, "took over after " + takeoverNs / MS +
            " ms: within Master_Down_Interval of a's last advert (sent up to 1 s before it fell silent)");
        assertTrue(b.owns());

        // a comes back and preempts; then stops cleanly: priority 0, b takes over after its skew time only.
        a.running = true;
        run(4_000 * MS, a, b);
        assertEquals("MASTER", state(a));
        assertEquals("BACKUP", state(b));
        a.agent.onClose();
        a.running = false;
        final long stoppedAt = now;
        deliver(new UnsafeBuffer(new byte[2048]), a, b);
        assertEquals(0, a.lastPriority, "a's last advertisement carries priority 0");
        while (!"MASTER".equals(state(b)))
        {
            run(STEP_NS, a, b);
        }
        assertTrue(now - stoppedAt <= 620 * MS, "skew time 609 ms: " + (now - stoppedAt) / MS + " ms");
        assertTrue(!a.owns() && b.owns());
    }

    @Test
    void garpMasterRefreshRepeatsTheBatch() throws IOException
    {
        final Node a = new Node(instance("VI_1", 51, 200,
            "  garp_master_delay 0\n  garp_master_repeat 2\n  garp_master_refresh 2\n"), ADDRESS_A, 0x0AL);
        a.agent.onStart();
        while (!"MASTER".equals(state(a)))
        {
            run(STEP_NS, a);
        }
        assertEquals(2, a.garps, "garp_master_repeat 2 at takeover, no delayed batch with garp_master_delay 0");
        run(5_000 * MS, a);
        assertEquals(6, a.garps, "and again every garp_master_refresh 2 s: at 2 and 4 s");
        a.agent.onClose();
    }

    @Test
    void unicastPeersGetTheAdvertsFromTheSourceAddress() throws IOException
    {
        final String peersOfA = "  unicast_src_ip 198.18.0.10\n  unicast_peer {\n    198.18.0.9\n  }\n";
        final String peersOfB = "  unicast_src_ip 198.18.0.9\n  unicast_peer {\n    198.18.0.9\n    198.18.0.10\n  }\n";
        final Node a = new Node(instance("VI_1", 51, 200, peersOfA), 0x01020304, 0x02_0000_00000AL);
        final Node b = new Node(instance("VI_1", 51, 100, peersOfB), 0x01020305, 0x02_0000_000009L);
        a.agent.onStart();
        b.agent.onStart();
        run(5_000 * MS, a, b);
        assertEquals("MASTER", state(a));
        assertEquals("BACKUP", state(b));
        assertTrue(b.agent.report().contains("Master 198.18.0.10"), "unicast_src_ip is the source: " +
            b.agent.report());
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        for (final long end = now + 1_000 * MS; now < end; now += STEP_NS)
        {
            a.agent.doWork();
        }
        int adverts = 0;
        for (int length; (length = a.port.takeSent(frame, 0)) > 0; )
        {
            if ((frame.getShort(12, ByteOrder.BIG_ENDIAN) & 0xFFFF) == EthernetFlyweight.ETHER_TYPE_IPV4)
            {
                adverts++;
                assertEquals(0xC6120009, frame.getInt(14 + 16, ByteOrder.BIG_ENDIAN), "to the peer");
                assertEquals(0xC612000A, frame.getInt(14 + 12, ByteOrder.BIG_ENDIAN), "from unicast_src_ip");
                assertEquals(255, frame.getByte(14 + 8) & 0xFF, "TTL 255");
                final VrrpAdvert advert = new VrrpAdvert();
                assertTrue(new VrrpAdvertCodec().parseIpv4(frame, 14, length - 14, "jvs".getBytes(), advert),
                    "checksums right for the unicast destination");
            }
        }
        assertEquals(1, adverts, "one advert a second to the one peer");
        a.agent.onClose();
        b.agent.onClose();
    }

    @Test
    void syncGroupFollowsAFaultAndNotifies() throws IOException
    {
        final Path marks = dir.resolve("marks");
        final String config = "vrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n" +
            "  notify_fault \"echo group-fault >> " + marks + "\"\n}\n" +
            instance("VI_1", 51, 150, "  notify_master \"echo vi1-master >> " + marks + "\"\n") +
            instance("VI_2", 52, 150, "  track_interface {\n    eth1\n  }\n  notify \"echo >> " + marks + "\"\n");
        final Node node = new Node(config, ADDRESS_A, 0x02_0000_00000AL);
        node.agent.onStart();
        run(4_000 * MS, node);
        assertTrue(node.owns());
        assertTrue(node.agent.report().matches("(?s).*VI_1\n  State MASTER.*VI_2\n  State MASTER.*"));
        node.downInterfaces.add("eth1");
        run(200 * MS, node);
        assertTrue(node.agent.report().matches("(?s).*VI_1\n  State FAULT\n.*VI_2\n  State FAULT \\(fault\\).*"),
            node.agent.report());
        assertTrue(!node.owns(), "no MASTER left: the VIPs are released");
        awaitLines(marks, "vi1-master", "INSTANCE VI_2 MASTER 150", "INSTANCE VI_2 FAULT 150", "group-fault");
        node.downInterfaces.clear();
        run(4_000 * MS, node);
        assertTrue(node.agent.report().matches("(?s).*VI_1\n  State MASTER.*VI_2\n  State MASTER.*"),
            node.agent.report());
        node.agent.onClose();
        // The notify scripts of the last transitions end before @TempDir is removed.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.current().children().findAny().isPresent() && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    void awaitLines(final Path file, final String... lines)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> seen = List.of();
        while (System.nanoTime() < deadline)
        {
            try
            {
                seen = Files.exists(file) ? Files.readAllLines(file) : List.of();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
            if (List.of(lines).stream().allMatch(seen::contains))
            {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("notify lines " + List.of(lines) + " not all in " + seen);
    }

    @Test
    void configurationErrorsNameTheInstance()
    {
        final IllegalArgumentException noScript = assertThrows(IllegalArgumentException.class, () ->
            new Node(instance("VI_1", 51, 100, "  track_script {\n    missing\n  }\n"), ADDRESS_A, 1L));
        assertTrue(noScript.getMessage().matches("vrrp_instance VI_1 \\(.*k.*\\.conf:1\\): track_script missing .*" +
            "names no vrrp_script"), noScript.getMessage());
        final IllegalArgumentException group = assertThrows(IllegalArgumentException.class, () ->
            new Node("vrrp_sync_group G {\n  group {\n    VI_9\n  }\n}\n" + instance("VI_1", 51, 100, ""),
                ADDRESS_A, 1L));
        assertTrue(group.getMessage().startsWith("vrrp_sync_group G ("), group.getMessage());
        assertTrue(group.getMessage().endsWith("): no vrrp_instance VI_9"), group.getMessage());
    }
}
