package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvs.core.service.InetAddr;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.config.model.VirtualServerGroupConfig;
import org.jvs.director.config.model.VrrpInstanceConfig;

/**
 * The parts of the model the seeds do not reach: every checker kind, VRRP in full, groups, sorry servers.
 */
class ModelDetailTest
{
    private static final String[] CHECKERS = {
        "virtual_server 198.18.0.100 443 {",
        "  delay_loop 2.5",
        "  retry 4",
        "  real_server 198.18.1.1 443 {",
        "    connect_timeout 2",
        "    SSL_GET {",
        "      url {",
        "        path /health",
        "        status_code 200 300-399",
        "      }",
        "      connect_ip 198.18.1.11",
        "      bind_port 4000",
        "      warmup 1.25",
        "      alpha",
        "    }",
        "    MISC_CHECK {",
        "      misc_path \"/usr/local/bin/check --port 443\"",
        "      misc_timeout 5",
        "      misc_dynamic",
        "      user nobody",
        "    }",
        "    DNS_CHECK { type a",
        "      name example.org }",
        "    SMTP_CHECK { helo_name director.example }",
        "    UDP_CHECK { require_reply }",
        "    PING_CHECK {",
        "    }",
        "  }",
        "}",
    };

    private static final String[] VRRP = {
        "global_defs {",
        "  router_id LVS_A",
        "  lvs_sync_daemon eth1 VI_1 id 7",
        "}",
        "vrrp_script chk_nginx {",
        "  script \"/usr/bin/pgrep nginx\"",
        "  interval 2",
        "  weight -20",
        "  fall 3",
        "  rise 2",
        "}",
        "vrrp_instance VI_1 {",
        "  state BACKUP",
        "  interface eth0",
        "  virtual_router_id 51",
        "  priority 90",
        "  advert_int 0.5",
        "  nopreempt",
        "  preempt_delay 30",
        "  version 3",
        "  use_vmac vrrp51",
        "  unicast_src_ip 198.18.0.2",
        "  unicast_peer {",
        "    198.18.0.3",
        "  }",
        "  virtual_ipaddress {",
        "    198.18.0.100/24 dev eth0 label eth0:vip",
        "    2001:db8::100",
        "  }",
        "  track_script {",
        "    chk_nginx weight 10",
        "  }",
        "  track_interface {",
        "    eth1",
        "  }",
        "  notify_master \"/etc/keepalived/notify.sh master\"",
        "  garp_master_delay 1",
        "}",
        "vrrp_sync_group VG_1 {",
        "  group {",
        "    VI_1",
        "  }",
        "  notify_fault /bin/fault",
        "}",
    };

    @TempDir
    Path dir;

    private ConfigLoadResult load(final String... lines) throws IOException
    {
        final Path file = dir.resolve("k.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new KeepalivedConfigLoader(Set.of("rr", "wlc")).load(file);
    }

    private List<String> errors(final ConfigLoadResult result)
    {
        return result.errors().stream().map(d -> d.location().line() + ": " + d.message()).toList();
    }

    @Test
    void everyCheckerKind() throws IOException
    {
        final ConfigLoadResult result = load(CHECKERS);
        assertTrue(result.ok(), errors(result).toString());
        final VirtualServerConfig vs = result.config().virtualServers().get(0);
        assertEquals(2500, vs.delayLoopMs());
        assertEquals(4, vs.options().checkerDefaults().retry());
        final RealServerConfig rs = vs.realServers().get(0);
        assertEquals(2000, rs.checkerDefaults().connectTimeoutMs());
        final List<CheckerConfig> checkers = rs.checkers();
        assertEquals(List.of(CheckerConfig.Kind.SSL_GET, CheckerConfig.Kind.MISC_CHECK, CheckerConfig.Kind.DNS_CHECK,
            CheckerConfig.Kind.SMTP_CHECK, CheckerConfig.Kind.UDP_CHECK, CheckerConfig.Kind.PING_CHECK),
            checkers.stream().map(CheckerConfig::kind).toList());
        final CheckerConfig.Http ssl = (CheckerConfig.Http)checkers.get(0);
        assertTrue(ssl.ssl());
        assertEquals(InetAddr.parse("198.18.1.11"), ssl.common().connectIp());
        assertEquals(4000, ssl.common().bindPort());
        assertEquals(1250, ssl.common().warmupMs());
        assertTrue(ssl.common().alpha());
        assertEquals(-1, ssl.common().connectPort());
        final CheckerConfig.Url url = ssl.urls().get(0);
        assertNull(url.digest());
        assertTrue(url.accepts(200) && url.accepts(301) && url.accepts(399));
        assertFalse(url.accepts(204) || url.accepts(400));
        final CheckerConfig.Misc misc = (CheckerConfig.Misc)checkers.get(1);
        assertEquals("/usr/local/bin/check --port 443", misc.miscPath());
        assertEquals(5000, misc.miscTimeoutMs());
        assertTrue(misc.miscDynamic());
        assertEquals("nobody", misc.user());
        assertEquals(17, misc.common().keywords().of("misc_path").line());
        final CheckerConfig.Dns dns = (CheckerConfig.Dns)checkers.get(2);
        assertEquals("A", dns.type());
        assertEquals("example.org", dns.name());
        assertEquals("director.example", ((CheckerConfig.Smtp)checkers.get(3)).heloName());
        assertTrue(((CheckerConfig.Udp)checkers.get(4)).requireReply());
    }

    @Test
    void checkerErrors() throws IOException
    {
        final ConfigLoadResult result = load(
            "virtual_server 198.18.0.100 80 {",
            "  real_server 198.18.1.1 80 {",
            "    HTTP_GET {",
            "      url {",
            "        digest 12345",
            "        status_code 2xx",
            "      }",
            "    }",
            "    MISC_CHECK {",
            "    }",
            "  }",
            "}");
        assertEquals(List.of(
            "5: bad digest '12345' (expected 32 hexadecimal digits, an MD5 as genhash prints)",
            "6: bad status_code '2xx' (expected an HTTP status such as 200, or a range such as 200-299)",
            "4: url has no path (expected 'path /PATH' inside it)",
            "9: MISC_CHECK has no misc_path (expected 'misc_path COMMAND' inside it)"), errors(result));
    }

    @Test
    void vrrpInFull() throws IOException
    {
        final ConfigLoadResult result = load(VRRP);
        assertTrue(result.ok(), errors(result).toString());
        final KeepalivedConfig config = result.config();
        assertEquals("LVS_A", config.globalDefs().routerId());
        assertEquals("eth1", config.globalDefs().lvsSyncDaemon().interfaceName());
        assertEquals(7, config.globalDefs().lvsSyncDaemon().syncId());
        final VrrpInstanceConfig vi = config.vrrpInstance("VI_1");
        assertEquals("BACKUP", vi.state());
        assertEquals(500, vi.advertIntMs());
        assertTrue(vi.nopreempt());
        assertEquals(30, vi.preemptDelayS());
        assertEquals(3, vi.version());
        assertTrue(vi.useVmac());
        assertEquals("vrrp51", vi.vmacName());
        assertEquals(InetAddr.parse("198.18.0.2"), vi.unicastSrcIp());
        assertEquals(List.of(InetAddr.parse("198.18.0.3")), vi.unicastPeers());
        final VrrpInstanceConfig.VirtualIpAddress vip = vi.virtualIpAddresses().get(0);
        assertEquals(24, vip.prefixLength());
        assertEquals("eth0", vip.device());
        assertEquals("eth0:vip", vip.label());
        assertEquals(128, vi.virtualIpAddresses().get(1).prefixLength());
        assertEquals(List.of(new VrrpInstanceConfig.TrackScript("chk_nginx", 10, vi.trackScripts().get(0).location())),
            vi.trackScripts());
        assertEquals(List.of("eth1"), vi.trackInterfaces());
        assertEquals("/etc/keepalived/notify.sh master", vi.notifyCommands().master());
        assertEquals(1, vi.garp().masterDelayS());
        assertEquals(5, vi.garp().masterRepeat());
        assertEquals(-20, config.vrrpScripts().get(0).weight());
        assertEquals(3, config.vrrpScripts().get(0).fall());
        assertEquals(List.of("VI_1"), config.vrrpSyncGroups().get(0).instances());
        assertEquals("/bin/fault", config.vrrpSyncGroups().get(0).notifyCommands().fault());
    }

    @Test
    void vrrpErrors() throws IOException
    {
        final ConfigLoadResult result = load(
            "vrrp_instance VI_1 {",
            "  state PRIMARY",
            "  priority 300",
            "  authentication {",
            "    auth_type MD5",
            "  }",
            "  virtual_ipaddress {",
            "    198.18.0.100/33",
            "  }",
            "}");
        assertEquals(List.of(
            "2: unknown state 'PRIMARY' (expected MASTER or BACKUP)",
            "3: priority 300 is out of range (expected an integer from 1 to 255)",
            "5: unknown auth_type 'MD5' (expected PASS or AH)",
            "8: bad prefix length '33' in '198.18.0.100/33' (expected 0 to 32)",
            "1: vrrp_instance VI_1 has no virtual_router_id (expected 'virtual_router_id 1..255' inside it)"),
            errors(result));
    }

    @Test
    void groupsAndSorryServer() throws IOException
    {
        final ConfigLoadResult result = load(
            "virtual_server_group g {",
            "  198.18.0.10-11 80",
            "  198.18.0.20-5 80",
            "  2001:db8::a-c 80",
            "}",
            "virtual_server group g {",
            "  sorry_server 198.18.9.9 8080",
            "  sorry_server_inhibit",
            "  quorum 2",
            "  hysteresis 1",
            "  real_server 198.18.1.1 80 {",
            "  }",
            "}",
            "virtual_server group missing {",
            "}");
        assertEquals(List.of(
            "3: bad address range '198.18.0.20-5' (expected FIRST-LAST with LAST from 20 to 255, the last byte of" +
                " the range's end)",
            "14: virtual_server group missing names no group (expected a 'virtual_server_group missing { ... }'" +
                " block)"), errors(result));
        final VirtualServerGroupConfig group = result.config().group("g");
        assertEquals(2, group.members().size());
        assertEquals(List.of(InetAddr.parse("198.18.0.10"), InetAddr.parse("198.18.0.11")),
            group.members().get(0).addresses());
        assertEquals(List.of(InetAddr.parse("2001:db8::a"), InetAddr.parse("2001:db8::b"),
            InetAddr.parse("2001:db8::c")), group.members().get(1).addresses());
        final VirtualServerConfig vs = result.config().virtualServers().get(0);
        assertEquals(InetAddr.parse("198.18.9.9"), vs.sorryServer().address());
        assertEquals(8080, vs.sorryServer().port());
        assertTrue(vs.sorryServer().inhibit());
        assertEquals(2, vs.options().quorum());
        assertEquals(1, vs.options().hysteresis());
    }
}
