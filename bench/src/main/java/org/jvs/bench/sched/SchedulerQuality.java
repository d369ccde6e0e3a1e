package org.jvs.bench.sched;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * The scheduler quality report, section {@code ## Scheduler quality} of {@code bench/RESULTS.md}:
 * <ul>
 *   <li>spread: how the connections of a skewed (Zipf) client population fall on servers of weights 1, 2, 3, 4,
 *   each share against the weight's share, for every scheduler the {@link SchedulerRegistry} finds;</li>
 *   <li>disruption (Maglev's measure) for dh, sh and mh: the share of keys (client addresses for sh and mh,
 *   destination addresses for dh) that move to another server when one of N servers is removed, and when
 *   one is added, for N = 10 and 100, beside the least possible (1/N, 1/(N+1)).</li>
 * </ul>
 * Everything is seeded: the same build gives the same table (twos draws its own random numbers).
 * Usage: {@code SchedulerQuality RESULTS.md COMMAND}.
 */
public final class SchedulerQuality
{
    static final int[] WEIGHTS = {1, 2, 3, 4};
    static final int CONNECTIONS = 200_000;
    static final int CLIENTS = 10_000;
    static final int DESTINATIONS = 1_000;
    static final double ZIPF_S = 1.0;
    static final int MEAN_LIFETIME = 200;
    static final int DISRUPTION_KEYS = 50_000;
    static final long SEED = 0x5EEDL;

    private static final int VIP = 0xC612_0064;
    private static final int VPORT = 80;

    private final SchedulerRegistry registry = new SchedulerRegistry();
    private final ScheduleRequest request = new ScheduleRequest();

    /**
     * @param args RESULTS.md path and the command line to record; with no arguments, print to stdout.
     * @throws IOException when RESULTS.md cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final SchedulerQuality quality = new SchedulerQuality();
        final String command = args.length > 1 ? args[1] : "java ... org.jvs.bench.sched.SchedulerQuality";
        final String markdown = quality.report(command);
        if (args.length == 0)
        {
            System.out.println(markdown);
        }
        else
        {
            ResultsFile.replaceSection(Path.of(args[0]), "## Scheduler quality", markdown);
            System.out.println(markdown);
        }
    }

    String report(final String command)
    {
        final StringBuilder md = new StringBuilder();
        md.append("Command (").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT))
            .append("):\n\n```\n").append(command).append("\n```\n\n");
        final List<String> found = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        for (final String name : SchedJmhReport.ORDER)
        {
            if (!name.startsWith("ipvs-"))
            {
                (registry.has(name) ? found : missing).add(name);
            }
        }
        registry.names().forEach(n -> addIfAbsent(found, n));
        if (!missing.isEmpty())
        {
            md.append("Only the schedulers the SchedulerRegistry found are listed; not found when this ran: ")
                .append(String.join(", ", missing)).append(".\n\n");
        }
        spread(md, found);
        disruption(md, found);
        return md.toString();
    }

    private static void addIfAbsent(final List<String> names, final String name)
    {
        if (!names.contains(name))
        {
            names.add(name);
        }
    }

    private void spread(final StringBuilder md, final List<String> names)
    {
        md.append("### Spread over weights 1, 2, 3, 4 (Zipf clients)\n\n")
            .append(String.format(Locale.ROOT, "%,d TCP connections from %,d client addresses drawn Zipf(s = %.1f) "
                + "(so a few clients make most connections), to %,d destination addresses drawn the same way "
                + "(dh, lblc and lblcr hash or cache by destination, as for a cache cluster); each connection is "
                + "ESTABLISHED at once and closes after a random lifetime of mean %d arrivals (about %d open at a "
                + "time). Servers added with weights 1, 2, 3, 4 (IPVS's list is then 4, 3, 2, 1). Share = the "
                + "server's part of the connections that got a server; ratio = share ÷ weight share (1.00 is exactly "
                + "by weight; rr, lc and dh ignore weights by design, fo sends everything to the heaviest server, "
                + "and the hashing and locality schedulers inherit the skew of their keys). No server: connections "
                + "refused (ovf refuses once every server has more active connections than its weight, and about "
                + "%d are open here against a total weight of 10). Key moved: connections whose key (the "
                + "destination for dh, lblc and lblcr, else the client address) went to another server than that "
                + "key's previous connection (0 = fully sticky). Seed %d.%n%n",
                CONNECTIONS, CLIENTS, ZIPF_S, DESTINATIONS, MEAN_LIFETIME, MEAN_LIFETIME, MEAN_LIFETIME, SEED))
            .append("| scheduler | w=1 | w=2 | w=3 | w=4 | max ratio | min ratio | no server | key moved |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        final Zipf clients = new Zipf(CLIENTS, ZIPF_S);
        final Zipf destinations = new Zipf(DESTINATIONS, ZIPF_S);
        final HashMap<String, long[]> all = new HashMap<>();
        for (final String name : names)
        {
            final long[] counts = spreadOf(name, clients, destinations);
            all.put(name, counts);
            final double weightSum = 10.0;
            final long scheduled = Math.max(1, CONNECTIONS - counts[WEIGHTS.length]);
            double max = 0;
            double min = Double.MAX_VALUE;
            md.append("| ").append(name).append(" |");
            for (int i = 0; i < WEIGHTS.length; i++)
            {
                final double share = (double)counts[i] / scheduled;
                final double ratio = share / (WEIGHTS[i] / weightSum);
                max = Math.max(max, ratio);
                min = Math.min(min, ratio);
                md.append(String.format(Locale.ROOT, " %.1f%% |", share * 100));
            }
            md.append(String.format(Locale.ROOT, " %.2f | %.2f | %d | %d |%n", max, min, counts[WEIGHTS.length],
                counts[WEIGHTS.length + 1]));
        }
        md.append('\n');
        if (all.containsKey("lblc") && Arrays.equals(all.get("lblc"), all.get("lblcr"))
            && all.get("lblc")[WEIGHTS.length + 1] == 0)
        {
            md.append("lblc and lblcr made the same choices here: no destination ever moved, because IPVS's "
                + "overload test (more active connections than the weight while some server has active × 2 < "
                + "weight) did not hold under this steady load, so lblcr never added a second server to a set. "
                + "Their spread follows weights because wlc places each destination the first time it is seen.\n\n");
        }
    }

    /**
     * @return connections per server in weight order, then connections that got no server, then connections
     *         whose key went to another server than the key's previous connection.
     */
    private long[] spreadOf(final String name, final Zipf clients, final Zipf destinations)
    {
        final VirtualService service = service(name);
        final RealServer[] byWeight = new RealServer[WEIGHTS.length];
        for (int i = 0; i < WEIGHTS.length; i++)
        {
            byWeight[i] = new RealServer(InetAddr.ipv4(0xC613_0001 + i), VPORT, ForwardMethod.ROUTE, WEIGHTS[i], 0, 0);
            service.addServer(byWeight[i]);
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        final int[] clientAddress = scatter(CLIENTS, 0xC612_0000, random);
        final int[] destinationAddress = scatter(DESTINATIONS, 0xC613_8000, random);
        final long[] counts = new long[WEIGHTS.length + 2];
        final boolean byDestination = "dh".equals(name) || name.startsWith("lblc");
        final HashMap<Integer, RealServer> lastByKey = new HashMap<>();
        final PriorityQueue<long[]> open = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        final List<RealServer> servers = List.of(byWeight);
        for (int k = 0; k < CONNECTIONS; k++)
        {
            while (!open.isEmpty() && open.peek()[0] <= k)
            {
                servers.get((int)open.poll()[1]).unbind(false, true);
            }
            final int client = clientAddress[clients.next(random)];
            final int port = 1024 + random.nextInt(64512);
            final int destination = destinationAddress[destinations.next(random)];
            request.ipv4(ServiceKey.TCP, client, port, destination, VPORT, 0L);
            final RealServer chosen = service.schedule(request);
            if (chosen == null)
            {
                counts[WEIGHTS.length]++;
                continue;
            }
            final RealServer previous = lastByKey.put(byDestination ? destination : client, chosen);
            if (previous != null && previous != chosen)
            {
                counts[WEIGHTS.length + 1]++;
            }
            final int index = servers.indexOf(chosen);
            counts[index]++;
            chosen.bind(false, false);
            chosen.activate();
            final long lifetime = 1 + (long)(-MEAN_LIFETIME * Math.log(1.0 - random.nextDouble()));
            open.add(new long[] {k + lifetime, index});
        }
        return counts;
    }

    private void disruption(final StringBuilder md, final List<String> names)
    {
        final List<String> hashing = new ArrayList<>();
        for (final String name : List.of("dh", "sh", "mh"))
        {
            if (names.contains(name))
            {
                hashing.add(name);
            }
        }
        md.append("### Disruption when a server is removed or added (dh, sh, mh)\n\n")
            .append(String.format(Locale.ROOT, "%,d distinct random keys (client addresses for sh and mh, "
                + "destination addresses for dh), N servers of weight 1. Removed: each of the N servers in turn "
                + "(`ipvsadm -d`), the mean share of keys whose server changed; the least possible is the removed "
                + "server's own keys, about 1/N. Added: one server (`ipvsadm -a`, at the head of IPVS's list); the "
                + "least possible is 1/(N+1). \"Beyond\" is the share of keys that moved although their server "
                + "stayed (removal), or moved to an old server (addition): 0 is ideal.%n%n", DISRUPTION_KEYS))
            .append("| scheduler | N | removed: moved | beyond | least | added: moved | beyond | least |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final String name : hashing)
        {
            for (final int n : new int[] {10, 100})
            {
                final double[] removed = removal(name, n);
                final double[] added = addition(name, n);
                md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n", name, n,
                    removed[0] * 100, removed[1] * 100, 100.0 / n, added[0] * 100, added[1] * 100, 100.0 / (n + 1)));
            }
        }
        if (hashing.isEmpty())
        {
            md.append("| (none of dh, sh, mh found) | | | | | | | |\n");
        }
        md.append('\n');
    }

    /**
     * @return {mean share moved, mean share moved beyond the removed server's own keys}.
     */
    private double[] removal(final String name, final int n)
    {
        final int[] keys = scatter(DISRUPTION_KEYS, 0xC612_0000, new SplittableRandom(SEED));
        double moved = 0;
        double beyond = 0;
        for (int position = 0; position < n; position++)
        {
            final VirtualService service = equalService(name, n);
            final RealServer[] before = map(name, service, keys);
            final RealServer gone = service.server(position);
            service.removeServer(gone);
            final RealServer[] after = map(name, service, keys);
            for (int k = 0; k < keys.length; k++)
            {
                if (before[k] != after[k])
                {
                    moved++;
                    if (before[k] != gone)
                    {
                        beyond++;
                    }
                }
            }
        }
        return new double[] {moved / ((double)n * keys.length), beyond / ((double)n * keys.length)};
    }

    /**
     * @return {share moved, share moved to an old server}.
     */
    private double[] addition(final String name, final int n)
    {
        final int[] keys = scatter(DISRUPTION_KEYS, 0xC612_0000, new SplittableRandom(SEED));
        final VirtualService service = equalService(name, n);
        final RealServer[] before = map(name, service, keys);
        final RealServer added = new RealServer(InetAddr.ipv4(0xC613_0001 + n), VPORT, ForwardMethod.ROUTE, 1, 0, 0);
        service.addServer(added);
        final RealServer[] after = map(name, service, keys);
        double moved = 0;
        double beyond = 0;
        for (int k = 0; k < keys.length; k++)
        {
            if (before[k] != after[k])
            {
                moved++;
                if (after[k] != added)
                {
                    beyond++;
                }
            }
        }
        return new double[] {moved / keys.length, beyond / keys.length};
    }

    private VirtualService equalService(final String name, final int n)
    {
        final VirtualService service = service(name);
        for (int i = 0; i < n; i++)
        {
            service.addServer(new RealServer(InetAddr.ipv4(0xC613_0001 + i), VPORT, ForwardMethod.ROUTE, 1, 0, 0));
        }
        return service;
    }

    private RealServer[] map(final String name, final VirtualService service, final int[] keys)
    {
        final RealServer[] chosen = new RealServer[keys.length];
        final boolean byDestination = "dh".equals(name);
        for (int k = 0; k < keys.length; k++)
        {
            final int client = byDestination ? 0xC612_0001 : keys[k];
            final int destination = byDestination ? keys[k] : VIP;
            request.ipv4(ServiceKey.TCP, client, 40000, destination, VPORT, 0L);
            chosen[k] = service.schedule(request);
        }
        return chosen;
    }

    private VirtualService service(final String name)
    {
        return new VirtualService(ServiceKey.of(ServiceKey.TCP, InetAddr.ipv4(VIP), VPORT), registry.create(name), 0);
    }

    /**
     * @return {@code count} distinct addresses in {@code base}/16 (or /17 with a base ending in 0x8000),
     *         in random order.
     */
    static int[] scatter(final int count, final int base, final SplittableRandom random)
    {
        final HashSet<Integer> seen = new HashSet<>();
        final int[] out = new int[count];
        for (int i = 0; i < count; )
        {
            final int address = base + random.nextInt((base & 0x8000) != 0 ? 1 << 15 : 1 << 16);
            if (seen.add(address))
            {
                out[i++] = address;
            }
        }
        return out;
    }

    /**
     * Zipf(s) over ranks 0..n-1 by inverse CDF (a report, not the packet path: doubles are fine here).
     */
    static final class Zipf
    {
        private final double[] cdf;

        Zipf(final int n, final double s)
        {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += 1.0 / Math.pow(i + 1, s);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++)
            {
                cdf[i] /= sum;
            }
        }

        int next(final SplittableRandom random)
        {
            final double u = random.nextDouble();
            int lo = 0;
            int hi = cdf.length - 1;
            while (lo < hi)
            {
                final int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
