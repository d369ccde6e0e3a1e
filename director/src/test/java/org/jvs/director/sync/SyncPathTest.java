package org.jvs.director.sync;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.conn.Timeouts;
import org.jvs.core.packet.Checksums;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.route.RouteTable;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.core.service.VipSet;
import org.jvs.core.worker.Ports;
import org.jvs.core.worker.Worker;
import org.jvs.core.worker.WorkerSettings;
import org.jvs.forwarders.method.Forwarders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole sync path between two real {@link Worker}s, without sockets: client frames through the master's worker,
 * its sync ring drained into a {@link SyncEncoder} as the sender does, the message given to a backup's
 * {@link SyncDispatcher}, applied by the backup's worker on its own thread (its command queue); the backup keeps
 * the connection without forwarding, and once it owns the VIPs forwards the connection's next packet to the same
 * real server.
 */
class SyncPathTest
{
    private static final int VIP = InetAddr.parse("198.18.0.100").ipv4();
    private static final int CLIENT = InetAddr.parse("198.18.0.2").ipv4();
    private static final long CLIENT_MAC = 0x02000000_0002L;
    private static final long DIRECTOR_MAC = 0x02000000_000aL;
    private static final long RS1_MAC = 0x02000000_000bL;
    private static final long RS2_MAC = 0x02000000_000cL;

    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private long nowNs = 1_000_000_000L;

    private static final class Node
    {
        final RingBuffer input = ring();
        final RingBuffer transmit = ring();
        final Worker worker;
        final List<Long> sentTo = new ArrayList<>();

        Node(final SyncPathTest test)
        {
            final Ports ports = new Ports(new String[] {"eth0"}, new long[] {DIRECTOR_MAC}, new int[] {1500},
                new RingBuffer[] {transmit});
            final ServiceTableRef tables = new ServiceTableRef();
            tables.publish(new ServiceTable(1, List.of(new ServiceSpec(
                ServiceKey.of(ServiceKey.TCP, InetAddr.ipv4(VIP), 80), "rr", 0, 0, -1, List.of(
                    new DestSpec(InetAddr.parse("198.18.0.11"), 80, ForwardMethod.ROUTE, 1, 0, 0),
                    new DestSpec(InetAddr.parse("198.18.0.12"), 80, ForwardMethod.ROUTE, 1, 0, 0))))));
            final WorkerSettings settings = new WorkerSettings(tables, new SchedulerRegistry(), ports,
                new RouteTable(List.of(new RouteTable.Route(InetAddr.parse("198.18.0.0").ipv4(), 24, 0, 0,
                    InetAddr.parse("198.18.0.10").ipv4()))), Forwarders::forOneWorker,
                new int[] {InetAddr.parse("198.18.0.10").ipv4()}, 1024,
                new long[] {InetAddr.parse("198.18.0.11").ipv4(), RS1_MAC, InetAddr.parse("198.18.0.12").ipv4(),
                    RS2_MAC, CLIENT, CLIENT_MAC}, new Timeouts());
            worker = new Worker(0, settings, input, () -> test.nowNs);
            worker.doWork();
            drain();
        }

        void drain()
        {
            sentTo.clear();
            transmit.read((type, buffer, index, length) -> sentTo.add(EthernetFlyweight.readMac(buffer, index)));
        }
    }

    private static RingBuffer ring()
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    private void send(final Node node, final int clientPort, final int flags)
    {
        final int ip = Worker.RX_HEADER + EthernetFlyweight.HEADER_LENGTH;
        final int l4 = ip + Ipv4Flyweight.MIN_HEADER_LENGTH;
        frame.putLong(0, nowNs);
        EthernetFlyweight.writeMac(frame, Worker.RX_HEADER, DIRECTOR_MAC);
        EthernetFlyweight.writeMac(frame, Worker.RX_HEADER + 6, CLIENT_MAC);
        frame.putShort(Worker.RX_HEADER + 12, (short)EthernetFlyweight.ETHER_TYPE_IPV4, ByteOrder.BIG_ENDIAN);
        ipv4.wrap(frame, ip).fill(40, 1, Ipv4Flyweight.FLAG_DF, 64, Ipv4Flyweight.PROTOCOL_TCP, CLIENT, VIP, 0);
        frame.putShort(l4, (short)clientPort, ByteOrder.BIG_ENDIAN);
        frame.putShort(l4 + 2, (short)80, ByteOrder.BIG_ENDIAN);
        frame.putLong(l4 + 4, 0, ByteOrder.BIG_ENDIAN);
        frame.putByte(l4 + 12, (byte)0x50);
        frame.putByte(l4 + 13, (byte)flags);
        frame.putInt(l4 + 14, 0xFFFF_0000, ByteOrder.BIG_ENDIAN);
        frame.putInt(l4 + 16, 0, ByteOrder.BIG_ENDIAN);
        frame.putShort(l4 + 16, (short)Checksums.transportChecksumIpv4(frame, l4, 20, CLIENT, VIP,
            Ipv4Flyweight.PROTOCOL_TCP), ByteOrder.BIG_ENDIAN);
        node.input.write(1, frame, 0, Worker.RX_HEADER + EthernetFlyweight.MIN_FRAME_LENGTH);
        node.worker.doWork();
        node.drain();
    }

    @Test
    void aConnectionMadeOnTheMasterIsKeptByTheBackupAndForwardedToTheSameServerAfterTakeover()
    {
        final Node master = new Node(this);
        final Node backup = new Node(this);
        master.worker.connectionSync().master(true);
        backup.worker.standbyVips(VipSet.of(VIP));

        send(master, 40001, 0x02);
        send(master, 40002, 0x02);
        final long rsOf40002 = master.sentTo.get(0);
        for (int i = 0; i < 2; i++)
        {
            send(master, 40001, 0x10);
            send(master, 40002, 0x10);
        }
        assertEquals(rsOf40002, master.sentTo.get(0), "rr: the connection keeps its server");

        final List<byte[]> messages = new ArrayList<>();
        final SyncEncoder encoder = new SyncEncoder(7, SyncProtocol.DEFAULT_MAX_MESSAGE_LENGTH,
            (buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                messages.add(copy);
            });
        final SyncEntry entry = new SyncEntry();
        final int records = master.worker.connectionSync().ring().read(
            (type, buffer, index, length) -> encoder.append(entry.fromRecord(buffer, index)));
        assertEquals(2, records, "each connection once, at its third client packet");
        encoder.flush();
        assertEquals(1, messages.size());

        final SyncDispatcher wrongId = new SyncDispatcher(8, List.of(backup.worker), new FlowShard(1, 1));
        assertEquals(-1, wrongId.onMessage(new UnsafeBuffer(messages.get(0)), 0, messages.get(0).length));
        assertEquals(1, wrongId.decoder().wrongSyncId());

        final SyncDispatcher dispatcher = new SyncDispatcher(0, List.of(backup.worker), new FlowShard(1, 1));
        assertEquals(2, dispatcher.onMessage(new UnsafeBuffer(messages.get(0)), 0, messages.get(0).length));
        dispatcher.schedule();
        backup.worker.doWork();
        assertEquals(2, dispatcher.applied()[0], "two connections made on the backup's worker");

        final ConnectionTable table = backup.worker.connectionTable();
        final int synced = table.lookupIn4(ServiceKey.TCP, CLIENT, 40002, VIP, 80, nowNs);
        assertNotEquals(ConnectionTable.NONE, synced);
        assertEquals(TcpStates.ESTABLISHED, table.state(synced));
        assertEquals(ConnectionTable.F_SYNC, table.flags(synced) & ConnectionTable.F_SYNC);
        assertEquals(900_000_000_000L, table.timeoutNs(synced));
        final int other = table.lookupIn4(ServiceKey.TCP, CLIENT, 40001, VIP, 80, nowNs);
        assertNotSame(table.server(synced), table.server(other), "rr on the master: one connection per server");
        assertEquals(1, table.server(synced).activeConns(), "synced ESTABLISHED: active");
        assertEquals(1, table.server(other).activeConns());
        assertEquals(ForwardMethod.ROUTE.ordinal(), table.handler(synced), "the DR handler is set");

        send(backup, 40002, 0x10);
        assertTrue(backup.sentTo.isEmpty(), "a backup does not forward: " + backup.sentTo);

        assertEquals(2, dispatcher.onMessage(new UnsafeBuffer(messages.get(0)), 0, messages.get(0).length));
        dispatcher.schedule();
        backup.worker.doWork();
        assertEquals(2, dispatcher.applied()[1], "sent again: refreshed, not duplicated");
        assertEquals(2, table.size());

        backup.worker.standbyVips(VipSet.EMPTY);
        send(backup, 40002, 0x10);
        assertEquals(List.of(rsOf40002), backup.sentTo, "after takeover: the same real server");
    }
}
