package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * sed, as {@code ip_vs_sed.c}: the server with the least (activeconns + 1) / weight, the expected delay of
 * the new connection; compared by 64-bit cross-multiplication; overloaded servers and weight 0 skipped; the
 * first in list order wins a tie. Inactive connections do not count.
 */
public final class ShortestExpectedDelayScheduler extends IndexedScheduler
{
    @Override
    public String name()
    {
        return "sed";
    }

    @Override
    public boolean usable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() > 0;
    }

    @Override
    public boolean before(final RealServer candidate, final RealServer incumbent)
    {
        return (long)(incumbent.activeConns() + 1) * candidate.weight() >
            (long)(candidate.activeConns() + 1) * incumbent.weight();
    }
}
