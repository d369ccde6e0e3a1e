package org.jvs.schedulers;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * wrr, as {@code ip_vs_wrr.c}. With di the gcd of the positive weights and mw = max weight − (di − 1), the
 * scheduler makes passes over the list with a current weight cw = mw, mw − di, …, 1, picking in each pass,
 * in list order, the servers that are not overloaded and have weight ≥ cw; after the last pass cw wraps
 * to mw. State: the last server chosen (or the list head) and cw.
 * <p>
 * Every add, update and delete ({@code ip_vs_wrr_dest_changed}) puts the cursor back at the list head,
 * recomputes di and mw, and sets cw to mw when cw > mw or cw = 0, else to (cw / di) × di + 1 when di > 1.
 * When no server is usable the result is null, and, as in the kernel, the state becomes (head, mw) unless
 * the scan started from a server in the last pass (cw = 1), which leaves it as it was.
 * <p>
 * Cost: O(1) when the server after the cursor qualifies; otherwise the next one is found in O(log n)
 * through a {@link ServerIndex} (max-weight tree), skipping whole empty passes in one step, where the
 * kernel walks the list.
 */
public final class WeightedRoundRobinScheduler implements Scheduler
{
    private static final int HEAD = -1;

    private final ServerIndex index = new ServerIndex(HighestWeightOrder.INSTANCE);
    private int cursor = HEAD;
    private int cw;
    private int mw;
    private int di = 1;
    private int gcdPositive;
    private int highestWeight;

    @Override
    public String name()
    {
        return "wrr";
    }

    @Override
    public void initService(final VirtualService service)
    {
        index.rebuild(service);
        scanWeights(service);
        cursor = HEAD;
        di = gcdPositive > 0 ? gcdPositive : 1;
        mw = highestWeight - (di - 1);
        cw = mw;
    }

    @Override
    public void doneService(final VirtualService service)
    {
        index.detachAll(service);
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        index.added(service, server);
        final int weight = server.weight();
        if (weight > 0)
        {
            gcdPositive = gcdPositive > 0 ? gcd(weight, gcdPositive) : weight;
        }
        highestWeight = Math.max(highestWeight, weight);
        destChanged();
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        index.updated(service, server);
        scanWeights(service);
        destChanged();
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        ServerIndex.detach(server);
        index.rebuild(service);
        scanWeights(service);
        destChanged();
    }

    /**
     * ip_vs_wrr_dest_changed, with the gcd of the positive weights and the highest weight already known.
     */
    private void destChanged()
    {
        cursor = HEAD;
        di = gcdPositive > 0 ? gcdPositive : 1;
        mw = highestWeight - (di - 1);
        if (cw > mw || cw == 0)
        {
            cw = mw;
        }
        else if (di > 1)
        {
            cw = (cw / di) * di + 1;
        }
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        if (mw == 0)
        {
            return null;
        }
        final int highest = index.bestWeight();
        if (highest <= 0)
        {
            if (cursor == HEAD || cw != 1)
            {
                cursor = HEAD;
                cw = mw;
            }
            return null;
        }
        final int start = cursor + 1;
        int position;
        if (start < index.count() && qualifies(index.server(start)))
        {
            position = start;
        }
        else
        {
            position = index.firstFrom(start, cw);
            if (position == HEAD)
            {
                cw = nextPass(highest);
                position = index.firstFrom(0, cw);
            }
        }
        cursor = position;
        return index.server(position);
    }

    private boolean qualifies(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() >= cw;
    }

    /**
     * The next pass after the current one that has a usable server: passes with cw above the highest
     * usable weight are empty, and the kernel would only walk through them.
     */
    private int nextPass(final int highest)
    {
        final int top = 1 + ((highest - 1) / di) * di;
        final int next = cw - di;
        return next >= 1 ? Math.min(next, top) : Math.min(mw, top);
    }

    private void scanWeights(final VirtualService service)
    {
        gcdPositive = 0;
        highestWeight = 0;
        for (int i = 0; i < service.serverCount(); i++)
        {
            final int weight = service.server(i).weight();
            if (weight > 0)
            {
                gcdPositive = gcdPositive > 0 ? gcd(weight, gcdPositive) : weight;
            }
            highestWeight = Math.max(highestWeight, weight);
        }
    }

    private static int gcd(final int a, final int b)
    {
        int x = a;
        int y = b;
        while (y != 0)
        {
            final int r = x % y;
            x = y;
            y = r;
        }
        return x;
    }

    /**
     * @return the current weight cw (tests).
     */
    int currentWeight()
    {
        return cw;
    }

    /**
     * @return list position of the last server chosen, -1 for the list head (tests).
     */
    int cursor()
    {
        return cursor;
    }
}
