package org.jvs.core.forward;

import java.nio.ByteBuffer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.ParsedFrame;

/**
 * The frame a worker is handling, and what a {@link Forwarder} makes of it. One per worker, reused for
 * every frame. Input: the frame (in the worker's receive ring, writable in place) and its parse. Output: the
 * frame to send (the input rewritten in place, or a new frame in {@link #scratch()}), always starting with an
 * Ethernet header whose MACs the worker fills, and the IP address it must be routed to.
 */
public final class PacketContext
{
    /** Largest frame the worker handles, with room for an outer IPIP header. */
    public static final int MAX_FRAME = 9216 + 64;

    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAME));
    private final ParsedFrame frame = new ParsedFrame();
    private final Egress egress;
    private MutableDirectBuffer buffer;
    private int offset;
    private int length;
    private int inPort;
    private long nowNs;
    private MutableDirectBuffer outBuffer;
    private int outOffset;
    private int outLength;
    private int routeTo;
    private int nextHopMtu;

    /**
     * @param egress the worker's view of routes and ports, for handlers that need it (TUN).
     */
    public PacketContext(final Egress egress)
    {
        this.egress = egress;
    }

    /**
     * Start handling a frame.
     *
     * @param buffer holding it.
     * @param offset where it starts.
     * @param length its length.
     * @param inPort the port it arrived on.
     * @param nowNs  the worker's time.
     * @return this.
     */
    public PacketContext wrap(
        final MutableDirectBuffer buffer, final int offset, final int length, final int inPort, final long nowNs)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.inPort = inPort;
        this.nowNs = nowNs;
        this.outBuffer = null;
        this.routeTo = 0;
        return this;
    }

    /**
     * The output is the input frame, rewritten in place.
     *
     * @param destination IPv4 address (host order) to route the frame to.
     */
    public void sendInPlace(final int destination)
    {
        output(buffer, offset, length, destination);
    }

    /**
     * The output is a frame the handler built.
     *
     * @param outBuffer   holding it (usually {@link #scratch()}).
     * @param outOffset   where it starts (with an Ethernet header).
     * @param outLength   its length.
     * @param destination IPv4 address (host order) to route the frame to.
     */
    public void output(
        final MutableDirectBuffer outBuffer, final int outOffset, final int outLength, final int destination)
    {
        this.outBuffer = outBuffer;
        this.outOffset = outOffset;
        this.outLength = outLength;
        this.routeTo = destination;
    }

    /**
     * TUN: the packet does not fit; the worker sends fragmentation-needed with this MTU to the client.
     *
     * @param mtu the next-hop MTU to report (the egress MTU less the outer header).
     */
    public void nextHopMtu(final int mtu)
    {
        this.nextHopMtu = mtu;
    }

    public int nextHopMtu()
    {
        return nextHopMtu;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    /**
     * @return the parse of the current frame (filled by the worker before any handler runs).
     */
    public ParsedFrame frame()
    {
        return frame;
    }

    public int inPort()
    {
        return inPort;
    }

    public long nowNs()
    {
        return nowNs;
    }

    /**
     * @return a buffer of {@link #MAX_FRAME} bytes a handler may build its output frame in.
     */
    public UnsafeBuffer scratch()
    {
        return scratch;
    }

    public Egress egress()
    {
        return egress;
    }

    public MutableDirectBuffer outBuffer()
    {
        return outBuffer;
    }

    public int outOffset()
    {
        return outOffset;
    }

    public int outLength()
    {
        return outLength;
    }

    /**
     * @return the IPv4 destination (host order) the output must be routed to.
     */
    public int routeTo()
    {
        return routeTo;
    }

    /**
     * @return where the IP header of the input frame starts (after Ethernet and any 802.1Q tag).
     */
    public int l3Offset()
    {
        return frame.l3Offset();
    }

    /**
     * @return the Ethernet header length of the input frame.
     */
    public int l2Length()
    {
        return frame.l3Offset() - offset;
    }

    /**
     * Length of an untagged Ethernet header, for frames a handler builds.
     */
    public static final int ETHERNET_HEADER = EthernetFlyweight.HEADER_LENGTH;
}
