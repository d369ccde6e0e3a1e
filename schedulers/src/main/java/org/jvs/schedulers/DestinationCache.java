package org.jvs.schedulers;

import java.util.Arrays;
import java.util.function.IntConsumer;

import org.jvs.core.sched.ScheduleRequest;

/**
 * The destination-address cache of lblc and lblcr ({@code struct ip_vs_lblc_table} / {@code ip_vs_lblcr_table}):
 * 1024 hash buckets ({@code hash_32} of the folded destination address, 10 bits) chaining entries of a
 * preallocated pool, so that finding, adding and dropping an entry allocates nothing.
 * <p>
 * The kernel collects stale entries from a timer every 60 s ({@code ip_vs_lblc_check_expire}); a scheduler runs
 * on its worker's thread and has no timer, so the same collection runs from {@link #collect(long)}, which the
 * scheduler calls at the top of each decision with the packet's time: when a minute has passed the "timer"
 * fires as the kernel's does (every 30th firing while the table is within its size, a full check drops entries
 * unused for 24 h; while it is over its size, a partial check walks from the rover dropping entries unused for
 * 6 min until (entries - max) * 4/3 are gone, at most max/2), and the walk it starts is done a few buckets per
 * call ({@link #BUCKETS_PER_CALL}), so each decision's extra work stays bounded. Firings missed while no packet
 * came are counted as the kernel's counter would count them; a walk then judges entries by the current time.
 * <p>
 * One writer (the owning worker); entry indexes are handed to the owner, who keeps the payload (a server, or a
 * set of servers) in arrays of its own, and is told through the releaser when an entry is dropped.
 */
final class DestinationCache
{
    /** {@code IP_VS_LBLC_TAB_BITS}. */
    static final int TABLE_BITS = 10;
    /** {@code IP_VS_LBLC_TAB_SIZE}: hash buckets. */
    static final int TABLE_SIZE = 1 << TABLE_BITS;
    /** {@code tbl->max_size}: 16 entries a bucket. */
    static final int MAX_SIZE = TABLE_SIZE * 16;
    /** Entries the pool holds: the kernel adds while {@code entries <= max_size}, so max_size + 1 at most. */
    static final int CAPACITY = MAX_SIZE + 1;
    /** {@code CHECK_EXPIRE_INTERVAL}: 60 s. */
    static final long CHECK_INTERVAL_NS = 60_000_000_000L;
    /** {@code ENTRY_TIMEOUT}: 6 min, for collection when over size. */
    static final long ENTRY_TIMEOUT_NS = 6 * 60_000_000_000L;
    /** {@code DEFAULT_EXPIRATION} (sysctl lblc_expiration / lblcr_expiration): 24 h. */
    static final long EXPIRATION_NS = 24 * 3600_000_000_000L;
    /** {@code COUNT_FOR_FULL_EXPIRATION}. */
    static final int COUNT_FOR_FULL_EXPIRATION = 30;
    /** Buckets a started collection walk visits per decision. */
    static final int BUCKETS_PER_CALL = 16;

    private static final int NONE = -1;
    private static final int WALK_IDLE = 0;
    private static final int WALK_FULL = 1;
    private static final int WALK_PARTIAL = 2;

    private final int[] heads = new int[TABLE_SIZE];
    private final int[] next = new int[CAPACITY];
    private final int[] words = new int[CAPACITY * 4];
    private final long[] lastUseNs = new long[CAPACITY];
    private final IntConsumer releaser;
    private int free;
    private int entries;

    private boolean armed;
    private long nextCheckNs;
    private int counter = 1;
    private int rover;
    private int walk = WALK_IDLE;
    private int walkLeft;
    private int goal;

    /**
     * @param releaser told the index of each entry dropped (by collection or {@link #clear}).
     */
    DestinationCache(final IntConsumer releaser)
    {
        this.releaser = releaser;
        clear();
    }

    /**
     * Drop every entry ({@code ip_vs_lblc_flush}) and stop the timer.
     */
    void clear()
    {
        if (entries > 0)
        {
            for (int bucket = 0; bucket < TABLE_SIZE; bucket++)
            {
                for (int e = heads[bucket]; e != NONE; e = next[e])
                {
                    releaser.accept(e);
                }
            }
        }
        Arrays.fill(heads, NONE);
        for (int i = 0; i < CAPACITY; i++)
        {
            next[i] = i + 1 < CAPACITY ? i + 1 : NONE;
        }
        free = 0;
        entries = 0;
        armed = false;
        counter = 1;
        rover = 0;
        walk = WALK_IDLE;
    }

    /**
     * @return entries held ({@code atomic_read(&tbl->entries)}).
     */
    int entries()
    {
        return entries;
    }

    /**
     * @param request the new connection's packet.
     * @return the entry of its destination address, or -1.
     */
    int find(final ScheduleRequest request)
    {
        for (int e = heads[bucket(request)]; e != NONE; e = next[e])
        {
            final int w = e << 2;
            if (words[w] == request.destinationWord(0) && words[w + 1] == request.destinationWord(1) &&
                words[w + 2] == request.destinationWord(2) && words[w + 3] == request.destinationWord(3))
            {
                return e;
            }
        }
        return NONE;
    }

    /**
     * Add an entry for the request's destination ({@code ip_vs_lblc_new} after its lookup missed): refused when
     * the table already holds more than {@link #MAX_SIZE} entries.
     *
     * @param request the packet.
     * @param nowNs   its time: the entry's last use.
     * @return the new entry, or -1.
     */
    int add(final ScheduleRequest request, final long nowNs)
    {
        if (entries > MAX_SIZE || free == NONE)
        {
            return NONE;
        }
        final int e = free;
        free = next[e];
        final int w = e << 2;
        for (int i = 0; i < 4; i++)
        {
            words[w + i] = request.destinationWord(i);
        }
        lastUseNs[e] = nowNs;
        final int bucket = bucket(request);
        next[e] = heads[bucket];
        heads[bucket] = e;
        entries++;
        return e;
    }

    /**
     * @param entry an entry.
     * @param nowNs its new last-use time.
     */
    void touch(final int entry, final long nowNs)
    {
        lastUseNs[entry] = nowNs;
    }

    /**
     * Fire the emulated expiry timer when its minute has come, and advance a started walk by a few buckets.
     *
     * @param nowNs the time of the packet being scheduled.
     */
    void collect(final long nowNs)
    {
        if (!armed)
        {
            armed = true;
            nextCheckNs = nowNs + CHECK_INTERVAL_NS;
            return;
        }
        if (walk == WALK_IDLE && nowNs - nextCheckNs >= 0)
        {
            fire(1 + (nowNs - nextCheckNs) / CHECK_INTERVAL_NS);
            nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        }
        if (walk != WALK_IDLE)
        {
            step(nowNs);
        }
    }

    /**
     * {@code ip_vs_lblc_check_expire} for {@code due} firings since the last one that ran.
     */
    private void fire(final long due)
    {
        final int untilFull = counter % COUNT_FOR_FULL_EXPIRATION == 0 ?
            1 : COUNT_FOR_FULL_EXPIRATION - counter % COUNT_FOR_FULL_EXPIRATION + 1;
        if (entries > MAX_SIZE && counter % COUNT_FOR_FULL_EXPIRATION != 0)
        {
            goal = Math.min((entries - MAX_SIZE) * 4 / 3, MAX_SIZE / 2);
            startWalk(WALK_PARTIAL);
        }
        else if (due >= untilFull)
        {
            counter = 1 + (int)((due - untilFull) % COUNT_FOR_FULL_EXPIRATION);
            startWalk(WALK_FULL);
        }
        else
        {
            counter += (int)due;
        }
    }

    private void startWalk(final int kind)
    {
        walk = kind;
        walkLeft = TABLE_SIZE;
    }

    private void step(final long nowNs)
    {
        final long timeoutNs = walk == WALK_FULL ? EXPIRATION_NS : ENTRY_TIMEOUT_NS;
        for (int i = 0; i < BUCKETS_PER_CALL && walkLeft > 0; i++)
        {
            rover = (rover + 1) & (TABLE_SIZE - 1);
            walkLeft--;
            int previous = NONE;
            int e = heads[rover];
            while (e != NONE)
            {
                final int following = next[e];
                if (nowNs - lastUseNs[e] >= timeoutNs)
                {
                    unlink(rover, previous, e);
                    goal--;
                }
                else
                {
                    previous = e;
                }
                e = following;
            }
            if (walk == WALK_PARTIAL && goal <= 0)
            {
                walkLeft = 0;
            }
        }
        if (walkLeft == 0)
        {
            walk = WALK_IDLE;
        }
    }

    private void unlink(final int bucket, final int previous, final int e)
    {
        if (previous == NONE)
        {
            heads[bucket] = next[e];
        }
        else
        {
            next[previous] = next[e];
        }
        releaser.accept(e);
        next[e] = free;
        free = e;
        entries--;
    }

    private static int bucket(final ScheduleRequest request)
    {
        return IpvsHash.hash32(request.destinationFold(), TABLE_BITS);
    }
}
