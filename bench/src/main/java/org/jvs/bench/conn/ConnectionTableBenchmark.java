package org.jvs.bench.conn;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jvs.core.conn.ConnectionScheduler;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.conn.Timeouts;
import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The connection table of one worker holding {@value #ESTABLISHED} established connections (1M), a NAT
 * service with four real servers, scheduled in turn (a minimal rr of this file, so that the figures measure the
 * table, not a scheduler):
 * <ul>
 *     <li>{@link #lookupInAndUpdate}: a client packet of a random live connection: {@code lookupIn4} hit, then
 *     the state transition and expiry re-arm ({@code onPacket}, ACK in ESTABLISHED);</li>
 *     <li>{@link #lookupOutAndUpdate}: the same for a NAT reply ({@code lookupOut4}, OUTPUT ACK);</li>
 *     <li>{@link #newConnectionAndExpiry}: a whole short connection on top of the 1M: schedule and make
 *     the entry, SYN, ACK (ESTABLISHED, server activated), RST (CLOSE, 1 s timeout here), plus a bounded
 *     {@code expire} call; simulated time moves 30.5 µs per operation so about 32K such connections are
 *     alive at any time and each operation expires about one.</li>
 * </ul>
 * Connections are picked from a random permutation, so lookups miss the CPU caches as they would under real
 * traffic over a large table. Run with {@code -prof gc}: the operations must allocate about 0 B/op.
 * <p>
 * References in the same run, since the machine is shared and absolute numbers move: {@link #referenceRandomRead}
 * (fetch a random connection's tuple, then one read at a random place of a 144 MB array: the two cache misses
 * that any lookup of a random connection in a large table pays, the tuple's and the table's)
 * and {@link #referenceHashMapLookupAndUpdate} (the same 1M connections in a {@code java.util.HashMap} keyed by a
 * tuple object, looked up with a reused key and updated in place: the "HashMap of Conn" STYLE.md rules out).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ConnectionTableBenchmark
{
    /** Established connections in the table. */
    public static final int ESTABLISHED = 1 << 20;
    /** Room for the churning connections of {@link #newConnectionAndExpiry}. */
    public static final int CHURN_ROOM = 1 << 16;
    /** Simulated time per churn operation: 1 s CLOSE timeout / 32K live churn connections. */
    public static final long CHURN_STEP_NS = 1_000_000_000L / (1 << 15);
    /** Work bound of the expire call made with each churn operation. */
    public static final int EXPIRE_WORK = 64;

    private static final int VIP = 0xC612_0064;
    private static final int VPORT = 80;
    private static final int CHURN_CLIENTS = 0xC614_0000;

    private final ScheduleRequest request = new ScheduleRequest();
    /** CIP &lt;&lt; 32 | cport of each established connection (one array: one cache miss to fetch a tuple). */
    private final long[] client = new long[ESTABLISHED];
    private final int[] realServerIp = new int[ESTABLISHED];
    private final int[] order = new int[ESTABLISHED];
    private ConnectionTable table;
    private ConnectionScheduler connections;
    private VirtualService service;
    private long nowNs;
    private int next;
    private int churn;

    /**
     * Fill the table with 1M established NAT connections.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final Timeouts timeouts = new Timeouts().set(86_400, 0, 0).tcpStateS(TcpStates.CLOSE, 1);
        table = new ConnectionTable(ESTABLISHED + CHURN_ROOM, timeouts);
        connections = new ConnectionScheduler(table);
        service = new VirtualService(ServiceKey.of(ServiceKey.TCP, InetAddr.ipv4(VIP), VPORT),
            new Rotation(), 0);
        for (int i = 0; i < 4; i++)
        {
            service.addServer(new RealServer(InetAddr.ipv4(0xC613_0001 + i), 8080, ForwardMethod.MASQ, 1, 0, 0));
        }
        nowNs = 1_000_000_000_000L;
        for (int i = 0; i < ESTABLISHED; i++)
        {
            final int cip = 0xC612_0000 | (i >>> 6);
            final int cport = 1024 + (i & 63);
            client[i] = (long)cip << 32 | cport;
            request.ipv4(ServiceKey.TCP, cip, cport, VIP, VPORT, nowNs);
            final int entry = connections.newConnection(service, request);
            table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_SYN, nowNs);
            table.onPacket(entry, TcpStates.OUTPUT, TcpStates.TCP_SYN | TcpStates.TCP_ACK, nowNs);
            table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_ACK, nowNs);
            realServerIp[i] = (int)table.destinationLo(entry);
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = ESTABLISHED - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        if (table.size() != ESTABLISHED)
        {
            throw new IllegalStateException("expected " + ESTABLISHED + " entries, have " + table.size());
        }
    }

    /**
     * @return the state after the packet.
     */
    @Benchmark
    public int lookupInAndUpdate()
    {
        final int i = order[next++ & (ESTABLISHED - 1)];
        nowNs += 100;
        final long c = client[i];
        final int entry = table.lookupIn4(ServiceKey.TCP, (int)(c >>> 32), (int)c, VIP, VPORT, nowNs);
        return table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_ACK, nowNs);
    }

    /**
     * @return the state after the packet.
     */
    @Benchmark
    public int lookupOutAndUpdate()
    {
        final int i = order[next++ & (ESTABLISHED - 1)];
        nowNs += 100;
        final long c = client[i];
        final int entry = table.lookupOut4(ServiceKey.TCP, realServerIp[i], 8080, (int)(c >>> 32), (int)c, nowNs);
        return table.onPacket(entry, TcpStates.OUTPUT, TcpStates.TCP_ACK, nowNs);
    }

    /**
     * @return work done by the expiry call plus the last state.
     */
    @Benchmark
    public int newConnectionAndExpiry()
    {
        final int n = churn++;
        nowNs += CHURN_STEP_NS;
        request.ipv4(ServiceKey.TCP, CHURN_CLIENTS | (n & 0xFFFF), 1024 + (n >>> 16 & 0x7FFF), VIP, VPORT, nowNs);
        final int entry = connections.newConnection(service, request);
        int state = -1;
        if (entry >= 0)
        {
            table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_SYN, nowNs);
            table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_ACK, nowNs);
            state = table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_RST, nowNs);
        }
        return table.expire(nowNs, EXPIRE_WORK) + state;
    }

    /**
     * @param reference the HashMap and the big array.
     * @return one long read at a random index.
     */
    @Benchmark
    public long referenceRandomRead(final Reference reference)
    {
        final int i = order[next++ & (ESTABLISHED - 1)];
        final int spread = (int)((client[i] * 0x9E37_79B9_7F4A_7C15L) >>> 32);
        return reference.bigArray[spread & (reference.bigArray.length - 1)];
    }

    /**
     * @param reference the HashMap and the big array.
     * @return the connection's state after the update.
     */
    @Benchmark
    public int referenceHashMapLookupAndUpdate(final Reference reference)
    {
        final int i = order[next++ & (ESTABLISHED - 1)];
        nowNs += 100;
        final long c = client[i];
        final Reference.Conn conn = reference.map.get(reference.probe.set(ServiceKey.TCP, (int)(c >>> 32), (int)c,
            VIP, VPORT));
        conn.state = TcpStates.next(TcpStates.INPUT, TcpStates.TCP_ACK, conn.state);
        conn.expiresAtNs = nowNs + 900_000_000_000L;
        return conn.state;
    }

    /**
     * The reference structures, built only for the reference benchmarks.
     */
    @State(Scope.Thread)
    public static class Reference
    {
        final Map<Key, Conn> map = new HashMap<>();
        final Key probe = new Key();
        final long[] bigArray = new long[(ESTABLISHED + CHURN_ROOM) * 16];

        /**
         * Same keys as the table's.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            for (int i = 0; i < ESTABLISHED; i++)
            {
                map.put(new Key().set(ServiceKey.TCP, 0xC612_0000 | (i >>> 6), 1024 + (i & 63), VIP, VPORT),
                    new Conn());
            }
            for (int i = 0; i < bigArray.length; i++)
            {
                bigArray[i] = i;
            }
        }

        /** A connection as objects. */
        static final class Conn
        {
            int state = TcpStates.ESTABLISHED;
            long expiresAtNs;
        }

        /** A mutable tuple key. */
        static final class Key
        {
            int protocol;
            int clientIp;
            int clientPort;
            int vip;
            int vport;

            Key set(final int protocol, final int clientIp, final int clientPort, final int vip, final int vport)
            {
                this.protocol = protocol;
                this.clientIp = clientIp;
                this.clientPort = clientPort;
                this.vip = vip;
                this.vport = vport;
                return this;
            }

            @Override
            public boolean equals(final Object o)
            {
                return o instanceof Key k && k.protocol == protocol && k.clientIp == clientIp &&
                    k.clientPort == clientPort && k.vip == vip && k.vport == vport;
            }

            @Override
            public int hashCode()
            {
                return (((protocol * 31 + clientIp) * 31 + clientPort) * 31 + vip) * 31 + vport;
            }
        }
    }

    /**
     * A run is valid only if nothing was dropped and the 1M established connections are all still there.
     */
    @TearDown(Level.Trial)
    public void check()
    {
        if (connections.tableFullDrops() != 0 || connections.noServerDrops() != 0)
        {
            throw new IllegalStateException("drops: table full " + connections.tableFullDrops() + ", no server " +
                connections.noServerDrops());
        }
        if (table.size() < ESTABLISHED)
        {
            throw new IllegalStateException("established connections lost: " + table.size());
        }
    }

    /**
     * Next server in list order, skipping weight 0: the table's benchmark needs a scheduler, not a good one.
     */
    static final class Rotation implements Scheduler
    {
        private int last = -1;

        @Override
        public String name()
        {
            return "bench-rotation";
        }

        @Override
        public RealServer schedule(final VirtualService svc, final ScheduleRequest request)
        {
            final int count = svc.serverCount();
            for (int n = 1; n <= count; n++)
            {
                final int i = (last + n) % count;
                if (svc.server(i).weight() > 0)
                {
                    last = i;
                    return svc.server(i);
                }
            }
            return null;
        }
    }
}
