package org.jvs.core.worker;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.core.service.VipSet;

/**
 * The agent of one port ("port-eth0"), for ports that cannot spread frames over workers themselves (pcap4j,
 * capture files): takes received frames to the ring of the worker that owns their connection, and puts the
 * frames workers wrote to its transmit ring on the wire. The owner is {@link FlowShard}'s choice
 * ({@link FrameOwner}): a packet to a VIP carries the client as its source, any other (a NAT reply) as its
 * destination; an ICMP error is placed by the packet it quotes; ARP goes to every worker (each keeps its own
 * neighbour cache), and so does a later IPv4 fragment. Allocates nothing per frame.
 */
public final class PortAgent implements Agent, FrameHandler, MessageHandler
{
    private static final int BATCH = 64;

    private final String roleName;
    private final int portIndex;
    private final PacketPort port;
    private final RingBuffer transmitRing;
    private final RingBuffer[] workerRings;
    private final FrameOwner frameOwner;
    private final ServiceTableRef tables;
    private final NanoClock clock;
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
        this.frameOwner = new FrameOwner(shard);
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

    private void deliver(
        final RingBuffer ring, final DirectBuffer buffer, final int offset, final int length, final long rxNs)
    {
        if (!FrameOwner.deliver(ring, portIndex, buffer, offset, length, rxNs))
        {
            receiveRingFull++;
        }
    }

    private void refreshVips()
    {
        final ServiceTable table = tables.current();
        if (table.version() != tableVersion && workerRings.length > 1)
        {
            frameOwner.vips(VipSet.of(table));
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
        final int owner = frameOwner.owner(buffer, offset, length);
        if (owner == FrameOwner.EVERY_WORKER)
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
