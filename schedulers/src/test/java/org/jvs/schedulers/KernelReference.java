package org.jvs.schedulers;

import java.math.BigInteger;

import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * The kernel's schedulers written plainly, as the loops in {@code net/netfilter/ipvs/ip_vs_*.c} run them:
 * a full scan of the list for every decision. The reference the indexed schedulers are checked against.
 */
interface KernelReference
{
    RealServer schedule(VirtualService service);

    default void added(final VirtualService service, final RealServer server)
    {
    }

    default void updated(final VirtualService service, final RealServer server)
    {
    }

    /** Called after the server left the list; oldPosition is where it was. */
    default void removed(final VirtualService service, final RealServer server, final int oldPosition)
    {
    }

    /** ip_vs_lc_schedule. */
    static RealServer lc(final VirtualService svc)
    {
        RealServer least = null;
        long loh = 0;
        for (int i = 0; i < svc.serverCount(); i++)
        {
            final RealServer dest = svc.server(i);
            if (dest.isOverloaded() || dest.weight() == 0)
            {
                continue;
            }
            final long doh = (dest.activeConns() << 8) + dest.inactConns() & 0xFFFFFFFFL;
            if (least == null || doh < loh)
            {
                least = dest;
                loh = doh;
            }
        }
        return least;
    }

    /** ip_vs_wlc_schedule (sed = false) and ip_vs_sed_schedule (sed = true). */
    static RealServer wlc(final VirtualService svc, final boolean sed)
    {
        int i = 0;
        RealServer least = null;
        for (; i < svc.serverCount(); i++)
        {
            final RealServer dest = svc.server(i);
            if (!dest.isOverloaded() && dest.weight() > 0)
            {
                least = dest;
                break;
            }
        }
        if (least == null)
        {
            return null;
        }
        int loh = sed ? least.activeConns() + 1 : (least.activeConns() << 8) + least.inactConns();
        for (i++; i < svc.serverCount(); i++)
        {
            final RealServer dest = svc.server(i);
            if (dest.isOverloaded())
            {
                continue;
            }
            final int doh = sed ? dest.activeConns() + 1 : (dest.activeConns() << 8) + dest.inactConns();
            if ((long)loh * dest.weight() > (long)doh * least.weight())
            {
                least = dest;
                loh = doh;
            }
        }
        return least;
    }

    /** ip_vs_nq_schedule. */
    static RealServer nq(final VirtualService svc)
    {
        RealServer least = null;
        int loh = 0;
        for (int i = 0; i < svc.serverCount(); i++)
        {
            final RealServer dest = svc.server(i);
            if (dest.isOverloaded() || dest.weight() == 0)
            {
                continue;
            }
            final int doh = dest.activeConns() + 1;
            if (dest.activeConns() == 0)
            {
                return dest;
            }
            if (least == null || (long)loh * dest.weight() > (long)doh * least.weight())
            {
                least = dest;
                loh = doh;
            }
        }
        return least;
    }

    /** ip_vs_fo_schedule. */
    static RealServer fo(final VirtualService svc)
    {
        RealServer hweight = null;
        int hw = 0;
        for (int i = 0; i < svc.serverCount(); i++)
        {
            final RealServer dest = svc.server(i);
            if (!dest.isOverloaded() && dest.weight() > hw)
            {
                hweight = dest;
                hw = dest.weight();
            }
        }
        return hweight;
    }

    /** ip_vs_ovf_schedule. */
    static RealServer ovf(final VirtualService svc)
    {
        RealServer h = null;
        int hw = 0;
        for (int i = 0; i < svc.serverCount(); i++)
        {
            final RealServer dest = svc.server(i);
            final int w = dest.weight();
            if (dest.isOverloaded() || dest.activeConns() > w || w == 0)
            {
                continue;
            }
            if (h == null || w > hw)
            {
                h = dest;
                hw = w;
            }
        }
        return h;
    }

    /** ip_vs_rr.c: sched_data points at the last dest chosen or at the list head. */
    final class Rr implements KernelReference
    {
        private RealServer last;

        @Override
        public RealServer schedule(final VirtualService svc)
        {
            final int n = svc.serverCount();
            int from = 0;
            if (last != null)
            {
                while (svc.server(from) != last)
                {
                    from++;
                }
                from++;
            }
            for (int k = 0; k < n; k++)
            {
                final RealServer dest = svc.server((from + k) % n);
                if (!dest.isOverloaded() && dest.weight() > 0)
                {
                    last = dest;
                    return dest;
                }
            }
            return null;
        }

        @Override
        public void removed(final VirtualService svc, final RealServer server, final int oldPosition)
        {
            if (last == server)
            {
                last = oldPosition == 0 ? null : svc.server(oldPosition - 1);
            }
        }
    }

    /** ip_vs_wrr.c, the loop of ip_vs_wrr_schedule line by line, with list positions for pointers. */
    final class Wrr implements KernelReference
    {
        private static final int HEAD = -1;
        private int cl = HEAD;
        private int cw;
        private int mw;
        private int di = 1;

        @Override
        public RealServer schedule(final VirtualService svc)
        {
            if (mw == 0)
            {
                return null;
            }
            final int last = cl;
            int stop = Integer.MIN_VALUE;
            boolean lastPass = false;
            boolean restarted = false;
            int dest = cl;
            while (true)
            {
                for (dest = dest + 1; dest < svc.serverCount(); dest++)
                {
                    final RealServer d = svc.server(dest);
                    if (!d.isOverloaded() && d.weight() >= cw)
                    {
                        cl = dest;
                        return d;
                    }
                    if (dest == stop)
                    {
                        cl = dest;
                        return null;
                    }
                }
                dest = HEAD;
                cw -= di;
                if (cw <= 0)
                {
                    cw = mw;
                    if (lastPass || last == HEAD)
                    {
                        cl = HEAD;
                        return null;
                    }
                    restarted = true;
                }
                lastPass = cw <= di;
                if (lastPass && restarted && last != HEAD)
                {
                    stop = last;
                }
            }
        }

        private void changed(final VirtualService svc)
        {
            cl = HEAD;
            int g = 0;
            int max = 0;
            for (int i = 0; i < svc.serverCount(); i++)
            {
                final int w = svc.server(i).weight();
                if (w > 0)
                {
                    g = g > 0 ? BigInteger.valueOf(w).gcd(BigInteger.valueOf(g)).intValue() : w;
                }
                max = Math.max(max, w);
            }
            di = g > 0 ? g : 1;
            mw = max - (di - 1);
            if (cw > mw || cw == 0)
            {
                cw = mw;
            }
            else if (di > 1)
            {
                cw = (cw / di) * di + 1;
            }
        }

        @Override
        public void added(final VirtualService svc, final RealServer server)
        {
            changed(svc);
        }

        @Override
        public void updated(final VirtualService svc, final RealServer server)
        {
            changed(svc);
        }

        @Override
        public void removed(final VirtualService svc, final RealServer server, final int oldPosition)
        {
            changed(svc);
        }
    }

    /** ip_vs_twos_schedule, with the same generator and seed as the scheduler under test. */
    final class Twos implements KernelReference
    {
        private final SplitMix32 random;

        Twos(final long seed)
        {
            random = new SplitMix32(seed);
        }

        @Override
        public RealServer schedule(final VirtualService svc)
        {
            RealServer choice1 = null;
            RealServer choice2 = null;
            int totalWeight = 0;
            for (int i = 0; i < svc.serverCount(); i++)
            {
                final RealServer dest = svc.server(i);
                if (!dest.isOverloaded() && dest.weight() > 0)
                {
                    totalWeight += dest.weight();
                    choice1 = dest;
                }
            }
            if (choice1 == null)
            {
                return null;
            }
            totalWeight += 1;
            long rweight1 = random.nextU32() % totalWeight;
            long rweight2 = random.nextU32() % totalWeight;
            int weight1 = -1;
            int weight2 = -1;
            int overhead1 = 0;
            int overhead2 = 0;
            for (int i = 0; i < svc.serverCount(); i++)
            {
                final RealServer dest = svc.server(i);
                final int weight = dest.weight();
                if (dest.isOverloaded() || weight <= 0)
                {
                    continue;
                }
                rweight1 -= weight;
                rweight2 -= weight;
                if (rweight1 <= 0 && weight1 == -1)
                {
                    choice1 = dest;
                    weight1 = weight;
                    overhead1 = (dest.activeConns() << 8) + dest.inactConns();
                }
                if (rweight2 <= 0 && weight2 == -1)
                {
                    choice2 = dest;
                    weight2 = weight;
                    overhead2 = (dest.activeConns() << 8) + dest.inactConns();
                }
                if (weight1 != -1 && weight2 != -1)
                {
                    break;
                }
            }
            if (choice2 != null && (long)weight2 * overhead1 > (long)weight1 * overhead2)
            {
                choice1 = choice2;
            }
            return choice1;
        }
    }
}
