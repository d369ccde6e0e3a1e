package org.jvs.core.conn;

import static org.jvs.core.conn.Lab.RIP1;
import static org.jvs.core.conn.Lab.S;
import static org.jvs.core.conn.Lab.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * The open-addressing index against a {@link HashMap} model: random inserts and deletes under heavy
 * collisions (many entries share one client CIP:cport, hence one hash and one probe run), IPv6 tuples.
 */
class ConnectionIndexTest
{
    private static final int NONE = ConnectionTable.NONE;

    /** Model key: the in-direction tuple of an IPv4 entry. */
    private record Key(int protocol, int cip, int cport, int vip, int vport)
    {
    }

    @Test
    void randomInsertsAndDeletesUnderHeavyCollisionsMatchAHashMap()
    {
        for (final long seed : new long[] {1, 42, 20261122})
        {
            runModel(seed);
        }
    }

    private static void runModel(final long seed)
    {
        final Random random = new Random(seed);
        final int capacity = 256;
        final ConnectionTable table = new ConnectionTable(capacity, new Timeouts(), seed, 24, 1024);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.MASQ, false, RIP1);
        final RealServer rs = Lab.server(svc, RIP1);
        final ConnectionTuple tuple = new ConnectionTuple();
        final Map<Key, Integer> model = new HashMap<>();
        final List<Key> keys = new ArrayList<>();
        for (int op = 0; op < 20_000; op++)
        {
            if (random.nextInt(100) < 55 && table.free() > 0)
            {
                // A third of the keys share CIP 198.18.0.1:1000 and differ only in VIP:vport: one hash.
                final boolean collide = random.nextInt(3) == 0;
                final Key key = new Key(ServiceKey.TCP, collide ? 0xC6120001 : 0xC6120000 | random.nextInt(64),
                    collide ? 1000 : 1000 + random.nextInt(8), 0xC6130000 | random.nextInt(1 << 12),
                    random.nextInt(4));
                if (model.containsKey(key))
                {
                    continue;
                }
                tuple.protocol(key.protocol(), InetAddr.AF_INET).client(0, key.cip() & 0xFFFF_FFFFL, key.cport())
                    .virtual(0, key.vip() & 0xFFFF_FFFFL, key.vport()).destination(0, 0xC6120101L, realPort(key));
                final int entry = table.create(tuple, 0, rs, svc, T0);
                assertNotEquals(NONE, entry);
                model.put(key, entry);
                keys.add(key);
            }
            else if (!keys.isEmpty())
            {
                final Key key = keys.remove(random.nextInt(keys.size()));
                assertTrue(table.remove(model.remove(key)));
                assertEquals(NONE, find(table, key), "deleted key still found, seed " + seed + " op " + op);
            }
            if (op % 97 == 0)
            {
                checkAll(table, model, seed, op);
            }
        }
        checkAll(table, model, seed, -1);
        assertEquals(model.size(), table.size());
        assertEquals(model.size(), rs.inactConns());
    }

    /** NAT needs (RIP:rport, CIP:cport) unique: derive rport from the VIP and vport. */
    private static int realPort(final Key key)
    {
        return (key.vip() & 0xFFF) << 2 | key.vport();
    }

    private static int find(final ConnectionTable table, final Key key)
    {
        return table.lookupIn4(key.protocol(), key.cip(), key.cport(), key.vip(), key.vport(), T0);
    }

    private static void checkAll(final ConnectionTable table, final Map<Key, Integer> model, final long seed,
        final int op)
    {
        int longestRun = 0;
        for (final Map.Entry<Key, Integer> e : model.entrySet())
        {
            final Key key = e.getKey();
            final String what = "seed " + seed + " op " + op + " " + key;
            assertEquals(e.getValue().intValue(), find(table, key), what);
            assertEquals(e.getValue().intValue(), table.lookupOut4(key.protocol(), RIP1, realPort(key), key.cip(),
                key.cport(), T0), what + " (out)");
            longestRun = Math.max(longestRun, table.probeDistance(e.getValue()));
        }
        assertTrue(model.size() < 20 || longestRun > 4, "the test must make collisions: longest run " + longestRun);
    }

    @Test
    void ipv6TuplesInBothDirectionsAndApartFromIpv4()
    {
        final Lab lab = new Lab(16);
        final InetAddr vip = InetAddr.parse("2001:db8::100");
        final InetAddr rip = InetAddr.parse("2001:db8:1::1");
        final InetAddr cip = InetAddr.parse("2001:db8:2::c612:a");
        final VirtualService svc = new VirtualService(ServiceKey.of(ServiceKey.TCP, vip, 443),
            new FirstServerScheduler(false), 0);
        final RealServer rs = new RealServer(rip, 8443, ForwardMethod.MASQ, 1, 0, 0);
        svc.addServer(rs);
        final ScheduleRequest request = new ScheduleRequest().of(ServiceKey.TCP, cip, 40000, vip, 443, T0);
        final int e = lab.connections.newConnection(svc, request);
        assertNotEquals(NONE, e);
        lab.table.onPacket(e, TcpStates.INPUT, TcpStates.TCP_SYN, T0);
        final ConnectionTable t = lab.table;
        final long cHi = ConnectionTuple.hi(cip);
        final long cLo = ConnectionTuple.lo(cip);
        assertEquals(e, t.lookupIn(ServiceKey.TCP, InetAddr.AF_INET6, cHi, cLo, 40000, ConnectionTuple.hi(vip),
            ConnectionTuple.lo(vip), 443, T0));
        assertEquals(e, t.lookupOut(ServiceKey.TCP, InetAddr.AF_INET6, ConnectionTuple.hi(rip),
            ConnectionTuple.lo(rip), 8443, cHi, cLo, 40000, T0));
        assertEquals(NONE, t.lookupIn(ServiceKey.TCP, InetAddr.AF_INET6, cHi ^ 1, cLo, 40000, ConnectionTuple.hi(vip),
            ConnectionTuple.lo(vip), 443, T0), "high half of CIP differs");
        assertEquals(cip, t.clientAddress(e));
        assertEquals(vip, t.virtualAddress(e));
        assertEquals(rip, t.destinationAddress(e));
        assertEquals(8443, t.destinationPort(e));
        // The IPv4 address with the same low 32 bits is another key.
        assertEquals(NONE, t.lookupIn(ServiceKey.TCP, InetAddr.AF_INET, 0, cLo, 40000, 0, ConnectionTuple.lo(vip),
            443, T0));
        assertEquals("TCP 01:00  SYN_RECV    [2001:db8:2::c612:a]:40000 [2001:db8::100]:443 [2001:db8:1::1]:8443",
            ConnectionListing.line(t, e, T0));
        lab.expireAll(T0 + 61 * S);
        assertEquals(0, t.size());
        assertEquals(0, rs.inactConns());
    }

    @Test
    void slotCountIsAPowerOfTwoAtLeastTwiceTheCapacity()
    {
        assertEquals(2, new ConnectionTable(1, new Timeouts()).slotCount());
        assertEquals(2048, new ConnectionTable(1000, new Timeouts()).slotCount());
        assertEquals(2048, new ConnectionTable(1024, new Timeouts()).slotCount());
        assertEquals(4096, new ConnectionTable(1025, new Timeouts()).slotCount());
    }
}
