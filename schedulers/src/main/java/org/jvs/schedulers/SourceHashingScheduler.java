package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * sh, source hashing (IPVS {@code ip_vs_sh.c}): a 256-bucket table maps the hash of the client address (and,
 * with {@code sh-port}, its port) to a real server. The table is rebuilt on every add, edit and delete
 * ({@code ip_vs_sh_reassign}): walking the list from its head, each server takes {@code weight} consecutive
 * buckets (a weight-0 server one bucket), cyclically, until all 256 are filled. A server that is quiesced
 * (weight 0) or overloaded keeps its buckets; its clients get no server, unless {@code sh-fallback} probes
 * onward through the table as the kernel does.
 * <p>
 * Bucket = {@code hash_32(ntohs(sport) + ntohl(saddr), 8)} with the port only under {@code sh-port} (and only
 * for TCP, UDP and SCTP); IPv6 addresses are folded by XOR of their four words first.
 */
public final class SourceHashingScheduler implements Scheduler
{
    /** {@code IP_VS_SH_TAB_BITS}. */
    public static final int TABLE_BITS = 8;
    /** {@code IP_VS_SH_TAB_SIZE}. */
    public static final int TABLE_SIZE = 1 << TABLE_BITS;
    private static final int TABLE_MASK = TABLE_SIZE - 1;

    private final RealServer[] buckets = new RealServer[TABLE_SIZE];

    @Override
    public String name()
    {
        return "sh";
    }

    @Override
    public void initService(final VirtualService service)
    {
        reassign(service);
    }

    @Override
    public void doneService(final VirtualService service)
    {
        Arrays.fill(buckets, null);
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        reassign(service);
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        reassign(service);
    }

    @Override
    public void delDest(final VirtualService service, final RealServer server)
    {
        reassign(service);
    }

    @Override
    public RealServer schedule(final VirtualService service, final ScheduleRequest request)
    {
        final int port = service.hasFlag(VirtualService.F_SCHED2) ? hashPort(request) : 0;
        final int hash = IpvsHash.hash32(port + request.sourceFold(), TABLE_BITS);
        final RealServer server = buckets[hash];
        if (server == null || !isUnavailable(server))
        {
            return server;
        }
        if (!service.hasFlag(VirtualService.F_SCHED1))
        {
            return null;
        }
        return fallback(hash);
    }

    /**
     * @param index bucket 0..255.
     * @return the server the bucket holds, or null (for tests and {@code jvsadm} views).
     */
    public RealServer bucket(final int index)
    {
        return buckets[index];
    }

    /**
     * {@code ip_vs_sh_get_fallback}: probe {@code offset = 0..255}; the kernel adds the original hash twice
     * (once as the rover start, once inside {@code ip_vs_sh_hashkey}), so the probe sequence is
     * {@code (2 * hash + offset) & 255}. An empty bucket ends the search.
     */
    private RealServer fallback(final int hash)
    {
        for (int offset = 0; offset < TABLE_SIZE; offset++)
        {
            final int roffset = (offset + hash) & TABLE_MASK;
            final RealServer server = buckets[(roffset + hash) & TABLE_MASK];
            if (server == null)
            {
                return null;
            }
            if (!isUnavailable(server))
            {
                return server;
            }
        }
        return null;
    }

    private static boolean isUnavailable(final RealServer server)
    {
        return server.weight() <= 0 || server.isOverloaded();
    }

    /**
     * {@code ip_vs_sh_get_port}: the source port for TCP, UDP and SCTP, 0 for other protocols.
     */
    static int hashPort(final ScheduleRequest request)
    {
        final int protocol = request.protocol();
        return protocol == ServiceKey.TCP || protocol == ServiceKey.UDP || protocol == ServiceKey.SCTP ?
            request.sourcePort() : 0;
    }

    private void reassign(final VirtualService service)
    {
        final int count = service.serverCount();
        if (count == 0)
        {
            Arrays.fill(buckets, null);
            return;
        }
        int index = 0;
        int turns = 0;
        for (int i = 0; i < TABLE_SIZE; i++)
        {
            final RealServer server = service.server(index);
            buckets[i] = server;
            if (++turns >= server.weight())
            {
                index = index + 1 == count ? 0 : index + 1;
                turns = 0;
            }
        }
    }
}
