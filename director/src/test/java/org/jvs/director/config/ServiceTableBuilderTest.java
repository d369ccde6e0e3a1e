package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.VirtualService;

/**
 * keepalived.conf to the control plane's ServiceTable, as keepalived would program IPVS.
 */
class ServiceTableBuilderTest
{
    @TempDir
    Path dir;

    private ServiceTable table(final String... lines) throws IOException
    {
        final Path file = dir.resolve("k.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return ServiceTableBuilder.build(
            new KeepalivedConfigLoader(Set.copyOf(KeepalivedConfigLoader.IPVS_SCHEDULERS)).load(file).orThrow(), 3);
    }

    private static DestSpec dest(final String ip, final int port, final ForwardMethod method, final int weight)
    {
        return new DestSpec(InetAddr.parse(ip), port, method, weight, 0, 0);
    }

    @Test
    void seed004HttpdBecomesOneDrServiceWithServersInIpvsListOrder()
    {
        final ServiceTable table = ServiceTableBuilder.build(FixtureLoadTest.load("seed004-httpd.conf").orThrow(), 1);
        assertEquals(1, table.version());
        assertEquals(1, table.services().size());
        final ServiceSpec spec = table.services().get(0);
        assertEquals(ServiceKey.of(ServiceKey.TCP, InetAddr.parse("192.168.100.240"), 80), spec.key());
        assertEquals("rr", spec.schedulerName());
        assertEquals(20, spec.persistenceTimeoutS());
        assertTrue(spec.isPersistent());
        assertEquals(0xFFFFFFFF, spec.netmask());
        assertEquals(List.of(
            dest("192.168.100.9", 80, ForwardMethod.ROUTE, 1),
            dest("192.168.100.8", 80, ForwardMethod.ROUTE, 1)), spec.servers());
    }

    @Test
    void seed004MysqlWlcWeightThree()
    {
        final ServiceSpec spec =
            ServiceTableBuilder.build(FixtureLoadTest.load("seed004-mysql.conf").orThrow(), 1).services().get(0);
        assertEquals("wlc", spec.schedulerName());
        assertEquals(0, spec.persistenceTimeoutS());
        assertEquals(List.of(
            dest("192.168.100.9", 3306, ForwardMethod.ROUTE, 3),
            dest("192.168.100.8", 3306, ForwardMethod.ROUTE, 3)), spec.servers());
    }

    @Test
    void defaultsNatPerServerKindThresholdsGranularityProtocolAndFlags() throws IOException
    {
        final ServiceSpec spec = table(
            "virtual_server 198.18.0.100 53 {",
            "  protocol UDP",
            "  lb_algo sh",
            "  sh-port",
            "  ops",
            "  persistence_timeout",
            "  persistence_granularity 255.255.255.0",
            "  real_server 198.18.1.1 5353 {",
            "  }",
            "  real_server 198.18.1.2 53 {",
            "    weight 0",
            "    lb_kind TUN",
            "    uthreshold 100",
            "    lthreshold 50",
            "  }",
            "  real_server 198.18.1.3 53 {",
            "    weight 7",
            "  }",
            "}").services().get(0);
        assertEquals(ServiceKey.of(ServiceKey.UDP, InetAddr.parse("198.18.0.100"), 53), spec.key());
        assertEquals("sh", spec.schedulerName());
        assertEquals(VirtualService.F_SCHED2 | VirtualService.F_ONEPACKET, spec.flags());
        assertEquals(VirtualService.DEFAULT_PERSISTENCE_TIMEOUT_S, spec.persistenceTimeoutS());
        assertEquals(0xFFFFFF00, spec.netmask());
        assertEquals(List.of(
            dest("198.18.1.3", 53, ForwardMethod.MASQ, 7),
            new DestSpec(InetAddr.parse("198.18.1.2"), 53, ForwardMethod.TUNNEL, 0, 100, 50),
            dest("198.18.1.1", 5353, ForwardMethod.MASQ, 1)), spec.servers());
    }

    @Test
    void groupExpandsToOneServicePerMember() throws IOException
    {
        final ServiceTable table = table(
            "virtual_server_group web {",
            "  198.18.0.10-12 80",
            "  198.18.0.20 8080",
            "  fwmark 9",
            "}",
            "virtual_server group web {",
            "  lb_algo rr",
            "  lb_kind DR",
            "  real_server 198.18.1.1 80 {",
            "  }",
            "}",
            "virtual_server fwmark 4 {",
            "  persistence_timeout 60",
            "  persistence_granularity 24",
            "  real_server 198.18.1.2 0 {",
            "  }",
            "}");
        final List<String> keys = table.services().stream().map(s -> s.key().toString()).toList();
        assertEquals(List.of("TCP  198.18.0.10:80", "TCP  198.18.0.11:80", "TCP  198.18.0.12:80",
            "TCP  198.18.0.20:8080", "FWM  9", "FWM  4"), keys);
        for (int i = 0; i < 5; i++)
        {
            assertEquals(List.of(dest("198.18.1.1", 80, ForwardMethod.ROUTE, 1)), table.services().get(i).servers());
        }
        assertEquals("wlc", table.services().get(5).schedulerName(), "keepalived's default lb_algo");
        assertEquals(0xFFFFFF00, table.services().get(5).netmask());
        assertEquals(ForwardMethod.MASQ, table.services().get(5).servers().get(0).forwardMethod(),
            "keepalived's default lb_kind is NAT");
    }

    @Test
    void ipv6ServiceKeepsPrefixLength() throws IOException
    {
        final ServiceSpec spec = table(
            "virtual_server 2001:db8::100 443 {",
            "  persistence_timeout 30",
            "  persistence_granularity 64",
            "  real_server 2001:db8::1 443 {",
            "  }",
            "}").services().get(0);
        assertEquals(InetAddr.AF_INET6, spec.key().family());
        assertEquals(64, spec.netmask());
    }
}
