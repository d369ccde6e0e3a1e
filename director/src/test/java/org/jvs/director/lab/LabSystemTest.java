package org.jvs.director.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab itself: scripts/lab builds the dr, nat and tun topologies with real nginx and UDP echo servers,
 * stops and starts them, runs (a stand-in for) the director, and leaves nothing behind. Root only.
 */
class LabSystemTest
{
    private static final long WAIT_MS = 10_000;

    @BeforeEach
    void requireSystemTests()
    {
        Lab.assumeSystemTests();
    }

    @AfterAll
    static void leaveNothingBehind()
    {
        if ("true".equals(System.getProperty("jvs.systemTests")))
        {
            try (Lab lab = Lab.handle())
            {
                lab.down();
            }
        }
    }

    @Test
    void drRealServersAnswerOnTheirRipsAndStopAndStart() throws Exception
    {
        try (Lab lab = Lab.up("dr", "--no-director"))
        {
            assertEquals("VIP 198.18.0.100 80", lab.vipLine());
            final String bigDigest = expectedBigDigest();
            for (final String rs : List.of("rs1", "rs2"))
            {
                final String rip = "198.18.0." + (10 + Integer.parseInt(rs.substring(2)));
                assertEquals(rs + "\n", lab.httpGet(Lab.CLIENT, "http://" + rip + "/"));
                assertEquals(rs + ":ping", lab.udpAsk(Lab.CLIENT, rip, Lab.UDP_PORT, "ping"));
                assertEquals(bigDigest + "  -\n", lab.exec(Lab.CLIENT, "sh", "-c",
                    "curl -s --noproxy '*' -m 10 http://" + rip + "/big | sha256sum").stdout());
                assertTrue(lab.exec(rs, "ip", "-4", "-o", "addr", "show", "dev", "lo").stdout()
                    .contains(" 198.18.0.100/32 "), rs + " holds the VIP on lo");
                assertEquals("1\n", lab.exec(rs, "cat", "/proc/sys/net/ipv4/conf/all/arp_ignore").stdout());
                assertEquals("2\n", lab.exec(rs, "cat", "/proc/sys/net/ipv4/conf/all/arp_announce").stdout());
            }
            assertLabWide(lab, List.of(Lab.CLIENT, Lab.DIRECTOR, "rs1", "rs2"));

            lab.stop("rs1");
            Lab.await("rs1 stops answering HTTP", WAIT_MS,
                () -> lab.httpGet(Lab.CLIENT, "http://198.18.0.11/") == null);
            assertNull(lab.udpAsk(Lab.CLIENT, "198.18.0.11", Lab.UDP_PORT, "ping"), "rs1 UDP echo stopped");
            assertEquals("rs2\n", lab.httpGet(Lab.CLIENT, "http://198.18.0.12/"), "rs2 unaffected");

            lab.start("rs1");
            Lab.await("rs1 answers HTTP again", WAIT_MS,
                () -> "rs1\n".equals(lab.httpGet(Lab.CLIENT, "http://198.18.0.11/")));
            Lab.await("rs1 answers UDP again", WAIT_MS,
                () -> "rs1:back".equals(lab.udpAsk(Lab.CLIENT, "198.18.0.11", Lab.UDP_PORT, "back")));
        }
        assertDownTwiceLeavesNothing();
    }

    @Test
    void natRealServersAreBehindTheDirector()
    {
        try (Lab lab = Lab.up("nat", "--no-director", "--servers", "3"))
        {
            for (final String rs : List.of("rs1", "rs2", "rs3"))
            {
                final String rip = "198.18.1." + (10 + Integer.parseInt(rs.substring(2)));
                assertEquals(rs + "\n", lab.httpGet(Lab.DIRECTOR, "http://" + rip + "/"), "director reaches " + rip);
                assertEquals(rs + ":hc", lab.udpAsk(Lab.DIRECTOR, rip, Lab.UDP_PORT, "hc"));
                assertTrue(lab.exec(rs, "ip", "route").stdout().contains("198.18.0.0/15 via 198.18.1.1 dev eth0"),
                    rs + " routes clients through the director");
            }
            assertNull(lab.httpGet(Lab.CLIENT, "http://198.18.1.11/"), "the client has no route to real servers");
            final String directorAddresses = lab.exec(Lab.DIRECTOR, "ip", "-4", "-o", "addr").stdout();
            assertTrue(directorAddresses.contains(" 198.18.0.10/24 ") && directorAddresses.contains(" 198.18.1.1/24 "),
                directorAddresses);
            assertFalse(directorAddresses.contains(Lab.VIP), "the director's kernel never holds the VIP");
            assertEquals("0\n", lab.exec(Lab.DIRECTOR, "cat", "/proc/sys/net/ipv4/ip_forward").stdout());
            assertLabWide(lab, List.of(Lab.CLIENT, Lab.DIRECTOR, "rs1", "rs2", "rs3"));
        }
        assertDownTwiceLeavesNothing();
    }

    @Test
    void tunRealServersAreRoutedAndHoldTheVip()
    {
        try (Lab lab = Lab.up("tun", "--no-director"))
        {
            for (final String rs : List.of("rs1", "rs2"))
            {
                final String rip = "198.18.1." + (10 + Integer.parseInt(rs.substring(2)));
                assertEquals(rs + "\n", lab.httpGet(Lab.CLIENT, "http://" + rip + "/"), "client reaches " + rip);
                assertEquals(rs + "\n", lab.httpGet(Lab.DIRECTOR, "http://" + rip + "/"), "director reaches " + rip);
                assertEquals(rs + ":t", lab.udpAsk(Lab.CLIENT, rip, Lab.UDP_PORT, "t"));
                assertTrue(lab.exec(rs, "ip", "-4", "-o", "addr", "show", "dev", "lo").stdout()
                    .contains(" 198.18.0.100/32 "), rs + " holds the VIP on lo");
            }
            assertTrue(lab.exec(Lab.CLIENT, "ip", "route").stdout().contains("198.18.0.0/15 via 198.18.0.1"));
            assertEquals("1\n", lab.exec("router", "cat", "/proc/sys/net/ipv4/ip_forward").stdout());
            assertLabWide(lab, List.of(Lab.CLIENT, "router", Lab.DIRECTOR, "rs1", "rs2"));
        }
        assertDownTwiceLeavesNothing();
    }

    /**
     * TUN without a director: the director's kernel sends one IPIP packet (CIP:40000 -> VIP:5353 inside,
     * director -> RIP outside) through the router; rs1's {@code jvs realserver tun-decap} (this build's, run
     * from the test classpath) decapsulates it and rs1 answers the client from the VIP, directly.
     */
    @Test
    void tunRealServersDecapsulateIpipAndAnswerFromTheVip(@TempDir final Path dir) throws Exception
    {
        final Path launcher = dir.resolve("jvs");
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + System.getProperty("java.home") +
            "/bin/java' -cp '" + System.getProperty("java.class.path") + "' org.jvs.director.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Path received = dir.resolve("received.txt");
        try (Lab lab = Lab.handle(Map.of("JVS_LAB_JVS", launcher.toString())).upWith("tun", "--no-director"))
        {
            final String log = Files.readString(Path.of("/run/jvs-lab/rs1/decap.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("ready"), log);
            final Process client = new ProcessBuilder("ip", "netns", "exec", "jvs-client", "python3", "-c",
                "import socket, sys\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
                "s.bind(('198.18.0.2', 40000))\ns.settimeout(20)\ndata, peer = s.recvfrom(100)\n" +
                "sys.stdout.write(data.decode() + ' from ' + peer[0] + '\\n')\n")
                .redirectOutput(received.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try
            {
                Lab.await("client listening", WAIT_MS, () -> lab.exec(Lab.CLIENT, "sh", "-c",
                    "ss -Hlun 'sport = :40000' | grep -q .").exitCode() == 0);
                Lab.await("rs1 answers the IPIP-carried datagram", WAIT_MS, () ->
                {
                    assertEquals(0, lab.exec(Lab.DIRECTOR, "python3", "-c", IPIP_SENDER).exitCode());
                    return !readQuietly(received).isEmpty();
                });
                assertEquals("rs1:via-tun from 198.18.0.100\n", readQuietly(received));
            }
            finally
            {
                client.destroyForcibly();
            }
        }
        assertDownTwiceLeavesNothing();
    }

    private static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    /** Sends IPIP from the director's kernel: outer director -> rs1's RIP, inner CIP:40000 -> VIP:5353 UDP. */
    private static final String IPIP_SENDER = String.join("\n",
        "import socket, struct",
        "def csum(b):",
        "    b = b + b'\\0' * (len(b) % 2)",
        "    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))",
        "    while s >> 16:",
        "        s = (s & 0xffff) + (s >> 16)",
        "    return ~s & 0xffff",
        "src, dst = socket.inet_aton('198.18.0.2'), socket.inet_aton('198.18.0.100')",
        "payload = b'via-tun'",
        "udp = struct.pack('!HHHH', 40000, 5353, 8 + len(payload), 0) + payload",
        "c = csum(src + dst + struct.pack('!BBH', 0, 17, len(udp)) + udp) or 0xffff",
        "udp = udp[:6] + struct.pack('!H', c) + udp[8:]",
        "ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0x4000, 64, 17, 0, src, dst)",
        "ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]",
        "s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 4)",
        "s.sendto(ip + udp, ('198.18.1.11', 0))",
        "");

    @Test
    void upRefusesClearlyWhenJvsDirectorIsNotBuilt()
    {
        try (Lab lab = Lab.handle(Map.of("JVS_LAB_JVS", "/nonexistent/jvs")))
        {
            lab.down();
            final Lab.Result result = lab.lab("up", "dr");
            assertNotEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stderr().contains("director' is not available") &&
                result.stderr().contains("--no-director"), result.toString());
            assertEquals("", result.stdout());
            assertEquals(List.of(), lab.labNamespaces(), "nothing built");
        }
    }

    /**
     * A stand-in for {@code jvs director} (it puts the VIP on the director's kernel and serves HTTP there,
     * which jvs itself never does) proves the lab's director handling: the arguments it is given, the wait
     * for the VIP, the VIP line, and stop/start of the process.
     */
    @Test
    void upStartsTheDirectorAndWaitsForTheVip(@TempDir final Path dir) throws IOException
    {
        final Path fake = dir.resolve("fake-jvs");
        Files.writeString(fake, String.join("\n",
            "#!/usr/bin/env bash",
            "if [ \"$1\" = --help ]; then echo '  director    stand-in'; exit 0; fi",
            "if [ \"$1\" = jvsadm ]; then exit 0; fi",
            "echo \"args: $*\"",
            "ip addr add 198.18.0.100/32 dev eth0 2>/dev/null || true",
            "sleep 1",
            "exec python3 -m http.server 80 --bind 198.18.0.100 --directory /run/jvs-lab/rs1/www",
            ""));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Lab lab = Lab.handle(Map.of("JVS_LAB_JVS", fake.toString())).upWith("dr", "--", "--port", "pcap4j"))
        {
            assertEquals("VIP 198.18.0.100 80", lab.vipLine());
            assertEquals("rs1\n", lab.httpGet(Lab.CLIENT, "http://198.18.0.100/"), "up returned once the VIP answered");
            final String log = Files.readString(Path.of("/run/jvs-lab/director/jvs.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains(
                "args: director --config /run/jvs-lab/keepalived.conf --interface eth0 --port pcap4j\n"), log);

            lab.stop(Lab.DIRECTOR);
            assertNull(lab.httpGet(Lab.CLIENT, "http://198.18.0.100/"), "stop director ends it");
            lab.start(Lab.DIRECTOR);
            assertEquals("rs1\n", lab.httpGet(Lab.CLIENT, "http://198.18.0.100/"), "start director waited for it");
        }
        assertDownTwiceLeavesNothing();
    }

    @Test
    void waitsForALabWhoseOwnerIsAliveInsteadOfTearingItDown() throws Exception
    {
        // Long enough to outlive a wait for the session lock while other builds hold it (seen: 160 s).
        final Process owner = new ProcessBuilder("sleep", "900").start();
        final Lab[] second = new Lab[1];
        final Thread starter = new Thread(() -> second[0] = Lab.up("dr", "--no-director"), "second-lab");
        try (Lab first = Lab.handle(Map.of("JVS_LAB_OWNER", Long.toString(owner.pid()))))
        {
            assertEquals(0, first.lab("up", "dr", "--no-director").exitCode());
            starter.start();
            starter.join(2_000);
            assertTrue(starter.isAlive(), "the second lab waits while the first one's owner lives");
            assertTrue(first.lab("status").stdout().contains("owner: pid " + owner.pid()));
            final Lab.Result foreignDown = first.run(List.of("env", "JVS_LAB_OWNER=" + ProcessHandle.current().pid(),
                first.script().toString(), "down"));
            assertEquals(1, foreignDown.exitCode(), foreignDown.toString());
            assertTrue(foreignDown.stderr().contains("the lab belongs to live pid " + owner.pid()),
                foreignDown.toString());
            assertEquals(0, first.lab("status").exitCode(), "still up");

            owner.destroy();
            assertTrue(owner.waitFor(WAIT_MS, TimeUnit.MILLISECONDS));
            starter.join(60_000);
            assertFalse(starter.isAlive(), "the second lab replaced the first once its owner had gone");
            assertTrue(second[0].lab("status").stdout().contains("owner: pid " + ProcessHandle.current().pid()));
            second[0].close();
        }
        finally
        {
            owner.destroyForcibly();
        }
        assertDownTwiceLeavesNothing();
    }

    private static void assertLabWide(final Lab lab, final List<String> nodes)
    {
        for (final String node : nodes)
        {
            assertEquals("", lab.exec(node, "ip", "route", "show", "default").stdout(), node + ": no default route");
            final String routes = lab.exec(node, "ip", "-4", "route").stdout();
            for (final String route : routes.split("\n"))
            {
                assertTrue(route.isEmpty() || route.startsWith("198.18."), node + ": route outside the lab: " + route);
            }
            final String features = lab.exec(node, "ethtool", "-k", "eth0").stdout();
            assertTrue(features.contains("tx-checksumming: off"), node + " eth0 TX checksum offload off");
            assertTrue(features.contains("generic-segmentation-offload: off"), node + " eth0 GSO off");
        }
    }

    private static void assertDownTwiceLeavesNothing()
    {
        try (Lab lab = Lab.handle())
        {
            lab.down();
            lab.down();
            assertEquals(List.of(), lab.labNamespaces());
            final String links = lab.run(List.of("ip", "-o", "link", "show")).stdout();
            assertFalse(links.contains("jvsbr") || links.contains(": jvs-"),
                "no lab link or bridge in the root namespace: " + links);
            assertEquals(3, lab.lab("status").exitCode(), "status says down");
            assertFalse(Files.exists(Path.of("/run/jvs-lab")), "state dir removed");
        }
    }

    private static String expectedBigDigest() throws NoSuchAlgorithmException
    {
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        final StringBuilder line = new StringBuilder(16);
        for (int i = 0; i < (Lab.BIG_SIZE_BYTES / 16); i++)
        {
            line.setLength(0);
            final String number = Integer.toString(i);
            line.append("jvs-lab ").append("0".repeat(7 - number.length())).append(number).append('\n');
            sha256.update(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
