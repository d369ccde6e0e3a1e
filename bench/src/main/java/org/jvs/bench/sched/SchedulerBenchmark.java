package org.jvs.bench.sched;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Scheduler.schedule} of every IPVS scheduler at 2, 16, 256 and 4,096 real servers, beside the kernel's
 * own list walk for lc, wlc, sed and nq ({@link IpvsLoopSchedulers}, "ipvs-*") in the same run.
 * <p>
 * State is a director's in mid-life: weights 1..4, every server holding some active and inactive connections
 * (so the lc family's choices differ), each call from another client (and destination, for dh, lblc, lblcr)
 * taken from a precomputed array. {@link #schedule} only chooses; {@link #scheduleAndChurn} also binds the
 * chosen server and closes the connection made {@value #CHURN_WINDOW} calls earlier, so counts keep changing
 * as they do under traffic (and a scheduler that keeps an index by load pays for its upkeep).
 * Run with {@code -prof gc}: allocation must be about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SchedulerBenchmark
{
    /** How many connections are open in {@link #scheduleAndChurn}'s window. */
    public static final int CHURN_WINDOW = 1024;

    private static final int CLIENTS = 4096;
    private static final int DESTINATIONS = 1024;
    private static final int VIP = 0xC612_0064;
    private static final int VPORT = 80;

    @Param({"rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos", "lblc", "lblcr", "dh", "sh", "mh",
        "ipvs-lc", "ipvs-wlc", "ipvs-sed", "ipvs-nq"})
    public String scheduler;

    @Param({"2", "16", "256", "4096"})
    public int servers;

    private final ScheduleRequest request = new ScheduleRequest();
    private final int[] clientAddress = new int[CLIENTS];
    private final int[] clientPort = new int[CLIENTS];
    private final int[] destinationAddress = new int[DESTINATIONS];
    private final RealServer[] window = new RealServer[CHURN_WINDOW];
    private VirtualService service;
    private int next;
    private int windowIndex;

    /**
     * Make the service, its servers and their connections, and the client population.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        Scheduler instance = IpvsLoopSchedulers.create(scheduler);
        if (instance == null)
        {
            instance = new SchedulerRegistry().create(scheduler);
        }
        service = new VirtualService(ServiceKey.of(ServiceKey.TCP, InetAddr.ipv4(VIP), VPORT), instance, 0);
        for (int i = 0; i < servers; i++)
        {
            final InetAddr rip = InetAddr.ipv4(0xC613_0000 + i + 1);
            service.addServer(new RealServer(rip, VPORT, ForwardMethod.ROUTE, 1 + (i & 3), 0, 0));
        }
        for (int i = 0; i < servers; i++)
        {
            final RealServer server = service.server(i);
            for (int c = 1 + (i * 7) % 5; c > 0; c--)
            {
                server.bind(false, true);
            }
            for (int c = (i * 13) % 11; c > 0; c--)
            {
                server.bind(false, false);
            }
        }
        final SplittableRandom random = new SplittableRandom(0x5EED);
        for (int i = 0; i < CLIENTS; i++)
        {
            clientAddress[i] = 0xC612_0000 | random.nextInt(1 << 17);
            clientPort[i] = 1024 + random.nextInt(64512);
        }
        for (int i = 0; i < DESTINATIONS; i++)
        {
            destinationAddress[i] = 0xC613_8000 | random.nextInt(1 << 15);
        }
        for (int i = 0; i < CHURN_WINDOW; i++)
        {
            window[i] = bindNext();
        }
    }

    /**
     * Choose a real server for a new connection.
     *
     * @return the chosen server (consumed by JMH).
     */
    @Benchmark
    public RealServer schedule()
    {
        final int i = next++ & (CLIENTS - 1);
        request.ipv4(ServiceKey.TCP, clientAddress[i], clientPort[i],
            destinationAddress[i & (DESTINATIONS - 1)], VPORT, 0L);
        return service.schedule(request);
    }

    /**
     * Choose, bind the new connection inactive, and close the one made {@value #CHURN_WINDOW} calls ago.
     *
     * @return the chosen server.
     */
    @Benchmark
    public RealServer scheduleAndChurn()
    {
        final RealServer chosen = bindNext();
        final int slot = windowIndex++ & (CHURN_WINDOW - 1);
        final RealServer old = window[slot];
        if (old != null)
        {
            old.unbind(false, false);
        }
        window[slot] = chosen;
        return chosen;
    }

    private RealServer bindNext()
    {
        final RealServer chosen = schedule();
        if (chosen != null)
        {
            chosen.bind(false, false);
        }
        return chosen;
    }
}
