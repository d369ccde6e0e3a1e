package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.GlobalDefs;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.config.model.VrrpInstanceConfig;

/**
 * The keepalived.conf files of the seeds, copied unchanged from /work/shared/fixtures, load to the model they
 * describe; the one that is wrong as written is reported line by line.
 */
class FixtureLoadTest
{
    static final String DIR = "src/test/resources/config/";
    static final Set<String> SCHEDULERS = Set.copyOf(KeepalivedConfigLoader.IPVS_SCHEDULERS);

    static ConfigLoadResult load(final String name)
    {
        return new KeepalivedConfigLoader(SCHEDULERS).load(Path.of(DIR + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed002-master.conf", "seed002-backup.conf", "seed003-master.conf",
        "seed003-backup.conf", "seed004-httpd.conf", "seed004-mysql.conf"})
    void seedConfigsLoadAsWritten(final String name)
    {
        final ConfigLoadResult result = load(name);
        assertTrue(result.ok(), result.errors().toString());
        assertEquals(1, result.config().virtualServers().size());
        assertEquals(2, result.config().virtualServers().get(0).realServers().size());
        assertEquals(1, result.config().vrrpInstances().size());
    }

    @Test
    void seed004HttpdModel()
    {
        final KeepalivedConfig config = load("seed004-httpd.conf").orThrow();
        final GlobalDefs globalDefs = config.globalDefs();
        assertEquals("LVS_DEVEL", globalDefs.routerId());
        assertEquals(List.of("286937899@qq.com"), globalDefs.notificationEmail());
        assertEquals("Alexandre.Cassen@firewall.loc", globalDefs.notificationEmailFrom());
        assertEquals("192.168.100.1", globalDefs.smtpServer());
        assertEquals(30, globalDefs.smtpConnectTimeoutS());
        assertEquals(DIR + "seed004-httpd.conf:8", globalDefs.keywords().of("smtp_connect_timeout").toString());

        final VirtualServerConfig vs = config.virtualServers().get(0);
        assertEquals(InetAddr.parse("192.168.100.240"), vs.address());
        assertEquals(80, vs.port());
        assertEquals("rr", vs.lbAlgo());
        assertEquals(ForwardMethod.ROUTE, vs.lbKind());
        assertEquals(20, vs.persistenceTimeoutS());
        assertEquals(ServiceKey.TCP, vs.protocol());
        assertEquals(6000, vs.delayLoopMs());
        assertEquals(27, vs.location().line());

        final RealServerConfig rs = vs.realServers().get(0);
        assertEquals("192.168.100.8 80", rs.name());
        assertEquals(1, rs.weight());
        assertEquals(2, rs.checkers().size());
        final CheckerConfig.Tcp tcp = (CheckerConfig.Tcp)rs.checkers().get(0);
        assertEquals(8000, tcp.common().connectTimeoutMs());
        assertEquals(3, tcp.common().retry());
        assertEquals(3000, tcp.common().delayBeforeRetryMs());
        assertEquals(80, tcp.common().connectPort());
        assertEquals(38, tcp.common().keywords().of("retry").line(), "nb_get_retry is retry's old name");
        final CheckerConfig.Http http = (CheckerConfig.Http)rs.checkers().get(1);
        assertEquals(CheckerConfig.Kind.HTTP_GET, http.kind());
        assertEquals(3000, http.common().connectTimeoutMs());
        assertEquals(1, http.urls().size());
        final CheckerConfig.Url url = http.urls().get(0);
        assertEquals("/", url.path());
        assertEquals("ff873bb2146020d8406ec84a21c2a5af", url.digest());
        assertTrue(url.accepts(200));
        assertFalse(url.accepts(201));
        assertEquals(45, url.keywords().of("digest").line());
        assertEquals("188f5b91d80b994efae5f53165e6247d",
            ((CheckerConfig.Http)vs.realServers().get(1).checkers().get(1)).urls().get(0).digest());

        final VrrpInstanceConfig vi = config.vrrpInstances().get(0);
        assertEquals("VI_1", vi.name());
        assertEquals("MASTER", vi.state());
        assertEquals("eth0", vi.interfaceName());
        assertEquals(51, vi.virtualRouterId());
        assertEquals(100, vi.priority());
        assertEquals(1000, vi.advertIntMs());
        assertEquals("PASS", vi.authentication().authType());
        assertEquals("1111", vi.authentication().authPass());
        assertEquals(1, vi.virtualIpAddresses().size());
        assertEquals(InetAddr.parse("192.168.100.240"), vi.virtualIpAddresses().get(0).address());
        assertEquals(32, vi.virtualIpAddresses().get(0).prefixLength());
    }

    @Test
    void seed003MasterWarnsAboutWhatItDoesNotUse()
    {
        final ConfigLoadResult result = load("seed003-master.conf");
        assertTrue(result.ok());
        final String f = DIR + "seed003-master.conf";
        final List<String> warnings = result.warnings().stream().map(Diagnostic::toString).toList();
        assertTrue(warnings.contains(f + ":7: warning: unknown keyword 'smtp_connection_timeout' in global_defs:" +
            " ignored (did you mean 'smtp_connect_timeout'?)"), warnings.toString());
        assertTrue(warnings.contains(f + ":29: warning: 'nat_mask' is deprecated and ignored (keepalived ignores" +
            " it too; the persistence netmask is persistence_granularity)"), warnings.toString());
        assertTrue(warnings.contains(f + ":2: warning: 'notification_email' is parsed but jvs does not act on it" +
            " yet (jvs sends no e-mail alerts)"), warnings.toString());
        // Five: the three e-mail keywords, smtp_connection_timeout, nat_mask. vrrp_instance (the VRRP agent runs
        // it), delay_loop, TCP_CHECK and HTTP_GET (health checks run) are acted on, so they are not warned about.
        assertEquals(5, warnings.size(), warnings.toString());

        final KeepalivedConfig config = result.config();
        assertEquals(List.of("edisonchou@hotmail.com"), config.globalDefs().notificationEmail());
        final VirtualServerConfig vs = config.virtualServers().get(0);
        assertEquals(0, vs.persistenceTimeoutS());
        assertEquals(-1, vs.persistenceGranularity(), "nat_mask is not the persistence netmask");
        assertEquals(3, vs.realServers().get(1).weight());
        assertEquals("MASTER", config.vrrpInstances().get(0).state());
        assertEquals(100, config.vrrpInstances().get(0).priority());
    }

    @Test
    void seed004MysqlBraceWithoutSpace()
    {
        final VirtualServerConfig vs = load("seed004-mysql.conf").orThrow().virtualServers().get(0);
        assertEquals("wlc", vs.lbAlgo());
        assertEquals(3306, vs.port());
        assertEquals(0, vs.persistenceTimeoutS(), "the persistence_timeout line is commented out");
        final RealServerConfig second = vs.realServers().get(1);
        assertEquals("192.168.100.9 3306", second.name());
        assertEquals(41, second.location().line());
        assertEquals(3, second.weight());
        assertEquals(3306, second.checkers().get(0).common().connectPort());
    }

    @Test
    void seed002BackupState()
    {
        final KeepalivedConfig config = load("seed002-backup.conf").orThrow();
        assertEquals("BACKUP", config.vrrpInstances().get(0).state());
        assertEquals(90, config.vrrpInstances().get(0).priority());
        assertEquals(GlobalDefs.DEFAULTS, config.globalDefs());
        assertNull(config.virtualServers().get(0).sorryServer());
    }

    @Test
    void seed004SnippetReportsEachStrayRealServerAndTheEmptyService()
    {
        final ConfigLoadResult result = load("seed004-dr-web-snippet.conf");
        final String f = DIR + "seed004-dr-web-snippet.conf";
        assertFalse(result.ok());
        assertEquals(List.of(
            f + ":10: error: 'real_server 124.42.60.67 80' is outside any virtual_server, so no service has it" +
                " (expected inside a virtual_server block; 'virtual_server 124.42.60.78 80' at line 1 is closed by" +
                " the '}' at line 9)",
            f + ":19: error: 'real_server 124.42.60.68 80' is outside any virtual_server, so no service has it" +
                " (expected inside a virtual_server block; 'virtual_server 124.42.60.78 80' at line 1 is closed by" +
                " the '}' at line 9)"),
            result.errors().stream().map(Diagnostic::toString).toList());
        assertTrue(result.warnings().stream().map(Diagnostic::toString).toList().contains(
            f + ":1: warning: virtual_server 124.42.60.78 80 has no real_server: the service is empty and drops" +
                " every connection to it (the real_server blocks at lines 10, 19 stand outside it)"));
        final VirtualServerConfig vs = result.config().virtualServers().get(0);
        assertEquals("wrr", vs.lbAlgo());
        assertEquals(50, vs.persistenceTimeoutS());
        assertTrue(vs.realServers().isEmpty());
    }
}
