package org.jvs.bench.worker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
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
import org.jvs.core.worker.Ports;
import org.jvs.core.worker.Worker;
import org.jvs.core.worker.WorkerSettings;
import org.jvs.forwarders.method.Forwarders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole worker loop, as the packet path runs it: a frame written into a real {@link Worker}'s receive ring,
 * the worker's duty cycle (parse, connection lookup or scheduling, the connection's DR or NAT handler, route,
 * next-hop MAC, transmit ring), and the frame read back from the transmit ring. One frame per operation.
 * Run with {@code -prof gc}: the allocation per operation must be ≈ 0 B.
 * <ul>
 *   <li>{@code established}: a TCP ACK of one of 4,096 established connections, in turn.</li>
 *   <li>{@code newConnection}: a SYN from a new client port, scheduled by rr, with the clock moved on so
 *   connections expire (NONE state, 2 s) and the table keeps a steady size.</li>
 * </ul>
 * With {@code sync=master} connection sync is on: {@code established} ACKs make each connection write a sync
 * record at its 3rd, 53rd... packet (IPVS's threshold 3, period 50), drained from the worker's sync ring here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WorkerBenchmark
{
    private static final int CONNECTIONS = 4096;
    private static final int VIP = InetAddr.parse("198.18.0.100").ipv4();
    private static final int CLIENT = InetAddr.parse("198.18.0.50").ipv4();
    private static final long DIRECTOR_MAC = 0x02000000_0002L;

    @Param({"ROUTE", "MASQ"})
    public String method;

    /** "master": connection sync on, the worker writes sync records, drained each operation as the sender would. */
    @Param({"off", "master"})
    public String sync;

    private RingBuffer input;
    private RingBuffer transmit;
    private Worker worker;
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private int sentBytes;
    private final MessageHandler counter = (type, buffer, index, length) -> sentBytes += length;
    private final MessageHandler syncRecord = (type, buffer, index, length) -> sentBytes += buffer.getInt(index);
    private long nowNs = 1_000_000_000L;
    private int next;
    private int newPort;

    @Setup(Level.Trial)
    public void setUp()
    {
        input = ring();
        transmit = ring();
        final Ports ports = new Ports(new String[] {"eth0"}, new long[] {DIRECTOR_MAC}, new int[] {1500},
            new RingBuffer[] {transmit});
        final ServiceTableRef tables = new ServiceTableRef();
        final ForwardMethod forward = ForwardMethod.valueOf(method);
        tables.publish(new ServiceTable(1, List.of(new ServiceSpec(ServiceKey.of(ServiceKey.TCP, InetAddr.ipv4(VIP),
            80), "rr", 0, 0, -1, List.of(
                new DestSpec(InetAddr.parse("198.18.0.11"), 80, forward, 1, 0, 0),
                new DestSpec(InetAddr.parse("198.18.0.12"), 80, forward, 1, 0, 0))))));
        final WorkerSettings settings = new WorkerSettings(tables, new SchedulerRegistry(), ports,
            new RouteTable(List.of(new RouteTable.Route(InetAddr.parse("198.18.0.0").ipv4(), 24, 0, 0,
                InetAddr.parse("198.18.0.2").ipv4()))), Forwarders::forOneWorker,
            new int[] {InetAddr.parse("198.18.0.2").ipv4()}, 1 << 16,
            new long[] {InetAddr.parse("198.18.0.11").ipv4(), 0x02000000_000bL,
                InetAddr.parse("198.18.0.12").ipv4(), 0x02000000_000cL, CLIENT, 0x02000000_0032L},
            new Timeouts());
        worker = new Worker(0, settings, input, () -> nowNs);
        worker.connectionSync().master("master".equals(sync));
        worker.doWork();
        drain();
        for (int i = 0; i < CONNECTIONS; i++)
        {
            send(1024 + i, 0x02);
        }
    }

    private static RingBuffer ring()
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    private void tcp(final int clientPort, final int flags)
    {
        final int ip = Worker.RX_HEADER + EthernetFlyweight.HEADER_LENGTH;
        final int l4 = ip + Ipv4Flyweight.MIN_HEADER_LENGTH;
        frame.putLong(0, nowNs);
        EthernetFlyweight.writeMac(frame, Worker.RX_HEADER, DIRECTOR_MAC);
        EthernetFlyweight.writeMac(frame, Worker.RX_HEADER + 6, 0x02000000_0032L);
        frame.putShort(Worker.RX_HEADER + 12, (short)EthernetFlyweight.ETHER_TYPE_IPV4, ByteOrder.BIG_ENDIAN);
        ipv4.wrap(frame, ip).fill(40, 1, Ipv4Flyweight.FLAG_DF, 64, Ipv4Flyweight.PROTOCOL_TCP,
            CLIENT, VIP, 0);
        frame.putShort(l4, (short)clientPort, ByteOrder.BIG_ENDIAN);
        frame.putShort(l4 + 2, (short)80, ByteOrder.BIG_ENDIAN);
        frame.putLong(l4 + 4, 0, ByteOrder.BIG_ENDIAN);
        frame.putByte(l4 + 12, (byte)0x50);
        frame.putByte(l4 + 13, (byte)flags);
        frame.putInt(l4 + 14, 0xFFFF_0000, ByteOrder.BIG_ENDIAN);
        frame.putInt(l4 + 16, 0, ByteOrder.BIG_ENDIAN);
        frame.putShort(l4 + 16, (short)Checksums.transportChecksumIpv4(frame, l4, 20, CLIENT, VIP,
            Ipv4Flyweight.PROTOCOL_TCP), ByteOrder.BIG_ENDIAN);
    }

    private int send(final int clientPort, final int flags)
    {
        tcp(clientPort, flags);
        input.write(1, frame, 0, Worker.RX_HEADER + EthernetFlyweight.MIN_FRAME_LENGTH);
        worker.doWork();
        return drain();
    }

    private int drain()
    {
        sentBytes = 0;
        transmit.read(counter);
        worker.connectionSync().ring().read(syncRecord);
        return sentBytes;
    }

    /**
     * @return bytes transmitted (the frame, forwarded).
     */
    @Benchmark
    public int established()
    {
        next = (next + 1) & (CONNECTIONS - 1);
        return send(1024 + next, 0x10);
    }

    /**
     * @return bytes transmitted.
     */
    @Benchmark
    public int newConnection()
    {
        nowNs += 2_000_000;
        newPort = newPort == 60_000 ? 0 : newPort + 1;
        return send(5_000 + newPort, 0x02);
    }
}
