package org.jvs.director.realserver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvs.director.lab.Lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LVS-TUN end to end without any ipip module: two namespaces joined by a veth pair (TX checksum offload off).
 * <pre>
 *  jvs-td-dir ("director" and client)                      jvs-td-rs (real server)
 *  DIP 198.18.9.1, CIP 198.18.9.50 on td-a0 ---- veth ---- td-b0 RIP 198.18.9.2; VIP 198.18.9.100/32 on lo
 *  route VIP via tdenc0: ipip-encap.py wraps each          jvs realserver tun-decap td-b0 --vip VIP
 *  packet CIP -&gt; VIP in IPIP (DIP -&gt; RIP, proto 4)         python3 http.server :80, UDP echo VIP:5353
 * </pre>
 * The client's kernel (curl, a UDP socket) sends through the user-space encapsulator, the real server's kernel
 * gets the inner packets from jvs's TUN device and answers straight back (source VIP, not encapsulated: the
 * client's kernel has no ipip module and would drop an encapsulated reply). Checks: the HTTP bodies, the UDP
 * echo, bad IPIP payloads counted by reason, no ICMP from the real server while tun-decap runs (and ICMP once
 * it has stopped: the control), exit 0 on SIGTERM, and the TUN device, nftables table and rp_filter undone.
 */
class TunDecapSystemTest
{
    private static final String DIRECTOR = "jvs-td-dir";
    private static final String RS = "jvs-td-rs";
    private static final String RIP = "198.18.9.2";
    private static final String VIP = "198.18.9.100";
    private static final String CIP = "198.18.9.50";
    private static final String PYTHON = "/usr/bin/python3";
    private static final long WAIT_MS = 60_000;
    private static final String UDP_ECHO = "import socket, time\n" +
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('" + VIP + "', 5353)); s.settimeout(0.5)\n" +
        "end = time.monotonic() + 180\n" +
        "while time.monotonic() < end:\n" +
        "    try:\n        data, peer = s.recvfrom(2048)\n    except socket.timeout:\n        continue\n" +
        "    s.sendto(b'echo:' + data, peer)\n";
    private static final String UDP_ASK = "import socket, sys\n" +
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('" + CIP + "', 0)); s.settimeout(5)\n" +
        "s.sendto(sys.argv[1].encode(), ('" + VIP + "', 5353)); print(s.recvfrom(2048)[0].decode())\n";

    private final Lab shell = Lab.handle();
    private boolean sessionLocked;
    private final List<Process> processes = new ArrayList<>();
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException
    {
        Lab.assumeSystemTests();
        shell.holdSession();
        sessionLocked = true;
        removeNamespaces();
    }

    @AfterEach
    void tearDown() throws InterruptedException, IOException
    {
        if (!sessionLocked)
        {
            return; // skipped, or never got the lock: nothing here is ours
        }
        for (final Process process : processes)
        {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
        removeNamespaces();
        shell.releaseSession();
    }

    @Test
    void clientReachesTheVipThroughUserSpaceDecapsulationAndRealServerAnswersDirectly() throws Exception
    {
        buildNamespaces();
        final byte[] big = servedFiles();
        startRealServerServices();
        final Process decap = startTunDecap();
        final String tun = run(RS, "ip", "link", "show", "jvstun0").stdout();
        assertTrue(tun.contains(",UP,") && tun.contains(" mtu 1480 "), "jvstun0 up with td-b0's MTU: " + tun);
        assertEquals(0, run(RS, "nft", "list", "table", "ip", "jvs_tun_decap_td_b0").exitCode(), "nft table");
        assertEquals("0", run(RS, "cat", "/proc/sys/net/ipv4/conf/all/rp_filter").stdout().strip());
        final long icmpBefore = outDestUnreachs();
        startEncapsulator();

        assertEquals("hello from the real server\n", run(DIRECTOR, "curl", "-s", "--noproxy", "*", "-m", "20",
            "http://" + VIP + "/hello.txt").stdout());
        final Path got = dir.resolve("big.got");
        assertEquals(0, run(DIRECTOR, "curl", "-s", "--noproxy", "*", "-m", "30", "-o", got.toString(),
            "http://" + VIP + "/big.bin").exitCode());
        assertArrayEquals(big, Files.readAllBytes(got), "300 kB body intact");
        assertEquals("echo:ping\n", run(DIRECTOR, PYTHON, "-c", UDP_ASK, "ping").stdout());

        sendIpip("60000000000811402001" + "0".repeat(70));                      // inner IPv6
        sendIpip("450000c8000100004011dc28c6120932c61209649c4014e9000cd13770696e67"); // inner length 200 > 32
        sendIpip("45000020000100004011dc28c6120932c612094d9c4014e9000cd13770696e67"); // inner to 198.18.9.77
        assertEquals("echo:after\n", run(DIRECTOR, PYTHON, "-c", UDP_ASK, "after").stdout(), "still working");
        assertEquals(icmpBefore, outDestUnreachs(), "the real server sent no ICMP while tun-decap ran");

        decap.destroy();
        assertTrue(decap.waitFor(20, TimeUnit.SECONDS), "tun-decap exits on SIGTERM");
        final String log = Files.readString(dir.resolve("decap.log"));
        assertEquals(0, decap.exitValue(), log);
        assertStoppedCleanly(log);

        sendIpip("45000020000100003f11dd11c6120932c61209649c4014e9000cd12070696e67");
        Lab.await("the real server answers IPIP with ICMP once tun-decap is gone (control)", WAIT_MS,
            () -> outDestUnreachs() > icmpBefore);
    }

    private void assertStoppedCleanly(final String log)
    {
        final Matcher matcher = Pattern.compile("td-b0 -> jvstun0 stopped: decapsulated (\\d+) .*").matcher(log);
        assertTrue(matcher.find(), log);
        assertTrue(Long.parseLong(matcher.group(1)) >= 20, "client packets decapsulated: " + matcher.group());
        assertTrue(matcher.group().contains("skipped 3: inner-not-ipv4 1, inner-truncated 1, not-vip 1"),
            matcher.group());
        assertNotEquals(0, run(RS, "ip", "link", "show", "jvstun0").exitCode(), "jvstun0 removed");
        assertNotEquals(0, run(RS, "nft", "list", "table", "ip", "jvs_tun_decap_td_b0").exitCode(),
            "nft table removed");
        assertEquals("1", run(RS, "cat", "/proc/sys/net/ipv4/conf/all/rp_filter").stdout().strip(),
            "rp_filter restored");
    }

    private void buildNamespaces()
    {
        must("ip", "netns", "add", DIRECTOR);
        must("ip", "netns", "add", RS);
        must("ip", "link", "add", "td-a0", "netns", DIRECTOR, "type", "veth", "peer", "name", "td-b0", "netns", RS);
        for (final String ns : List.of(DIRECTOR, RS))
        {
            must(ns, "ip", "link", "set", "lo", "up");
            must(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1");
        }
        must(DIRECTOR, "sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        must(DIRECTOR, "ip", "addr", "add", "198.18.9.1/24", "dev", "td-a0");
        must(DIRECTOR, "ip", "addr", "add", CIP + "/32", "dev", "td-a0");
        must(DIRECTOR, "ethtool", "-K", "td-a0", "tx", "off");
        must(DIRECTOR, "ip", "link", "set", "td-a0", "mtu", "1480", "up");
        // strict reverse-path filtering on the real server: tun-decap must turn it off, and back on at exit
        must(RS, "sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf.all.arp_ignore=1",
            "net.ipv4.conf.all.arp_announce=2", "net.ipv4.conf.lo.arp_ignore=1", "net.ipv4.conf.lo.arp_announce=2");
        must(RS, "ip", "addr", "add", RIP + "/24", "dev", "td-b0");
        must(RS, "ip", "addr", "add", VIP + "/32", "dev", "lo");
        must(RS, "ethtool", "-K", "td-b0", "tx", "off");
        must(RS, "ip", "link", "set", "td-b0", "mtu", "1480", "up");
    }

    private byte[] servedFiles() throws IOException
    {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/hello.txt"), "hello from the real server\n");
        final byte[] big = new byte[300_000];
        new Random(42).nextBytes(big);
        Files.write(dir.resolve("www/big.bin"), big);
        return big;
    }

    private void startRealServerServices()
    {
        start("http.log", RS, PYTHON, "-m", "http.server", "80", "--bind", "0.0.0.0",
            "--directory", dir.resolve("www").toString());
        start("udp.log", RS, PYTHON, "-c", UDP_ECHO);
        Lab.await("HTTP on :80 and UDP on :5353 in " + RS, WAIT_MS,
            () -> run(RS, "ss", "-Hlnt", "sport = :80").stdout().contains(":80") &&
            run(RS, "ss", "-Hlnu", "sport = :5353").stdout().contains(":5353"));
    }

    private Process startTunDecap()
    {
        final Path jar = projectRoot().resolve("director/target/jvs.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built in the package phase, before this test");
        final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        final Process decap = start("decap.log", RS, java, "-cp", jar.toString(), "org.jvs.director.Main",
            "realserver", "tun-decap", "td-b0", "--vip", VIP);
        awaitLine(decap, "decap.log", "tun-decap: td-b0 -> jvstun0 ready");
        return decap;
    }

    private void startEncapsulator()
    {
        final Process encap = start("encap.log", DIRECTOR, PYTHON, resource("ipip-encap.py"), "tunnel",
            "--tun", "tdenc0", "--remote", RIP, "--seconds", "180");
        awaitLine(encap, "encap.log", "ready");
        must(DIRECTOR, "ip", "route", "add", VIP + "/32", "dev", "tdenc0", "src", CIP);
    }

    private void sendIpip(final String innerHex)
    {
        must(DIRECTOR, PYTHON, resource("ipip-encap.py"), "send", "--remote", RIP, "--hex", innerHex);
    }

    private long outDestUnreachs()
    {
        final String[] lines = run(RS, "cat", "/proc/net/snmp").stdout().split("\n");
        for (int i = 0; i + 1 < lines.length; i++)
        {
            if (lines[i].startsWith("Icmp: ") && lines[i + 1].startsWith("Icmp: "))
            {
                final List<String> names = Arrays.asList(lines[i].split(" "));
                return Long.parseLong(lines[i + 1].split(" ")[names.indexOf("OutDestUnreachs")]);
            }
        }
        throw new AssertionError("no Icmp lines in /proc/net/snmp");
    }

    private void awaitLine(final Process process, final String logName, final String line)
    {
        final Path log = dir.resolve(logName);
        Lab.await("'" + line + "' in " + logName, WAIT_MS, () ->
        {
            final String text = read(log);
            if (!process.isAlive())
            {
                throw new AssertionError(logName + ": process exited (" + process.exitValue() + "): " + text);
            }
            return text.contains(line + "\n");
        });
    }

    private Process start(final String logName, final String ns, final String... command)
    {
        final List<String> args = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        args.addAll(Arrays.asList(command));
        final File log = dir.resolve(logName).toFile();
        try
        {
            final Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(log).redirectInput(new File("/dev/null")).start();
            processes.add(process);
            return process;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot start " + args, ex);
        }
    }

    private Lab.Result run(final String ns, final String... command)
    {
        final List<String> args = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        args.addAll(Arrays.asList(command));
        return shell.run(args);
    }

    private void must(final String... command)
    {
        final boolean inNamespace = command[0].startsWith("jvs-td-");
        final Lab.Result result = inNamespace ?
            run(command[0], Arrays.copyOfRange(command, 1, command.length)) : shell.run(List.of(command));
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result);
    }

    private void removeNamespaces()
    {
        for (final String ns : List.of(DIRECTOR, RS))
        {
            if (shell.run(List.of("ip", "netns", "list")).stdout().contains(ns))
            {
                shell.run(List.of("ip", "netns", "del", ns));
            }
        }
    }

    private static String resource(final String name)
    {
        final java.net.URL url = TunDecapSystemTest.class.getResource(name);
        assertTrue(url != null && "file".equals(url.getProtocol()), name + " on the test class path");
        return url.getPath();
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static Path projectRoot()
    {
        final String configured = System.getProperty("jvs.root");
        Path root = Paths.get(configured != null && !configured.isEmpty() ? configured : "").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("director")))
        {
            root = root.getParent();
        }
        return root;
    }
}
