package org.jvs.core.worker;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.IcmpFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.core.service.VipSet;

/**
 * The agent of one port ("port-eth0"): takes received frames to the ring of the worker that owns their
 * connection, and puts the frames workers wrote to its transmit ring on the wire. The owner is
 * {@link FlowShard}'s choice from (protocol, client address, client port): a packet to a VIP carries the client
 * as its source, any other (a NAT reply) as its destination; an ICMP error is placed by the packet it quotes;
 * ARP goes to every worker (each keeps its own neighbour cache), and so does a later IPv4 fragment, which has
 * no ports (only the worker that forwarded its first fragment knows it). Allocates nothing per frame.
 */
public final class PortAgent implements Agent, FrameHandler, MessageHandler
{
    private static final int BATCH = 64;

    private final String roleName;
    private final int portIndex;
    private final PacketPort port;
    private final RingBuffer transmitRing;
    private final RingBuffer[] workerRings;
    private final FlowShard shard;
    private final ServiceTableRef tables;
    private final NanoClock clock;
    private VipSet vips = VipSet.EMPTY;
    private long tableVersion = -1;
    private volatile boolean receiving = true;
    private long receiveRingFull;
    private long transmitRefused;

    /**
     * @param portIndex    this port's index in {@link Ports}.
     * @param port         the packet port.
     * @param transmitRing the port's transmit ring (workers write to it).
     * @param workerRings  every worker's receive ring, by worker number.
     * @param shard        the owner function (the same for every port agent).
     * @param tables       where the service table is published (to know the VIPs).
     * @param clock        time source for receive timestamps.
     */
    public PortAgent(
        final int portIndex,
        final PacketPort port,
        final RingBuffer transmitRing,
        final RingBuffer[] workerRings,
        final FlowShard shard,
        final ServiceTableRef tables,
        final NanoClock clock)
    {
        this.roleName = "port-" + port.name();
        this.portIndex = portIndex;
        this.port = port;
        this.transmitRing = transmitRing;
        this.workerRings = workerRings.clone();
        this.shard = shard;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public int doWork()
    {
        refreshVips();
        int work = receiving ? port.receive(this, BATCH) : 0;
        final int sent = transmitRing.read(this, BATCH);
        if (sent > 0)
        {
            port.flush();
        }
        return work + sent;
    }

    private void refreshVips()
    {
        final ServiceTable table = tables.current();
        if (table.version() != tableVersion && workerRings.length > 1)
        {
            vips = VipSet.of(table);
        }
        tableVersion = table.version();
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (!port.send(buffer, index, length))
        {
            transmitRefused++;
        }
    }

    @Override
    public void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final long rxNs = clock.nanoTime();
        final int owner = owner(buffer, offset, length);
        if (owner < 0)
        {
            for (final RingBuffer ring : workerRings)
            {
                deliver(ring, buffer, offset, length, rxNs);
            }
        }
        else
        {
            deliver(workerRings[owner], buffer, offset, length, rxNs);
        }
    }

    private void deliver(
        final RingBuffer ring, final DirectBuffer buffer, final int offset, final int length, final long rxNs)
    {
        final int claimed = ring.tryClaim(portIndex + 1, Worker.RX_HEADER + length);
        if (claimed <= 0)
        {
            receiveRingFull++;
            return;
        }
        final MutableDirectBuffer ringBuffer = ring.buffer();
        ringBuffer.putLong(claimed, rxNs);
        ringBuffer.putBytes(claimed + Worker.RX_HEADER, buffer, offset, length);
        ring.commit(claimed);
    }

    /**
     * @return the owning worker, or -1 for every worker (ARP).
     */
    private int owner(final DirectBuffer buffer, final int offset, final int length)
    {
        if (workerRings.length == 1)
        {
            return 0;
        }
        int l3 = offset + EthernetFlyweight.HEADER_LENGTH;
        if (length < EthernetFlyweight.HEADER_LENGTH + Ipv4Flyweight.MIN_HEADER_LENGTH + 8)
        {
            return length >= EthernetFlyweight.HEADER_LENGTH && isArp(buffer, offset) ? -1 : 0;
        }
        int etherType = u16(buffer, offset + EthernetFlyweight.ETHER_TYPE_OFFSET);
        if (etherType == EthernetFlyweight.ETHER_TYPE_VLAN)
        {
            etherType = u16(buffer, offset + EthernetFlyweight.TAGGED_ETHER_TYPE_OFFSET);
            l3 += EthernetFlyweight.TAGGED_HEADER_LENGTH - EthernetFlyweight.HEADER_LENGTH;
        }
        if (etherType == EthernetFlyweight.ETHER_TYPE_ARP)
        {
            return -1;
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
            return -1;
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

    private static boolean isArp(final DirectBuffer buffer, final int offset)
    {
        return u16(buffer, offset + EthernetFlyweight.ETHER_TYPE_OFFSET) == EthernetFlyweight.ETHER_TYPE_ARP;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Stop taking frames from the wire (shutdown drains: what is in the rings is still forwarded and sent).
     */
    public void stopReceiving()
    {
        receiving = false;
    }

    /**
     * @return frames dropped because the owning worker's ring was full.
     */
    public long receiveRingFull()
    {
        return receiveRingFull;
    }

    /**
     * @return frames the port refused to send.
     */
    public long transmitRefused()
    {
        return transmitRefused;
    }

    @Override
    public void onClose()
    {
        port.close();
    }
}
