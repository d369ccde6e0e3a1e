package org.jvs.bench.sched;

import org.jvs.core.sched.SchedulerRegistry;

/**
 * Prints the ipvsadm names the {@link SchedulerRegistry} finds, comma-separated, then the references
 * (for {@code scripts/bench/sched-jmh}'s {@code -p scheduler=...}).
 */
public final class ListSchedulers
{
    private ListSchedulers()
    {
    }

    /**
     * @param args "--with-references" to add the ipvs-* loops.
     */
    public static void main(final String[] args)
    {
        final StringBuilder names = new StringBuilder();
        for (final String name : new SchedulerRegistry().names())
        {
            names.append(names.length() == 0 ? "" : ",").append(name);
        }
        if (args.length > 0 && "--with-references".equals(args[0]))
        {
            for (final String name : IpvsLoopSchedulers.NAMES)
            {
                names.append(names.length() == 0 ? "" : ",").append(name);
            }
        }
        System.out.println(names);
    }
}
