package org.jvs.director.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.core.route.RouteTable;
import org.junit.jupiter.api.Test;

class KernelRoutesTest
{
    private static int ip(final String text)
    {
        return InetAddr.parse(text).ipv4();
    }

    @Test
    void readsAddressesAndGatewayRoutesOfTheDirectorsInterfacesOnly()
    {
        final String ipAddr = "2: eth0    inet 198.18.0.2/24 brd 198.18.0.255 scope global eth0\\"
            + "       valid_lft forever preferred_lft forever\n";
        final List<InterfaceInfo.Prefix> prefixes = InterfaceInfo.parseAddresses(ipAddr);
        assertEquals(List.of(new InterfaceInfo.Prefix(ip("198.18.0.2"), 24)), prefixes);
        final InterfaceInfo eth0 = new InterfaceInfo("eth0", 0x020000000002L, 1500, prefixes);
        final InterfaceInfo eth1 = new InterfaceInfo("eth1", 0x020000000102L, 1500,
            List.of(new InterfaceInfo.Prefix(ip("198.18.1.1"), 24)));
        final String ipRoute = "default via 198.18.0.1 dev eth0 \n"
            + "198.18.0.0/24 dev eth0 proto kernel scope link src 198.18.0.2 \n"
            + "198.18.9.0/24 via 198.18.1.254 dev eth1 \n"
            + "198.18.7.0/24 via 198.18.5.1 dev eth9 \n";
        final RouteTable table = KernelRoutes.build(List.of(eth0, eth1), ipRoute);
        assertEquals(4, table.size());
        final int r = table.find(ip("198.18.9.9"));
        assertEquals(1, table.portIndex(r));
        assertEquals(ip("198.18.1.254"), table.nextHop(r, ip("198.18.9.9")));
        assertEquals(ip("198.18.1.1"), table.source(r));
        assertEquals(ip("198.18.0.1"), table.nextHop(table.find(ip("198.18.7.1")), ip("198.18.7.1")));
    }

    @Test
    void macsRoundTrip()
    {
        assertEquals(0x02000000000bL, InterfaceInfo.parseMac("02:00:00:00:00:0b"));
        assertEquals("02:00:00:00:00:0b", InterfaceInfo.formatMac(0x02000000000bL));
    }
}
