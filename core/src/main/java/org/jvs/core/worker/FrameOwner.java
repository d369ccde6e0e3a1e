package org.jvs.core.worker;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.IcmpFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.service.VipSet;

/**
 * Which worker owns a received frame, read from its headers without a full parse: {@link FlowShard}'s choice
 * from (protocol, client address, client port), where a packet to a VIP carries the client as its source and
 * any other (a NAT reply) as its destination; an ICMP error is placed by the packet it quotes; ARP and later
 * IPv4 fragments (no ports; only the worker that forwarded the first fragment knows them) belong to every
 * worker. Also writes a frame into a worker's receive ring. Used by one thread; allocates nothing per frame.
 */
final class FrameOwner
{
    /** The frame belongs to every worker. */
    static final int EVERY_WORKER = -1;

    private final FlowShard shard;
    private VipSet vips = VipSet.EMPTY;

    FrameOwner(final FlowShard shard)
    {
        this.shard = shard;
    }

    /**
     * @param vips the VIPs of the table now in force.
     */
    void vips(final VipSet vips)
    {
        this.vips = vips;
    }

    /**
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     * @return the owning worker, or {@link #EVERY_WORKER}.
     */
    int owner(final DirectBuffer buffer, final int offset, final int length)
    {
        if (shard.workerCount() == 1)
        {
            return 0;
        }
        int l3 = offset + EthernetFlyweight.HEADER_LENGTH;
        if (length < EthernetFlyweight.HEADER_LENGTH + Ipv4Flyweight.MIN_HEADER_LENGTH + 8)
        {
            return length >= EthernetFlyweight.HEADER_LENGTH &&
                u16(buffer, offset + EthernetFlyweight.ETHER_TYPE_OFFSET) == EthernetFlyweight.ETHER_TYPE_ARP ?
                EVERY_WORKER : 0;
        }
        int etherType = u16(buffer, offset + EthernetFlyweight.ETHER_TYPE_OFFSET);
        if (etherType == EthernetFlyweight.ETHER_TYPE_VLAN)
        {
            etherType = u16(buffer, offset + EthernetFlyweight.TAGGED_ETHER_TYPE_OFFSET);
            l3 += EthernetFlyweight.TAGGED_HEADER_LENGTH - EthernetFlyweight.HEADER_LENGTH;
        }
        if (etherType == EthernetFlyweight.ETHER_TYPE_ARP)
        {
            return EVERY_WORKER;
        }
        if (etherType != EthernetFlyweight.ETHER_TYPE_IPV4)
        {
            return 0;
        }
        return ipv4Owner(buffer, l3, offset + length);
    }

    private int ipv4Owner(final DirectBuffer buffer, final int l3, final int end)
    {
        final int ihl = (buffer.getByte(l3) & 0x0F) * 4;
        if ((u16(buffer, l3 + Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET) & Ipv4Flyweight.FRAGMENT_OFFSET_MASK) != 0)
        {
            return EVERY_WORKER;
        }
        final int protocol = buffer.getByte(l3 + Ipv4Flyweight.PROTOCOL_OFFSET) & 0xFF;
        final int l4 = l3 + ihl;
        if (protocol == Ipv4Flyweight.PROTOCOL_ICMP)
        {
            final int inner = l4 + IcmpFlyweight.INNER_OFFSET;
            if (l4 + IcmpFlyweight.HEADER_LENGTH > end || !IcmpFlyweight.isError(buffer.getByte(l4) & 0xFF) ||
                inner + Ipv4Flyweight.MIN_HEADER_LENGTH + 4 > end)
            {
                return 0;
            }
            final int innerIhl = (buffer.getByte(inner) & 0x0F) * 4;
            return flowOwner(buffer, inner, inner + innerIhl, true);
        }
        if ((protocol != Ipv4Flyweight.PROTOCOL_TCP && protocol != Ipv4Flyweight.PROTOCOL_UDP) || l4 + 4 > end)
        {
            return 0;
        }
        return flowOwner(buffer, l3, l4, false);
    }

    private int flowOwner(final DirectBuffer buffer, final int l3, final int l4, final boolean quoted)
    {
        final int protocol = buffer.getByte(l3 + Ipv4Flyweight.PROTOCOL_OFFSET) & 0xFF;
        final int source = buffer.getInt(l3 + Ipv4Flyweight.SOURCE_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
        final int destination = buffer.getInt(l3 + Ipv4Flyweight.DESTINATION_ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
        final int sourcePort = u16(buffer, l4);
        final int destinationPort = u16(buffer, l4 + 2);
        final boolean clientIsSource = quoted ? !vips.contains(source) : vips.contains(destination);
        return clientIsSource ? shard.owner4(protocol, source, sourcePort) :
            shard.owner4(protocol, destination, destinationPort);
    }

    /**
     * Write a frame, after its receive time, into a worker's receive ring.
     *
     * @param ring      the worker's ring.
     * @param portIndex the port it arrived on (the message type is the index + 1).
     * @param buffer    holding the frame.
     * @param offset    where it starts.
     * @param length    its length.
     * @param rxNs      its receive time.
     * @return false when the ring had no room (the caller counts a drop).
     */
    static boolean deliver(
        final RingBuffer ring,
        final int portIndex,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long rxNs)
    {
        final int claimed = ring.tryClaim(portIndex + 1, Worker.RX_HEADER + length);
        if (claimed <= 0)
        {
            return false;
        }
        final MutableDirectBuffer ringBuffer = ring.buffer();
        ringBuffer.putLong(claimed, rxNs);
        ringBuffer.putBytes(claimed + Worker.RX_HEADER, buffer, offset, length);
        ring.commit(claimed);
        return true;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }
}
