package org.jvs.schedulers;

import org.jvs.core.service.RealServer;

/**
 * Usable = not overloaded and weight above 0; the higher weight first. The check rr, wrr and fo make
 * ({@code !(dest->flags & IP_VS_DEST_F_OVERLOAD) && weight > 0}), and the order that lets
 * {@link ServerIndex#firstFrom} find "the next server with weight at least cw".
 */
final class HighestWeightOrder implements ServerIndex.Order
{
    static final HighestWeightOrder INSTANCE = new HighestWeightOrder();

    private HighestWeightOrder()
    {
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
