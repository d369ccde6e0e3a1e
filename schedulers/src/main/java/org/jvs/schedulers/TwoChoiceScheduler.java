package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * twos, as {@code ip_vs_twos.c} (Linux 6.x): weighted random two choices. With T the sum of the weights of the
 * usable servers (not overloaded, weight above 0), two random numbers r1, r2 are drawn uniformly from 0..T
 * (T + 1 values, as the kernel's {@code prandom_u32() % (T + 1)}); each picks the first usable server in list
 * order at which the running sum of weights reaches it (r = 0 picks the first usable one). Of the two, the
 * second wins only when its overhead / weight is strictly less ({@code w2 × oh1 > w1 × oh2}).
 * <p>
 * Differences from the kernel, on purpose: the random numbers come from a seedable {@link SplitMix32} per
 * instance (the default seed is fixed, so runs repeat exactly), not the kernel's generator, so the sequence of
 * choices is not the kernel's, only its distribution; the final comparison is made in 64 bits where the
 * kernel multiplies two ints (which overflows past 2^31, e.g. weight 100 with 100,000 active connections).
 * <p>
 * Cost: O(log n) per decision through a Fenwick tree of the usable weights, where the kernel walks the list
 * twice; a change of counts that leaves a server's usability as it was costs O(1), an added server O(log n)
 * (slots are numbered from the list's tail, so the new head is appended), a deleted one O(n).
 */
public final class TwoChoiceScheduler implements Scheduler, ServerSlot.Owner
{
    /** The seed of the public no-argument constructor (ServiceLoader's). */
    public static final long DEFAULT_SEED = 0x6A76_7374_776F_7321L;

    private final SplitMix32 random;
    private RealServer[] servers = new RealServer[0];
    private int[] usableWeight = new int[0];
    private long[] fenwick = new long[1];
    private int count;
    private int topStep;
    private long totalWeight;

    /**
     * With {@link #DEFAULT_SEED}.
     */
    public TwoChoiceScheduler()
    {
        this(DEFAULT_SEED);
    }

    /**
     * @param seed seed of this instance's random numbers.
     */
    public TwoChoiceScheduler(final long seed)
    {
        this.random = new SplitMix32(seed);
    }

    @Override
    public String name()
    {
        return "twos";
    }

    @Override
    public void initService(final VirtualService service)
    {
        rebuild(service);
    }

    @Override
    public void doneService(final VirtualService service)
    {
        for (int i = 0; i < service.serverCount(); i++)
        {
            ServerSlot.detach(service.server(i));
        }
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        if (count < servers.length && service.serverCount() == count + 1 && service.server(0) == server)
        {
            append(server);
        }
        else
        {
            rebuild(service);
        }
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        final int slot = ServerSlot.positionOf(server, this);
        if (slot >= 0 && slot < count && servers[slot] == server)
        {
            refresh(slot);
        }
        else
        {
            rebuild(service);
        }
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        ServerSlot.detach(server);
        rebuild(service);
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        if (totalWeight <= 0)
        {
            return null;
        }
        final long range = totalWeight + 1;
        final long r1 = random.nextU32() % range;
        final long r2 = random.nextU32() % range;
        final RealServer choice1 = servers[firstReaching(Math.max(r1, 1))];
        final RealServer choice2 = servers[firstReaching(Math.max(r2, 1))];
        final long load1 = (long)choice2.weight() * (int)choice1.overhead();
        final long load2 = (long)choice1.weight() * (int)choice2.overhead();
        return load1 > load2 ? choice2 : choice1;
    }

    /**
     * @param sum 1 .. total usable weight.
     * @return the slot of the first server from the list's head whose running sum of usable weights reaches
     * {@code sum}: the highest slot whose suffix sum is at least {@code sum}, i.e. the number of slots from the
     * tail whose sum stays within {@code total − sum}.
     */
    private int firstReaching(final long sum)
    {
        int slots = 0;
        long remaining = totalWeight - sum;
        for (int step = topStep; step > 0; step >>= 1)
        {
            final int next = slots + step;
            if (next <= count && fenwick[next] <= remaining)
            {
                slots = next;
                remaining -= fenwick[next];
            }
        }
        return slots;
    }

    @Override
    public void refresh(final int slot)
    {
        final RealServer server = servers[slot];
        final int weight = weightIfUsable(server);
        final int delta = weight - usableWeight[slot];
        if (delta != 0)
        {
            usableWeight[slot] = weight;
            totalWeight += delta;
            for (int i = slot + 1; i <= count; i += i & -i)
            {
                fenwick[i] += delta;
            }
        }
    }

    private static int weightIfUsable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() > 0 ? server.weight() : 0;
    }

    private void append(final RealServer server)
    {
        final int slot = count++;
        final int index = slot + 1;
        servers[slot] = server;
        ServerSlot.attach(server, this, slot);
        usableWeight[slot] = weightIfUsable(server);
        totalWeight += usableWeight[slot];
        fenwick[index] = usableWeight[slot] + prefix(index - 1) - prefix(index - (index & -index));
        topStep = Integer.highestOneBit(count);
    }

    private long prefix(final int index)
    {
        long sum = 0;
        for (int i = index; i > 0; i -= i & -i)
        {
            sum += fenwick[i];
        }
        return sum;
    }

    private void rebuild(final VirtualService service)
    {
        count = service.serverCount();
        if (servers.length < count)
        {
            final int capacity = Math.max(count, servers.length * 2);
            servers = new RealServer[capacity];
            usableWeight = new int[capacity];
            fenwick = new long[capacity + 1];
        }
        Arrays.fill(fenwick, 0);
        totalWeight = 0;
        for (int slot = 0; slot < count; slot++)
        {
            final RealServer server = service.server(count - 1 - slot);
            servers[slot] = server;
            ServerSlot.attach(server, this, slot);
            usableWeight[slot] = weightIfUsable(server);
            totalWeight += usableWeight[slot];
            final int index = slot + 1;
            fenwick[index] += usableWeight[slot];
            final int parent = index + (index & -index);
            if (parent <= count)
            {
                fenwick[parent] += fenwick[index];
            }
        }
        for (int slot = count; slot < servers.length; slot++)
        {
            servers[slot] = null;
        }
        topStep = Integer.highestOneBit(Math.max(count, 1));
    }
}
