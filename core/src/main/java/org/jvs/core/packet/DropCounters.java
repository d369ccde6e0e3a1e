package org.jvs.core.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Drops counted by {@link DropReason}, one long per reason indexed by ordinal.
 * One writer (the worker that owns it) calls {@link #increment}; any thread may read: writes are released
 * and reads acquired, so a reader sees whole, recent values. Nothing allocates on the write side.
 */
public final class DropCounters
{
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] counts = new long[DropReason.count()];

    /**
     * Count one drop. Single writer.
     *
     * @param reason why.
     */
    public void increment(final DropReason reason)
    {
        final int index = reason.ordinal();
        COUNTS.setRelease(counts, index, counts[index] + 1);
    }

    /**
     * Count drops. Single writer.
     *
     * @param reason why.
     * @param delta  how many.
     */
    public void add(final DropReason reason, final long delta)
    {
        final int index = reason.ordinal();
        COUNTS.setRelease(counts, index, counts[index] + delta);
    }

    /**
     * @param reason a reason.
     * @return drops counted for it.
     */
    public long get(final DropReason reason)
    {
        return (long)COUNTS.getAcquire(counts, reason.ordinal());
    }

    /**
     * Read by name, for the CLI and stats (not for the packet path).
     *
     * @param name a {@link DropReason} name, e.g. "TRUNCATED_IPV4".
     * @return drops counted for it.
     * @throws IllegalArgumentException naming the name when no reason has it.
     */
    public long get(final String name)
    {
        for (final DropReason reason : DropReason.values())
        {
            if (reason.name().equals(name))
            {
                return get(reason);
            }
        }
        throw new IllegalArgumentException("no drop reason named '" + name + "'");
    }

    /**
     * @return sum over every reason but {@link DropReason#NONE}.
     */
    public long total()
    {
        long total = 0;
        for (int i = 1; i < counts.length; i++)
        {
            total += (long)COUNTS.getAcquire(counts, i);
        }
        return total;
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("DropCounters{");
        String separator = "";
        for (final DropReason reason : DropReason.values())
        {
            final long count = get(reason);
            if (reason.isDrop() && count != 0)
            {
                text.append(separator).append(reason.name()).append('=').append(count);
                separator = ", ";
            }
        }
        return text.append('}').toString();
    }
}
