package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * lc, as {@code ip_vs_lc.c}: the server with the least overhead (activeconns × 256 + inactconns), skipping
 * overloaded servers and those with weight 0; the first in list order wins a tie. The overhead is compared
 * as the kernel's unsigned int.
 */
public final class LeastConnectionScheduler extends IndexedScheduler
{
    @Override
    public String name()
    {
        return "lc";
    }

    @Override
    public boolean usable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() != 0;
    }

    @Override
    public boolean before(final RealServer candidate, final RealServer incumbent)
    {
        return Integer.compareUnsigned((int)candidate.overhead(), (int)incumbent.overhead()) < 0;
    }
}
