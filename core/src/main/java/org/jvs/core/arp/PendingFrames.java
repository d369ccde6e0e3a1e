package org.jvs.core.arp;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A bounded queue of frames waiting for their next hop's MAC: preallocated slots, each a frame copy, the
 * IPv4 address it waits for, and when it was queued. When a MAC arrives the frames for it are handed back in
 * arrival order; when resolution fails or a frame waits too long it is dropped and counted. Owned by one
 * thread; nothing allocates after construction.
 */
public final class PendingFrames
{
    /**
     * Takes frames back out of the queue.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param buffer  the frame's copy (valid during the call only).
         * @param offset  where it starts.
         * @param length  its length.
         * @param address the next hop it waited for.
         */
        void onFrame(MutableDirectBuffer buffer, int offset, int length, int address);
    }

    private final UnsafeBuffer frames;
    private final int slotBytes;
    private final int[] lengths;
    private final int[] addresses;
    private final long[] queuedNs;
    private long drops;

    /**
     * @param slots     most frames waiting at once.
     * @param slotBytes largest frame kept (longer frames are dropped).
     */
    public PendingFrames(final int slots, final int slotBytes)
    {
        this.frames = new UnsafeBuffer(ByteBuffer.allocateDirect(slots * slotBytes));
        this.slotBytes = slotBytes;
        this.lengths = new int[slots];
        this.addresses = new int[slots];
        this.queuedNs = new long[slots];
    }

    /**
     * Keep a copy of a frame until its next hop is resolved.
     *
     * @param address next hop, host order.
     * @param buffer  the frame.
     * @param offset  where it starts.
     * @param length  its length.
     * @param nowNs   current time.
     * @return false (and a counted drop) when the queue is full or the frame too long.
     */
    public boolean add(
        final int address, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length <= slotBytes)
        {
            for (int i = 0; i < lengths.length; i++)
            {
                if (lengths[i] == 0)
                {
                    frames.putBytes(i * slotBytes, buffer, offset, length);
                    lengths[i] = length;
                    addresses[i] = address;
                    queuedNs[i] = nowNs;
                    return true;
                }
            }
        }
        drops++;
        return false;
    }

    /**
     * Hand back, oldest first, every frame waiting for an address, and free their slots.
     *
     * @param address the resolved next hop.
     * @param handler takes each frame.
     * @return frames handed back.
     */
    public int release(final int address, final Handler handler)
    {
        int released = 0;
        int next;
        while ((next = oldest(address)) >= 0)
        {
            final int length = lengths[next];
            lengths[next] = 0;
            handler.onFrame(frames, next * slotBytes, length, address);
            released++;
        }
        return released;
    }

    private int oldest(final int address)
    {
        int found = -1;
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != 0 && addresses[i] == address && (found < 0 || queuedNs[i] - queuedNs[found] < 0))
            {
                found = i;
            }
        }
        return found;
    }

    /**
     * Drop every frame waiting for an address (its resolution failed).
     *
     * @param address the unresolved next hop.
     * @return frames dropped.
     */
    public int dropFor(final int address)
    {
        int dropped = 0;
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != 0 && addresses[i] == address)
            {
                lengths[i] = 0;
                dropped++;
            }
        }
        drops += dropped;
        return dropped;
    }

    /**
     * Drop frames that waited longer than a limit.
     *
     * @param nowNs     current time.
     * @param maxWaitNs longest wait.
     * @return frames dropped.
     */
    public int expire(final long nowNs, final long maxWaitNs)
    {
        int dropped = 0;
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != 0 && nowNs - queuedNs[i] > maxWaitNs)
            {
                lengths[i] = 0;
                dropped++;
            }
        }
        drops += dropped;
        return dropped;
    }

    /**
     * @return how many frames the queue can hold.
     */
    public int slots()
    {
        return lengths.length;
    }

    /**
     * @param slot 0 .. {@link #slots()} - 1.
     * @return the next hop the frame in that slot waits for, or 0 when the slot is free.
     */
    public int waitingFor(final int slot)
    {
        return lengths[slot] != 0 ? addresses[slot] : 0;
    }

    /**
     * @return frames waiting now.
     */
    public int size()
    {
        int n = 0;
        for (final int length : lengths)
        {
            n += length != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * @return frames dropped since start: queue full, too long, resolution failed, waited too long.
     */
    public long drops()
    {
        return drops;
    }
}
