package org.jvs.core.conn;

import static org.jvs.core.conn.Lab.CIP;
import static org.jvs.core.conn.Lab.CIP2;
import static org.jvs.core.conn.Lab.RIP1;
import static org.jvs.core.conn.Lab.RIP2;
import static org.jvs.core.conn.Lab.S;
import static org.jvs.core.conn.Lab.T0;
import static org.jvs.core.conn.Lab.VIP;
import static org.jvs.core.conn.TcpStates.TCP_ACK;
import static org.jvs.core.conn.TcpStates.TCP_FIN;
import static org.jvs.core.conn.TcpStates.TCP_RST;
import static org.jvs.core.conn.TcpStates.TCP_SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

class ConnectionTableTest
{
    private static final int NONE = ConnectionTable.NONE;

    /**
     * Every cell of the INPUT, OUTPUT and INPUT-ONLY tables, driven through a real entry: resulting state,
     * timeout, expiry time, the server's ActiveConn/InActConn, then expiry exactly at the state's timeout.
     */
    @Test
    void everyTransitionGivesItsStateTimeoutCountsAndExpiry()
    {
        final int[] directions = {TcpStates.INPUT, TcpStates.OUTPUT, TcpStates.INPUT_ONLY};
        int cases = 0;
        for (final int direction : directions)
        {
            // INPUT_ONLY is what a DR connection uses for client packets; INPUT is a NAT connection's.
            final ForwardMethod method = direction == TcpStates.INPUT_ONLY ? ForwardMethod.ROUTE : ForwardMethod.MASQ;
            final int packetDirection = direction == TcpStates.OUTPUT ? TcpStates.OUTPUT : TcpStates.INPUT;
            for (int e = 0; e < TcpStatesTest.EVENTS.length; e++)
            {
                for (int s = 0; s < TcpStatesTest.FROM.length; s++)
                {
                    final int expected = TcpStatesTest.table(direction)[e][s];
                    final String what = "table " + direction + " flags " + TcpStatesTest.EVENTS[e] + " from " +
                        TcpStates.name(TcpStatesTest.FROM[s]);
                    checkTransition(method, packetDirection, TcpStatesTest.EVENTS[e], TcpStatesTest.FROM[s],
                        expected, what);
                    cases++;
                }
            }
        }
        assertEquals(132, cases);
    }

    private static void checkTransition(
        final ForwardMethod method, final int packetDirection, final int flags, final int from, final int expected,
        final String what)
    {
        final Lab lab = new Lab(4);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, method, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int entry = lab.connect(svc, CIP, 40000, 80, T0);
        lab.table.forceState(entry, from);
        final long t1 = T0 + 5 * S;
        assertEquals(expected, lab.table.onPacket(entry, packetDirection, flags, t1), what);
        assertEquals(expected, lab.table.state(entry), what);
        final long timeoutNs = lab.timeouts.tcpNs(expected);
        assertEquals(timeoutNs, lab.table.timeoutNs(entry), what);
        assertEquals(t1 + timeoutNs, lab.table.expiresAtNs(entry), what);
        final boolean active = expected == TcpStates.ESTABLISHED;
        assertEquals(active ? 1 : 0, rs.activeConns(), what + ": ActiveConn");
        assertEquals(active ? 0 : 1, rs.inactConns(), what + ": InActConn");
        assertEquals(active, (lab.table.flags(entry) & ConnectionTable.F_INACTIVE) == 0, what);
        if (packetDirection == TcpStates.OUTPUT)
        {
            assertEquals(0, lab.table.flags(entry) & ConnectionTable.F_NOOUTPUT, what + ": reply seen");
        }

        lab.expireAll(t1 + timeoutNs - 1);
        assertEquals(entry, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, t1 + timeoutNs - 1), what);
        lab.expireAll(t1 + timeoutNs + lab.table.expiryTickNs());
        assertEquals(0, lab.table.size(), what + ": expired by the wheel within a tick");
        assertEquals(0, rs.activeConns() + rs.inactConns(), what + ": uncounted on expiry");
        assertEquals(NONE, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, t1 + timeoutNs), what);
    }

    @Test
    void lookupAtTheExpiryInstantMissesAndUncountsEvenBeforeTheWheelRuns()
    {
        final Lab lab = new Lab(4);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int entry = lab.syn(svc, CIP, 40000, T0);
        final long expiry = T0 + 60 * S;
        assertEquals(expiry, lab.table.expiresAtNs(entry), "SYN_RECV: 60 s");
        assertEquals(entry, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, expiry - 1));
        assertEquals(NONE, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, expiry));
        assertEquals(0, lab.table.size());
        assertEquals(0, Lab.server(svc, RIP1).inactConns());
    }

    @Test
    void directRoutingLifeCountsInactiveActiveInactiveThenNothing()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int entry = lab.connect(svc, CIP, 40000, 80, T0);
        assertCounts(rs, 0, 1);
        assertEquals(ConnectionTable.F_DROUTE | ConnectionTable.F_NOOUTPUT,
            lab.table.flags(entry) & (ConnectionTable.F_FWD_MASK | ConnectionTable.F_NOOUTPUT));
        assertEquals(TcpStates.SYN_RECV, lab.table.onPacket(entry, TcpStates.INPUT, TCP_SYN, T0));
        assertCounts(rs, 0, 1);
        assertEquals(TcpStates.ESTABLISHED, lab.table.onPacket(entry, TcpStates.INPUT, TCP_ACK, T0 + S));
        assertCounts(rs, 1, 0);
        assertEquals(TcpStates.ESTABLISHED, lab.table.onPacket(entry, TcpStates.INPUT, TCP_ACK, T0 + 2 * S));
        assertEquals(T0 + 2 * S + 900 * S, lab.table.expiresAtNs(entry), "each packet re-arms");
        // Input-only: the client's FIN takes ESTABLISHED to FIN_WAIT (INPUT would give CLOSE_WAIT).
        assertEquals(TcpStates.FIN_WAIT, lab.table.onPacket(entry, TcpStates.INPUT, TCP_FIN | TCP_ACK, T0 + 3 * S));
        assertCounts(rs, 0, 1);
        assertEquals(TcpStates.FIN_WAIT, lab.table.onPacket(entry, TcpStates.INPUT, TCP_ACK, T0 + 4 * S));
        lab.expireAll(T0 + 4 * S + 120 * S - 1);
        assertEquals(1, lab.table.size());
        lab.expireAll(T0 + 4 * S + 120 * S + lab.table.expiryTickNs());
        assertEquals(0, lab.table.size());
        assertCounts(rs, 0, 0);
        assertEquals(1, lab.table.expiredCount());
    }

    @Test
    void natLifeUsesInputAndOutputTables()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.MASQ, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int e = lab.connect(svc, CIP, 40000, 80, T0);
        assertEquals(0, lab.table.flags(e) & ConnectionTable.F_NOOUTPUT, "NAT sees replies");
        final ConnectionTable t = lab.table;
        assertEquals(TcpStates.SYN_RECV, t.onPacket(e, TcpStates.INPUT, TCP_SYN, T0));
        assertEquals(TcpStates.SYN_RECV, t.onPacket(e, TcpStates.OUTPUT, TCP_SYN | TCP_ACK, T0));
        assertEquals(TcpStates.ESTABLISHED, t.onPacket(e, TcpStates.INPUT, TCP_ACK, T0));
        assertCounts(rs, 1, 0);
        assertEquals(TcpStates.ESTABLISHED, t.onPacket(e, TcpStates.OUTPUT, TCP_ACK, T0));
        assertEquals(TcpStates.CLOSE_WAIT, t.onPacket(e, TcpStates.INPUT, TCP_FIN | TCP_ACK, T0));
        assertCounts(rs, 0, 1);
        assertEquals(60 * S, t.timeoutNs(e));
        assertEquals(TcpStates.CLOSE_WAIT, t.onPacket(e, TcpStates.OUTPUT, TCP_ACK, T0));
        assertEquals(TcpStates.TIME_WAIT, t.onPacket(e, TcpStates.OUTPUT, TCP_FIN | TCP_ACK, T0));
        assertEquals(TcpStates.TIME_WAIT, t.onPacket(e, TcpStates.INPUT, TCP_ACK, T0));
        assertEquals(120 * S, t.timeoutNs(e));
        assertCounts(rs, 0, 1);
    }

    @Test
    void directRoutingEntrySwitchesToTheInputTableOnceAReplyIsSeen()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int e = lab.established(svc, CIP, 40000, T0);
        lab.table.onPacket(e, TcpStates.OUTPUT, TCP_ACK, T0);
        assertEquals(0, lab.table.flags(e) & ConnectionTable.F_NOOUTPUT);
        assertEquals(TcpStates.CLOSE_WAIT, lab.table.onPacket(e, TcpStates.INPUT, TCP_FIN, T0), "INPUT table now");
    }

    @Test
    void resetClosesAndExpiresAfterTenSeconds()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int e = lab.established(svc, CIP, 40000, T0);
        assertCounts(rs, 1, 0);
        assertEquals(TcpStates.CLOSE, lab.table.onPacket(e, TcpStates.INPUT, TCP_RST | TCP_ACK, T0 + S));
        assertCounts(rs, 0, 1);
        // The wheel had it filed at 900 s; the shorter timeout moves it.
        lab.expireAll(T0 + 11 * S + lab.table.expiryTickNs());
        assertEquals(0, lab.table.size());
        assertCounts(rs, 0, 0);
    }

    @Test
    void udpStaysInactiveAndEachPacketRefreshesItsTimeout()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.UDP, 53, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int e = lab.connect(svc, CIP, 40000, 53, T0);
        assertEquals("UDP", lab.table.stateName(e));
        lab.table.onPacket(e, TcpStates.INPUT, 0, T0);
        assertEquals(T0 + 300 * S, lab.table.expiresAtNs(e));
        lab.table.onPacket(e, TcpStates.INPUT, TCP_SYN, T0 + 200 * S);
        assertCounts(rs, 0, 1);
        assertEquals(ConnectionTable.UDP_NORMAL, lab.table.state(e));
        lab.expireAll(T0 + 499 * S);
        assertEquals(1, lab.table.size(), "refreshed at 200 s: lives to 500 s");
        lab.timeouts.set(0, 0, 30);
        lab.table.onPacket(e, TcpStates.OUTPUT, 0, T0 + 499 * S);
        lab.expireAll(T0 + 529 * S + lab.table.expiryTickNs());
        assertEquals(0, lab.table.size(), "--set udp 30 applies from the next packet");
        assertCounts(rs, 0, 0);
    }

    @Test
    void setTimeoutsApplyFromTheNextPacket()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int e = lab.established(svc, CIP, 40000, T0);
        assertEquals(900 * S, lab.table.timeoutNs(e));
        lab.timeouts.set(7200, 30, 0);
        lab.table.onPacket(e, TcpStates.INPUT, TCP_ACK, T0 + S);
        assertEquals(T0 + S + 7200 * S, lab.table.expiresAtNs(e));
        lab.table.onPacket(e, TcpStates.INPUT, TCP_FIN, T0 + 2 * S);
        assertEquals(30 * S, lab.table.timeoutNs(e));
    }

    @Test
    void preEstablishedStatesCountActiveWithTheLinux410Rule()
    {
        final Lab lab = new Lab(16);
        lab.table.preEstablishedActive(true);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int e = lab.syn(svc, CIP, 40000, T0);
        assertCounts(rs, 1, 0);
        lab.table.onPacket(e, TcpStates.INPUT, TCP_ACK, T0);
        assertCounts(rs, 1, 0);
        lab.table.onPacket(e, TcpStates.INPUT, TCP_FIN, T0);
        assertCounts(rs, 0, 1);
    }

    @Test
    void natReplyIsFoundByItsOutDirectionTuple()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.MASQ, false, RIP1);
        Lab.server(svc, RIP1);
        final int e = lab.syn(svc, CIP, 40000, T0);
        final ConnectionTable t = lab.table;
        assertEquals(e, t.lookupOut4(ServiceKey.TCP, RIP1, 80, CIP, 40000, T0));
        assertEquals(NONE, t.lookupOut4(ServiceKey.TCP, RIP1, 81, CIP, 40000, T0), "other real port");
        assertEquals(NONE, t.lookupOut4(ServiceKey.TCP, RIP2, 80, CIP, 40000, T0), "other real server");
        assertEquals(NONE, t.lookupOut4(ServiceKey.TCP, RIP1, 80, CIP, 40001, T0), "other client port");
        assertEquals(NONE, t.lookupOut4(ServiceKey.UDP, RIP1, 80, CIP, 40000, T0), "other protocol");
        assertEquals(NONE, t.lookupOut4(ServiceKey.TCP, VIP, 80, CIP, 40000, T0), "VIP is not the reply source");
        assertEquals(NONE, t.lookupIn4(ServiceKey.TCP, CIP, 40000, RIP1, 80, T0), "RIP is not the in key");
        assertEquals(TcpStates.SYN_RECV, t.onPacket(e, TcpStates.OUTPUT, TCP_SYN | TCP_ACK, T0));
    }

    @Test
    void fullTableDropsNewConnectionsAndCountsThemEstablishedOnesUntouched()
    {
        final Lab lab = new Lab(8);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final int[] entries = new int[8];
        for (int i = 0; i < 8; i++)
        {
            entries[i] = lab.established(svc, CIP, 40000 + i, T0);
            assertNotEquals(NONE, entries[i]);
        }
        assertEquals(0, lab.table.free());
        assertEquals(NONE, lab.syn(svc, CIP2, 50000, T0 + S));
        assertEquals(NONE, lab.syn(svc, CIP2, 50001, T0 + S));
        assertEquals(2, lab.connections.tableFullDrops());
        assertEquals(8, lab.table.size());
        assertCounts(rs, 8, 0);
        for (int i = 0; i < 8; i++)
        {
            assertEquals(entries[i], lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000 + i, VIP, 80, T0 + S));
            assertEquals(TcpStates.ESTABLISHED, lab.table.state(entries[i]));
        }
        final ConnectionTuple tuple = new ConnectionTuple().protocol(ServiceKey.TCP, 4).client(0, 1, 1);
        assertEquals(NONE, lab.table.create(tuple, 0, rs, svc, T0));
        assertEquals(1, lab.table.tableFullDrops());
    }

    @Test
    void handlerSlotIsSetOncePerConnection()
    {
        final Lab lab = new Lab(4);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int e = lab.syn(svc, CIP, 40000, T0);
        assertEquals(-1, lab.table.handler(e));
        lab.table.handler(e, 3);
        assertEquals(3, lab.table.handler(e));
        assertEquals(svc, lab.table.service(e));
        assertEquals(ConnectionTable.NONE, lab.table.control(e));
    }

    @Test
    void removeUncountsAndFreesTheEntry()
    {
        final Lab lab = new Lab(4);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int e = lab.established(svc, CIP, 40000, T0);
        assertTrue(lab.table.remove(e));
        assertFalse(lab.table.remove(e));
        assertCounts(Lab.server(svc, RIP1), 0, 0);
        assertEquals(NONE, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, T0));
        assertEquals(4, lab.table.free());
    }

    /**
     * Every state's default timeout, NONE and SYNACK included (no transition of the normal tables leads to
     * them): an entry in the state, re-armed with the state's timeout, lives until exactly then.
     */
    @Test
    void everyStatesDefaultTimeoutIsItsExpiry()
    {
        for (int s = 0; s < TcpStates.STATE_COUNT; s++)
        {
            final Lab lab = new Lab(4);
            final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
            final int e = lab.connect(svc, CIP, 40000, 80, T0);
            lab.table.forceState(e, s);
            lab.table.timeoutNs(e, lab.timeouts.tcpNs(s));
            lab.table.rearm(e, T0);
            final long expiry = T0 + TimeoutsTest.DEFAULT_S[s] * S;
            assertEquals(expiry, lab.table.expiresAtNs(e), TcpStates.name(s));
            lab.expireAll(expiry - 1);
            assertEquals(e, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, expiry - 1), TcpStates.name(s));
            lab.expireAll(expiry + lab.table.expiryTickNs());
            assertEquals(0, lab.table.size(), TcpStates.name(s));
            assertCounts(Lab.server(svc, RIP1), 0, 0);
        }
    }

    @Test
    void onePacketUdpEntryEndsWithItsPacket()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = new VirtualService(
            ServiceKey.of(ServiceKey.UDP, org.jvs.core.service.InetAddr.ipv4(VIP), 53), new FirstServerScheduler(false),
            VirtualService.F_ONEPACKET);
        svc.addServer(new RealServer(org.jvs.core.service.InetAddr.ipv4(RIP1), 53, ForwardMethod.ROUTE, 1, 0, 0));
        final int e = lab.connect(svc, CIP, 5353, 53, T0);
        assertEquals(ConnectionTable.F_ONE_PACKET, lab.table.flags(e) & ConnectionTable.F_ONE_PACKET);
        lab.table.onPacket(e, TcpStates.INPUT, 0, T0);
        assertEquals(NONE, lab.table.lookupIn4(ServiceKey.UDP, CIP, 5353, VIP, 53, T0), "next packet is scheduled");
        assertEquals(0, lab.table.size());
        assertCounts(Lab.server(svc, RIP1), 0, 0);
    }

    @Test
    void syncedEntryKeepsTheMastersStateActivityAndTimeout()
    {
        final Lab lab = new Lab(8);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final ConnectionTuple tuple = new ConnectionTuple().protocol(ServiceKey.TCP, 4)
            .client(0, CIP & 0xFFFF_FFFFL, 40000).virtual(0, VIP & 0xFFFF_FFFFL, 80)
            .destination(0, RIP1 & 0xFFFF_FFFFL, 80);
        final int e = lab.table.createSynced(tuple, 0, TcpStates.ESTABLISHED, 700 * S, rs, svc, T0);
        assertEquals(e, lab.table.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, T0));
        assertEquals(TcpStates.ESTABLISHED, lab.table.state(e));
        assertEquals(ConnectionTable.F_SYNC, lab.table.flags(e) & ConnectionTable.F_SYNC);
        assertCounts(rs, 1, 0);
        assertEquals(T0 + 700 * S, lab.table.expiresAtNs(e));
        final int f = lab.table.createSynced(tuple.client(0, CIP2 & 0xFFFF_FFFFL, 40000),
            ConnectionTable.F_INACTIVE, TcpStates.FIN_WAIT, 50 * S, rs, svc, T0);
        assertCounts(rs, 1, 1);
        lab.expireAll(T0 + 50 * S + lab.table.expiryTickNs());
        assertFalse(lab.table.isLive(f));
        assertTrue(lab.table.isLive(e));
        assertCounts(rs, 1, 0);
        assertEquals(TcpStates.FIN_WAIT, lab.table.onPacket(e, TcpStates.INPUT, TCP_FIN, T0 + 60 * S));
        assertCounts(rs, 0, 1);
    }

    @Test
    void expiryIsBoundedPerCallAndCatchesUpAfterAPauseLongerThanTheWheel()
    {
        final Lab lab = new Lab(512);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        for (int i = 0; i < 400; i++)
        {
            final int e = i % 2 == 0 ? lab.established(svc, CIP, 10_000 + i, T0) : lab.syn(svc, CIP, 10_000 + i, T0);
            assertNotEquals(NONE, e);
        }
        assertCounts(rs, 200, 200);
        // 2000 s later: beyond the wheel's span (about 1126 s with the default tick and buckets).
        final long later = T0 + 2_000 * S;
        int calls = 0;
        int work;
        do
        {
            work = lab.table.expire(later, 50);
            assertTrue(work <= 51, "bounded: " + work);
            calls++;
        }
        while (work > 0 && calls < 100_000);
        assertTrue(calls > 10, "the work was spread over calls: " + calls);
        assertEquals(0, lab.table.size());
        assertCounts(rs, 0, 0);
        assertEquals(400, lab.table.expiredCount());
    }

    @Test
    void portReuseByASynAfterTimeWaitOrCloseAsConnReuseMode()
    {
        final Lab lab = new Lab(16);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int e = lab.established(svc, CIP, 40000, T0);
        assertFalse(lab.table.reuseExpected(e, 1), "ESTABLISHED");
        lab.table.onPacket(e, TcpStates.INPUT, TCP_FIN, T0);
        assertEquals(TcpStates.FIN_WAIT, lab.table.state(e));
        assertFalse(lab.table.reuseExpected(e, 1));
        assertTrue(lab.table.reuseExpected(e, 3), "FIN_WAIT without replies, with bit 2");
        lab.table.onPacket(e, TcpStates.INPUT, TCP_RST, T0);
        assertTrue(lab.table.reuseExpected(e, 1), "CLOSE");
        assertFalse(lab.table.reuseExpected(e, 0), "reuse disabled");
        final VirtualService persistent = Lab.service(ServiceKey.TCP, 443, ForwardMethod.ROUTE, false, RIP1);
        persistent.persistence(360, 0xFFFFFFFF);
        final int p = lab.connect(persistent, CIP, 40001, 443, T0);
        lab.table.onPacket(p, TcpStates.INPUT, TCP_RST, T0);
        assertEquals(TcpStates.CLOSE, lab.table.state(p));
        assertFalse(lab.table.reuseExpected(p, 1), "under a template: never");
    }

    static void assertCounts(final RealServer rs, final int active, final int inactive)
    {
        assertEquals(active, rs.activeConns(), "ActiveConn of " + rs);
        assertEquals(inactive, rs.inactConns(), "InActConn of " + rs);
    }
}
