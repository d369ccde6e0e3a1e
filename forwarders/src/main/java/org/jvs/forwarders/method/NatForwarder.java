package org.jvs.forwarders.method;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.forward.PacketContext;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.packet.NatRewriter;

/**
 * NAT ({@code -m}), as IPVS's {@code ip_vs_nat_xmit} and {@code handle_response}: a client's packet has its
 * destination VIP:vport rewritten to RIP:rport; the real server's reply, which routes through the director,
 * has its source RIP:rport rewritten back to VIP:vport and, as it crosses the director's forwarding path, its
 * TTL decremented. Checksums are updated incrementally. One instance per worker.
 */
public final class NatForwarder implements Forwarder
{
    private final NatRewriter rewriter = new NatRewriter();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();

    @Override
    public ForwardVerdict toRealServer(final PacketContext context, final ConnectionTable table, final int entry)
    {
        final int rip = (int)table.destinationLo(entry);
        rewriter.ipv4Destination(context.buffer(), context.frame(), rip, table.destinationPort(entry));
        context.sendInPlace(rip);
        return ForwardVerdict.FORWARD;
    }

    @Override
    public ForwardVerdict toClient(final PacketContext context, final ConnectionTable table, final int entry)
    {
        ipv4.wrap(context.buffer(), context.l3Offset());
        if (ipv4.ttl() <= 1)
        {
            return ForwardVerdict.TTL_EXPIRED;
        }
        ipv4.decrementTtl();
        rewriter.ipv4Source(context.buffer(), context.frame(), (int)table.virtualLo(entry), table.virtualPort(entry));
        context.sendInPlace((int)table.clientLo(entry));
        return ForwardVerdict.FORWARD;
    }
}
