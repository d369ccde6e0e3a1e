package org.jvs.core.worker;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.arp.NeighbourTable;
import org.jvs.core.arp.PendingFrames;
import org.jvs.core.forward.Egress;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.packet.ArpFlyweight;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.port.PacketPort;
import org.jvs.core.route.RouteTable;

/**
 * The last step of a worker: route a frame's IP destination to a port and next hop, put the next hop's MAC
 * and the port's MAC in the frame, and queue it on the worker's own socket of that port (AF_PACKET fanout) or
 * write it to the port agent's transmit ring. When the next hop's MAC is not
 * known, the frame waits in a bounded queue while the director resolves it with its own ARP requests; frames
 * whose resolution fails are dropped and counted. Owned by its worker; allocates nothing after construction.
 */
final class Transmitter implements Egress
{
    private static final int MSG_FRAME = 1;
    private static final long MAX_WAIT_NS = 3_000_000_000L;
    /** ARP frames are padded to the Ethernet minimum, as a NIC would. */
    private static final int ARP_FRAME_LENGTH = EthernetFlyweight.MIN_FRAME_LENGTH;

    private final Ports ports;
    private final PacketPort[] direct;
    private final RouteTable routes;
    private final NeighbourTable neighbours;
    private final PendingFrames pending;
    private final WorkerStats stats;
    private final UnsafeBuffer arpFrame = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final ArpFlyweight arp = new ArpFlyweight();
    private final PendingFrames.Handler onResolved = this::onResolved;
    private int ipIdentification;
    private long nowNs;

    Transmitter(
        final Ports ports,
        final PacketPort[] direct,
        final RouteTable routes,
        final NeighbourTable neighbours,
        final PendingFrames pending,
        final WorkerStats stats)
    {
        this.ports = ports;
        this.direct = direct;
        this.routes = routes;
        this.neighbours = neighbours;
        this.pending = pending;
        this.stats = stats;
    }

    /**
     * Route and send a frame that starts with an Ethernet header.
     *
     * @param buffer      holding the frame.
     * @param offset      where it starts.
     * @param length      its length.
     * @param destination IPv4 destination to route by, host order.
     * @param nowNs       time now.
     * @return FORWARD when sent or queued for resolution, else the reason.
     */
    ForwardVerdict send(
        final MutableDirectBuffer buffer, final int offset, final int length, final int destination, final long nowNs)
    {
        final int route = routes.find(destination);
        if (route == RouteTable.NO_ROUTE)
        {
            return ForwardVerdict.NO_ROUTE;
        }
        final int nextHop = routes.nextHop(route, destination);
        final int port = routes.portIndex(route);
        final long mac = neighbours.lookup(nextHop, nowNs);
        if (mac == NeighbourTable.NO_MAC)
        {
            if (!pending.add(nextHop, buffer, offset, length, nowNs))
            {
                return ForwardVerdict.NEIGHBOUR_UNRESOLVED;
            }
            if (neighbours.probeDue(nextHop, nowNs))
            {
                sendArpRequest(port, routes.source(route), nextHop);
            }
            return ForwardVerdict.FORWARD;
        }
        return sendTo(port, mac, buffer, offset, length);
    }

    /**
     * Send a frame out of a port to a known MAC, filling both MACs.
     *
     * @param port   port index.
     * @param mac    destination MAC.
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     * @return FORWARD, or TRANSMIT_FULL when the port's ring had no room.
     */
    ForwardVerdict sendTo(
        final int port, final long mac, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        EthernetFlyweight.writeMac(buffer, offset + EthernetFlyweight.DESTINATION_MAC_OFFSET, mac);
        EthernetFlyweight.writeMac(buffer, offset + EthernetFlyweight.SOURCE_MAC_OFFSET, ports.mac(port));
        return write(port, buffer, offset, length) ? ForwardVerdict.FORWARD : ForwardVerdict.TRANSMIT_FULL;
    }

    /**
     * Queue a finished frame on the worker's own socket of the port, or write it to the port agent's ring.
     */
    private boolean write(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        if (direct == null)
        {
            return ports.transmitRing(port).write(MSG_FRAME, buffer, offset, length);
        }
        final PacketPort out = direct[port];
        if (out.send(buffer, offset, length))
        {
            return true;
        }
        out.flush();
        return out.send(buffer, offset, length);
    }

    /**
     * A neighbour's MAC was learned: send the frames that waited for it.
     *
     * @param address the neighbour.
     * @param nowNs   time now.
     */
    void onLearned(final int address, final long nowNs)
    {
        this.nowNs = nowNs;
        pending.release(address, onResolved);
    }

    private void onResolved(final MutableDirectBuffer buffer, final int offset, final int length, final int address)
    {
        final long mac = neighbours.lookup(address, nowNs);
        final int route = routes.find(address);
        if (mac == NeighbourTable.NO_MAC || route == RouteTable.NO_ROUTE)
        {
            stats.onVerdict(ForwardVerdict.NEIGHBOUR_UNRESOLVED);
            return;
        }
        final ForwardVerdict verdict = sendTo(routes.portIndex(route), mac, buffer, offset, length);
        if (verdict != ForwardVerdict.FORWARD)
        {
            stats.onVerdict(verdict);
        }
    }

    /**
     * Repeat ARP requests for next hops frames still wait for; drop frames whose resolution failed or that
     * waited too long.
     *
     * @param nowNs time now.
     * @return work done.
     */
    int poll(final long nowNs)
    {
        int work = 0;
        for (int slot = 0; slot < pending.slots(); slot++)
        {
            final int address = pending.waitingFor(slot);
            if (address == 0)
            {
                continue;
            }
            if (neighbours.hasFailed(address, nowNs))
            {
                work += count(pending.dropFor(address));
            }
            else if (neighbours.probeDue(address, nowNs))
            {
                final int route = routes.find(address);
                if (route != RouteTable.NO_ROUTE)
                {
                    sendArpRequest(routes.portIndex(route), routes.source(route), address);
                    work++;
                }
            }
        }
        return work + count(pending.expire(nowNs, MAX_WAIT_NS));
    }

    private int count(final int dropped)
    {
        for (int i = 0; i < dropped; i++)
        {
            stats.onVerdict(ForwardVerdict.NEIGHBOUR_UNRESOLVED);
        }
        return dropped;
    }

    /**
     * Send an ARP request ("who has target? tell source") out of a port.
     *
     * @param port    port index.
     * @param source  the director's address on that port.
     * @param target  the address to resolve.
     */
    void sendArpRequest(final int port, final int source, final int target)
    {
        writeArp(port, ArpFlyweight.OPERATION_REQUEST, source, 0L, target);
        write(port, arpFrame, 0, ARP_FRAME_LENGTH);
    }

    /**
     * Send a gratuitous ARP for an address the director takes over (an ARP request for itself, broadcast).
     *
     * @param port    port index.
     * @param address the address, now answered by this port's MAC.
     */
    void sendGratuitousArp(final int port, final int address)
    {
        writeArp(port, ArpFlyweight.OPERATION_REQUEST, address, 0L, address);
        write(port, arpFrame, 0, ARP_FRAME_LENGTH);
    }

    private void writeArp(
        final int port, final int operation, final int sender, final long targetMac, final int target)
    {
        ethernet.wrap(arpFrame, 0)
            .destinationMac(EthernetFlyweight.BROADCAST_MAC)
            .sourceMac(ports.mac(port))
            .etherType(EthernetFlyweight.ETHER_TYPE_ARP);
        arp.wrap(arpFrame, EthernetFlyweight.HEADER_LENGTH)
            .ethernetIpv4()
            .operation(operation)
            .senderMac(ports.mac(port))
            .senderAddress(sender)
            .targetMac(targetMac)
            .targetAddress(target);
    }

    /**
     * @param address an IPv4 address, host order.
     * @return the port it is reached by, or -1 without a route.
     */
    int portFor(final int address)
    {
        final int route = routes.find(address);
        return route == RouteTable.NO_ROUTE ? -1 : routes.portIndex(route);
    }

    @Override
    public int sourceAddressFor(final int destination)
    {
        final int route = routes.find(destination);
        return route == RouteTable.NO_ROUTE ? 0 : routes.source(route);
    }

    @Override
    public int mtuFor(final int destination)
    {
        final int route = routes.find(destination);
        return route == RouteTable.NO_ROUTE ? 0 : ports.mtu(routes.portIndex(route));
    }

    @Override
    public int nextIpIdentification()
    {
        ipIdentification = (ipIdentification + 1) & 0xFFFF;
        return ipIdentification;
    }
}
