package org.jvs.forwarders.method;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.forward.Egress;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.forward.PacketContext;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.IpipTunnel;
import org.jvs.core.packet.Ipv4Flyweight;

/**
 * IP-in-IP tunnelling ({@code -i}), as IPVS's {@code ip_vs_tunnel_xmit}: the client's IP packet goes, unchanged,
 * behind an outer IPv4 header from the director's address to the RIP (TOS, TTL and DF copied from the inner
 * header); the real server takes the outer header off and answers the client itself. When the result would
 * exceed the egress MTU and the inner packet has DF set, nothing is sent and the worker returns ICMP
 * fragmentation-needed to the client with the MTU less the outer header, as IPVS does.
 */
public final class TunnelForwarder implements Forwarder
{
    private final IpipTunnel tunnel = new IpipTunnel();
    private final Ipv4Flyweight inner = new Ipv4Flyweight();
    private final EthernetFlyweight ethernet = new EthernetFlyweight();

    @Override
    public ForwardVerdict toRealServer(final PacketContext context, final ConnectionTable table, final int entry)
    {
        final int rip = (int)table.destinationLo(entry);
        final Egress egress = context.egress();
        final int mtu = egress.mtuFor(rip);
        final int innerLength = context.frame().l3Length();
        if (mtu == 0)
        {
            return ForwardVerdict.NO_ROUTE;
        }
        if (innerLength + IpipTunnel.OUTER_HEADER_LENGTH > mtu)
        {
            inner.wrap(context.buffer(), context.l3Offset());
            if (inner.dontFragment())
            {
                context.nextHopMtu(mtu - IpipTunnel.OUTER_HEADER_LENGTH);
                return ForwardVerdict.FRAGMENTATION_NEEDED;
            }
            return ForwardVerdict.TOO_LARGE;
        }
        final UnsafeBuffer out = context.scratch();
        ethernet.wrap(out, 0).etherType(EthernetFlyweight.ETHER_TYPE_IPV4);
        final int length = tunnel.encapsulate(context.buffer(), context.l3Offset(), innerLength, out,
            EthernetFlyweight.HEADER_LENGTH, egress.sourceAddressFor(rip), rip, egress.nextIpIdentification());
        context.output(out, 0, EthernetFlyweight.HEADER_LENGTH + length, rip);
        return ForwardVerdict.FORWARD;
    }
}
