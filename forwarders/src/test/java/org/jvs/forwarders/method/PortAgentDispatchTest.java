package org.jvs.forwarders.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.core.worker.PortAgent;
import org.jvs.forwarders.port.MemoryPort;
import org.junit.jupiter.api.Test;

/**
 * With several workers, a connection's frames reach the worker that owns it whichever port receives them: a
 * client's packet to the VIP, the real server's NAT reply on the other port, and an ICMP error quoting either;
 * ARP reaches every worker. Port agents over in-memory ports, workers' rings read directly.
 */
class PortAgentDispatchTest
{
    private static final int WORKERS = 4;
    private static final int VIP = InetAddr.parse("198.18.0.100").ipv4();
    private static final int RIP = InetAddr.parse("198.18.1.11").ipv4();
    private static final long MAC = 0x02000000_0002L;

    private final RingBuffer[] rings = new RingBuffer[WORKERS];
    private final ServiceTableRef tables = new ServiceTableRef();
    private final FlowShard shard = new FlowShard(WORKERS, 42);
    private final MemoryPort clientSide = new MemoryPort("eth0", MAC);
    private final MemoryPort serverSide = new MemoryPort("eth1", MAC + 1);
    private final PortAgent clientAgent;
    private final PortAgent serverAgent;

    PortAgentDispatchTest()
    {
        for (int w = 0; w < WORKERS; w++)
        {
            rings[w] = new ManyToOneRingBuffer(
                new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
        }
        tables.publish(new ServiceTable(1, List.of(new ServiceSpec(ServiceKey.of(ServiceKey.UDP, InetAddr.ipv4(VIP),
            80), "rr", 0, 0, -1, List.of(new DestSpec(InetAddr.ipv4(RIP), 80, ForwardMethod.MASQ, 1, 0, 0))))));
        clientAgent = new PortAgent(0, clientSide, ring(), rings, shard, tables, () -> 0L);
        serverAgent = new PortAgent(1, serverSide, ring(), rings, shard, tables, () -> 0L);
    }

    private static RingBuffer ring()
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * @return for each worker, the ports (as message type - 1) of the frames in its ring.
     */
    private List<List<Integer>> drain()
    {
        final List<List<Integer>> seen = new ArrayList<>();
        for (final RingBuffer ring : rings)
        {
            final List<Integer> ports = new ArrayList<>();
            ring.read((type, buffer, index, length) -> ports.add(type - 1));
            seen.add(ports);
        }
        return seen;
    }

    private static byte[] bytes(final UnsafeBuffer frame)
    {
        final byte[] out = new byte[TestFrames.length(frame)];
        frame.getBytes(0, out);
        return out;
    }

    @Test
    void requestReplyAndIcmpErrorsOfAConnectionMeetInOneWorker()
    {
        final int owners = 64;
        final boolean[] used = new boolean[WORKERS];
        for (int i = 0; i < owners; i++)
        {
            final int client = InetAddr.parse("198.18.2." + (10 + i)).ipv4();
            final int port = 40000 + i * 7;
            final int owner = shard.owner4(ServiceKey.UDP, client, port);
            used[owner] = true;
            final UnsafeBuffer request = TestFrames.udp(1, MAC, client, VIP, port, 80, 8);
            final UnsafeBuffer reply = TestFrames.udp(2, MAC + 1, RIP, client, 80, port, 8);
            clientSide.inject(bytes(request));
            serverSide.inject(bytes(reply));
            serverSide.inject(bytes(TestFrames.icmpError(2, MAC + 1, RIP, client, 3, 3, request)));
            final UnsafeBuffer replyAsTheClientSawIt = TestFrames.udp(MAC, 1, VIP, client, 80, port, 8);
            clientSide.inject(bytes(TestFrames.icmpError(1, MAC, client, VIP, 3, 4, replyAsTheClientSawIt)));
            clientAgent.doWork();
            serverAgent.doWork();
            final List<List<Integer>> seen = drain();
            for (int w = 0; w < WORKERS; w++)
            {
                assertEquals(w == owner ? 4 : 0, seen.get(w).size(), "connection " + i + " worker " + w + ": " + seen);
            }
        }
        for (int w = 0; w < WORKERS; w++)
        {
            assertTrue(used[w], "the flows spread over every worker");
        }
    }

    @Test
    void arpReachesEveryWorker()
    {
        clientSide.inject(bytes(TestFrames.arpRequest(1, InetAddr.parse("198.18.0.50").ipv4(), VIP)));
        clientAgent.doWork();
        for (final List<Integer> ports : drain())
        {
            assertEquals(List.of(0), ports);
        }
    }
}
