package org.jvs.forwarders.method;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.forward.PacketContext;

/**
 * Direct Routing ({@code -g}), as IPVS's {@code ip_vs_dr_xmit}: the frame goes to the real server's MAC
 * unchanged above layer 2; the real server holds the VIP on a non-ARPing device and answers the client itself.
 * The worker writes the real server's MAC as destination and the director's as source.
 */
public final class DirectRoutingForwarder implements Forwarder
{
    @Override
    public ForwardVerdict toRealServer(final PacketContext context, final ConnectionTable table, final int entry)
    {
        context.sendInPlace((int)table.destinationLo(entry));
        return ForwardVerdict.FORWARD;
    }
}
