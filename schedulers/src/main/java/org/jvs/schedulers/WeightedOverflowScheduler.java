package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * ovf, as {@code ip_vs_ovf.c}: the server with the highest weight among those not overloaded, with weight
 * above 0 and no more active connections than their weight; the first in list order wins a tie. So new
 * connections stay on the heaviest server until its active connections exceed its weight, then overflow to
 * the next. Only active connections count (the kernel notes it may not suit UDP).
 */
public final class WeightedOverflowScheduler extends IndexedScheduler
{
    @Override
    public String name()
    {
        return "ovf";
    }

    @Override
    public boolean usable(final RealServer server)
    {
        final int weight = server.weight();
        return !server.isOverloaded() && server.activeConns() <= weight && weight != 0;
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
