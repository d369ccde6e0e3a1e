package org.jvs.schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long seeded random runs: thousands of servers, random adds, re-adds from the trash, removals, weight and
 * threshold edits, new connections, ESTABLISHED, leaving ESTABLISHED and expiry. After every new connection
 * the indexed scheduler's choice must be the very server the kernel's loop (in {@link KernelReference})
 * returns for the same list, counts and flags.
 */
class KernelEquivalenceTest
{
    private static final int SERVERS = 2000;
    private static final int STEPS = 40_000;
    /** Few config changes: the cursor of rr and wrr runs through whole cycles between hooks. */
    private static final int QUIET = 2;
    /** Many: hooks interleave with decisions. */
    private static final int BUSY = 80;
    private static final long TWOS_SEED = 99;

    @Test
    void rr()
    {
        run(new RoundRobinScheduler(), new KernelReference.Rr(), 11, 4);
        run(new RoundRobinScheduler(), new KernelReference.Rr(), 12, 1);
    }

    @Test
    void wrr()
    {
        run(new WeightedRoundRobinScheduler(), new KernelReference.Wrr(), 21, 4);
        run(new WeightedRoundRobinScheduler(), new KernelReference.Wrr(), 22, 60);
        run(new WeightedRoundRobinScheduler(), new KernelReference.Wrr(), 23, 1);
    }

    @Test
    void lc()
    {
        run(new LeastConnectionScheduler(), KernelReference::lc, 31, 3);
    }

    @Test
    void wlc()
    {
        run(new WeightedLeastConnectionScheduler(), svc -> KernelReference.wlc(svc, false), 41, 5);
        run(new WeightedLeastConnectionScheduler(), svc -> KernelReference.wlc(svc, false), 42, 100);
    }

    @Test
    void sed()
    {
        run(new ShortestExpectedDelayScheduler(), svc -> KernelReference.wlc(svc, true), 51, 5);
    }

    @Test
    void nq()
    {
        run(new NeverQueueScheduler(), KernelReference::nq, 61, 5);
    }

    @Test
    void fo()
    {
        run(new WeightedFailoverScheduler(), KernelReference::fo, 71, 5);
        run(new WeightedFailoverScheduler(), KernelReference::fo, 72, 1000);
    }

    @Test
    void ovf()
    {
        run(new WeightedOverflowScheduler(), KernelReference::ovf, 81, 5);
        run(new WeightedOverflowScheduler(), KernelReference::ovf, 82, 30);
    }

    @Test
    void twos()
    {
        run(new TwoChoiceScheduler(91), new KernelReference.Twos(91), 91, 5);
        run(new TwoChoiceScheduler(92), new KernelReference.Twos(92), 92, 100);
    }

    static void run(final Scheduler scheduler, final KernelReference reference, final long seed, final int maxWeight)
    {
        new Run(scheduler, reference, seed, maxWeight, SERVERS, BUSY).go();
        new Run(scheduler(scheduler), reference(reference), seed + 1000, maxWeight, 7, QUIET).go();
        new Run(scheduler(scheduler), reference(reference), seed + 2000, maxWeight, 60, QUIET).go();
        new Run(scheduler(scheduler), reference(reference), seed + 3000, maxWeight, SERVERS, QUIET).go();
        final Run tight = new Run(scheduler(scheduler), reference(reference), seed + 4000, maxWeight, 5, QUIET);
        tight.tight = true;
        tight.go();
    }

    private static Scheduler scheduler(final Scheduler prototype)
    {
        if (prototype instanceof TwoChoiceScheduler)
        {
            return new TwoChoiceScheduler(TWOS_SEED);
        }
        try
        {
            return prototype.getClass().getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static KernelReference reference(final KernelReference prototype)
    {
        if (prototype instanceof KernelReference.Rr)
        {
            return new KernelReference.Rr();
        }
        if (prototype instanceof KernelReference.Wrr)
        {
            return new KernelReference.Wrr();
        }
        if (prototype instanceof KernelReference.Twos)
        {
            return new KernelReference.Twos(TWOS_SEED);
        }
        return prototype;
    }

    /** One randomized run. */
    static final class Run
    {
        private final SplittableRandom random;
        private final KernelReference reference;
        private final VirtualService service;
        private final int maxWeight;
        private final int servers;
        private final int configPermille;
        private final List<RealServer> trash = new ArrayList<>();
        private final List<RealServer> connServer = new ArrayList<>();
        private final List<Boolean> connActive = new ArrayList<>();
        private final ScheduleRequest request = new ScheduleRequest();
        /** Every server gets an upper threshold: often none is usable. */
        private boolean tight;
        private int made;
        private int decisions;
        private int nulls;

        Run(
            final Scheduler scheduler,
            final KernelReference reference,
            final long seed,
            final int maxWeight,
            final int servers,
            final int configPermille)
        {
            this.random = new SplittableRandom(seed);
            this.reference = reference;
            this.maxWeight = maxWeight;
            this.servers = servers;
            this.configPermille = configPermille;
            this.service = new VirtualService(ServiceKey.of(ServiceKey.TCP, ConnLab.VIP, 80), scheduler, 0);
        }

        void go()
        {
            for (int i = 0; i < servers; i++)
            {
                addNew();
            }
            final int steps = servers >= SERVERS ? STEPS / 3 : STEPS;
            for (int step = 0; step < steps; step++)
            {
                if (random.nextInt(1000) < configPermille)
                {
                    configure(random.nextInt(8));
                }
                else
                {
                    traffic(random.nextInt(92));
                }
            }
            assertTrue(decisions > steps / 3, "decisions made: " + decisions);
            assertTrue(tight || nulls < decisions / 2, "too few usable servers for a good test: " + nulls);
        }

        private void configure(final int dice)
        {
            final int n = service.serverCount();
            if (dice < 2 && n < servers * 2)
            {
                addNew();
            }
            else if (dice < 3 && !trash.isEmpty())
            {
                final RealServer server = trash.remove(random.nextInt(trash.size()));
                server.update(weight(), server.upperThreshold(), server.lowerThreshold());
                service.addServer(server);
                reference.added(service, server);
            }
            else if (dice < 5 && n > 1)
            {
                final int position = random.nextInt(n);
                final RealServer server = service.server(position);
                service.removeServer(server);
                trash.add(server);
                reference.removed(service, server, position);
            }
            else if (n > 0)
            {
                final RealServer server = service.server(random.nextInt(n));
                final boolean thresholds = random.nextInt(3) == 0;
                final int upper = thresholds ? upper() : server.upperThreshold();
                final int lower = thresholds && upper > 0 ? random.nextInt(upper) : server.lowerThreshold();
                service.editServer(server, thresholds ? server.weight() : weight(), upper, lower);
                reference.updated(service, server);
            }
        }

        private void traffic(final int dice)
        {
            if (dice < 47)
            {
                connect();
            }
            else if (dice < 62)
            {
                activity(true);
            }
            else if (dice < 67)
            {
                activity(false);
            }
            else
            {
                close();
            }
        }

        private int weight()
        {
            return random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(maxWeight);
        }

        private int upper()
        {
            return !tight && random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(tight ? 3 : 6);
        }

        private void addNew()
        {
            final int upper = upper();
            final int lower = upper > 0 && random.nextBoolean() ? random.nextInt(upper) : 0;
            final RealServer server = ConnLab.newServer(++made, weight(), upper, lower);
            service.addServer(server);
            reference.added(service, server);
        }

        private void connect()
        {
            final RealServer expected = reference.schedule(service);
            final RealServer actual = service.schedule(
                request.ipv4(ServiceKey.TCP, 0xC6130000 + decisions, 1024 + decisions % 60000, 0, 80, 0));
            decisions++;
            if (expected != actual)
            {
                assertEquals(String.valueOf(expected), String.valueOf(actual), "decision " + decisions);
            }
            if (actual == null)
            {
                nulls++;
                return;
            }
            actual.bind(false, false);
            connServer.add(actual);
            connActive.add(false);
        }

        private void activity(final boolean establish)
        {
            if (connServer.isEmpty())
            {
                return;
            }
            final int k = random.nextInt(connServer.size());
            if (connActive.get(k) != establish)
            {
                if (establish)
                {
                    connServer.get(k).activate();
                }
                else
                {
                    connServer.get(k).deactivate();
                }
                connActive.set(k, establish);
            }
        }

        private void close()
        {
            if (connServer.isEmpty())
            {
                return;
            }
            final int k = random.nextInt(connServer.size());
            final int lastIndex = connServer.size() - 1;
            connServer.get(k).unbind(false, connActive.get(k));
            connServer.set(k, connServer.get(lastIndex));
            connActive.set(k, connActive.get(lastIndex));
            connServer.remove(lastIndex);
            connActive.remove(lastIndex);
        }
    }
}
