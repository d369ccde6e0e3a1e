package org.jvs.director.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.control.ConnectionSource;
import org.jvs.director.control.RuleSet;
import org.jvs.director.control.StatsSource;
import org.jvs.director.control.SyncControl;
import org.junit.jupiter.api.Test;

/**
 * Every command's refusals: ipvsadm's message on standard error, nothing on standard output, ipvsadm's exit
 * status (2 from {@code fail()}, 255 from {@code exit(-1)}, popt errors and refused operations, 1 from
 * {@code -L -t} of an unknown service), and the table unchanged.
 */
class AdminErrorPathTest
{
    private static final String TRY_HELP = "Try `jvsadm -h' or 'jvsadm --help' for more information.";
    private static final String INVALID =
        "Invalid operation.  Possibly wrong module version, address not unicast, ...";

    /** {command line, standard error without its last newline, exit status}. */
    private static final String[][] CASES = {
        {"-A -t 198.18.0.1:80 -s rr", "Service already exists", "255"},
        {"-A -t 198.18.0.2:80 -s nosuch", "Scheduler or persistence engine not found", "255"},
        {"-A -t 198.18.0.2:80 --pe sip", "Scheduler or persistence engine not found", "255"},
        {"-E -t 198.18.0.2:80", "No such service", "255"},
        {"-E -t 198.18.0.1:80 -s nosuch", "Scheduler or persistence engine not found", "255"},
        {"-D -t 198.18.0.2:80", "No such service", "255"},
        {"-Z -t 198.18.0.2:80", "No such service", "255"},
        {"-L -n -t 198.18.0.2:80", "No such service", "1"},
        {"-a -t 198.18.0.2:80 -r 198.18.1.1", "Service not defined", "255"},
        {"-e -t 198.18.0.2:80 -r 198.18.1.1", "Service not defined", "255"},
        {"-d -t 198.18.0.2:80 -r 198.18.1.1", "Service not defined", "255"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.1", "Destination already exists", "255"},
        {"-e -t 198.18.0.1:80 -r 198.18.1.9", "No such destination", "255"},
        {"-d -t 198.18.0.1:80 -r 198.18.1.9", "No such destination", "255"},
        {"-d -t 198.18.0.1:80 -r 198.18.1.1:8080", "No such destination", "255"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.5 -x 10 -y 20", "Numerical result out of range", "255"},
        {"-e -t 198.18.0.1:80 -r 198.18.1.1 -y 5", "Numerical result out of range", "255"},
        {"-a -t 198.18.0.1:80 -r 224.0.0.5", INVALID, "255"},
        {"-a -t 198.18.0.1:80 -r 0.0.0.0", INVALID, "255"},
        {"-a -t 198.18.0.1:80 -r [2001:db8::1]:80 -m",
            "Different address family is allowed only for tunneling servers", "2"},
        {"-A -t 198.18.0.2", "Zero port specified for non-persistent service", "2"},
        {"-A -t 198.18.0.2:80 -o", "One-Packet Scheduling is only for UDP virtual services", "2"},
        {"-A -t 198.18.0.2:80 -w 3", "Illegal 'weight' option with the 'add-service' command", "2"},
        {"-D -t 198.18.0.1:80 -s rr", "Illegal 'scheduler' option with the 'delete-service' command", "2"},
        {"-C -n", "Illegal 'numeric' option with the 'flush' command", "2"},
        {"-S -c", "Illegal 'connection' option with the 'save' command", "2"},
        {"-A -s rr", "You need to supply the 'service-address' option for the 'add-service' command", "2"},
        {"-a -t 198.18.0.1:80", "You need to supply the 'real-server' option for the 'add-server' command", "2"},
        {"-d -r 198.18.1.1", "You need to supply the 'service-address' option for the 'delete-server' command", "2"},
        {"-L -c -t 198.18.0.1:80",
            "The option 'service-address' conflicts with the 'connection' option in the 'list' command", "2"},
        {"-L -c --stats", "options conflicts in the list command", "2"},
        {"-L --timeout --persistent-conn", "options conflicts in the list command", "2"},
        {"-A -t 198.18.0.2:80 -t 198.18.0.3:80", "multiple 'service-address' options specified", "2"},
        {"-A -a", "invalid option `-a'", "2"},
        {"-t 198.18.0.1:80 -A", TRY_HELP, "255"},
        {"--bogus", TRY_HELP, "255"},
        {"-L --bogus", "--bogus: unknown option", "255"},
        {"-Lq", "-q: unknown option", "255"},
        {"-A -t", "-t: missing argument", "255"},
        {"-A -t 198.18.0.300:80", "illegal virtual server address[:port] specified", "2"},
        {"-A -t lb.example.com:80", "illegal virtual server address[:port] specified", "2"},
        {"-A -t 198.18.0.2:http", "illegal virtual server address[:port] specified", "2"},
        {"-A -t 80", "illegal virtual server address[:port] specified", "2"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.1:99999", "illegal real server address[:port] specified", "2"},
        {"-A -f 0", "invalid fwmark value `0' specified", "2"},
        {"-A -f x1", "invalid fwmark value `x1' specified", "2"},
        {"-A -t 198.18.0.2:80 -p 0", "invalid timeout value `0' specified", "2"},
        {"-A -t 198.18.0.2:80 -p -M 255.255.0", "illegal virtual server persistent mask specified", "2"},
        {"-A -t [2001:db8::5]:80 -p -M 129", "illegal ipv6 netmask specified", "2"},
        {"-A -t 198.18.0.2:80 -6", "-6 used before -f\n", "2"},
        {"-A -t 198.18.0.2:80 -s rr -b sh-port", "incompatible scheduler flag `sh-port'", "2"},
        {"-A -t 198.18.0.2:80 -b bogus", "invalid scheduler flag `bogus'", "2"},
        {"--set 1 2", "--set option requires 3 timeout values", "2"},
        {"--set 1 2 x", "invalid timeout value `x' specified", "2"},
        {"-C extra", "unexpected argument extra", "2"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.5 -w 65536", "illegal weight specified", "2"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.5 -x -1", "illegal u_threshold specified", "2"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.5 -y x", "illegal l_threshold specified", "2"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.5 -g --tun-type ipip", "Tunnel options conflict with forward method", "2"},
        {"-a -t 198.18.0.1:80 -r 198.18.1.5 -i --tun-type vxlan", "illegal tunnel type specified", "2"},
        {"--start-daemon sideways", "illegal start-daemon parameter specified", "2"},
        {"--start-daemon master", "--start-daemon needs --mcast-interface IF", "255"},
        {"--start-daemon master --mcast-interface eth1 --syncid 256", "illegal syncid specified", "2"},
        {"--stop-daemon backup", "No daemon is running", "255"},
    };

    @Test
    void everyRefusalHasIpvsadmsMessageAndStatus()
    {
        final ServiceTableRef tableRef = new ServiceTableRef();
        final RuleSet rules = new RuleSet(tableRef, AdminExecutorTest.SCHEDULERS::contains);
        final AdminExecutor executor = new AdminExecutor(new AdminContext(
            rules, StatsSource.NONE, ConnectionSource.NONE, () -> "", 4096));
        assertEquals(0, run(executor, "-A -t 198.18.0.1:80 -s rr")[0].length());
        assertEquals(0, run(executor, "-a -t 198.18.0.1:80 -r 198.18.1.1")[0].length());
        final long version = tableRef.current().version();
        for (final String[] c : CASES)
        {
            final String[] result = run(executor, c[0]);
            assertEquals(c[1] + "\n", result[1], c[0]);
            assertEquals(c[2], result[2], c[0]);
            assertEquals("", result[0], c[0]);
        }
        assertEquals(version, tableRef.current().version(), "no refused command changed the table");
    }

    @Test
    void aFailedReloadSaysWhyAndExitsOne()
    {
        final RuleSet rules = new RuleSet(new ServiceTableRef(), AdminExecutorTest.SCHEDULERS::contains);
        final AdminExecutor executor = new AdminExecutor(new AdminContext(rules, StatsSource.NONE,
            ConnectionSource.NONE, () ->
            {
                throw new IllegalArgumentException("/etc/keepalived/keepalived.conf:12: unknown lb_kind 'XX'");
            }, 4096));
        final String[] result = run(executor, "--reload");
        assertEquals("jvsadm: reload failed: /etc/keepalived/keepalived.conf:12: unknown lb_kind 'XX'\n", result[1]);
        assertEquals("1", result[2]);
    }

    @Test
    void vrrpPrintsTheReportOrSaysThereIsNone()
    {
        final RuleSet rules = new RuleSet(new ServiceTableRef(), AdminExecutorTest.SCHEDULERS::contains);
        final String[] none = run(new AdminExecutor(AdminContext.of(rules)), "--vrrp");
        assertEquals("jvsadm: this director runs no VRRP (no vrrp_instance in its configuration)\n", none[1]);
        assertEquals("1", none[2]);
        final String report = "VRRP Instance VI_1\n  State BACKUP\n";
        final String[] some = run(new AdminExecutor(new AdminContext(rules, StatsSource.NONE, ConnectionSource.NONE,
            () -> "", 4096, () -> report, SyncControl.NONE)), "--vrrp");
        assertEquals(report, some[0]);
        assertEquals("0", some[2]);
        assertEquals("Illegal 'numeric' option with the 'vrrp' command\n", run(new AdminExecutor(AdminContext.of(
            rules)), "--vrrp -n")[1]);
    }

    private static String[] run(final AdminExecutor executor, final String line)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = executor.execute(line.split(" "), List.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), Integer.toString(status)};
    }
}
