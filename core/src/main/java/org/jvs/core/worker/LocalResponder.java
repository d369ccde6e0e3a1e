package org.jvs.core.worker;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.arp.NeighbourTable;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.PacketContext;
import org.jvs.core.packet.ArpFlyweight;
import org.jvs.core.packet.Checksums;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.IcmpFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.service.ServiceLookup;
import org.jvs.core.service.VipSet;

/**
 * What the director answers itself, for the VIPs it owns in user space: ARP requests for a VIP, ICMP echo to
 * a VIP, and the ICMP errors IPVS sends (port unreachable when no real server is usable, fragmentation needed
 * when a TUN packet would not fit). It also learns neighbours' MACs from ARP. Owned by its worker.
 */
final class LocalResponder
{
    private static final int DEFAULT_TTL = 64;

    private final Ports ports;
    private final NeighbourTable neighbours;
    private final Transmitter transmitter;
    private final ArpFlyweight arp = new ArpFlyweight();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final Ipv4Flyweight quoted = new Ipv4Flyweight();
    private final IcmpFlyweight icmp = new IcmpFlyweight();
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final int[] ownAddresses;

    LocalResponder(
        final Ports ports, final NeighbourTable neighbours, final Transmitter transmitter, final int[] ownAddresses)
    {
        this.ports = ports;
        this.neighbours = neighbours;
        this.transmitter = transmitter;
        this.ownAddresses = ownAddresses.clone();
    }

    /**
     * An ARP frame: learn the sender when it matters, answer a request for an owned VIP.
     *
     * @param context   the frame.
     * @param lookup    the current services (which addresses are VIPs).
     * @param standby   VIPs another director owns now (VRRP): not answered.
     * @return ANSWERED when a reply was sent, NOT_OURS otherwise.
     */
    ForwardVerdict onArp(final PacketContext context, final ServiceLookup lookup, final VipSet standby)
    {
        final MutableDirectBuffer buffer = context.buffer();
        arp.wrap(buffer, context.l3Offset());
        final int sender = arp.senderAddress();
        final int target = arp.targetAddress();
        final boolean forVip = lookup.isVipV4(target) && !standby.contains(target);
        if (sender != 0 && (neighbours.knows(sender) || forVip || isOwn(target)))
        {
            neighbours.learn(sender, arp.senderMac(), context.nowNs());
            transmitter.onLearned(sender, context.nowNs());
        }
        if (!forVip || arp.operation() != ArpFlyweight.OPERATION_REQUEST || sender == target)
        {
            return ForwardVerdict.NOT_OURS;
        }
        final long askerMac = arp.senderMac();
        arp.turnIntoReply(ports.mac(context.inPort()));
        final ForwardVerdict verdict =
            transmitter.sendTo(context.inPort(), askerMac, buffer, context.offset(), context.length());
        return verdict == ForwardVerdict.FORWARD ? ForwardVerdict.ANSWERED : verdict;
    }

    private boolean isOwn(final int address)
    {
        for (final int own : ownAddresses)
        {
            if (own == address)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * ICMP echo request to a VIP: turn it into the reply in place and send it back.
     *
     * @param context the frame (an ICMP echo request to an owned VIP).
     * @return ANSWERED, or why it was not sent.
     */
    ForwardVerdict onEcho(final PacketContext context)
    {
        final MutableDirectBuffer buffer = context.buffer();
        ipv4.wrap(buffer, context.l3Offset());
        final int client = ipv4.sourceAddress();
        ipv4.sourceAddress(ipv4.destinationAddress()).destinationAddress(client).ttl(DEFAULT_TTL).updateChecksum();
        icmp.wrap(buffer, context.frame().l4Offset());
        final int oldTypeCode = icmp.type() << 8 | icmp.code();
        icmp.type(IcmpFlyweight.TYPE_ECHO_REPLY);
        final int newTypeCode = IcmpFlyweight.TYPE_ECHO_REPLY << 8 | icmp.code();
        icmp.checksum(Checksums.update16(icmp.checksum(), oldTypeCode, newTypeCode));
        final int length = context.l2Length() + ipv4.totalLength();
        final ForwardVerdict verdict = transmitter.send(buffer, context.offset(), length, client, context.nowNs());
        return verdict == ForwardVerdict.FORWARD ? ForwardVerdict.ANSWERED : verdict;
    }

    /**
     * Send an ICMP error about the current frame back to its source, from the address it was sent to (the VIP),
     * quoting its IP header and first 8 bytes, as IPVS's {@code icmp_send} does.
     *
     * @param context the frame the error is about.
     * @param type    ICMP type.
     * @param code    ICMP code.
     * @param mtu     next-hop MTU for fragmentation-needed, else 0.
     */
    void sendIcmpError(final PacketContext context, final int type, final int code, final int mtu)
    {
        final UnsafeBuffer out = context.scratch();
        final int l3 = PacketContext.ETHERNET_HEADER;
        quoted.wrap(context.buffer(), context.l3Offset());
        final int quoteLength =
            Math.min(context.frame().l3Length(), quoted.headerLength() + IcmpFlyweight.QUOTED_DATA_LENGTH);
        final int icmpLength = IcmpFlyweight.HEADER_LENGTH + quoteLength;
        final int client = quoted.sourceAddress();
        ethernet.wrap(out, 0).etherType(EthernetFlyweight.ETHER_TYPE_IPV4);
        ipv4.wrap(out, l3).fill(Ipv4Flyweight.MIN_HEADER_LENGTH + icmpLength, transmitter.nextIpIdentification(),
            0, DEFAULT_TTL, Ipv4Flyweight.PROTOCOL_ICMP, quoted.destinationAddress(), client, 0);
        final int icmpOffset = l3 + Ipv4Flyweight.MIN_HEADER_LENGTH;
        out.putBytes(icmpOffset + IcmpFlyweight.INNER_OFFSET, context.buffer(), context.l3Offset(),
            icmpLength - IcmpFlyweight.HEADER_LENGTH);
        icmp.wrap(out, icmpOffset).type(type).code(code).identifier(0).nextHopMtu(mtu).updateChecksum(icmpLength);
        transmitter.send(out, 0, icmpOffset + icmpLength, client, context.nowNs());
    }
}
