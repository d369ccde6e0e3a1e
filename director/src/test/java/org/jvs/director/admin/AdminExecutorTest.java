package org.jvs.director.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.control.ConnectionEntry;
import org.jvs.director.control.Counters;
import org.jvs.director.control.ReloadHandler;
import org.jvs.director.control.RuleSet;
import org.jvs.director.control.StatsSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jvsadm's output against ipvsadm's, character for character ({@link IpvsadmGolden}), for a table that uses
 * every column: TCP, UDP, fwmark and IPv6 services, persistence with a mask, scheduler flags, Route, Masq and
 * Tunnel servers, weights, connection counts, large counters, rates and the connection list; and -S fed to -R.
 */
class AdminExecutorTest
{
    static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "sh", "mh", "dh");

    static final String[][] TABLE = {
        {"-A", "-t", "198.18.0.100:80", "-s", "wlc", "-p", "600", "-M", "255.255.255.0"},
        {"-a", "-t", "198.18.0.100:80", "-r", "198.18.1.2:80", "-i", "-w", "2"},
        {"-a", "-t", "198.18.0.100:80", "-r", "198.18.1.1", "-g", "-w", "1"},
        {"-A", "-u", "198.18.0.100:53", "-s", "sh", "-b", "sh-fallback,sh-port"},
        {"-a", "-u", "198.18.0.100:53", "-r", "198.18.1.3:5353", "-m", "-w", "3"},
        {"-A", "-f", "7", "-s", "rr"},
        {"-a", "-f", "7", "-r", "198.18.1.4", "-w", "0"},
        {"-A", "-t", "[2001:db8::100]:443", "-s", "mh", "-b", "mh-port", "-p"},
        {"-a", "-t", "[2001:db8::100]:443", "-r", "[2001:db8::1]:443", "-m", "-w", "5", "-x", "100", "-y", "50"},
        {"-A", "-f", "9", "-6", "-s", "lc", "-p", "30", "-M", "64"},
    };

    private final Map<String, Counters> counters = new HashMap<>();
    private final List<ConnectionEntry> connections = new ArrayList<>();
    private final List<String> zeroed = new ArrayList<>();
    private ServiceTableRef tableRef;
    private AdminExecutor executor;
    private String stdout;
    private String stderr;

    @BeforeEach
    void setUp()
    {
        tableRef = new ServiceTableRef();
        final RuleSet rules = new RuleSet(tableRef, SCHEDULERS::contains);
        final StatsSource stats = new StatsSource()
        {
            @Override
            public void service(final ServiceKey key, final Counters into)
            {
                copy(counters.get(key.toString()), into.reset());
            }

            @Override
            public void server(final ServiceKey key, final InetAddr address, final int port, final Counters into)
            {
                copy(counters.get(key + " -> " + address + ":" + port), into.reset());
            }

            @Override
            public void zero(final ServiceKey key)
            {
                zeroed.add(String.valueOf(key));
            }
        };
        final ReloadHandler reload = () -> "reloaded /etc/keepalived/keepalived.conf";
        executor = new AdminExecutor(new AdminContext(rules, stats, () -> connections, reload, 4096));
    }

    private static void copy(final Counters from, final Counters into)
    {
        if (from != null)
        {
            into.conns(from.conns()).inPackets(from.inPackets()).outPackets(from.outPackets())
                .inBytes(from.inBytes()).outBytes(from.outBytes()).cps(from.cps()).inPps(from.inPps())
                .outPps(from.outPps()).inBps(from.inBps()).outBps(from.outBps()).activeConns(from.activeConns())
                .inactiveConns(from.inactiveConns()).persistentConns(from.persistentConns());
        }
    }

    int run(final String... args)
    {
        return runWithInput(List.of(), args);
    }

    int runWithInput(final List<String> input, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = executor.execute(args, input, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    void buildTable()
    {
        for (final String[] line : TABLE)
        {
            assertEquals(0, run(line), String.join(" ", line) + ": " + stderr);
        }
    }

    private void fillCounters()
    {
        counters.put("TCP  198.18.0.100:80", new Counters().conns(123456789).inPackets(99999999).outPackets(0)
            .inBytes(5_000_000_000L).outBytes(200_000_000_000_000L)
            .cps(1234).inPps(100_000_000).outPps(5).inBps(250_000_000).outBps(7));
        counters.put("TCP  198.18.0.100:80 -> 198.18.1.1:80", new Counters().conns(100_000_000)
            .inPackets(1_000_000_000).outPackets(99_999_999_999L).inBytes(100_000_000_000L)
            .outBytes(99_999_999_999_999L).cps(123456789).inPps(2).outPps(3).inBps(1_000_000_000).outBps(4)
            .activeConns(12).inactiveConns(34).persistentConns(9));
        counters.put("UDP  198.18.0.100:53 -> 198.18.1.3:5353", new Counters().inactiveConns(7));
    }

    @Test
    void listMatchesIpvsadm()
    {
        buildTable();
        fillCounters();
        assertEquals(0, run("-L", "-n"));
        assertEquals(IpvsadmGolden.LIST, stdout);
        assertEquals("", stderr);
        assertEquals(0, run("-Ln"));
        assertEquals(IpvsadmGolden.LIST, stdout);
        assertEquals(0, run());
        assertEquals(IpvsadmGolden.LIST, stdout);
    }

    @Test
    void statsRateAndExactMatchIpvsadm()
    {
        buildTable();
        fillCounters();
        assertEquals(0, run("-L", "-n", "--stats"));
        assertEquals(IpvsadmGolden.STATS, stdout);
        assertEquals(0, run("-L", "-n", "--stats", "--exact"));
        assertEquals(IpvsadmGolden.STATS_EXACT, stdout);
        assertEquals(0, run("-l", "--rate", "-n"));
        assertEquals(IpvsadmGolden.RATE, stdout);
    }

    @Test
    void oneServiceThresholdsAndPersistentConnMatchIpvsadm()
    {
        buildTable();
        fillCounters();
        assertEquals(0, run("-L", "-n", "--thresholds", "-t", "[2001:db8::100]:443"));
        assertEquals(IpvsadmGolden.THRESHOLDS_V6, stdout);
        assertEquals(0, run("--list", "--tcp-service", "198.18.0.100:80", "--persistent-conn", "--numeric"));
        assertEquals(IpvsadmGolden.PERSISTENT_CONN_TCP80, stdout);
    }

    @Test
    void connectionListMatchesIpvsadm()
    {
        connections.add(new ConnectionEntry("TCP", InetAddr.parse("198.18.2.1"), 40000,
            InetAddr.parse("198.18.0.100"), 80, InetAddr.parse("198.18.1.1"), 80, "ESTABLISHED", 895));
        connections.add(new ConnectionEntry("UDP", InetAddr.parse("2001:db8::9"), 5000,
            InetAddr.parse("2001:db8::100"), 53, InetAddr.parse("2001:db8::1"), 53, "UDP", 7));
        connections.add(new ConnectionEntry("TCP", InetAddr.parse("198.18.2.0"), 0,
            InetAddr.parse("198.18.0.100"), 80, InetAddr.parse("198.18.1.1"), 80, "NONE", 102 * 60 + 3));
        assertEquals(0, run("-L", "-n", "-c"));
        assertEquals(IpvsadmGolden.CONNECTIONS, stdout);
    }

    @Test
    void saveMatchesIpvsadmAndRestoresTheSameTable()
    {
        buildTable();
        assertEquals(0, run("-S", "-n"));
        assertEquals(IpvsadmGolden.SAVE, stdout);
        final String saved = stdout;
        assertEquals(0, run("-L", "-n"));
        final String listed = stdout;

        assertEquals(0, run("-C"));
        assertEquals(0, run("-S"));
        assertEquals("", stdout);
        final long before = tableRef.current().version();
        assertEquals(0, runWithInput(List.of(saved.split("\n")), "-R"));
        assertEquals("", stderr);
        assertEquals(before + 1, tableRef.current().version(), "a restore publishes one table");
        assertEquals(0, run("-S", "-n"));
        assertEquals(saved, stdout);
        assertEquals(0, run("-L", "-n"));
        assertEquals(listed, stdout);
    }

    @Test
    void newRealServersGoToTheHeadOfTheList()
    {
        buildTable();
        final var servers = tableRef.current().find(ServiceKey.of(6, InetAddr.parse("198.18.0.100"), 80)).servers();
        assertEquals("198.18.1.1", servers.get(0).address().toString());
        assertEquals("198.18.1.2", servers.get(1).address().toString());
        assertEquals(0, run("-L", "-n", "--nosort", "-t", "198.18.0.100:80"));
        assertEquals(
            "Prot LocalAddress:Port Scheduler Flags\n" +
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
            "TCP  198.18.0.100:80 wlc persistent 600 mask 255.255.255.0\n" +
            "  -> 198.18.1.1:80                Route   1      0          0         \n" +
            "  -> 198.18.1.2:80                Tunnel  2      0          0         \n", stdout);
    }

    @Test
    void restoreReadsIpvsadmLinesCommentsAndStopsOnAFailedCommandLine()
    {
        final int status = runWithInput(List.of(
            "ipvsadm -A -t 198.18.0.1:80 -s rr   # the web service",
            "",
            "-a -t 198.18.0.1:80 -r 198.18.1.1:80 -m -w 3",
            "-a -t 198.18.0.9:80 -r 198.18.1.1:80",
            "-a -t 198.18.0.1:80 -r 198.18.1.2:80 -w 70000",
            "-a -t 198.18.0.1:80 -r 198.18.1.3:80"), "-R");
        assertEquals(2, status);
        assertEquals("Service not defined\nillegal weight specified\n", stderr);
        assertEquals(0, run("-S", "-n"));
        assertEquals("-A -t 198.18.0.1:80 -s rr\n-a -t 198.18.0.1:80 -r 198.18.1.1:80 -m -w 3\n", stdout);

        assertEquals(255, runWithInput(List.of("-a -t 198.18.0.9:80 -r 198.18.1.1:80"), "-R"));
        assertEquals(0, runWithInput(List.of("-a -t 198.18.0.9:80 -r 198.18.1.1:80", "-L -n"), "-R"),
            "the status is the last line's");
        assertEquals(255, runWithInput(List.of("-R"), "-R"));
        assertEquals("Try `jvsadm -h' or 'jvsadm --help' for more information.\n", stderr);
    }

    @Test
    void editsKeepIpvsadmSemantics()
    {
        buildTable();
        assertEquals(0, run("-E", "-t", "198.18.0.100:80"));
        assertEquals(0, run("-e", "-t", "198.18.0.100:80", "-r", "198.18.1.2", "-w", "7"));
        assertEquals(0, run("-S", "-n"));
        final String[] lines = stdout.split("\n");
        assertEquals("-A -t 198.18.0.100:80 -s wlc", lines[0], "-E without -p turns persistence off");
        assertEquals("-a -t 198.18.0.100:80 -r 198.18.1.2:80 -g -w 7", lines[2], "-e without -i resets to -g");
        assertEquals(0, run("-d", "-t", "198.18.0.100:80", "-r", "198.18.1.2:80"));
        assertEquals(0, run("-D", "-u", "198.18.0.100:53"));
        assertEquals(0, run("-S", "-n"));
        assertEquals(7, stdout.split("\n").length, "10 lines less one server, less a service with one server");
    }

    @Test
    void timeoutsSetAndList()
    {
        assertEquals(255, run("--timeout", "-L"));
        assertEquals("Try `jvsadm -h' or 'jvsadm --help' for more information.\n", stderr);
        assertEquals(0, run("-L", "--timeout"));
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n", stdout);
        assertEquals(0, run("--set", "3600", "0", "60"));
        assertEquals(0, run("-L", "--timeout"));
        assertEquals("Timeout (tcp tcpfin udp): 3600 120 60\n", stdout);
    }

    @Test
    void zeroReloadHelpVersion()
    {
        buildTable();
        assertEquals(0, run("-Z"));
        assertEquals(0, run("-Z", "-f", "7"));
        assertEquals(List.of("null", "FWM  7"), zeroed);
        assertEquals(0, run("--reload"));
        assertEquals("reloaded /etc/keepalived/keepalived.conf\n", stdout);
        assertEquals(0, run("-h"));
        assertEquals(true, stdout.contains("--add-service     -A"));
        assertEquals(0, run("--version"));
        assertEquals(Usage.VERSION + "\n", stdout);
    }
}
