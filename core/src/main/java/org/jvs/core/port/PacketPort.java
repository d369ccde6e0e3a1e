package org.jvs.core.port;

import org.agrona.DirectBuffer;
import org.jvs.core.service.VipSet;

/**
 * Where frames come from and go to: a live interface (AF_PACKET ring, pcap4j), a capture file, or memory.
 * Used by one thread (the agent that polls it). Receive hands frames over in place; send queues a frame
 * (the port copies it or keeps a reference until {@link #flush}); flush puts the queued batch on the wire.
 */
public interface PacketPort extends AutoCloseable
{
    /**
     * @return short name for logs and agent roles, e.g. the interface name.
     */
    String name();

    /**
     * Hand up to {@code limit} received frames to the handler.
     *
     * @param handler called once per frame.
     * @param limit   most frames to hand over in this call.
     * @return frames handed over (0 when none were waiting).
     */
    int receive(FrameHandler handler, int limit);

    /**
     * Queue a frame to send.
     *
     * @param buffer holds the frame.
     * @param offset where it starts.
     * @param length its length.
     * @return false when the port's send queue is full (the caller counts a drop).
     */
    boolean send(DirectBuffer buffer, int offset, int length);

    /**
     * Send what was queued.
     *
     * @return frames sent.
     */
    int flush();

    /**
     * @return this port's MAC address as 48 bits in a long.
     */
    long macAddress();

    /**
     * @return the interface MTU (largest IP packet), 1500 by default.
     */
    default int mtu()
    {
        return 1500;
    }

    /**
     * Tell a port that spreads frames over several workers' sockets by itself (AF_PACKET fanout) which
     * addresses are VIPs, so it can put each frame in the ring of the worker that owns its connection (see
     * {@link org.jvs.core.conn.FlowShard}). Called by one worker when the table's VIPs change; not on the packet
     * path. Other ports ignore it.
     *
     * @param vips the IPv4 VIPs now served.
     */
    default void steer(VipSet vips)
    {
    }

    @Override
    void close();
}
