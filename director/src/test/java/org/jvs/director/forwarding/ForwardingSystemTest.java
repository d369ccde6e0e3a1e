package org.jvs.director.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jvs forwarding real traffic between real kernel TCP stacks: {@code scripts/lab up MODE} builds the seeds'
 * topology with nginx and UDP echo real servers and starts {@code bin/jvs director} as its own process; a client
 * namespace then talks to the VIP with curl. Observers independent of jvs check the claims: the bodies for the rr
 * split, sha256 of the real server's own file for the download, tcpdump for which way packets went, and
 * {@code jvsadm} (ipvsadm's formats) for the director's counters.
 */
class ForwardingSystemTest
{
    private static final String VIP_URL = "http://" + Lab.VIP + "/";
    private static final String CURL = "curl -s --noproxy '*' -m 5 ";

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
                lab.down(); // close lets go of the session down took
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr", "nat", "tun", "dr --port pcap4j", "nat --port pcap4j"})
    void twoHundredRequestsSplitExactlyEvenAndADownloadIsByteExact(final String modeAndPort)
    {
        final String[] words = modeAndPort.split(" ");
        final String mode = words[0];
        final List<String> extra = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
        if (!extra.isEmpty())
        {
            extra.add(0, "--");
        }
        final String[] options = extra.toArray(new String[0]);
        try (Lab lab = Lab.up(mode, options))
        {
            final Map<String, Integer> answers = countAnswers(lab, 200);
            assertEquals(Map.of("rs1\n", 100, "rs2\n", 100), answers, "rr over two servers, every request answered");

            final String expected = lab.exec("rs1", "sh", "-c", "sha256sum < /run/jvs-lab/rs1/www/big").stdout();
            final String got = lab.exec(Lab.CLIENT, "sh", "-c", CURL + "-m 20 " + VIP_URL + "big | sha256sum").stdout();
            assertTrue(expected.length() > 64, "the real server's file was read: " + expected);
            assertEquals(expected, got, "1 MiB through the VIP, byte for byte");

            final List<String> udp = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                udp.add(lab.udpAsk(Lab.CLIENT, Lab.VIP, Lab.UDP_PORT, "ping" + i));
            }
            assertEquals(2, udp.stream().filter(a -> a != null && a.startsWith("rs1:ping")).count(), udp.toString());
            assertEquals(2, udp.stream().filter(a -> a != null && a.startsWith("rs2:ping")).count(), udp.toString());

            final String list = lab.run(List.of(jvsadm(lab), "-L", "-n")).stdout();
            final String method = Map.of("dr", "Route", "nat", "Masq", "tun", "Tunnel").get(mode);
            assertTrue(list.contains("TCP  198.18.0.100:80 rr\n"), list);
            assertTrue(list.contains("UDP  198.18.0.100:5353 rr\n"), list);
            assertEquals(4, list.lines().filter(l -> l.startsWith("  -> ") && l.contains(method)).count(), list);
        }
    }

    /**
     * A 50 MiB TCP download through the default port (AF_PACKET on Linux), byte for byte: thousands of
     * MTU-sized segments each way (DR: requests and ACKs only; NAT: the data too), with the director's offloads
     * off as jvs sets them (the lab's veths carry whole frames, as a wire does).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dr", "nat"})
    void aFiftyMebibyteDownloadThroughTheDefaultPortIsByteExact(final String mode)
    {
        try (Lab lab = Lab.up(mode))
        {
            final Lab.Result made = lab.exec("rs1", "sh", "-c", "head -c 52428800 /dev/urandom > " +
                "/run/jvs-lab/rs1/www/huge && cp /run/jvs-lab/rs1/www/huge /run/jvs-lab/rs2/www/huge && " +
                "sha256sum < /run/jvs-lab/rs1/www/huge");
            assertEquals(0, made.exitCode(), made.toString());
            final long startNs = System.nanoTime();
            final Lab.Result got = lab.exec(Lab.CLIENT, "sh", "-c", CURL + "-m 60 " + VIP_URL + "huge | sha256sum");
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            assertEquals(made.stdout(), got.stdout(), "50 MiB through the VIP, byte for byte: " + got);
            System.out.printf("%s: 50 MiB through jvs in %.2f s (%.0f MiB/s)%n", mode, seconds, 50 / seconds);
            assertTrue(lab.run(List.of(jvsadm(lab), "-L", "-n")).stdout().contains("TCP  198.18.0.100:80"));
        }
    }

    /**
     * Two workers on AF_PACKET: each reads and sends on its own sockets of a steered fanout group, so requests
     * and NAT replies reach the worker owning their connection without a hand-off between threads; only ARP
     * (copied to every worker) crosses. Each worker's rr runs on its own share, so the split is not exact.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nat", "dr"})
    void twoWorkersOnFanoutSocketsForwardWithoutHandingFramesOver(final String mode)
    {
        try (Lab lab = Lab.up(mode, "--", "--port", "afpacket", "--workers", "2"))
        {
            final Map<String, Integer> answers = countAnswers(lab, 100);
            assertEquals(100, answers.getOrDefault("rs1\n", 0) + answers.getOrDefault("rs2\n", 0), answers.toString());
            assertTrue(answers.getOrDefault("rs1\n", 0) > 20 && answers.getOrDefault("rs2\n", 0) > 20,
                answers.toString());
            final String expected = lab.exec("rs1", "sh", "-c", "sha256sum < /run/jvs-lab/rs1/www/big").stdout();
            for (int i = 0; i < 2; i++)
            {
                final String got = lab.exec(Lab.CLIENT, "sh", "-c", CURL + "-m 20 " + VIP_URL + "big | sha256sum")
                    .stdout();
                assertEquals(expected, got, "1 MiB through the VIP, byte for byte");
            }
            lab.stop(Lab.DIRECTOR);
            final String log = lab.exec(Lab.DIRECTOR, "cat", "/run/jvs-lab/director/jvs.log").stdout();
            final List<String> workers = log.lines().filter(l -> l.matches(".*worker-[01]: \\d+ frames.*")).toList();
            assertEquals(2, workers.size(), log);
            long frames = 0;
            long handed = 0;
            for (final String line : workers)
            {
                final java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("worker-\\d: (\\d+) frames(, handed to other workers (\\d+))?").matcher(line);
                assertTrue(m.find(), line);
                frames += Long.parseLong(m.group(1));
                handed += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
                assertTrue(Long.parseLong(m.group(1)) > 200, "both workers forwarded a share: " + line);
            }
            assertTrue(handed * 50 < frames, "hand-offs are the exception (ARP): " + handed + " of " + frames +
                " frames\n" + String.join("\n", workers));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr", "nat", "tun"})
    void repliesTakeTheMethodsPath(final String mode)
    {
        try (Lab lab = Lab.up(mode))
        {
            final boolean direct = !"nat".equals(mode);
            final String node = direct ? Lab.DIRECTOR : Lab.CLIENT;
            final String capture = captureDuring(lab, node, "tcp port 80 or tcp port 8080",
                "for i in 1 2 3 4 5 6; do " + CURL + VIP_URL + " >/dev/null; done", 6 * 5);
            final List<String> packets = capture.lines().filter(l -> l.contains(" IP ")).toList();
            if (direct)
            {
                assertTrue(packets.stream().anyMatch(l -> l.contains("> 198.18.0.100.80:")), capture);
                assertTrue(packets.stream().noneMatch(l -> l.contains(" IP 198.18.0.100.80 >")),
                    mode + ": no reply from the VIP passes the director\n" + capture);
                final long[] stats = tcpStats(lab);
                assertTrue(stats[0] > 0 && stats[1] == 0, "InPkts > 0, OutPkts 0: " + Arrays.toString(stats));
            }
            else
            {
                assertTrue(packets.size() >= 6 * 6, capture);
                assertTrue(packets.stream().allMatch(l -> l.contains("198.18.0.100.80")),
                    "NAT: the client sees only VIP:80\n" + capture);
                final long[] stats = tcpStats(lab);
                assertTrue(stats[0] > 0 && stats[1] > 0, "replies pass the director: " + Arrays.toString(stats));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr", "nat", "tun"})
    void aKilledRealServerFailsItsOwnConnectionsOnlyAndTheDirectorGoesOn(final String mode)
    {
        // Without health checks: the director alone must not lose the connections of the live server.
        try (Lab lab = Lab.up(mode, "--check", "none"))
        {
            lab.exec(Lab.CLIENT, "rm", "-f", "/tmp/jvs-keepalive.out", "/tmp/jvs-fault-now");
            lab.exec(Lab.CLIENT, "sh", "-c", "python3 -c '" + KEEPALIVE_CLIENT + "' > /tmp/jvs-keepalive.out 2>&1 &");
            Lab.await("two keep-alive connections are open", 10_000, () ->
                lab.exec(Lab.CLIENT, "grep", "-q", "ready", "/tmp/jvs-keepalive.out").exitCode() == 0);
            final String before = lab.exec(Lab.CLIENT, "cat", "/tmp/jvs-keepalive.out").stdout();
            final String victim = before.lines().filter(l -> l.startsWith("first ")).findFirst().orElseThrow()
                .substring("first ".length());
            final String survivor = "rs1".equals(victim) ? "rs2" : "rs1";

            crash(lab, victim, true);
            lab.exec(Lab.CLIENT, "touch", "/tmp/jvs-fault-now");
            Lab.await("both connections were used again", 15_000, () ->
                lab.exec(Lab.CLIENT, "grep", "-q", "done", "/tmp/jvs-keepalive.out").exitCode() == 0);
            final String after = lab.exec(Lab.CLIENT, "cat", "/tmp/jvs-keepalive.out").stdout();
            assertTrue(after.contains("again first FAILED"), "the killed server's connection failed:\n" + after);
            assertTrue(after.contains("again second " + survivor + "\n"), "the other connection lives:\n" + after);

            final Map<String, Integer> during = countAnswers(lab, 10);
            assertEquals(5, during.getOrDefault(survivor + "\n", 0), "the live server answered its share: " + during);
            assertEquals(5, during.getOrDefault("FAIL\n", 0), "only the killed server's share failed: " + during);

            crash(lab, victim, false);
            Lab.await(victim + " answers again", 10_000,
                () -> countAnswers(lab, 2).getOrDefault(victim + "\n", 0) == 1);
        }
    }

    /**
     * Opens two keep-alive HTTP connections to the VIP (rr puts them on different real servers), prints which
     * server each reached and "ready", waits for /tmp/jvs-fault-now, then uses both again.
     */
    private static final String KEEPALIVE_CLIENT = String.join("\n",
        "import http.client, os, time, sys",
        "conns = [http.client.HTTPConnection(\"198.18.0.100\", 80, timeout=3) for _ in range(2)]",
        "names = [\"first\", \"second\"]",
        "def ask(c):",
        "    c.request(\"GET\", \"/\"); return c.getresponse().read().decode().strip()",
        "for n, c in zip(names, conns): print(n, ask(c), flush=True)",
        "print(\"ready\", flush=True)",
        "deadline = time.time() + 20",
        "while not os.path.exists(\"/tmp/jvs-fault-now\") and time.time() < deadline: time.sleep(0.05)",
        "for n, c in zip(names, conns):",
        "    try: print(\"again\", n, ask(c), flush=True)",
        "    except Exception as e: print(\"again\", n, \"FAILED\", type(e).__name__, flush=True)",
        "print(\"done\", flush=True)");

    /**
     * A real server crashes (every packet to it dropped by nftables in its namespace) or comes back.
     */
    private static void crash(final Lab lab, final String rs, final boolean down)
    {
        final Lab.Result result = down ?
            lab.exec(rs, "nft", "add table inet jvs_fault; add chain inet jvs_fault in " +
                "{ type filter hook input priority -10; policy drop; }") :
            lab.exec(rs, "nft", "delete table inet jvs_fault");
        assertEquals(0, result.exitCode(), result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr"})
    void theDirectorsKernelNeverAnswersForTheVip(final String mode)
    {
        try (Lab lab = Lab.up(mode))
        {
            assertTrue(lab.httpGet(Lab.CLIENT, VIP_URL) != null, "jvs answers on the VIP");
            assertFalse(lab.exec(Lab.DIRECTOR, "ip", "-o", "-4", "addr").stdout().contains(Lab.VIP + "/"),
                "the VIP is not an address of the director's kernel");
            lab.stop(Lab.DIRECTOR);
            final Lab.Result silent = lab.exec(Lab.CLIENT, "curl", "-s", "--noproxy", "*", "-m", "2", VIP_URL);
            assertEquals(28, silent.exitCode(), "without jvs the SYN is dropped (curl times out), never answered " +
                "by a RST from the director's kernel (curl exit 7): " + silent);
            final String log = lab.exec(Lab.DIRECTOR, "cat", "/run/jvs-lab/director/jvs.log").stdout();
            assertTrue(log.contains("worker-0: ") && log.contains("director stopped"),
                "a clean stop drains and reports its counters:\n" + log);
            lab.start(Lab.DIRECTOR);
            Lab.await("jvs answers again", 10_000, () -> lab.httpGet(Lab.CLIENT, VIP_URL) != null);
        }
    }

    /**
     * jvs's nftables netdev table hides what it forwards from the director's kernel: with ip_forward=1 the
     * kernel forwards nothing of the NAT lab's traffic (its own Ip ForwDatagrams counter stays put) while jvs
     * serves every request; deleting the table by hand makes the kernel forward (the check can fail). The table
     * goes at a clean stop, and one left by a killed jvs is replaced at the next start.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nat"})
    void theKernelNeverSeesTheTrafficJvsForwards(final String mode)
    {
        try (Lab lab = Lab.up(mode))
        {
            final String table = lab.exec(Lab.DIRECTOR, "nft", "list", "table", "netdev", "jvs_director").stdout();
            assertTrue(table.contains("198.18.0.100") && table.contains("198.18.1.11 . tcp . 80") &&
                table.contains("198.18.1.12 . udp . 5353") && table.contains("device \"eth1\""), table);
            assertEquals(0, lab.exec(Lab.DIRECTOR, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1").exitCode());
            final long forwardedBefore = ipCounter(lab, "ForwDatagrams");
            final Map<String, Integer> answers = countAnswers(lab, 20);
            assertEquals(Map.of("rs1\n", 10, "rs2\n", 10), answers, "jvs serves every request");
            assertEquals(forwardedBefore, ipCounter(lab, "ForwDatagrams"),
                "ip_forward=1, yet the kernel forwarded none of it:\n" +
                lab.exec(Lab.DIRECTOR, "nft", "list", "table", "netdev", "jvs_director").stdout());

            assertEquals(0, lab.exec(Lab.DIRECTOR, "nft", "delete", "table", "netdev", "jvs_director").exitCode());
            countAnswers(lab, 3);
            final long forwardedWithout = ipCounter(lab, "ForwDatagrams") - forwardedBefore;
            assertTrue(forwardedWithout > 0, "without the table the kernel forwards: " + forwardedWithout);
            assertEquals(0, lab.exec(Lab.DIRECTOR, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0").exitCode());

            lab.stop(Lab.DIRECTOR);
            lab.start(Lab.DIRECTOR);
            Lab.await("jvs answers again", 10_000, () -> lab.httpGet(Lab.CLIENT, VIP_URL) != null);
            final String pid = lab.exec(Lab.DIRECTOR, "cat", "/run/jvs-lab/pids/director.jvs").stdout().trim();
            assertEquals(0, lab.exec(Lab.DIRECTOR, "kill", "-KILL", pid).exitCode());
            Lab.await("jvs is gone", 10_000, () -> lab.exec(Lab.DIRECTOR, "kill", "-0", pid).exitCode() != 0);
            assertEquals(0, lab.exec(Lab.DIRECTOR, "nft", "list", "table", "netdev", "jvs_director").exitCode(),
                "a killed jvs leaves its table");
            lab.start(Lab.DIRECTOR);
            Lab.await("jvs answers after the crash", 10_000, () -> lab.httpGet(Lab.CLIENT, VIP_URL) != null);
            final String tables = lab.exec(Lab.DIRECTOR, "nft", "list", "tables").stdout();
            assertEquals(1, tables.lines().filter(l -> l.contains("jvs_director")).count(), tables);
            lab.stop(Lab.DIRECTOR);
            assertTrue(lab.exec(Lab.DIRECTOR, "nft", "list", "table", "netdev", "jvs_director").exitCode() != 0,
                "a clean stop deletes the table");
        }
    }

    /**
     * @return a counter of the director kernel's Ip line in /proc/net/snmp.
     */
    private static long ipCounter(final Lab lab, final String name)
    {
        final List<String> ip = lab.exec(Lab.DIRECTOR, "cat", "/proc/net/snmp").stdout().lines()
            .filter(l -> l.startsWith("Ip: ")).toList();
        final List<String> names = Arrays.asList(ip.get(0).split("\\s+"));
        return Long.parseLong(ip.get(1).split("\\s+")[names.indexOf(name)]);
    }

    private static Map<String, Integer> countAnswers(final Lab lab, final int requests)
    {
        final String out = lab.exec(Lab.CLIENT, "sh", "-c",
            "for i in $(seq " + requests + "); do " + CURL + "-m 2 " + VIP_URL + " || echo FAIL; done").stdout();
        final Map<String, Integer> counts = new HashMap<>();
        for (final String line : out.split("(?<=\n)"))
        {
            counts.merge(line, 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @return InPkts and OutPkts of the TCP service, from {@code jvsadm -L -n --stats --exact}.
     */
    private static long[] tcpStats(final Lab lab)
    {
        final String stats = lab.run(List.of(jvsadm(lab), "-L", "-n", "--stats", "--exact")).stdout();
        final String line = stats.lines().filter(l -> l.startsWith("TCP  198.18.0.100:80")).findFirst().orElseThrow();
        final String[] columns = line.trim().split("\\s+");
        return new long[] {Long.parseLong(columns[3]), Long.parseLong(columns[4])};
    }

    private static String jvsadm(final Lab lab)
    {
        return System.getProperty("jvs.root") + "/bin/jvsadm";
    }

    /**
     * Capture with tcpdump in a node while a command runs in the client: waits for tcpdump to listen, runs the
     * command, waits until the capture holds at least {@code minPackets} (immediate mode, written per packet),
     * then stops tcpdump.
     */
    private static String captureDuring(
        final Lab lab, final String node, final String filter, final String command, final int minPackets)
    {
        final String pcap = "/tmp/jvs-capture-" + node + ".pcap";
        final String err = "/tmp/jvs-capture-" + node + ".err";
        lab.exec(node, "sh", "-c", "rm -f " + pcap + " " + err + "; (timeout 60 tcpdump -i eth0 -nn -U " +
            "--immediate-mode -w " + pcap + " '" + filter + "' 2>" + err + " & echo $! > " + pcap + ".pid)");
        Lab.await("tcpdump listens in " + node, 10_000,
            () -> lab.exec(node, "grep", "-q", "listening on", err).exitCode() == 0);
        lab.exec(Lab.CLIENT, "sh", "-c", command);
        Lab.await(minPackets + " packets captured in " + node, 10_000, () -> Integer.parseInt(lab.exec(node, "sh",
            "-c", "tcpdump -nn -r " + pcap + " 2>/dev/null | wc -l").stdout().trim()) >= minPackets);
        lab.exec(node, "sh", "-c", "kill -INT $(cat " + pcap + ".pid)");
        Lab.await("tcpdump finished in " + node, 10_000,
            () -> lab.exec(node, "grep", "-q", "packets captured", err).exitCode() == 0);
        return lab.exec(node, "tcpdump", "-nn", "-r", pcap).stdout();
    }
}
