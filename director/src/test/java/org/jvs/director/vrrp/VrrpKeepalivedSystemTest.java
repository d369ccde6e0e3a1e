package org.jvs.director.vrrp;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability with real keepalived (Debian package, VRRP only) in two network namespaces this test makes,
 * vr-a (keepalived, 198.19.0.1) and vr-b (us, 198.19.0.2), joined by a veth pair. keepalived starts BACKUP and
 * takes over; tcpdump in vr-b captures its adverts; our advertisements (priority 200, built by
 * {@link VrrpAdvertCodec}, v2 with PASS or v3, sent by scapy from vr-b) make it give the VIP up, and it takes
 * it back when they stop.
 * Its captured adverts are then parsed by our codec and fed to our state machine, which defers to them at a lower
 * priority and preempts them at a higher one. Run as root with {@code -Djvs.systemTests=true}.
 */
class VrrpKeepalivedSystemTest
{
    static final String NS_A = "vr-a";
    static final String NS_B = "vr-b";
    static final String VIP = "198.19.0.100";
    static final int SELF_B = 0xC6130002;
    static final int VIP_INT = 0xC6130064;
    static final long S = 1_000_000_000L;
    static final String CONFIG_START = "global_defs {\n  router_id vr_a\n}\nvrrp_instance VI_1 {\n  state BACKUP\n" +
        "  interface vra0\n  virtual_router_id 51\n  priority 100\n  advert_int 1\n";
    static final String CONFIG_V2_AUTH = "  authentication {\n    auth_type PASS\n    auth_pass secret\n  }\n";
    static final String CONFIG_END = "  virtual_ipaddress {\n    198.19.0.100/32\n  }\n}\n";

    private final List<Process> processes = new ArrayList<>();

    @Test
    void keepalivedAndOurStateMachineAgreeV2() throws Exception
    {
        interop(2);
    }

    @Test
    void keepalivedAndOurStateMachineAgreeV3() throws Exception
    {
        interop(3);
    }

    void interop(final int version) throws Exception
    {
        assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "system tests off");
        assertEquals(0, run(60, "sh", "-c", "command -v keepalived || apt-get install -y keepalived").exitCode);
        final Path dir = Files.createTempDirectory("vr-ka");
        namespaces();
        final Path pcap = dir.resolve("vrrp.pcap");
        start(dir.resolve("tcpdump.log"), "ip", "netns", "exec", NS_B, "tcpdump", "-i", "vrb0", "-U", "-w",
            pcap.toString(), "vrrp");
        Files.writeString(dir.resolve("ka.conf"), CONFIG_START +
            (version == 2 ? CONFIG_V2_AUTH : "  version 3\n") + CONFIG_END);
        final Process keepalived = start(dir.resolve("ka.log"), "ip", "netns", "exec", NS_A, "keepalived", "-n",
            "-l", "-D", "-P", "-f", dir.resolve("ka.conf").toString(), "-p", dir.resolve("ka.pid").toString(), "-r",
            dir.resolve("vrrp.pid").toString());
        final long started = System.nanoTime();
        Lab.await("keepalived MASTER with the VIP", 10_000, () -> vipOnA());
        final long takeoverMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("v" + version + ": keepalived took the VIP " + takeoverMs + " ms after start");
        Lab.await("three keepalived adverts captured", 10_000, () -> adverts(pcap).size() >= 3);

        final Process ours = start(dir.resolve("scapy.log"), "ip", "netns", "exec", NS_B, "/usr/bin/python3", "-c",
            "from scapy.all import *\nsendp(bytes.fromhex('" + ourAdvert(version) +
            "'), iface='vrb0', count=6, inter=1)");
        Lab.await("keepalived to yield to our priority 200", 5_000, () -> !vipOnA());
        assertTrue(ours.waitFor(15, TimeUnit.SECONDS), "our adverts sent");
        final long silentAt = System.nanoTime();
        Lab.await("keepalived to take the VIP back when we fall silent", 8_000, () -> vipOnA());
        System.out.println("keepalived retook the VIP " + (System.nanoTime() - silentAt) / 1_000_000 +
            " ms after our last advert ended");
        keepalived.destroy();
        assertTrue(keepalived.waitFor(10, TimeUnit.SECONDS), "keepalived stopped");
        Lab.await("priority 0 on shutdown", 5_000, () -> adverts(pcap).stream().anyMatch(a -> a.priority == 0));
        checkCapturedAdverts(version, adverts(pcap));
    }

    static void checkCapturedAdverts(final int version, final List<Captured> captured)
    {
        final VrrpAdvertCodec codec = new VrrpAdvertCodec();
        final VrrpInstance lower = new VrrpInstance(settings(version, 50));
        final VrrpInstance higher = new VrrpInstance(settings(version, 200));
        final VrrpAdvert advert = new VrrpAdvert();
        final long t0 = captured.get(0).timeNs - S / 2;
        lower.start(t0);
        higher.start(t0);
        int fromKeepalived = 0;
        long lastNs = t0;
        for (final Captured c : captured)
        {
            assertTrue(codec.parseIpv4(c.frame, 14, c.frame.capacity() - 14, higher.settings().password(),
                advert), "parsed: v" + version);
            if (advert.sourceAddress() != 0xC6130001 || advert.priority() == 0)
            {
                continue;
            }
            fromKeepalived++;
            assertEquals(100, advert.priority());
            assertEquals(version, advert.version());
            assertEquals(100, advert.advertIntervalCs());
            runTimers(lower, c.timeNs);
            runTimers(higher, c.timeNs);
            lower.onAdvert(advert, c.timeNs);
            higher.onAdvert(advert, c.timeNs);
            lastNs = c.timeNs;
            if (fromKeepalived == 3)
            {
                break;
            }
        }
        assertEquals(3, fromKeepalived);
        runTimers(lower, lastNs + S - 1);
        runTimers(higher, lastNs + S - 1);
        assertEquals(3, lower.accepted());
        assertEquals(0, lower.authDrops() + lower.ttlDrops() + lower.versionDrops() + codec.checksumDrops());
        assertEquals(VrrpState.BACKUP, lower.state(), "priority 50 defers to keepalived's 100");
        assertEquals(lastNs + lower.masterDownIntervalNs(), lower.nextDeadlineNs());
        assertEquals(VrrpState.MASTER, higher.state(), "priority 200 preempted keepalived's 100");
        // Skew for priority 200: v2 (56/256) s = 218.75 ms; v3 (56 * 100 / 256) cs = 21 cs.
        assertEquals(t0 + 3 * S + (version == 2 ? 218_750_000L : 210_000_000L), higher.transitionNs());
    }

    static void runTimers(final VrrpInstance instance, final long untilNs)
    {
        for (int i = 0; i < 100 && instance.nextDeadlineNs() <= untilNs; i++)
        {
            instance.onTimer(instance.nextDeadlineNs());
        }
    }

    static VrrpSettings settings(final int version, final int priority)
    {
        return new VrrpSettings(version, 51, priority, 100, true, 0, version == 2 ? "secret".getBytes() : null,
            SELF_B, new int[]{VIP_INT}, 0, 5, false);
    }

    static String ourAdvert(final int version)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final int length = new VrrpAdvertCodec().build(buffer, 0, settings(version, 200), 200, 0x0250_5600_0002L,
            1);
        return VrrpScapySystemTest.hex(buffer, length);
    }

    static boolean vipOnA() throws Exception
    {
        return run(10, "ip", "-n", NS_A, "-4", "addr", "show", "dev", "vra0").output.contains(VIP + "/32");
    }

    /** One captured frame and its pcap time. */
    record Captured(UnsafeBuffer frame, long timeNs, int priority)
    {
    }

    static List<Captured> adverts(final Path pcap) throws Exception
    {
        final List<Captured> out = new ArrayList<>();
        if (!Files.exists(pcap))
        {
            return out;
        }
        final UnsafeBuffer file = new UnsafeBuffer(Files.readAllBytes(pcap));
        assertTrue(file.capacity() >= 24 && file.getInt(0, ByteOrder.LITTLE_ENDIAN) == 0xA1B2C3D4,
            "little-endian microsecond pcap from tcpdump");
        for (int at = 24; at + 16 <= file.capacity(); )
        {
            final long timeNs = file.getInt(at, ByteOrder.LITTLE_ENDIAN) * S +
                file.getInt(at + 4, ByteOrder.LITTLE_ENDIAN) * 1_000L;
            final int length = file.getInt(at + 8, ByteOrder.LITTLE_ENDIAN);
            if (at + 16 + length > file.capacity())
            {
                break;
            }
            final byte[] frame = new byte[length];
            file.getBytes(at + 16, frame);
            out.add(new Captured(new UnsafeBuffer(frame), timeNs, length > 36 ? frame[14 + 20 + 2] & 0xFF : -1));
            at += 16 + length;
        }
        return out;
    }

    static void namespaces() throws Exception
    {
        cleanNamespaces();
        final String[][] steps = {
            {"ip", "netns", "add", NS_A}, {"ip", "netns", "add", NS_B},
            {"ip", "link", "add", "vra0", "netns", NS_A, "type", "veth", "peer", "name", "vrb0", "netns", NS_B},
            {"ip", "-n", NS_A, "addr", "add", "198.19.0.1/24", "dev", "vra0"},
            {"ip", "-n", NS_B, "addr", "add", "198.19.0.2/24", "dev", "vrb0"},
            {"ip", "-n", NS_A, "link", "set", "vra0", "up"}, {"ip", "-n", NS_B, "link", "set", "vrb0", "up"},
            {"ip", "-n", NS_A, "link", "set", "lo", "up"}, {"ip", "-n", NS_B, "link", "set", "lo", "up"}};
        for (final String[] step : steps)
        {
            final Result r = run(10, step);
            assertEquals(0, r.exitCode, String.join(" ", step) + ": " + r.output);
        }
    }

    static void cleanNamespaces() throws Exception
    {
        for (final String ns : new String[]{NS_A, NS_B})
        {
            if (run(10, "ip", "netns", "list").output.lines().anyMatch(l -> l.split(" ")[0].equals(ns)))
            {
                run(10, "ip", "netns", "del", ns);
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception
    {
        for (final Process p : processes)
        {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if ("true".equals(System.getProperty("jvs.systemTests")))
        {
            cleanNamespaces();
        }
    }

    private Process start(final Path log, final String... command) throws Exception
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    record Result(int exitCode, String output)
    {
    }

    static Result run(final int timeoutS, final String... command) throws Exception
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(timeoutS, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(p.exitValue(), out);
    }
}
