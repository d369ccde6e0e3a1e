package org.jvs.forwarders.afpacket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.LibraryLoader;
import org.agrona.BufferUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Idles a worker on its AF_PACKET sockets: after a few empty spins it sleeps in {@code poll(2)} until a frame
 * arrives on one of its rings, or {@code timeoutMs} at most (so the worker's rings from other threads, its
 * commands and its timers are still served). A lone request wakes the worker at once instead of waiting out a
 * park, and an idle worker uses no CPU. The pollfd array is native memory made once: idling allocates nothing.
 */
public final class PollIdleStrategy implements IdleStrategy
{
    /** Empty work cycles spun before sleeping: a burst's next frame usually comes within them. */
    public static final int DEFAULT_SPINS = 100;
    /** The longest sleep: what a hand-off from another worker or a command may wait. */
    public static final int DEFAULT_TIMEOUT_MS = 1;

    private static final int POLLFD_BYTES = 8;
    private static final short POLLIN = 0x001;

    private final PacketLibC libc;
    private final ByteBuffer memory;
    private final long address;
    private final int count;
    private final int spins;
    private final int timeoutMs;
    private int spun;

    /**
     * @param fileDescriptors the worker's sockets.
     * @param spins           empty cycles before sleeping.
     * @param timeoutMs       the longest sleep.
     */
    public PollIdleStrategy(final int[] fileDescriptors, final int spins, final int timeoutMs)
    {
        if (fileDescriptors.length == 0)
        {
            throw new IllegalArgumentException("poll idle needs at least one socket");
        }
        this.libc = LibraryLoader.create(PacketLibC.class).load("c");
        this.count = fileDescriptors.length;
        this.memory = BufferUtil.allocateDirectAligned(count * POLLFD_BYTES, 64);
        this.address = BufferUtil.address(memory);
        final UnsafeBuffer fds = new UnsafeBuffer(memory);
        for (int i = 0; i < count; i++)
        {
            fds.putInt(i * POLLFD_BYTES, fileDescriptors[i], ByteOrder.nativeOrder());
            fds.putShort(i * POLLFD_BYTES + 4, POLLIN, ByteOrder.nativeOrder());
        }
        this.spins = spins;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param ports the worker's ports.
     * @return a strategy with the default spins and timeout.
     */
    public static PollIdleStrategy of(final AfPacketPort... ports)
    {
        final int[] fds = new int[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            fds[i] = ports[i].fileDescriptor();
        }
        return new PollIdleStrategy(fds, DEFAULT_SPINS, DEFAULT_TIMEOUT_MS);
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            spun = 0;
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (spun < spins)
        {
            spun++;
            Thread.onSpinWait();
        }
        else
        {
            libc.poll(address, count, timeoutMs); // ready, timed out or interrupted: the worker looks either way
        }
    }

    @Override
    public void reset()
    {
        spun = 0;
    }

    @Override
    public String alias()
    {
        return "poll";
    }
}
