package org.jvs.director.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.control.ConnectionSource;
import org.jvs.director.control.RuleSet;
import org.jvs.director.control.StatsSource;
import org.jvs.director.control.SyncControl;
import org.jvs.director.control.VrrpReport;
import org.junit.jupiter.api.Test;

/**
 * {@code --start-daemon}, {@code --stop-daemon} and {@code -L --daemon} against a recording {@link SyncControl}:
 * ipvsadm's lines and refusals.
 */
class AdminDaemonTest
{
    private final List<String> calls = new ArrayList<>();
    private final String[] running = new String[2];

    private final SyncControl sync = new SyncControl()
    {
        @Override
        public void start(
            final boolean master, final String mcastInterface, final int syncId, final int maxLength, final int group,
            final int port, final int ttl)
        {
            calls.add("start " + master + " " + mcastInterface + " " + syncId + " " + maxLength + " " +
                Integer.toHexString(group) + " " + port + " " + ttl);
            final int i = master ? 0 : 1;
            if (running[i] != null)
            {
                throw new IllegalStateException("Daemon has already run");
            }
            running[i] = (master ? "master" : "backup") + " sync daemon (mcast=" + mcastInterface + ", syncid=" +
                syncId + ")";
        }

        @Override
        public void stop(final boolean master)
        {
            calls.add("stop " + master);
            final int i = master ? 0 : 1;
            if (running[i] == null)
            {
                throw new IllegalStateException("No daemon is running");
            }
            running[i] = null;
        }

        @Override
        public List<String> list(final boolean counters)
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : running)
            {
                if (line != null)
                {
                    lines.add(line);
                    if (counters)
                    {
                        lines.add("  counters");
                    }
                }
            }
            return lines;
        }
    };

    private final AdminExecutor executor = new AdminExecutor(new AdminContext(
        new RuleSet(new ServiceTableRef(), AdminExecutorTest.SCHEDULERS::contains), StatsSource.NONE,
        ConnectionSource.NONE, () -> "", 4096, VrrpReport.NONE, sync));

    @Test
    void startListStopAsIpvsadm()
    {
        assertResult("", "", 0, "--start-daemon master --mcast-interface eth1 --syncid 1");
        assertResult("", "", 0, "--start-daemon=backup --mcast-interface=eth1");
        assertEquals(List.of("start true eth1 1 0 0 0 0", "start false eth1 0 0 0 0 0"), calls);
        assertResult("master sync daemon (mcast=eth1, syncid=1)\nbackup sync daemon (mcast=eth1, syncid=0)\n", "",
            0, "-L --daemon");
        assertResult("master sync daemon (mcast=eth1, syncid=1)\n  counters\n" +
            "backup sync daemon (mcast=eth1, syncid=0)\n  counters\n", "", 0, "-L --daemon --stats");
        assertResult("", "Daemon has already run\n", 255, "--start-daemon master --mcast-interface eth1");
        assertResult("", "", 0, "--stop-daemon master");
        assertResult("", "No daemon is running\n", 255, "--stop-daemon master");
        assertResult("backup sync daemon (mcast=eth1, syncid=0)\n", "", 0, "-L --daemon");
        assertResult("", "options conflicts in the list command\n", 2, "-L --daemon --rate");
    }

    @Test
    void daemonOptionsAsIpvsadm()
    {
        assertResult("", "", 0, "--start-daemon master --mcast-interface eth1 --syncid 3 --mcast-group 239.1.2.3 " +
            "--mcast-port 8849 --mcast-ttl 2 --sync-maxlen 1000");
        assertEquals(List.of("start true eth1 3 1000 ef010203 8849 2"), calls);
        assertResult("", "invalid mcast-group address\n", 2,
            "--start-daemon backup --mcast-interface eth1 --mcast-group 198.18.0.1");
        assertResult("", "jvsadm: an IPv6 mcast-group is not supported by jvs (connection sync runs over IPv4)\n", 2,
            "--start-daemon backup --mcast-interface eth1 --mcast-group ff02::81");
        assertResult("", "illegal mcast-port specified\n", 2, "--start-daemon backup --mcast-port 0");
        assertResult("", "illegal mcast-ttl specified\n", 2, "--start-daemon backup --mcast-ttl 256");
        assertResult("", "illegal sync-maxlen specified\n", 2, "--start-daemon backup --sync-maxlen 65508");
        assertResult("", "Illegal 'mcast-group' option with the 'stop-daemon' command\n", 2,
            "--stop-daemon master --mcast-group 239.1.2.3");
    }

    private void assertResult(final String out, final String err, final int status, final String line)
    {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        final ByteArrayOutputStream e = new ByteArrayOutputStream();
        final int s = executor.execute(line.split(" "), List.of(), new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(out, o.toString(StandardCharsets.UTF_8), line);
        assertEquals(err, e.toString(StandardCharsets.UTF_8), line);
        assertEquals(status, s, line);
    }
}
