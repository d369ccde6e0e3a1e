package org.jvs.director.realserver;

import org.agrona.concurrent.Agent;
import org.jvs.core.port.PacketPort;

/**
 * Polls the capture port and runs each frame through the decapsulator, up to a bounded number per duty cycle.
 */
public final class TunDecapAgent implements Agent
{
    /** Frames taken from the port per {@link #doWork()}. */
    public static final int FRAMES_PER_DUTY_CYCLE = 64;

    private final PacketPort port;
    private final TunDecapsulator decapsulator;
    private final String roleName;

    /**
     * @param port         capturing IPIP frames.
     * @param decapsulator checks and delivers them.
     */
    public TunDecapAgent(final PacketPort port, final TunDecapsulator decapsulator)
    {
        this.port = port;
        this.decapsulator = decapsulator;
        this.roleName = "tun-decap-" + port.name();
    }

    @Override
    public int doWork()
    {
        return port.receive(decapsulator, FRAMES_PER_DUTY_CYCLE);
    }

    @Override
    public String roleName()
    {
        return roleName;
    }
}
