package org.jvs.director.sync;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.ConnectionTuple;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.conn.Timeouts;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.jvs.schedulers.RoundRobinScheduler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncCodecTest
{
    static final long S = 1_000_000_000L;
    static final long T0 = 1_000 * S;
    /** 198.18.0.10. */
    static final int CIP = 0xC612000A;
    /** 198.18.0.100. */
    static final int VIP = 0xC6120064;
    /** 198.18.1.1. */
    static final int RIP1 = 0xC6120101;
    /** 198.18.1.2. */
    static final int RIP2 = 0xC6120102;

    /** One IPv4 TCP entry: 198.18.0.10:40000 → 198.18.0.100:80 → 198.18.1.1:80, DR, ESTABLISHED, 900 s. */
    static final String ONE_ENTRY_HEX =
        "00ff002c01010000" +                       // reserved 0, syncid 255, size 44, 1 conn, version 1, spare
        "0006" + "0024" + "00000183" +             // type v4, TCP, ver 0 size 36, flags DROUTE|NOOUTPUT|INACTIVE
        "0001" + "9c40" + "0050" + "0050" +        // state ESTABLISHED(1), cport 40000, vport 80, dport 80
        "00000000" + "00000384" +                  // fwmark 0, timeout 900
        "c612000a" + "c6120064" + "c6120101";      // caddr, vaddr, daddr

    static ConnectionTable table(final int capacity)
    {
        return new ConnectionTable(capacity, new Timeouts(), 0x5EED_1234_5678_9ABCL,
            ConnectionTable.DEFAULT_TICK_SHIFT, ConnectionTable.DEFAULT_WHEEL_BUCKETS);
    }

    static VirtualService service()
    {
        final VirtualService svc = new VirtualService(
            ServiceKey.of(ServiceKey.TCP, InetAddr.ipv4(VIP), 80), new RoundRobinScheduler(), 0);
        svc.addServer(new RealServer(InetAddr.ipv4(RIP1), 80, ForwardMethod.ROUTE, 1, 0, 0));
        svc.addServer(new RealServer(InetAddr.ipv4(RIP2), 80, ForwardMethod.ROUTE, 1, 0, 0));
        return svc;
    }

    static int connect(
        final ConnectionTable table, final VirtualService svc, final int cport, final int rip, final long nowNs)
    {
        final RealServer server = svc.find(InetAddr.ipv4(rip), 80);
        final ConnectionTuple tuple = new ConnectionTuple().protocol(ServiceKey.TCP, InetAddr.AF_INET)
            .client(0, CIP & 0xFFFF_FFFFL, cport).virtual(0, VIP & 0xFFFF_FFFFL, 80)
            .destination(0, rip & 0xFFFF_FFFFL, 80);
        return table.create(tuple, 0, server, svc, nowNs);
    }

    static List<byte[]> collect(final SyncEncoder[] holder, final int syncId, final int maxLength)
    {
        final List<byte[]> messages = new ArrayList<>();
        holder[0] = new SyncEncoder(syncId, maxLength, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
        });
        return messages;
    }

    @Test
    void oneEntryEncodesToTheKernelsLayout()
    {
        final SyncEncoder[] encoder = new SyncEncoder[1];
        final List<byte[]> messages = collect(encoder, SyncProtocol.DEFAULT_SYNC_ID, 1472);
        encoder[0].append(new SyncEntry().protocol(false, ServiceKey.TCP)
            .client(0, CIP & 0xFFFF_FFFFL, 40000).virtual(0, VIP & 0xFFFF_FFFFL, 80)
            .destination(0, RIP1 & 0xFFFF_FFFFL, 80)
            .status(ConnectionTable.F_DROUTE | ConnectionTable.F_NOOUTPUT | ConnectionTable.F_INACTIVE |
                ConnectionTable.F_HASHED, TcpStates.ESTABLISHED, 0, 900));
        assertTrue(encoder[0].flush());
        assertEquals(1, messages.size());
        assertEquals(ONE_ENTRY_HEX, hex(messages.get(0)), "hashed flag dropped, fields big-endian");
    }

    @Test
    void tableRoundTripsToABackupTable()
    {
        final VirtualService master = service();
        final ConnectionTable masterTable = table(64);
        final int a = connect(masterTable, master, 40000, RIP1, T0);
        masterTable.onPacket(a, TcpStates.INPUT, 0x02, T0);
        final int b = connect(masterTable, master, 40001, RIP2, T0);
        masterTable.onPacket(b, TcpStates.INPUT, 0x02, T0);
        masterTable.onPacket(b, TcpStates.INPUT, 0x10, T0);

        final SyncEncoder[] encoder = new SyncEncoder[1];
        final List<byte[]> messages = collect(encoder, 7, 1472);
        assertEquals(2, masterTable.forEach(encoder[0]));
        encoder[0].flush();
        assertEquals(1, messages.size());
        assertEquals(8 + 2 * 36, messages.get(0).length);

        final VirtualService backup = service();
        final ConnectionTable backupTable = table(64);
        final SyncApplier applier = new SyncApplier(backupTable, resolver(backup)).now(T0 + S);
        final SyncDecoder decoder = new SyncDecoder(7);
        assertEquals(2, decoder.decode(new UnsafeBuffer(messages.get(0)), 0, messages.get(0).length, applier));
        assertEquals(2, applier.created());
        for (final int cport : new int[]{40000, 40001})
        {
            final int m = masterTable.lookupIn4(ServiceKey.TCP, CIP, cport, VIP, 80, T0);
            final int e = backupTable.lookupIn4(ServiceKey.TCP, CIP, cport, VIP, 80, T0 + S);
            assertTrue(e != ConnectionTable.NONE, "synced " + cport);
            assertEquals(masterTable.state(m), backupTable.state(e));
            assertEquals(masterTable.destinationLo(m), backupTable.destinationLo(e));
            assertEquals(masterTable.timeoutNs(m), backupTable.timeoutNs(e));
            assertEquals(T0 + S + masterTable.timeoutNs(m), backupTable.expiresAtNs(e));
            assertEquals(ConnectionTable.F_SYNC, backupTable.flags(e) & ConnectionTable.F_SYNC);
            assertTrue(backupTable.server(e) == backup.find(InetAddr.ipv4(masterTable.server(m).address().ipv4()),
                80), "same real server");
        }

        assertEquals(2, decoder.decode(new UnsafeBuffer(messages.get(0)), 0, messages.get(0).length,
            applier.now(T0 + 2 * S)));
        assertEquals(2, applier.refreshed(), "a second message refreshes, does not duplicate");
        assertEquals(2, backupTable.size());
    }

    @Test
    void aKnownConnectionTakesTheMastersStateAndAZeroTimeoutMeansTheStatesOwn()
    {
        final VirtualService backup = service();
        final ConnectionTable backupTable = table(64);
        final SyncApplier applier = new SyncApplier(backupTable, resolver(backup)).now(T0);
        final SyncEntry entry = new SyncEntry().protocol(false, ServiceKey.TCP)
            .client(0, CIP & 0xFFFF_FFFFL, 40000).virtual(0, VIP & 0xFFFF_FFFFL, 80)
            .destination(0, RIP1 & 0xFFFF_FFFFL, 80)
            .status(ConnectionTable.F_DROUTE | ConnectionTable.F_NOOUTPUT, TcpStates.ESTABLISHED, 0, 900);
        applier.onEntry(7, entry);
        final int e = backupTable.lookupIn4(ServiceKey.TCP, CIP, 40000, VIP, 80, T0);
        final RealServer rs = backupTable.server(e);
        assertEquals(1, rs.activeConns());

        applier.now(T0 + S).onEntry(7, entry.status(ConnectionTable.F_DROUTE | ConnectionTable.F_NOOUTPUT |
            ConnectionTable.F_INACTIVE, TcpStates.FIN_WAIT, 0, 0));
        assertEquals(1, applier.refreshed());
        assertEquals(TcpStates.FIN_WAIT, backupTable.state(e));
        assertEquals(0, rs.activeConns(), "FIN_WAIT sent inactive: ActiveConn to InActConn");
        assertEquals(1, rs.inactConns());
        assertEquals(backupTable.timeouts().tcpNs(TcpStates.FIN_WAIT), backupTable.timeoutNs(e),
            "timeout 0 in the message: the state's (IPVS's ip_vs_proc_conn)");
        assertEquals(T0 + S + 120 * S, backupTable.expiresAtNs(e));
    }

    @Test
    void messagesStayWithinTheMtuAndCarryEveryEntry()
    {
        final SyncEncoder[] encoder = new SyncEncoder[1];
        final List<byte[]> messages = collect(encoder, 255, SyncProtocol.DEFAULT_MAX_MESSAGE_LENGTH);
        final int total = 100;
        for (int i = 0; i < total; i++)
        {
            encoder[0].append(new SyncEntry().protocol(i % 3 == 0, ServiceKey.UDP)
                .client(i % 3 == 0 ? 0x2001_0db8_0000_0000L : 0, 0xC612_0000L + i, 1024 + i)
                .virtual(0, VIP & 0xFFFF_FFFFL, 53).destination(0, RIP1 & 0xFFFF_FFFFL, 53)
                .status(ConnectionTable.F_MASQ, ConnectionTable.UDP_NORMAL, 0, 300));
        }
        encoder[0].flush();
        assertTrue(messages.size() > 1);
        final SyncDecoder decoder = new SyncDecoder(0);
        final List<Integer> ports = new ArrayList<>();
        for (final byte[] m : messages)
        {
            assertTrue(m.length <= 1472, "message of " + m.length);
            decoder.decode(new UnsafeBuffer(m), 0, m.length, (id, e) ->
            {
                assertEquals(e.clientPort() % 3 == 1024 % 3, e.ipv6());
                assertEquals(0xC612_0000L + e.clientPort() - 1024, e.clientLo());
                ports.add(e.clientPort());
            });
        }
        assertEquals(total, ports.size());
        for (int i = 0; i < total; i++)
        {
            assertEquals(1024 + i, ports.get(i));
        }
    }

    @Test
    void badMessagesAreCountedAndIgnored()
    {
        final byte[] good = unhex(ONE_ENTRY_HEX);
        final SyncDecoder decoder = new SyncDecoder(255);
        final List<SyncEntry> seen = new ArrayList<>();
        assertEquals(-1, decoder.decode(new UnsafeBuffer(good), 0, good.length - 4, (id, e) -> seen.add(e)));
        assertEquals(1, decoder.malformed(), "size field disagrees with the datagram");

        final byte[] otherId = good.clone();
        otherId[1] = 9;
        assertEquals(-1, decoder.decode(new UnsafeBuffer(otherId), 0, otherId.length, (id, e) -> seen.add(e)));
        assertEquals(1, decoder.wrongSyncId());

        final byte[] version0 = good.clone();
        version0[0] = 1;
        assertEquals(-1, decoder.decode(new UnsafeBuffer(version0), 0, version0.length, (id, e) -> seen.add(e)));
        assertEquals(1, decoder.unsupportedVersion());

        final byte[] entryVersion = good.clone();
        entryVersion[10] = 0x10;
        assertEquals(0, decoder.decode(new UnsafeBuffer(entryVersion), 0, entryVersion.length,
            (id, e) -> seen.add(e)));
        assertEquals(1, decoder.skippedEntries());
        assertEquals(0, seen.size());
        assertEquals(1, decoder.decode(new UnsafeBuffer(good), 0, good.length, (id, e) -> seen.add(e)));
    }

    @Test
    void headerReadsBack()
    {
        final DirectBuffer b = new UnsafeBuffer(unhex(ONE_ENTRY_HEX));
        assertEquals(44, b.getShort(SyncProtocol.SIZE_OFFSET, ByteOrder.BIG_ENDIAN));
        assertArrayEquals(unhex("00ff"), new byte[]{b.getByte(0), b.getByte(1)});
    }

    static SyncResolver resolver(final VirtualService svc)
    {
        return new SyncResolver()
        {
            public VirtualService service(final SyncEntry entry)
            {
                return entry.virtualPort() == svc.key().port() && entry.protocol() == svc.key().protocol() ? svc : null;
            }

            public RealServer server(final VirtualService service, final SyncEntry entry)
            {
                return service.find(ConnectionTuple.address(entry.family(), entry.destinationHi(),
                    entry.destinationLo()), entry.destinationPort());
            }
        };
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte x : bytes)
        {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    static byte[] unhex(final String hex)
    {
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
