package org.jvs.forwarders.port;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A preallocated first-in first-out queue of frames for one thread: {@code capacity} slots of
 * {@code slotBytes} each in one buffer, so offering copies a frame in and nothing is allocated afterwards.
 * <pre>
 *   slot i at offset i * slotBytes: | frame bytes ... | (unused up to slotBytes)
 *   lengths[i] = frame length
 * </pre>
 */
final class FrameQueue
{
    private final UnsafeBuffer slots;
    private final int[] lengths;
    private final int slotBytes;
    private final int mask;
    private long head;
    private long tail;

    /**
     * @param capacity  most frames held; rounded up to a power of two.
     * @param slotBytes largest frame.
     */
    FrameQueue(final int capacity, final int slotBytes)
    {
        if (capacity < 1 || slotBytes < 1)
        {
            throw new IllegalArgumentException("frame queue: capacity " + capacity + " and slotBytes " +
                slotBytes + " must be positive");
        }
        final int slotCount = BitUtil.findNextPositivePowerOfTwo(capacity);
        this.slots = new UnsafeBuffer(new byte[Math.multiplyExact(slotCount, slotBytes)]);
        this.lengths = new int[slotCount];
        this.slotBytes = slotBytes;
        this.mask = slotCount - 1;
    }

    /**
     * @param buffer holds the frame.
     * @param offset where it starts.
     * @param length its length.
     * @return false when the queue is full or the frame is longer than a slot.
     */
    boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (tail - head > mask || length > slotBytes || length < 0)
        {
            return false;
        }
        final int index = (int)tail & mask;
        slots.putBytes(index * slotBytes, buffer, offset, length);
        lengths[index] = length;
        tail++;
        return true;
    }

    /**
     * @return frames waiting.
     */
    int size()
    {
        return (int)(tail - head);
    }

    boolean isEmpty()
    {
        return tail == head;
    }

    /**
     * @return the buffer every slot lives in (valid for the frame at {@link #headOffset}).
     */
    MutableDirectBuffer buffer()
    {
        return slots;
    }

    /**
     * @return where the oldest frame starts in {@link #buffer}; only when not empty.
     */
    int headOffset()
    {
        return ((int)head & mask) * slotBytes;
    }

    /**
     * @return the oldest frame's length; only when not empty.
     */
    int headLength()
    {
        return lengths[(int)head & mask];
    }

    /**
     * Drops the oldest frame (after it has been used).
     */
    void pop()
    {
        if (head < tail)
        {
            head++;
        }
    }

    /**
     * Forgets every frame.
     */
    void clear()
    {
        head = tail;
    }

    /**
     * @return the largest frame a slot holds.
     */
    int slotBytes()
    {
        return slotBytes;
    }

    /**
     * @return how many frames fit.
     */
    int capacity()
    {
        return mask + 1;
    }
}
