package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * mh, Maglev hashing (IPVS {@code ip_vs_mh.c}, Linux 4.18+; Eisenbud et al., NSDI 2016, section 3.4): a lookup
 * table of 4093 entries (a prime, the kernel's default {@code CONFIG_IP_VS_MH_TAB_INDEX} 12) is filled from one
 * permutation per real server, so that removing a server moves its own clients and very few others.
 * <p>
 * Exactly as the kernel, so a client reaches the same server under jvs and under a kernel director:
 * <ul>
 *     <li>hash = the 64-bit kernel's {@code hsiphash} (SipHash-1-3) of the 32-bit value
 *     {@code offset + ntohs(port) + ntohl(addr)} (IPv6 addresses folded by XOR), with the fixed keys of
 *     {@code generate_hash_secret}: 2654435761 for both words of key 1, 2654446892 for key 2;</li>
 *     <li>per server (hashing its RIP and real port): start = hash1 mod 4093, skip = hash2 mod 4092 + 1;</li>
 *     <li>turns = {@code (last_weight / gcd) >> rshift}, or 1 when that is 0 and last_weight is not, where gcd is
 *     over the positive last weights and rshift = max(0, fls(max last weight / gcd) - 6);</li>
 *     <li>{@code ip_vs_mh_populate}: walking the list from its head, each server with turns claims that many
 *     free entries in the order of its permutation, round after round, until the table is full;</li>
 *     <li>a server set to weight 0 keeps its last non-zero weight, so it keeps its entries, and its clients get
 *     no server unless {@code mh-fallback}; a server added with weight 0 has last weight 0 and no entries;</li>
 *     <li>the client's bucket = hash1 of its address (and source port under {@code mh-port}, TCP/UDP/SCTP only)
 *     mod 4093; {@code mh-fallback} tries hash1 of the same value plus {@code (bucket + i) mod 4093} for
 *     i = 0..4092 until a usable server, stopping at an empty entry.</li>
 * </ul>
 * The table is rebuilt on every add, edit and delete; {@link #schedule} is one hash and an array index.
 */
public final class MaglevHashingScheduler implements Scheduler
{
    /** {@code IP_VS_MH_TAB_SIZE} with the default {@code CONFIG_IP_VS_MH_TAB_INDEX}. */
    public static final int TABLE_SIZE = 4093;
    /** {@code IP_VS_MH_TAB_BITS}: turns are scaled down to about this many bits. */
    static final int TABLE_BITS = 6;
    /** {@code generate_hash_secret}: both words of key 1. */
    static final long KEY1 = 2654435761L;
    /** {@code generate_hash_secret}: both words of key 2. */
    static final long KEY2 = 2654446892L;

    private final RealServer[] lookup = new RealServer[TABLE_SIZE];
    private final boolean[] taken = new boolean[TABLE_SIZE];
    private int[] permutation = new int[0];
    private int[] skip = new int[0];
    private int[] turns = new int[0];

    /** The kernel's {@code dest->last_weight}, kept per server as {@code __ip_vs_update_dest} keeps it. */
    static final class LastWeight
    {
        int value;
    }

    @Override
    public String name()
    {
        return "mh";
    }

    @Override
    public void initService(final VirtualService service)
    {
        reassign(service);
    }

    @Override
    public void doneService(final VirtualService service)
    {
        Arrays.fill(lookup, null);
    }

    @Override
    public void addDest(final VirtualService service, final RealServer server)
    {
        lastWeightOf(server).value = server.weight();
        reassign(service);
    }

    @Override
    public void updDest(final VirtualService service, final RealServer server)
    {
        if (server.weight() != 0)
        {
            lastWeightOf(server).value = server.weight();
        }
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
        final int key = (service.hasFlag(VirtualService.F_SCHED2) ? SourceHashingScheduler.hashPort(request) : 0) +
            request.sourceFold();
        final int bucket = bucket(key);
        final RealServer server = lookup[bucket];
        if (server == null || !isUnavailable(server))
        {
            return server;
        }
        if (!service.hasFlag(VirtualService.F_SCHED1))
        {
            return null;
        }
        for (int offset = 0; offset < TABLE_SIZE; offset++)
        {
            final int roffset = (offset + bucket) % TABLE_SIZE;
            final RealServer next = lookup[bucket(roffset + key)];
            if (next == null)
            {
                return null;
            }
            if (!isUnavailable(next))
            {
                return next;
            }
        }
        return null;
    }

    /**
     * @param index 0..4092.
     * @return the server of that lookup entry, or null (for tests and views).
     */
    public RealServer entry(final int index)
    {
        return lookup[index];
    }

    /**
     * @param value {@code offset + ntohs(port) + ntohl(addr)} on 32 bits.
     * @return {@code hsiphash(value, key1) % 4093}.
     */
    static int bucket(final int value)
    {
        return Integer.remainderUnsigned(IpvsHash.hsiphash32(value, KEY1, KEY1), TABLE_SIZE);
    }

    private static boolean isUnavailable(final RealServer server)
    {
        return server.weight() <= 0 || server.isOverloaded();
    }

    private static LastWeight lastWeightOf(final RealServer server)
    {
        if (server.schedulerData() instanceof LastWeight)
        {
            return (LastWeight)server.schedulerData();
        }
        final LastWeight lastWeight = new LastWeight();
        lastWeight.value = server.lastWeight();
        server.schedulerData(lastWeight);
        return lastWeight;
    }

    private void reassign(final VirtualService service)
    {
        final int count = service.serverCount();
        if (count > TABLE_SIZE)
        {
            return; // the kernel refuses to rebuild (-EINVAL) and keeps the old table
        }
        int gcd = 0;
        int maxWeight = 0;
        for (int i = 0; i < count; i++)
        {
            final int weight = lastWeightOf(service.server(i)).value;
            if (weight > 0)
            {
                gcd = gcd > 0 ? gcd(weight, gcd) : weight;
            }
            maxWeight = Math.max(maxWeight, weight);
        }
        if (gcd < 1)
        {
            Arrays.fill(lookup, null);
            return;
        }
        final int shift = Math.max(0, (32 - Integer.numberOfLeadingZeros(maxWeight / gcd)) - TABLE_BITS);
        permute(service, count, gcd, shift);
        populate(service, count);
    }

    private void permute(final VirtualService service, final int count, final int gcd, final int shift)
    {
        if (permutation.length < count)
        {
            permutation = new int[count];
            skip = new int[count];
            turns = new int[count];
        }
        for (int i = 0; i < count; i++)
        {
            final RealServer server = service.server(i);
            final int key = server.port() + fold(server);
            permutation[i] = bucket(key);
            skip[i] = Integer.remainderUnsigned(IpvsHash.hsiphash32(key, KEY2, KEY2), TABLE_SIZE - 1) + 1;
            final int lastWeight = lastWeightOf(server).value;
            final int scaled = (lastWeight / gcd) >> shift;
            turns[i] = scaled != 0 ? scaled : lastWeight != 0 ? 1 : 0;
        }
    }

    private void populate(final VirtualService service, final int count)
    {
        Arrays.fill(taken, false);
        int filled = 0;
        while (true)
        {
            int i = 0;
            int claimed = 0;
            while (i < count)
            {
                if (turns[i] < 1)
                {
                    i++;
                    continue;
                }
                int slot = permutation[i];
                while (taken[slot])
                {
                    slot += skip[i];
                    if (slot >= TABLE_SIZE)
                    {
                        slot -= TABLE_SIZE;
                    }
                }
                permutation[i] = slot;
                taken[slot] = true;
                lookup[slot] = service.server(i);
                if (++filled == TABLE_SIZE)
                {
                    return;
                }
                if (++claimed >= turns[i])
                {
                    claimed = 0;
                    i++;
                }
            }
        }
    }

    private static int fold(final RealServer server)
    {
        return server.address().isIpv6() ?
            server.address().word(0) ^ server.address().word(1) ^ server.address().word(2) ^
                server.address().word(3) :
            server.address().word(0);
    }

    private static int gcd(final int a, final int b)
    {
        int x = a;
        int y = b;
        while (y != 0)
        {
            final int t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
}
