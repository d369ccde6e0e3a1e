package org.jvs.director.vrrp;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.director.config.ConfigLoadResult;
import org.jvs.director.config.KeepalivedConfigLoader;
import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VRRP failover between two jvs directors in the two-director lab ({@code scripts/lab up dr --directors 2}:
 * director1 MASTER priority 200 at 198.18.0.10, director2 BACKUP priority 100 at 198.18.0.9, advert_int 1, PASS).
 * tcpdump in the client namespace records every advertisement, so takeover times are measured on the wire:
 * kill -9 of the MASTER's jvs, the BACKUP's first advertisement within Master_Down_Interval (3 × advert_int +
 * Skew_Time, computed from director2's keepalived.conf) of the MASTER's last one, and a bounded client HTTP loop
 * failing only in that window; restart preempts (and with {@code nopreempt} does not); SIGTERM sends priority 0
 * and the BACKUP takes over after Skew_Time only; adverts with a wrong password, version or TTL are ignored and
 * counted; a track_script lowering the MASTER below the BACKUP moves the VIP. Who holds the VIP is read from the
 * client's ARP entry (the gratuitous ARPs of the new MASTER). Interoperability: real keepalived (Debian, VRRP only)
 * as BACKUP of a jvs MASTER and as MASTER of a jvs BACKUP; both elect, fail over and fail back.
 * Run as root with {@code -Djvs.systemTests=true}.
 */
class VrrpFailoverSystemTest
{
    static final String MAC1 = "02:6a:76:12:00:0a";
    static final String MAC2 = "02:6a:76:12:00:09";
    static final int ADDRESS1 = 0xC612000A;
    static final int ADDRESS2 = 0xC6120009;
    static final String URL = "http://" + Lab.VIP + "/";
    static final long MS = 1_000_000L;
    /** Allowed lateness of a timer on the wire (1 ms agent sleep, JVM and tcpdump scheduling on 2 busy cores). */
    static final long SLACK_NS = 150 * MS;

    private final List<Process> processes = new ArrayList<>();
    private Path dir;

    @BeforeEach
    void setUp() throws Exception
    {
        Lab.assumeSystemTests();
        dir = Files.createTempDirectory("jvs-vrrp-failover");
    }

    @AfterEach
    void tearDown()
    {
        for (final Process process : processes)
        {
            process.destroy();
        }
    }

    @Test
    void killRestartStopAndForgedAdverts() throws Exception
    {
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none"))
        {
            final Path pcap = capture();
            awaitStates(lab, "MASTER", "BACKUP");
            Lab.await("the client's ARP entry: director1", 5_000, () -> MAC1.equals(vipMac(lab)));

            forgedAdvertsAreIgnoredAndCounted(lab);

            final long masterDownNs = masterDownIntervalNs(Path.of("/run/jvs-lab/director2/keepalived.conf"));
            final Process loop = httpLoop(16);
            Lab.await("the HTTP loop to get 10 answers", 10_000,
                () -> Files.readAllLines(loopOut()).stream().filter(l -> l.endsWith(" ok")).count() >= 10);
            final long killNs = wallNs();
            lab.kill(Lab.DIRECTOR1);
            Lab.await("director2 MASTER", 10_000, () -> "MASTER".equals(state(lab, Lab.DIRECTOR2)));
            final Advert takeover =
                awaitAdvert("director2 first advert", () -> first(adverts(pcap), ADDRESS2, killNs));
            final Advert last = lastBefore(adverts(pcap), ADDRESS1, takeover.timeNs);
            final long takeoverNs = takeover.timeNs - last.timeNs;
            System.out.printf("kill -9 of director1: director2's first advert %d ms after director1's last " +
                "(Master_Down_Interval %d ms), %d ms after the kill%n", takeoverNs / MS, masterDownNs / MS,
                (takeover.timeNs - killNs) / MS);
            assertTrue(takeoverNs <= masterDownNs + SLACK_NS, "takeover within 3 x advert_int + skew");
            assertTrue(takeoverNs >= masterDownNs - SLACK_NS, "the backup waited for Master_Down_Interval");
            assertTrue(takeover.timeNs - killNs <= masterDownNs + SLACK_NS, "takeover after the kill");
            assertTrue(loop.waitFor(30, TimeUnit.SECONDS), "the HTTP loop ended");
            checkLoop(killNs, takeover.timeNs);
            Lab.await("the client's ARP entry: director2", 5_000, () -> MAC2.equals(vipMac(lab)));

            lab.start(Lab.DIRECTOR1);
            awaitStates(lab, "MASTER", "BACKUP");
            Lab.await("the client to learn director1 again", 5_000, () -> MAC1.equals(vipMac(lab)));
            assertNotNull(lab.httpGet(Lab.CLIENT, URL), "served after preemption");
            System.out.println("restart of director1: it preempted (MASTER again, the client's ARP entry is its MAC)");

            final long stopNs = wallNs();
            lab.stop(Lab.DIRECTOR1);
            final Advert goodbye = awaitAdvert("director1's priority 0", () -> adverts(pcap).stream()
                .filter(a -> a.source == ADDRESS1 && a.priority == 0 && a.timeNs >= stopNs).findFirst().orElse(null));
            final Advert next = awaitAdvert("director2's advert", () -> first(adverts(pcap), ADDRESS2, goodbye.timeNs));
            final long skewNs = masterDownNs - 3_000 * MS;
            System.out.printf("SIGTERM of director1: priority 0 advert, director2 advertised %d ms later " +
                "(Skew_Time %d ms; a crash waits %d ms)%n", (next.timeNs - goodbye.timeNs) / MS, skewNs / MS,
                masterDownNs / MS);
            assertTrue(next.timeNs - goodbye.timeNs <= skewNs + SLACK_NS, "takeover after Skew_Time only");
            Lab.await("director2 MASTER", 5_000, () -> "MASTER".equals(state(lab, Lab.DIRECTOR2)));
            assertNotNull(lab.httpGet(Lab.CLIENT, URL), "served by director2");
        }
    }

    private void forgedAdvertsAreIgnoredAndCounted(final Lab lab) throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final VrrpAdvertCodec codec = new VrrpAdvertCodec();
        final int client = 0xC6120002;
        final long clientMac = 0x026A_7612_0002L;
        final int[] vip = {0xC6120064};
        final List<String> frames = new ArrayList<>();
        final VrrpSettings wrongPass = new VrrpSettings(2, 51, 254, 100, true, 0, "wrong".getBytes(
            StandardCharsets.US_ASCII), client, vip, 0, 1, false);
        frames.add(VrrpScapySystemTest.hex(buffer, codec.build(buffer, 0, wrongPass, 254, clientMac, 1)));
        final VrrpSettings v3 = new VrrpSettings(3, 51, 254, 100, true, 0, null, client, vip, 0, 1, false);
        frames.add(VrrpScapySystemTest.hex(buffer, codec.build(buffer, 0, v3, 254, clientMac, 2)));
        final VrrpSettings right = new VrrpSettings(2, 51, 254, 100, true, 0, "jvslab".getBytes(
            StandardCharsets.US_ASCII), client, vip, 0, 1, false);
        final int length = codec.build(buffer, 0, right, 254, clientMac, 3);
        new Ipv4Flyweight().wrap(buffer, 14).ttl(64).updateChecksum();
        frames.add(VrrpScapySystemTest.hex(buffer, length));
        final int count = 10;
        final String script = "import socket, time\n" +
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\ns.bind(('eth0', 0))\n" +
            "for i in range(" + count + "):\n" +
            "    for f in " + frames.stream().map(f -> "'" + f + "'").toList() + ":\n" +
            "        s.send(bytes.fromhex(f))\n" +
            "    time.sleep(0.1)\n";
        assertEquals(0, lab.exec(Lab.CLIENT, "python3", "-c", script).exitCode(), "forged adverts sent");
        for (final String node : List.of(Lab.DIRECTOR1, Lab.DIRECTOR2))
        {
            Lab.await(node + " to count the forged adverts", 5_000, () ->
            {
                final String report = report(lab, node);
                return counter(report, "Bad auth") >= count && counter(report, "Bad version") >= count &&
                    counter(report, "Bad TTL") >= count;
            });
            System.out.println(node + " after " + count + " forged adverts of each kind (priority 254):\n" +
                report(lab, node));
        }
        assertEquals("MASTER", state(lab, Lab.DIRECTOR1), "director1 did not yield to forged priority 254");
        assertEquals("BACKUP", state(lab, Lab.DIRECTOR2), "director2 stays BACKUP");
        assertEquals(MAC1, vipMac(lab), "the VIP stayed on director1");
    }

    @Test
    void nopreemptKeepsTheNewMaster() throws Exception
    {
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none", "--vrrp", "nopreempt"))
        {
            final Path pcap = capture();
            awaitStates(lab, "MASTER", "BACKUP");
            lab.kill(Lab.DIRECTOR1);
            Lab.await("director2 MASTER", 10_000, () -> "MASTER".equals(state(lab, Lab.DIRECTOR2)));
            lab.start(Lab.DIRECTOR1);
            final long startedNs = wallNs();
            final long masterDownNs = masterDownIntervalNs(Path.of("/run/jvs-lab/director1/keepalived.conf"));
            Lab.await("director1 BACKUP", 5_000, () -> "BACKUP".equals(state(lab, Lab.DIRECTOR1)));
            // Watch the wire for longer than director1's Master_Down_Interval: it never advertises.
            final long untilNs = startedNs + masterDownNs + 1_500 * MS;
            Lab.await("the watch to end", 15_000, () -> adverts(pcap).stream().anyMatch(a -> a.timeNs > untilNs));
            assertTrue(adverts(pcap).stream().noneMatch(a -> a.source == ADDRESS1 && a.timeNs > startedNs),
                "director1 (priority 200, nopreempt) did not preempt");
            assertEquals("MASTER", state(lab, Lab.DIRECTOR2));
            Lab.await("the client's ARP entry: director2", 5_000, () -> MAC2.equals(vipMac(lab)));
            System.out.println("nopreempt: director1 restarted and stayed BACKUP for " +
                (masterDownNs + 1_500 * MS) / MS + " ms; director2 kept the VIP");
        }
    }

    @Test
    void trackScriptMovesTheVip() throws Exception
    {
        final Path flag = dir.resolve("fail");
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none",
            "--vrrp-global", "vrrp_script chk_flag {\n    script \"test ! -e " + flag + "\"\n    interval 1\n" +
            "    weight -150\n    fall 1\n    rise 1\n}",
            "--vrrp1", "track_script {", "--vrrp1", "    chk_flag", "--vrrp1", "}"))
        {
            awaitStates(lab, "MASTER", "BACKUP");
            assertTrue(report(lab, Lab.DIRECTOR1).contains("Priority 200 base 200"));
            Files.writeString(flag, "down\n");
            Lab.await("director2 to take over from director1 at priority 50", 10_000,
                () -> "MASTER".equals(state(lab, Lab.DIRECTOR2)) && "BACKUP".equals(state(lab, Lab.DIRECTOR1)));
            assertTrue(report(lab, Lab.DIRECTOR1).contains("Priority 50 base 200"), report(lab, Lab.DIRECTOR1));
            Lab.await("the client to learn director2", 5_000, () -> MAC2.equals(vipMac(lab)));
            Files.delete(flag);
            awaitStates(lab, "MASTER", "BACKUP");
            Lab.await("the client to learn director1 again", 5_000, () -> MAC1.equals(vipMac(lab)));
            System.out.println("track_script weight -150: the VIP moved to director2 and back");
        }
    }

    @Test
    void unicastPeersElectAndFailOver() throws Exception
    {
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none",
            "--vrrp1", "unicast_src_ip 198.18.0.10", "--vrrp1", "unicast_peer {", "--vrrp1", "  198.18.0.9",
            "--vrrp1", "}", "--vrrp2", "unicast_src_ip 198.18.0.9", "--vrrp2", "unicast_peer {",
            "--vrrp2", "  198.18.0.10", "--vrrp2", "}"))
        {
            final Path pcap = capture(Lab.DIRECTOR2);
            awaitStates(lab, "MASTER", "BACKUP");
            Lab.await("director2 to receive director1's unicast adverts", 5_000,
                () -> counter(report(lab, Lab.DIRECTOR2), "Adverts received") >= 2);
            final List<VrrpKeepalivedSystemTest.Captured> frames = VrrpKeepalivedSystemTest.adverts(pcap);
            final UnsafeBuffer frame = frames.get(frames.size() - 1).frame();
            assertEquals(ADDRESS2, frame.getInt(30, ByteOrder.BIG_ENDIAN), "sent to the peer, not 224.0.0.18");
            lab.kill(Lab.DIRECTOR1);
            Lab.await("director2 MASTER", 10_000, () -> "MASTER".equals(state(lab, Lab.DIRECTOR2)));
            assertNotNull(lab.httpGet(Lab.CLIENT, URL), "served by director2");
            System.out.println("unicast_peer: elected and failed over without multicast");
        }
    }

    @Test
    void jvsMasterWithKeepalivedBackup() throws Exception
    {
        installKeepalived();
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none", "--keepalived", Lab.DIRECTOR2))
        {
            Lab.await("jvs director1 MASTER, keepalived director2 without the VIP", 15_000,
                () -> "MASTER".equals(state(lab, Lab.DIRECTOR1)) && !kernelHasVip(lab, Lab.DIRECTOR2));
            assertNotNull(lab.httpGet(Lab.CLIENT, URL), "served by jvs");
            final long killNs = System.nanoTime();
            lab.kill(Lab.DIRECTOR1);
            Lab.await("keepalived to take the VIP", 10_000, () -> kernelHasVip(lab, Lab.DIRECTOR2));
            System.out.println("kill -9 of jvs MASTER: keepalived BACKUP holds the VIP " +
                (System.nanoTime() - killNs) / MS + " ms later");
            Lab.await("the client's ARP entry: director2", 5_000, () -> MAC2.equals(vipMac(lab)));
            lab.start(Lab.DIRECTOR1);
            Lab.await("jvs to preempt keepalived", 10_000,
                () -> "MASTER".equals(state(lab, Lab.DIRECTOR1)) && !kernelHasVip(lab, Lab.DIRECTOR2));
            Lab.await("the client's ARP entry: director1", 5_000, () -> MAC1.equals(vipMac(lab)));
            assertNotNull(lab.httpGet(Lab.CLIENT, URL), "served by jvs again");
            System.out.println("jvs restarted: it preempted keepalived (VIP removed from keepalived's eth0)");
        }
    }

    @Test
    void keepalivedMasterWithJvsBackup() throws Exception
    {
        installKeepalived();
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none", "--keepalived", Lab.DIRECTOR1))
        {
            Lab.await("keepalived director1 with the VIP, jvs director2 BACKUP of 198.18.0.10", 15_000,
                () -> kernelHasVip(lab, Lab.DIRECTOR1) && "BACKUP".equals(state(lab, Lab.DIRECTOR2)) &&
                report(lab, Lab.DIRECTOR2).contains("Master 198.18.0.10"));
            final long stopNs = System.nanoTime();
            lab.stop(Lab.DIRECTOR1);
            Lab.await("jvs director2 MASTER", 10_000, () -> "MASTER".equals(state(lab, Lab.DIRECTOR2)));
            System.out.println("keepalived MASTER stopped: jvs MASTER " + (System.nanoTime() - stopNs) / MS +
                " ms later (keepalived sent priority 0)");
            assertNotNull(lab.httpGet(Lab.CLIENT, URL), "served by jvs");
            Lab.await("the client's ARP entry: director2", 5_000, () -> MAC2.equals(vipMac(lab)));
            lab.start(Lab.DIRECTOR1);
            Lab.await("keepalived to preempt jvs", 15_000,
                () -> kernelHasVip(lab, Lab.DIRECTOR1) && "BACKUP".equals(state(lab, Lab.DIRECTOR2)));
            Lab.await("the client's ARP entry: director1", 5_000, () -> MAC1.equals(vipMac(lab)));
            System.out.println("keepalived restarted: it preempted jvs, which went BACKUP");
        }
    }

    static void installKeepalived() throws Exception
    {
        final Process p = new ProcessBuilder("sh", "-c", "command -v keepalived || apt-get install -y keepalived")
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "keepalived installed");
    }

    static boolean kernelHasVip(final Lab lab, final String node)
    {
        return lab.exec(node, "ip", "-4", "addr", "show", "dev", "eth0").stdout().contains(Lab.VIP + "/32");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** One captured advertisement: wall time of capture, source, priority. */
    record Advert(long timeNs, int source, int priority)
    {
    }

    /** An advert to look for, null while there is none. */
    interface AdvertQuery
    {
        Advert find() throws Exception;
    }

    static Advert awaitAdvert(final String what, final AdvertQuery query) throws Exception
    {
        final Advert[] found = new Advert[1];
        Lab.await(what, 5_000, () -> null != (found[0] = query.find()));
        return found[0];
    }

    static long wallNs()
    {
        return System.currentTimeMillis() * MS;
    }

    static long masterDownIntervalNs(final Path config)
    {
        final ConfigLoadResult result = new KeepalivedConfigLoader().load(config);
        assertTrue(result.ok(), result.toString());
        return new VrrpInstance(VrrpSettings.from(result.config().vrrpInstances().get(0), 1)).masterDownIntervalNs();
    }

    private Path capture() throws Exception
    {
        return capture(Lab.CLIENT);
    }

    private Path capture(final String node) throws Exception
    {
        final Path pcap = dir.resolve("vrrp-" + node + ".pcap");
        processes.add(new ProcessBuilder("ip", "netns", "exec", "jvs-" + node, "tcpdump", "-i", "eth0", "-U", "-w",
            pcap.toString(), "vrrp").redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile())
            .start());
        Lab.await("tcpdump to capture an advert", 10_000, () -> !adverts(pcap).isEmpty());
        return pcap;
    }

    static List<Advert> adverts(final Path pcap) throws Exception
    {
        final List<Advert> out = new ArrayList<>();
        for (final VrrpKeepalivedSystemTest.Captured c : VrrpKeepalivedSystemTest.adverts(pcap))
        {
            if (c.frame().capacity() >= 36)
            {
                out.add(new Advert(c.timeNs(), c.frame().getInt(26, ByteOrder.BIG_ENDIAN), c.priority()));
            }
        }
        return out;
    }

    static Advert first(final List<Advert> adverts, final int source, final long afterNs)
    {
        return adverts.stream().filter(a -> a.source == source && a.priority > 0 && a.timeNs >= afterNs)
            .findFirst().orElse(null);
    }

    static Advert lastBefore(final List<Advert> adverts, final int source, final long beforeNs)
    {
        Advert last = null;
        for (final Advert a : adverts)
        {
            if (a.source == source && a.timeNs < beforeNs)
            {
                last = a;
            }
        }
        assertNotNull(last, "an advert from the old master");
        return last;
    }

    static String report(final Lab lab, final String node)
    {
        final Lab.Result result = lab.jvsadm(node, "--vrrp");
        return result.exitCode() == 0 ? result.stdout() : "";
    }

    static String state(final Lab lab, final String node)
    {
        final Matcher m = Pattern.compile("(?m)^  State (\\w+)").matcher(report(lab, node));
        return m.find() ? m.group(1) : null;
    }

    static long counter(final String report, final String name)
    {
        final Matcher m = Pattern.compile("(?m)^  " + name + " (\\d+)$").matcher(report);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static void awaitStates(final Lab lab, final String one, final String two) throws Exception
    {
        Lab.await("director1 " + one + ", director2 " + two, 15_000,
            () -> one.equals(state(lab, Lab.DIRECTOR1)) && two.equals(state(lab, Lab.DIRECTOR2)));
    }

    /**
     * @return the MAC in the client's ARP entry for the VIP (after a fresh ARP exchange or gratuitous ARP).
     */
    static String vipMac(final Lab lab)
    {
        final String out = lab.exec(Lab.CLIENT, "ip", "neigh", "show", Lab.VIP).stdout();
        final Matcher m = Pattern.compile("lladdr (\\S+)").matcher(out);
        return m.find() ? m.group(1) : null;
    }

    private Path loopOut()
    {
        return dir.resolve("http-loop.txt");
    }

    /**
     * A bounded HTTP loop in the client (at most 400 requests, {@code seconds} long, 300 ms timeouts): one line
     * "START_TIME ok|fail" per request.
     */
    private Process httpLoop(final int seconds) throws Exception
    {
        final String script = "import socket, time\nend = time.time() + " + seconds + "\n" +
            "for i in range(400):\n" +
            "    if time.time() > end: break\n" +
            "    t = time.time(); ok = False\n" +
            "    try:\n" +
            "        s = socket.create_connection(('" + Lab.VIP + "', 80), timeout=0.3)\n" +
            "        s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n'); d = b''\n" +
            "        while True:\n" +
            "            c = s.recv(4096)\n" +
            "            if not c: break\n" +
            "            d += c\n" +
            "        s.close(); ok = b' 200 ' in d\n" +
            "    except Exception:\n" +
            "        pass\n" +
            "    print('%.3f %s' % (t, 'ok' if ok else 'fail'), flush=True)\n" +
            "    time.sleep(0.05)\n";
        final Process process = new ProcessBuilder("ip", "netns", "exec", "jvs-client", "python3", "-c", script)
            .redirectErrorStream(true).redirectOutput(loopOut().toFile()).start();
        processes.add(process);
        return process;
    }

    private void checkLoop(final long killNs, final long takeoverNs) throws Exception
    {
        int before = 0;
        int after = 0;
        final List<String> failures = new ArrayList<>();
        for (final String line : Files.readAllLines(loopOut()))
        {
            final String[] f = line.split(" ");
            final long startNs = (long)(Double.parseDouble(f[0]) * 1e9);
            if ("ok".equals(f[1]))
            {
                before += startNs < killNs ? 1 : 0;
                after += startNs > takeoverNs ? 1 : 0;
            }
            else
            {
                failures.add(line);
                // A request in flight at the kill (300 ms timeout) up to the takeover plus the gratuitous ARPs.
                assertTrue(startNs >= killNs - 350 * MS && startNs <= takeoverNs + 300 * MS,
                    "failure outside the takeover window: " + line + " (kill " + killNs / MS + " ms, takeover " +
                    takeoverNs / MS + " ms)");
            }
        }
        System.out.println("HTTP loop: " + before + " ok before the kill, " + failures.size() +
            " failed within the takeover window, " + after + " ok after the takeover");
        assertTrue(before >= 5 && after >= 5, "the loop ran on both sides of the takeover");
    }
}
