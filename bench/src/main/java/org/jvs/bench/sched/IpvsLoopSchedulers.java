package org.jvs.bench.sched;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * The benchmark's reference: lc, wlc, sed and nq exactly as the kernel runs them, a walk over the whole list
 * for every new connection ({@code ip_vs_lc_schedule}, {@code ip_vs_wlc_schedule}, {@code ip_vs_sed_schedule},
 * {@code ip_vs_nq_schedule}). Not registered with the {@code SchedulerRegistry}: they exist only so the
 * benchmark can show jvs's schedulers beside the kernel's loop, in the same run.
 */
public final class IpvsLoopSchedulers
{
    /** Names under which {@link #create} knows the references. */
    public static final String[] NAMES = {"ipvs-lc", "ipvs-wlc", "ipvs-sed", "ipvs-nq"};

    private IpvsLoopSchedulers()
    {
    }

    /**
     * @param name "ipvs-lc", "ipvs-wlc", "ipvs-sed" or "ipvs-nq".
     * @return the reference scheduler, or null for any other name.
     */
    public static Scheduler create(final String name)
    {
        switch (name)
        {
            case "ipvs-lc":
                return new Lc();
            case "ipvs-wlc":
                return new Wlc();
            case "ipvs-sed":
                return new Sed();
            case "ipvs-nq":
                return new Nq();
            default:
                return null;
        }
    }

    private static boolean usable(final RealServer server)
    {
        return !server.isOverloaded() && server.weight() > 0;
    }

    /** {@code ip_vs_lc_schedule}: least overhead, first wins a tie. */
    static final class Lc implements Scheduler
    {
        @Override
        public String name()
        {
            return "ipvs-lc";
        }

        @Override
        public RealServer schedule(final VirtualService service, final ScheduleRequest request)
        {
            RealServer least = null;
            long leastOverhead = 0;
            for (int i = 0, n = service.serverCount(); i < n; i++)
            {
                final RealServer server = service.server(i);
                if (usable(server))
                {
                    final long overhead = server.overhead();
                    if (least == null || overhead < leastOverhead)
                    {
                        least = server;
                        leastOverhead = overhead;
                    }
                }
            }
            return least;
        }
    }

    /** {@code ip_vs_wlc_schedule}: least overhead/weight by cross-multiplication. */
    static final class Wlc implements Scheduler
    {
        @Override
        public String name()
        {
            return "ipvs-wlc";
        }

        @Override
        public RealServer schedule(final VirtualService service, final ScheduleRequest request)
        {
            final int n = service.serverCount();
            int i = 0;
            RealServer least = null;
            while (i < n && least == null)
            {
                final RealServer server = service.server(i++);
                least = usable(server) ? server : null;
            }
            if (least == null)
            {
                return null;
            }
            long leastOverhead = least.overhead();
            for (; i < n; i++)
            {
                final RealServer server = service.server(i);
                if (server.isOverloaded())
                {
                    continue;
                }
                final long overhead = server.overhead();
                if (leastOverhead * server.weight() > overhead * least.weight())
                {
                    least = server;
                    leastOverhead = overhead;
                }
            }
            return least;
        }
    }

    /** {@code ip_vs_sed_schedule}: least (activeconns + 1)/weight by cross-multiplication. */
    static final class Sed implements Scheduler
    {
        @Override
        public String name()
        {
            return "ipvs-sed";
        }

        @Override
        public RealServer schedule(final VirtualService service, final ScheduleRequest request)
        {
            final int n = service.serverCount();
            int i = 0;
            RealServer least = null;
            while (i < n && least == null)
            {
                final RealServer server = service.server(i++);
                least = usable(server) ? server : null;
            }
            if (least == null)
            {
                return null;
            }
            long leastOverhead = least.activeConns() + 1L;
            for (; i < n; i++)
            {
                final RealServer server = service.server(i);
                if (server.isOverloaded())
                {
                    continue;
                }
                final long overhead = server.activeConns() + 1L;
                if (leastOverhead * server.weight() > overhead * least.weight())
                {
                    least = server;
                    leastOverhead = overhead;
                }
            }
            return least;
        }
    }

    /** {@code ip_vs_nq_schedule}: an idle server at once, else as sed. */
    static final class Nq implements Scheduler
    {
        @Override
        public String name()
        {
            return "ipvs-nq";
        }

        @Override
        public RealServer schedule(final VirtualService service, final ScheduleRequest request)
        {
            RealServer least = null;
            long leastOverhead = 0;
            for (int i = 0, n = service.serverCount(); i < n; i++)
            {
                final RealServer server = service.server(i);
                if (!usable(server))
                {
                    continue;
                }
                final long overhead = server.activeConns() + 1L;
                if (server.activeConns() == 0)
                {
                    return server;
                }
                if (least == null || leastOverhead * server.weight() > overhead * least.weight())
                {
                    least = server;
                    leastOverhead = overhead;
                }
            }
            return least;
        }
    }
}
