package org.jvs.forwarders.method;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.forward.PacketContext;
import org.jvs.core.packet.IcmpFlyweight;
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
    private final Ipv4Flyweight quoted = new Ipv4Flyweight();
    private final IcmpFlyweight icmp = new IcmpFlyweight();

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

    /**
     * As {@code ip_vs_nat_icmp} going out: the error's source becomes the VIP, the quoted packet's destination
     * VIP:vport, the IP checksums are updated and the ICMP checksum computed again; the TTL is decremented as the
     * error crosses the director's forwarding path.
     */
    @Override
    public ForwardVerdict icmpToClient(final PacketContext context, final ConnectionTable table, final int entry)
    {
        ipv4.wrap(context.buffer(), context.l3Offset());
        if (ipv4.ttl() <= 1)
        {
            return ForwardVerdict.TTL_EXPIRED;
        }
        final int vip = (int)table.virtualLo(entry);
        ipv4.decrementTtl();
        ipv4.rewriteSourceAddress(vip);
        quoted.wrap(context.buffer(), context.frame().innerL3Offset());
        quoted.rewriteDestinationAddress(vip);
        putPort(context, quoted.offset() + quoted.headerLength() + 2, table.virtualPort(entry));
        return finishIcmp(context, (int)table.clientLo(entry));
    }

    /**
     * As {@code ip_vs_nat_icmp} coming in: the error's destination becomes the RIP, the quoted packet's source
     * RIP:rport.
     */
    @Override
    public ForwardVerdict icmpToRealServer(final PacketContext context, final ConnectionTable table, final int entry)
    {
        final int rip = (int)table.destinationLo(entry);
        ipv4.wrap(context.buffer(), context.l3Offset());
        ipv4.rewriteDestinationAddress(rip);
        quoted.wrap(context.buffer(), context.frame().innerL3Offset());
        quoted.rewriteSourceAddress(rip);
        putPort(context, quoted.offset() + quoted.headerLength(), table.destinationPort(entry));
        return finishIcmp(context, rip);
    }

    private static void putPort(final PacketContext context, final int index, final int port)
    {
        context.buffer().putShort(index, (short)port, java.nio.ByteOrder.BIG_ENDIAN);
    }

    private ForwardVerdict finishIcmp(final PacketContext context, final int routeTo)
    {
        final int icmpLength = ipv4.totalLength() - ipv4.headerLength();
        icmp.wrap(context.buffer(), context.frame().l4Offset()).updateChecksum(icmpLength);
        context.sendInPlace(routeTo);
        return ForwardVerdict.FORWARD;
    }
}
