package org.jvs.core.conn;

import static org.jvs.core.conn.Lab.CIP;
import static org.jvs.core.conn.Lab.CIP2;
import static org.jvs.core.conn.Lab.RIP1;
import static org.jvs.core.conn.Lab.RIP2;
import static org.jvs.core.conn.Lab.RIP3;
import static org.jvs.core.conn.Lab.S;
import static org.jvs.core.conn.Lab.T0;
import static org.jvs.core.conn.Lab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * Persistence templates as {@code ip_vs_sched_persist} makes and checks them. The services here use a rotating
 * test scheduler, so without a template each new connection would go to the next server.
 */
class PersistenceTest
{
    private static final int NONE = ConnectionTable.NONE;

    private static VirtualService persistent(final int timeoutS, final int netmask)
    {
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, true, RIP1, RIP2, RIP3);
        svc.persistence(timeoutS, netmask);
        return svc;
    }

    @Test
    void sameClientGoesToTheSameServerWhileTheTemplateLives()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = persistent(360, 0xFFFFFFFF);
        final int c1 = lab.established(svc, CIP, 40000, T0);
        final int c2 = lab.established(svc, CIP, 40001, T0 + S);
        final int c3 = lab.established(svc, CIP, 40002, T0 + 2 * S);
        final RealServer rs = lab.table.server(c1);
        assertSame(rs, lab.table.server(c2));
        assertSame(rs, lab.table.server(c3));
        final int other = lab.established(svc, CIP2, 40000, T0 + 3 * S);
        assertNotSame(rs, lab.table.server(other), "another client is scheduled (rotating)");

        final int template = lab.table.control(c1);
        assertNotEquals(NONE, template);
        assertEquals(template, lab.table.control(c2));
        assertTrue(lab.table.isTemplate(template));
        assertEquals(3, lab.table.controlledCount(template));
        assertEquals(1, rs.persistConns());
        assertEquals(3, rs.activeConns());
        assertEquals(360 * S, lab.table.timeoutNs(template));
        assertEquals(T0 + 2 * S + 360 * S, lab.table.expiresAtNs(template), "re-armed by each new connection");
        assertEquals(6, lab.table.size(), "3 + 1 connections, 2 templates");
    }

    @Test
    void templateHoldsPortsOfTheServiceAndTheServer()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.MASQ, true, RIP1);
        svc.persistence(360, 0xFFFFFFFF);
        final int c = lab.syn(svc, CIP, 40000, T0);
        final int t = lab.table.control(c);
        assertEquals(0, lab.table.clientPort(t));
        assertEquals(80, lab.table.virtualPort(t));
        assertEquals(80, lab.table.destinationPort(t));
        assertEquals(ServiceKey.TCP, lab.table.protocol(t));
        assertEquals(NONE, lab.table.lookupIn4(ServiceKey.TCP, CIP, 0, VIP, 80, T0), "a template is no connection");
        assertEquals(t, lab.table.lookupTemplate(ServiceKey.TCP, InetAddr.AF_INET, 0, CIP & 0xFFFF_FFFFL, 0,
            VIP & 0xFFFF_FFFFL, 80, T0));
    }

    @Test
    void ipv6PrefixLengthGroupsClientsOfOneNetwork()
    {
        final Lab lab = new Lab(64);
        final InetAddr vip = InetAddr.parse("2001:db8::100");
        final VirtualService svc = new VirtualService(ServiceKey.of(ServiceKey.TCP, vip, 443),
            new FirstServerScheduler(true), 0);
        svc.addServer(new RealServer(InetAddr.parse("2001:db8:1::1"), 443, ForwardMethod.ROUTE, 1, 0, 0));
        svc.addServer(new RealServer(InetAddr.parse("2001:db8:1::2"), 443, ForwardMethod.ROUTE, 1, 0, 0));
        svc.persistence(360, 64);
        final int a = lab.connections.newConnection(svc, lab.request.of(ServiceKey.TCP,
            InetAddr.parse("2001:db8:2:0:1::1"), 40000, vip, 443, T0));
        final int b = lab.connections.newConnection(svc, lab.request.of(ServiceKey.TCP,
            InetAddr.parse("2001:db8:2:0:ffff::9"), 40000, vip, 443, T0));
        final int c = lab.connections.newConnection(svc, lab.request.of(ServiceKey.TCP,
            InetAddr.parse("2001:db8:2:1::1"), 40000, vip, 443, T0));
        assertSame(lab.table.server(a), lab.table.server(b), "same /64");
        assertNotSame(lab.table.server(a), lab.table.server(c), "another /64");
        assertEquals(InetAddr.parse("2001:db8:2::"), lab.table.clientAddress(lab.table.control(a)));
    }

    @Test
    void netmaskGroupsClientsOfOneNetwork()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = persistent(360, 0xFFFFFF00);
        final int a = lab.established(svc, 0xC612000A, 40000, T0);
        final int b = lab.established(svc, 0xC6120077, 40000, T0);
        final int c = lab.established(svc, 0xC61200FE, 40000, T0);
        final int d = lab.established(svc, 0xC6120305, 40000, T0);
        assertSame(lab.table.server(a), lab.table.server(b));
        assertSame(lab.table.server(a), lab.table.server(c));
        assertNotSame(lab.table.server(a), lab.table.server(d), "198.18.3.0/24 is another network");
        assertEquals(lab.table.control(a), lab.table.control(c));
        assertEquals(InetAddr.parse("198.18.0.0"), lab.table.clientAddress(lab.table.control(a)));
    }

    @Test
    void templateExpiresOnlyAfterItsConnections()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = persistent(360, 0xFFFFFFFF);
        final int c = lab.established(svc, CIP, 40000, T0);
        final RealServer rs = lab.table.server(c);
        final int t = lab.table.control(c);
        final long tick = lab.table.expiryTickNs();
        lab.expireAll(T0 + 361 * S);
        assertTrue(lab.table.isLive(t), "controls a live connection: re-armed, not removed");
        assertEquals(ConnectionTable.TEMPLATE_RECHECK_NS, lab.table.timeoutNs(t));
        assertEquals(1, rs.persistConns());
        // The client comes back at 400 s: the template still pins it.
        final int again = lab.established(svc, CIP, 40001, T0 + 400 * S);
        assertSame(rs, lab.table.server(again));
        lab.table.onPacket(again, TcpStates.INPUT, TcpStates.TCP_RST, T0 + 400 * S);
        // The first connection idles out at 900 s, the second (CLOSE) at 410 s; then the template goes.
        lab.expireAll(T0 + 900 * S + tick);
        assertTrue(!lab.table.isLive(c) && !lab.table.isLive(again));
        lab.expireAll(T0 + 900 * S + ConnectionTable.TEMPLATE_RECHECK_NS + 2 * tick);
        assertEquals(0, lab.table.size());
        assertEquals(0, rs.persistConns() + rs.activeConns() + rs.inactConns());
    }

    @Test
    void templateWithNoConnectionExpiresAtThePersistenceTimeout()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = persistent(60, 0xFFFFFFFF);
        final int c = lab.established(svc, CIP, 40000, T0);
        final RealServer rs = lab.table.server(c);
        final int t = lab.table.control(c);
        lab.table.onPacket(c, TcpStates.INPUT, TcpStates.TCP_RST, T0);
        lab.expireAll(T0 + 10 * S + lab.table.expiryTickNs());
        assertTrue(lab.table.isLive(t));
        assertEquals(0, lab.table.controlledCount(t));
        lab.expireAll(T0 + 60 * S - 1);
        assertTrue(lab.table.isLive(t));
        lab.expireAll(T0 + 60 * S + lab.table.expiryTickNs());
        assertEquals(0, lab.table.size());
        assertEquals(0, rs.persistConns());
        final int next = lab.syn(svc, CIP, 40001, T0 + 61 * S);
        assertNotSame(rs, lab.table.server(next), "template gone: the scheduler picks again (rotating)");
    }

    @Test
    void removedServerGetsANewServerAndANewTemplate()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = persistent(360, 0xFFFFFFFF);
        final int c1 = lab.established(svc, CIP, 40000, T0);
        final RealServer first = lab.table.server(c1);
        final int oldTemplate = lab.table.control(c1);
        svc.removeServer(first);
        final int c2 = lab.established(svc, CIP, 40001, T0 + S);
        assertNotSame(first, lab.table.server(c2));
        final int newTemplate = lab.table.control(c2);
        assertNotEquals(oldTemplate, newTemplate);
        // The old template is unhashed, shown with ports 65535 as IPVS does, and lives while c1 lives.
        assertTrue(lab.table.isLive(oldTemplate));
        assertEquals(65535, lab.table.virtualPort(oldTemplate));
        assertEquals(0, lab.table.flags(oldTemplate) & ConnectionTable.F_HASHED);
        final int c3 = lab.established(svc, CIP, 40002, T0 + 2 * S);
        assertSame(lab.table.server(c2), lab.table.server(c3), "the new template pins the client now");
        assertEquals(1, first.persistConns());
        assertEquals(1, first.activeConns(), "existing connection continues");
    }

    @Test
    void quiescedServerKeepsItsClientsUnlessExpireQuiescentTemplate()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = persistent(360, 0xFFFFFFFF);
        final int c1 = lab.established(svc, CIP, 40000, T0);
        final RealServer first = lab.table.server(c1);
        svc.editServer(first, 0, 0, 0);
        final int c2 = lab.established(svc, CIP, 40001, T0 + S);
        assertSame(first, lab.table.server(c2), "IPVS default (expire_quiescent_template=0): still pinned");

        lab.connections.expireQuiescentTemplate(true);
        final int c3 = lab.established(svc, CIP, 40002, T0 + 2 * S);
        assertNotSame(first, lab.table.server(c3));
        assertTrue(lab.table.server(c3).weight() > 0);
        assertNotEquals(lab.table.control(c1), lab.table.control(c3), "a new template");
        final int c4 = lab.established(svc, CIP, 40003, T0 + 3 * S);
        assertSame(lab.table.server(c3), lab.table.server(c4));
    }

    @Test
    void portZeroServiceTemplateCoversEveryPortOfTheClient()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 0, ForwardMethod.ROUTE, true, RIP1, RIP2);
        svc.persistence(360, 0xFFFFFFFF);
        final int web = lab.connect(svc, CIP, 40000, 80, T0);
        final int ssh = lab.connect(svc, CIP, 40001, 22, T0);
        assertSame(lab.table.server(web), lab.table.server(ssh));
        assertEquals(lab.table.control(web), lab.table.control(ssh));
        final int t = lab.table.control(web);
        assertEquals(0, lab.table.virtualPort(t));
        assertEquals(0, lab.table.destinationPort(t));
        assertEquals(80, lab.table.destinationPort(web), "server port 0: the packet's port");
        assertEquals(22, lab.table.destinationPort(ssh));
    }

    @Test
    void fwmarkTemplateIsIpProtocolWithTheMarkAsAddress()
    {
        final Lab lab = new Lab(64);
        final VirtualService svc = new VirtualService(ServiceKey.ofFwmark(8, InetAddr.AF_INET),
            new FirstServerScheduler(true), 0);
        svc.addServer(new RealServer(InetAddr.ipv4(RIP1), 0, ForwardMethod.ROUTE, 1, 0, 0));
        svc.addServer(new RealServer(InetAddr.ipv4(RIP2), 0, ForwardMethod.ROUTE, 1, 0, 0));
        svc.persistence(360, 0xFFFFFFFF);
        lab.request.ipv4(ServiceKey.TCP, CIP, 40000, VIP, 80, T0);
        final int web = lab.connections.newConnection(svc, lab.request);
        lab.request.ipv4(ServiceKey.UDP, CIP, 40001, VIP, 53, T0);
        final int dns = lab.connections.newConnection(svc, lab.request);
        assertSame(lab.table.server(web), lab.table.server(dns), "one template for every protocol");
        final int t = lab.table.control(web);
        assertEquals(ConnectionScheduler.IPPROTO_IP, lab.table.protocol(t));
        assertEquals(InetAddr.parse("0.0.0.8"), lab.table.virtualAddress(t));
        final List<String> lines = ConnectionListing.lines(lab.table, T0);
        assertTrue(lines.contains("IP  06:00  NONE        198.18.0.10:0      0.0.0.8:0          198.18.1.2:0")
            || lines.contains("IP  06:00  NONE        198.18.0.10:0      0.0.0.8:0          198.18.1.1:0"),
            lines.toString());
    }

    @Test
    void noServerAndFullTableAreCountedAndLeaveNothingBehind()
    {
        final Lab lab = new Lab(3);
        final VirtualService svc = persistent(360, 0xFFFFFFFF);
        for (int i = 0; i < svc.serverCount(); i++)
        {
            svc.editServer(svc.server(i), 0, 0, 0);
        }
        assertEquals(NONE, lab.connect(svc, CIP, 40000, 80, T0));
        assertEquals(1, lab.connections.noServerDrops());
        assertEquals(0, lab.table.size());
        svc.editServer(svc.server(0), 1, 0, 0);
        assertNotEquals(NONE, lab.connect(svc, CIP, 40000, 80, T0));
        assertEquals(2, lab.table.size());
        assertEquals(NONE, lab.connect(svc, CIP2, 40000, 80, T0), "needs a template and a connection: 2 > 1 free");
        assertEquals(1, lab.connections.tableFullDrops());
        assertEquals(2, lab.table.size());
        assertNotEquals(NONE, lab.connect(svc, CIP, 40001, 80, T0), "an existing template needs one entry");
    }

    @Test
    void nonPersistentServiceSchedulesOnlyItsOwnPort()
    {
        final Lab lab = new Lab(8);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 0, ForwardMethod.ROUTE, false, RIP1);
        assertEquals(NONE, lab.connect(svc, CIP, 40000, 80, T0));
        assertEquals(1, lab.connections.unschedulableDrops());
    }

    @Test
    void listingMatchesIpvsadm()
    {
        final Lab lab = new Lab(8);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        svc.persistence(360, 0xFFFFFFFF);
        final int c = lab.established(svc, CIP, 40000, T0);
        assertEquals("TCP 14:59  ESTABLISHED 198.18.0.10:40000  198.18.0.100:80    198.18.1.1:80",
            ConnectionListing.line(lab.table, c, T0 + 1));
        assertEquals("TCP 05:59  NONE        198.18.0.10:0      198.18.0.100:80    198.18.1.1:80",
            ConnectionListing.line(lab.table, lab.table.control(c), T0 + 1));
        assertEquals("pro expire state       source             virtual            destination",
            ConnectionListing.HEADER);
        assertEquals(2, ConnectionListing.lines(lab.table, T0).size());
        final VirtualService udp = Lab.service(ServiceKey.UDP, 53, ForwardMethod.ROUTE, false, RIP1);
        final int u = lab.connect(udp, CIP, 5353, 53, T0);
        lab.table.onPacket(u, TcpStates.INPUT, 0, T0);
        assertEquals("UDP 05:00  UDP         198.18.0.10:5353   198.18.0.100:53    198.18.1.1:53",
            ConnectionListing.line(lab.table, u, T0));
    }
}
