package org.jvs.core.worker;

import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The director's ports as the workers see them: per port, its name, MAC, MTU and the ring its port agent
 * transmits from (workers write frames there). Immutable after start.
 */
public final class Ports
{
    private final String[] names;
    private final long[] macs;
    private final int[] mtus;
    private final RingBuffer[] transmitRings;

    /**
     * @param names         interface names.
     * @param macs          their MACs.
     * @param mtus          their MTUs.
     * @param transmitRings one many-to-one ring per port.
     */
    public Ports(final String[] names, final long[] macs, final int[] mtus, final RingBuffer[] transmitRings)
    {
        this.names = names.clone();
        this.macs = macs.clone();
        this.mtus = mtus.clone();
        this.transmitRings = transmitRings.clone();
    }

    /**
     * @return number of ports.
     */
    public int count()
    {
        return names.length;
    }

    /**
     * @param port port index.
     * @return its interface name.
     */
    public String name(final int port)
    {
        return names[port];
    }

    /**
     * @param port port index.
     * @return its MAC.
     */
    public long mac(final int port)
    {
        return macs[port];
    }

    /**
     * @param port port index.
     * @return its MTU.
     */
    public int mtu(final int port)
    {
        return mtus[port];
    }

    /**
     * @param port port index.
     * @return the ring its port agent transmits from.
     */
    public RingBuffer transmitRing(final int port)
    {
        return transmitRings[port];
    }
}
