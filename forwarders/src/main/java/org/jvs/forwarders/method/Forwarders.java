package org.jvs.forwarders.method;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.forward.PacketContext;
import org.jvs.core.service.ForwardMethod;

/**
 * The forwarding handlers of one worker, indexed by {@link ForwardMethod#ordinal()}, as the worker's
 * connection entries refer to them.
 */
public final class Forwarders
{
    private Forwarders()
    {
    }

    /**
     * @return a fresh set of handlers for one worker.
     */
    public static Forwarder[] forOneWorker()
    {
        final Forwarder[] handlers = new Forwarder[ForwardMethod.values().length];
        handlers[ForwardMethod.MASQ.ordinal()] = new NatForwarder();
        handlers[ForwardMethod.ROUTE.ordinal()] = new DirectRoutingForwarder();
        handlers[ForwardMethod.TUNNEL.ordinal()] = new TunnelForwarder();
        handlers[ForwardMethod.LOCAL.ordinal()] = new LocalNodeForwarder();
        return handlers;
    }

    /**
     * {@code LocalNode}: the director itself as a real server. jvs's director kernel does not hold the VIP, so
     * there is nothing local to deliver to: such connections are refused and counted.
     */
    private static final class LocalNodeForwarder implements Forwarder
    {
        @Override
        public ForwardVerdict toRealServer(final PacketContext context, final ConnectionTable table, final int entry)
        {
            return ForwardVerdict.NO_DESTINATION;
        }
    }
}
