package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvs.core.sched.SchedulerRegistry;

/**
 * Each kind of bad input gives one message with file, line and what was expected; warnings come once per
 * keyword and place.
 */
class ConfigErrorsTest
{
    @TempDir
    Path dir;

    private Path write(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private ConfigLoadResult load(final Path file)
    {
        return new KeepalivedConfigLoader(Set.of("rr", "wlc")).load(file);
    }

    private List<String> errors(final String... lines) throws IOException
    {
        return load(write("k.conf", lines)).errors().stream().map(Diagnostic::toString).toList();
    }

    private String f()
    {
        return dir.resolve("k.conf").toString();
    }

    private String vs(final String line)
    {
        return String.join("\n", "virtual_server 198.18.0.100 80 {", line, "}");
    }

    @Test
    void badNumber() throws IOException
    {
        assertEquals(List.of(f() + ":3: error: bad number 'heavy' for weight (expected an integer from 0 to 65535)"),
            errors("virtual_server 198.18.0.100 80 {", "  real_server 198.18.1.1 80 {", "    weight heavy", "  }",
                "}"));
        assertEquals(List.of(f() + ":2: error: weight 70000 is out of range (expected an integer from 0 to 65535)"),
            errors("virtual_server 198.18.0.100 80 {", "  real_server 198.18.1.1 80 { weight 70000", "  }", "}"));
        assertEquals(List.of(f() + ":2: error: bad number '1.5x' for delay_loop (expected seconds from 0 to 86400," +
            " up to 3 decimals)"), errors(vs("delay_loop 1.5x")));
    }

    @Test
    void lvsSyncDaemonOptions() throws IOException
    {
        final ConfigLoadResult ok = load(write("k.conf", "global_defs {",
            "  lvs_sync_daemon eth1 VI_1 id 9 maxlen 1000 port 8849 ttl 2 group 239.1.2.3", "}"));
        assertEquals(List.of(), ok.errors());
        final var daemon = ok.config().globalDefs().lvsSyncDaemon();
        assertEquals(List.of(9, 1000, 8849, 2, 0xEF010203), List.of(daemon.syncId(), daemon.maxLength(),
            daemon.port(), daemon.ttl(), daemon.group()));
        assertEquals(List.of(f() + ":2: error: lvs_sync_daemon group 198.18.0.1 is not an IPv4 multicast address " +
            "(jvs syncs over IPv4: 224.0.0.0/4)"), errors("global_defs {", "  lvs_sync_daemon eth1 VI_1 group " +
            "198.18.0.1", "}"));
        assertEquals(List.of(f() + ":2: error: lvs_sync_daemon maxlen 40 is out of range (expected an integer from " +
            "80 to 65507)"), errors("global_defs {", "  lvs_sync_daemon eth1 VI_1 maxlen 40", "}"));
        assertEquals(List.of(f() + ":2: error: unknown lvs_sync_daemon option 'mtu' (expected id, maxlen, port, " +
            "ttl or group)"), errors("global_defs {", "  lvs_sync_daemon eth1 VI_1 mtu 9000", "}"));
    }

    @Test
    void badAddress() throws IOException
    {
        assertEquals(List.of(f() + ":1: error: bad IP address '198.18.0.300' for virtual_server (expected a numeric" +
            " IPv4 or IPv6 address)"), errors("virtual_server 198.18.0.300 80 {", "}"));
        assertEquals(List.of(f() + ":2: error: bad IP address 'rs1.example' for real_server (expected a numeric" +
            " IPv4 or IPv6 address)"), errors(vs("real_server rs1.example 80 {\n}")));
    }

    @Test
    void lbKindMustBeNatDrOrTun() throws IOException
    {
        assertEquals(List.of(f() + ":2: error: unknown lb_kind 'DSR' (expected NAT, DR or TUN)"),
            errors(vs("lb_kind DSR")));
        assertEquals(List.of(f() + ":2: error: unknown lvs_method 'dr' (expected NAT, DR or TUN)"),
            errors(vs("lvs_method dr")));
    }

    @Test
    void lbAlgoMustBeAKnownScheduler() throws IOException
    {
        assertEquals(List.of(f() + ":2: error: unknown lb_algo 'wrr' (expected one of rr, wlc)"),
            errors(vs("lb_algo wrr")));
        assertEquals("rr", load(write("ok.conf", vs("lvs_sched rr"))).orThrow().virtualServers().get(0).lbAlgo());
    }

    @Test
    void knownSchedulersAreTheRegistrysOrTheFourteenIpvsNamesWhenItHasNone()
    {
        final SchedulerRegistry empty = new SchedulerRegistry(new ClassLoader(null)
        {
        });
        assertEquals(new TreeSet<>(KeepalivedConfigLoader.IPVS_SCHEDULERS), KeepalivedConfigLoader.knownSchedulers(
            empty));
        assertEquals(14, KeepalivedConfigLoader.knownSchedulers(empty).size());
        final SchedulerRegistry registry = new SchedulerRegistry();
        final Set<String> registered = new TreeSet<>();
        registry.names().forEach(registered::add);
        if (!registered.isEmpty())
        {
            assertEquals(registered, KeepalivedConfigLoader.knownSchedulers(registry));
        }
    }

    @Test
    void blockKeywordWithoutBrace() throws IOException
    {
        assertEquals(List.of(f() + ":2: error: 'real_server 198.18.1.1 80' needs a block (expected '{' after" +
            " 'real_server 198.18.1.1 80')"), errors(vs("real_server 198.18.1.1 80")));
        assertEquals(List.of(f() + ":2: error: 'lb_algo' takes no block (expected 'lb_algo rr' on one line, without" +
            " '{')"), errors(vs("lb_algo rr {\n}")));
    }

    @Test
    void misplacedKeywordNamesItsBlock() throws IOException
    {
        assertEquals(List.of(f() + ":2: error: 'TCP_CHECK' does not belong in virtual_server (expected inside a" +
            " real_server block)"), errors(vs("TCP_CHECK {\n}")));
    }

    @Test
    void missingValue() throws IOException
    {
        assertEquals(List.of(f() + ":2: error: 'lb_algo' is missing its value (expected 'lb_algo SCHEDULER')"),
            errors(vs("lb_algo")));
        assertEquals(List.of(f() + ":1: error: 'virtual_server 198.18.0.100' names no service (expected" +
            " 'virtual_server IP PORT | fwmark N | group NAME {')"), errors("virtual_server 198.18.0.100 {", "}"));
    }

    @Test
    void unknownKeywordWarnsOncePerPlace() throws IOException
    {
        final Path inc = write("inc.conf", "virtual_server 198.18.0.100 80 {", "  lb_algo rr", "  frobnicate 3",
            "}");
        final Path main = write("main.conf", "include inc.conf", "include inc.conf");
        final ConfigLoadResult result = load(main);
        final List<String> diagnostics = result.diagnostics().stream().map(Diagnostic::toString).toList();
        assertEquals(1, diagnostics.stream().filter(d -> d.equals(inc + ":3: warning: unknown keyword" +
            " 'frobnicate' in virtual_server: ignored")).count(), diagnostics.toString());
        assertEquals(List.of(inc + ":1: error: service TCP 198.18.0.100:80 is defined twice, first at " + inc +
            ":1 (expected each service once)"), result.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void authPassLongerThanEightIsTruncatedWithAWarning() throws IOException
    {
        final ConfigLoadResult result = load(write("k.conf", "vrrp_instance VI_1 {", "  virtual_router_id 7",
            "  authentication {", "    auth_type PASS", "    auth_pass secret12345", "  }", "}"));
        assertTrue(result.ok());
        assertEquals("secret12", result.config().vrrpInstances().get(0).authentication().authPass());
        assertTrue(result.warnings().stream().map(Diagnostic::toString).toList().contains(f() + ":5: warning:" +
            " auth_pass 'secret12345' is longer than 8 characters: keepalived uses only 'secret12', and so does" +
            " jvs"));
    }

    @Test
    void drRealServerPortDifferentFromVirtualPortWarns() throws IOException
    {
        final ConfigLoadResult result = load(write("k.conf", "virtual_server 198.18.0.100 80 {", "  lb_kind DR",
            "  real_server 198.18.1.1 8080 {", "  }", "  real_server 198.18.1.2 8080 {", "    lb_kind NAT", "  }",
            "}"));
        assertTrue(result.ok());
        assertEquals(List.of(f() + ":3: warning: real_server 198.18.1.1 8080 has port 8080 but DR does not change" +
            " ports: its packets still go to port 80"), result.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void duplicateRealServer() throws IOException
    {
        assertEquals(List.of(f() + ":4: error: real_server 198.18.1.1 80 is defined twice in virtual_server" +
            " 198.18.0.100 80, first at " + f() + ":2 (expected each real server once per virtual_server)"),
            errors("virtual_server 198.18.0.100 80 {", "  real_server 198.18.1.1 80 {", "  }",
                "  real_server 198.18.1.1 80 {", "  }", "}"));
    }
}
