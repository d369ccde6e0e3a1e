package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * wlc, as {@code ip_vs_wlc.c}: the server with the least overhead / weight, compared by 64-bit
 * cross-multiplication ({@code loh * w_dest > doh * w_least} replaces the least), skipping overloaded
 * servers and those with weight 0; the first in list order wins a tie. The overhead is the kernel's int.
 */
public final class WeightedLeastConnectionScheduler extends IndexedScheduler
{
    @Override
    public String name()
    {
        return "wlc";
    }

    @Override
    public boolean usable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() > 0;
    }

    @Override
    public boolean before(final RealServer candidate, final RealServer incumbent)
    {
        return (long)(int)incumbent.overhead() * candidate.weight() >
            (long)(int)candidate.overhead() * incumbent.weight();
    }
}
