package org.jvs.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jvs.core.service.InetAddr;
import org.junit.jupiter.api.Test;

class RouteTableTest
{
    private static int ip(final String text)
    {
        return InetAddr.parse(text).ipv4();
    }

    private final RouteTable table = new RouteTable(List.of(
        new RouteTable.Route(0, 0, ip("198.18.0.1"), 0, ip("198.18.0.2")),
        new RouteTable.Route(ip("198.18.0.0"), 24, 0, 0, ip("198.18.0.2")),
        new RouteTable.Route(ip("198.18.1.0"), 24, 0, 1, ip("198.18.1.1")),
        new RouteTable.Route(ip("198.18.2.0"), 24, ip("198.18.1.254"), 1, ip("198.18.1.1"))));

    @Test
    void longestPrefixWinsAndGatewaysAreNextHops()
    {
        final int onLink = table.find(ip("198.18.1.11"));
        assertEquals(1, table.portIndex(onLink));
        assertEquals(ip("198.18.1.11"), table.nextHop(onLink, ip("198.18.1.11")));
        assertEquals(ip("198.18.1.1"), table.source(onLink));
        final int routed = table.find(ip("198.18.2.7"));
        assertEquals(ip("198.18.1.254"), table.nextHop(routed, ip("198.18.2.7")));
        final int fallback = table.find(ip("198.19.9.9"));
        assertEquals(0, table.portIndex(fallback));
        assertEquals(ip("198.18.0.1"), table.nextHop(fallback, ip("198.19.9.9")));
    }

    @Test
    void noRouteWithoutDefault()
    {
        final RouteTable connected = new RouteTable(List.of(new RouteTable.Route(ip("198.18.0.0"), 24, 0, 0, 1)));
        assertEquals(RouteTable.NO_ROUTE, connected.find(ip("198.18.1.1")));
        assertEquals(0, connected.find(ip("198.18.0.255")));
    }
}
