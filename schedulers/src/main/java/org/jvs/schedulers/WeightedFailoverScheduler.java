package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * fo, as {@code ip_vs_fo.c}: every new connection goes to the server with the highest weight that is not
 * overloaded (weight above 0); the first in list order wins a tie. Connection counts play no part, so the
 * choice only moves when weights or overload flags change: O(1) per decision.
 */
public final class WeightedFailoverScheduler extends IndexedScheduler
{
    @Override
    public String name()
    {
        return "fo";
    }

    @Override
    public boolean usable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() > 0;
    }

    @Override
    public boolean before(final RealServer candidate, final RealServer incumbent)
    {
        return candidate.weight() > incumbent.weight();
    }

    @Override
    public boolean ranksByWeightOnly()
    {
        return true;
    }
}
