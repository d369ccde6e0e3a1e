package org.jvs.director.schedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvs.core.service.VirtualService;

/**
 * The scenario reader: what it accepts, and the message (with FILE:line) for each kind of bad line.
 */
class SchedSimScriptTest
{
    private static final String SERVICE = "service tcp 198.18.0.100:80 first\n";
    private static final String TWO_SERVERS = SERVICE
        + "server a 198.18.1.1:80 weight 1\n"
        + "server b 198.18.1.2:80 weight 1\n";

    static Stream<Arguments> badServiceLines()
    {
        return Stream.of(
            Arguments.of("bogus 1 2\n", "t.sim:1: unknown directive 'bogus' "
                + "(service, server, conn, establish, close, weight, remove)"),
            Arguments.of("# only a comment\n\nserver a 198.18.1.1:80 weight 1\n",
                "t.sim:3: no service yet: the scenario must start with a 'service' directive"),
            Arguments.of("conn 198.18.0.1:1000\n",
                "t.sim:1: no service yet: the scenario must start with a 'service' directive"),
            Arguments.of("service tcp 198.18.0.100:80 nosuch\n", "t.sim:1: Scheduler not found: nosuch"),
            Arguments.of("service sctp 198.18.0.100:80 first\n", "t.sim:1: protocol must be tcp or udp, not 'sctp'"),
            Arguments.of("service tcp 198.18.0.100 first\n",
                "t.sim:1: bad address '198.18.0.100' (expected IPv4:port or [IPv6]:port)"),
            Arguments.of("service tcp 198.18.0.300:80 first\n",
                "t.sim:1: bad address '198.18.0.300:80' (expected IPv4:port or [IPv6]:port)"),
            Arguments.of("service tcp 198.18.0.100:65536 first\n",
                "t.sim:1: bad port in '198.18.0.100:65536' (0..65535)"),
            Arguments.of("service tcp 2001:db8::1:80 first\n",
                "t.sim:1: bad address '2001:db8::1:80' (expected IPv4:port or [IPv6]:port)"),
            Arguments.of("service tcp 198.18.0.100:80\n",
                "t.sim:1: expected 'service <tcp|udp> <VIP>:<port> <scheduler> [flag ...]'"),
            Arguments.of("service tcp 198.18.0.100:80 first sh-port\n",
                "t.sim:1: scheduler flag 'sh-port' is only for the sh scheduler, not first"),
            Arguments.of("service tcp 198.18.0.100:80 sh mh-fallback\n",
                "t.sim:1: scheduler flag 'mh-fallback' is only for the mh scheduler, not sh"),
            Arguments.of("service tcp 198.18.0.100:80 sh sh-quick\n",
                "t.sim:1: invalid scheduler flag 'sh-quick' (sh-port, sh-fallback, mh-port, mh-fallback)"),
            Arguments.of(SERVICE + SERVICE, "t.sim:2: a scenario has one service, and it is already made"));
    }

    static Stream<Arguments> badServerLines()
    {
        return Stream.of(
            Arguments.of(SERVICE + "server a 198.18.1.1:80\n",
                "t.sim:2: expected 'server <name> <RIP>:<port> weight <w> [upper <n>] [lower <n>]'"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 upper 5\n", "t.sim:2: server a: missing 'weight <w>'"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 weight x\n",
                "t.sim:2: bad weight 'x' (expected a number)"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 weight -1\n",
                "t.sim:2: bad weight '-1' (expected a number)"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 weight 65536\n",
                "t.sim:2: illegal weight 65536 (0..65535)"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 weight 1 weight 2\n", "t.sim:2: 'weight' given twice"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 weight 1 speed 2\n",
                "t.sim:2: unknown server option 'speed' (weight, upper, lower)"),
            Arguments.of(SERVICE + "server a 198.18.1.1:80 weight 1 upper 4 lower 5\n",
                "t.sim:2: lower threshold 5 is higher than upper threshold 4"),
            Arguments.of(SERVICE + "server a [2001:db8::1]:80 weight 1\n",
                "t.sim:2: server a: 2001:db8::1 is not of the service's address family"),
            Arguments.of(TWO_SERVERS + "server a 198.18.1.3:80 weight 1\n", "t.sim:4: duplicate server name 'a'"),
            Arguments.of(TWO_SERVERS + "server c 198.18.1.1:80 weight 1\n",
                "t.sim:4: server c: 198.18.1.1:80 is already server 'a' (ipvsadm: Destination already exists)"),
            Arguments.of(TWO_SERVERS + "server - 198.18.1.3:80 weight 1\n", "t.sim:4: bad server name '-'"),
            Arguments.of(TWO_SERVERS + "weight c 3\n", "t.sim:4: unknown server 'c' (not in the service's list)"),
            Arguments.of(TWO_SERVERS + "weight a\n", "t.sim:4: expected 'weight <name> <w>'"),
            Arguments.of(TWO_SERVERS + "remove a\nremove a\n",
                "t.sim:5: unknown server 'a' (not in the service's list)"));
    }

    static Stream<Arguments> badConnLines()
    {
        return Stream.of(
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1\n",
                "t.sim:4: bad address '198.18.0.1' (expected IPv4:port or [IPv6]:port)"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1 198.18.0.100:80 extra\n",
                "t.sim:4: expected 'conn <CIP>:<cport> [<DIP>:<dport>]'"),
            Arguments.of(TWO_SERVERS + "conn [2001:db8::9]:1000\n",
                "t.sim:4: conn: addresses must be of the service's address family"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1000\nestablish 2\n",
                "t.sim:5: connection 2 does not exist (1 conn so far; connections count from 1)"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1000\nclose 0\n",
                "t.sim:5: connection 0 does not exist (1 conn so far; connections count from 1)"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1000\nclose one\n",
                "t.sim:5: bad connection number 'one' (expected a number)"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1000\nestablish 1\nestablish 1\n",
                "t.sim:6: connection 1 is already ESTABLISHED"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1000\nclose 1\nestablish 1\n",
                "t.sim:6: connection 1 is closed"),
            Arguments.of(TWO_SERVERS + "conn 198.18.0.1:1000\nclose 1\nclose 1\n",
                "t.sim:6: connection 1 is already closed"),
            Arguments.of(SERVICE + "conn 198.18.0.1:1000\nestablish 1\n",
                "t.sim:3: connection 1 has no server (none was chosen)"),
            Arguments.of(SERVICE + "conn 198.18.0.1:1000\nclose 1\n",
                "t.sim:3: connection 1 has no server (none was chosen)"),
            Arguments.of("service udp 198.18.0.100:53 first\nserver a 198.18.1.1:53 weight 1\n"
                + "conn 198.18.0.1:1000\nestablish 1\n",
                "t.sim:4: connection 1 is UDP: only TCP connections become ESTABLISHED"));
    }

    @ParameterizedTest
    @MethodSource({"badServiceLines", "badServerLines", "badConnLines"})
    void refusesBadLinesNamingFileAndLine(final String scenario, final String message)
    {
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> play(scenario));
        assertEquals(message, ex.getMessage());
    }

    @Test
    void printsOneLinePerConnInOrderWithCommentsAndBlankLinesIgnored() throws IOException
    {
        final List<String> out = play("# a scenario\n"
            + "service tcp 198.18.0.100:80 first   # ipvsadm -A\n"
            + "\n"
            + "conn 198.18.0.1:1000\n"
            + "server a 198.18.1.1:80 weight 1 upper 1\n"
            + "\t conn 198.18.0.1:1001 \n"
            + "conn 198.18.0.1:1002 198.18.0.101:8080\n");
        assertEquals(List.of("1 -", "2 a", "3 -"), out);
    }

    @Test
    void readsIpv6InBrackets() throws IOException
    {
        final List<String> out = play("service udp [2001:db8::100]:53 first\n"
            + "server v6 [2001:db8::1]:53 weight 2\n"
            + "conn [2001:db8::c1]:5353\n");
        assertEquals(List.of("1 v6"), out);
    }

    @Test
    void passesShAndMhFlagsToTheService() throws IOException
    {
        final SchedSim sim = new SchedSim(FirstAvailableScheduler::create);
        SchedSimScript.run(sim, new StringReader("service tcp 198.18.0.100:80 sh sh-port sh-fallback\n"), "t.sim");
        assertEquals(VirtualService.F_SCHED1 | VirtualService.F_SCHED2,
            sim.service().flags() & (VirtualService.F_SCHED1 | VirtualService.F_SCHED2));

        final SchedSim mh = new SchedSim(FirstAvailableScheduler::create);
        SchedSimScript.run(mh, new StringReader("service tcp 198.18.0.100:80 mh mh-port\n"), "t.sim");
        assertEquals(VirtualService.F_SCHED2,
            mh.service().flags() & (VirtualService.F_SCHED1 | VirtualService.F_SCHED2));
    }

    private static List<String> play(final String scenario) throws IOException
    {
        return SchedSimScript.run(new SchedSim(FirstAvailableScheduler::create), new StringReader(scenario), "t.sim");
    }
}
