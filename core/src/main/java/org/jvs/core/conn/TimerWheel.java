package org.jvs.core.conn;

import java.util.Arrays;

/**
 * A hashed timer wheel over entry indices 0..capacity-1, allocation-free: the expiry timers of a
 * {@link ConnectionTable}, doing what IPVS does with one kernel timer per connection.
 * <p>
 * Time is cut in ticks of 2^tickShift ns; bucket = tick mod bucketCount; each bucket is an intrusive doubly
 * linked list kept in int arrays. An entry is filed under the tick of its deadline. Re-arming to a later
 * deadline (every packet) does not move the entry: when its bucket comes due the owner finds the deadline
 * has moved and files it again ({@link Handler} decides). Re-arming to an earlier deadline (a state change
 * to a shorter timeout, e.g. RST) moves it, so no entry is ever found late by more than one tick.
 * <p>
 * {@link #poll} processes the buckets of ticks that have fully passed, a bounded amount of work per call,
 * and resumes where it stopped. A bucket visit handles the entries whose tick is at or before the visited
 * tick; others (filed a whole rotation ahead) wait for a later visit.
 */
final class TimerWheel
{
    /** No entry. */
    static final int NIL = -1;
    private static final long UNSET = Long.MIN_VALUE;

    /**
     * Told of each entry whose tick is due.
     */
    interface Handler
    {
        /**
         * The entry's tick has passed: expire it (and {@link #remove} it) or file it again with
         * {@link #schedule}.
         *
         * @param entry the entry.
         * @param nowNs the time given to {@link #poll}.
         */
        void onTimer(int entry, long nowNs);
    }

    private final int tickShift;
    private final int bucketMask;
    private final int[] heads;
    private final int[] next;
    private final int[] prev;
    private final long[] tick;
    private long currentTick = UNSET;
    private int cursor = NIL;
    private boolean inBucket;
    private int size;

    /**
     * @param capacity    number of entry indices.
     * @param tickShift   a tick is 2^tickShift ns.
     * @param bucketCount number of buckets, a power of two.
     */
    TimerWheel(final int capacity, final int tickShift, final int bucketCount)
    {
        if (Integer.bitCount(bucketCount) != 1)
        {
            throw new IllegalArgumentException("bucketCount must be a power of two: " + bucketCount);
        }
        if (tickShift < 10 || tickShift > 40)
        {
            throw new IllegalArgumentException("tickShift must be 10..40: " + tickShift);
        }
        this.tickShift = tickShift;
        this.bucketMask = bucketCount - 1;
        this.heads = new int[bucketCount];
        Arrays.fill(heads, NIL);
        this.next = new int[capacity];
        this.prev = new int[capacity];
        this.tick = new long[capacity];
    }

    /**
     * @return length of a tick in ns.
     */
    long tickNs()
    {
        return 1L << tickShift;
    }

    /**
     * @return number of entries filed.
     */
    int size()
    {
        return size;
    }

    /**
     * File a new entry (not yet in the wheel) under its deadline.
     *
     * @param entry      the entry.
     * @param deadlineNs when it expires.
     * @param nowNs      the time now (starts the wheel's clock on first use).
     */
    void add(final int entry, final long deadlineNs, final long nowNs)
    {
        if (currentTick == UNSET)
        {
            currentTick = nowNs >> tickShift;
        }
        link(entry, deadlineNs >> tickShift);
        size++;
    }

    /**
     * File an entry again, from wherever it is (used by the handler and for earlier deadlines).
     *
     * @param entry      an entry in the wheel.
     * @param deadlineNs its new deadline.
     */
    void schedule(final int entry, final long deadlineNs)
    {
        unlink(entry);
        link(entry, deadlineNs >> tickShift);
    }

    /**
     * A deadline changed: move the entry only when the new one falls in an earlier tick than it is filed under.
     *
     * @param entry      an entry in the wheel.
     * @param deadlineNs its new deadline.
     */
    void rearm(final int entry, final long deadlineNs)
    {
        final long deadlineTick = deadlineNs >> tickShift;
        if (deadlineTick < tick[entry] && tick[entry] > currentTick + 1)
        {
            unlink(entry);
            link(entry, deadlineTick);
        }
    }

    /**
     * Take an entry out of the wheel.
     *
     * @param entry an entry in the wheel.
     */
    void remove(final int entry)
    {
        unlink(entry);
        size--;
    }

    private void link(final int entry, final long deadlineTick)
    {
        // A tick at or before the one being visited would be missed until the next rotation: file it next tick.
        final long filedTick = deadlineTick <= currentTick ? currentTick + 1 : deadlineTick;
        final int bucket = (int)filedTick & bucketMask;
        final int head = heads[bucket];
        tick[entry] = filedTick;
        prev[entry] = NIL;
        next[entry] = head;
        if (head != NIL)
        {
            prev[head] = entry;
        }
        heads[bucket] = entry;
    }

    private void unlink(final int entry)
    {
        if (cursor == entry)
        {
            cursor = next[entry];
        }
        final int before = prev[entry];
        final int after = next[entry];
        if (before == NIL)
        {
            heads[(int)tick[entry] & bucketMask] = after;
        }
        else
        {
            next[before] = after;
        }
        if (after != NIL)
        {
            prev[after] = before;
        }
        next[entry] = NIL;
        prev[entry] = NIL;
    }

    /**
     * Visit the buckets of the ticks that have fully passed by {@code nowNs}, calling the handler for each due
     * entry, until done or {@code workLimit} units of work (an entry looked at, or a bucket passed) are spent.
     *
     * @param nowNs     the time now.
     * @param workLimit bound on the work of this call.
     * @param handler   told of each due entry.
     * @return work done (0 when there was nothing to do).
     */
    int poll(final long nowNs, final int workLimit, final Handler handler)
    {
        final long nowTick = nowNs >> tickShift;
        if (currentTick == UNSET || size == 0)
        {
            currentTick = Math.max(currentTick, nowTick - 1);
            inBucket = false;
            return 0;
        }
        if (nowTick - currentTick > bucketMask + 1)
        {
            // Behind by more than a rotation: one visit of every bucket handles every overdue entry.
            currentTick = nowTick - (bucketMask + 1);
            inBucket = false;
        }
        int work = 0;
        while (work < workLimit && currentTick < nowTick)
        {
            if (!inBucket)
            {
                cursor = heads[(int)currentTick & bucketMask];
                inBucket = true;
            }
            while (cursor != NIL && work < workLimit)
            {
                final int entry = cursor;
                cursor = next[entry];
                work++;
                if (tick[entry] <= currentTick)
                {
                    handler.onTimer(entry, nowNs);
                }
            }
            if (cursor == NIL)
            {
                inBucket = false;
                currentTick++;
                work++;
            }
        }
        return work;
    }

    /**
     * @param entry an entry in the wheel.
     * @return the tick it is filed under.
     */
    long filedTick(final int entry)
    {
        return tick[entry];
    }
}
