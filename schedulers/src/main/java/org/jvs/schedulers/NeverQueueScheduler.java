package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * nq, as {@code ip_vs_nq.c}: the first server in list order with no active connection; when every usable
 * server has one, the least (activeconns + 1) / weight as sed (first in list order on a tie). Overloaded
 * servers and weight 0 are skipped.
 */
public final class NeverQueueScheduler extends IndexedScheduler
{
    @Override
    public String name()
    {
        return "nq";
    }

    @Override
    public boolean usable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() != 0;
    }

    @Override
    public boolean before(final RealServer candidate, final RealServer incumbent)
    {
        if (candidate.activeConns() == 0)
        {
            return incumbent.activeConns() != 0;
        }
        if (incumbent.activeConns() == 0)
        {
            return false;
        }
        return (long)(incumbent.activeConns() + 1) * candidate.weight() >
            (long)(candidate.activeConns() + 1) * incumbent.weight();
    }
}
