package org.jvs.director.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.TrafficStats;
import org.jvs.core.service.VirtualService;
import org.jvs.core.worker.Worker;
import org.jvs.director.control.ConnectionEntry;
import org.jvs.director.control.ConnectionSource;
import org.jvs.director.control.Counters;
import org.jvs.director.control.RateEstimator;
import org.jvs.director.control.StatsSource;

/**
 * What {@code jvsadm -L} reads from the data plane: each worker owns its services' and real servers' counters
 * (one writer); this sums them on the control plane, keeps IPVS's rate estimators (sampled every 2 s by
 * {@link #sample}), and answers {@code -Z} by remembering a baseline rather than writing into the workers'
 * counters. Connections are listed by commands the workers run on their own threads.
 */
final class DataPlaneStats implements StatsSource, ConnectionSource
{
    private static final long LIST_TIMEOUT_MS = 2000;

    private final List<Worker> workers;
    private final Map<String, RateEstimator> estimators = new HashMap<>();
    private final Map<String, long[]> baselines = new HashMap<>();

    DataPlaneStats(final List<Worker> workers)
    {
        this.workers = workers;
    }

    private static String key(final ServiceKey service, final InetAddr address, final int port)
    {
        return address == null ? service.toString() : service + " -> " + address + ":" + port;
    }

    /**
     * @return conns, inPackets, outPackets, inBytes, outBytes, active, inactive, persistent, summed.
     */
    private long[] totals(final ServiceKey service, final InetAddr address, final int port)
    {
        final long[] sum = new long[8];
        final TrafficStats scratch = new TrafficStats();
        for (final Worker worker : workers)
        {
            for (final VirtualService vs : worker.services())
            {
                if (!vs.key().equals(service))
                {
                    continue;
                }
                if (address == null)
                {
                    scratch.add(vs.stats());
                    continue;
                }
                RealServer server = vs.find(address, port);
                server = server != null ? server : vs.findInTrash(address, port);
                if (server != null)
                {
                    scratch.add(server.stats());
                    sum[5] += server.activeConns();
                    sum[6] += server.inactConns();
                    sum[7] += server.persistConns();
                }
            }
        }
        sum[0] = scratch.conns();
        sum[1] = scratch.inPackets();
        sum[2] = scratch.outPackets();
        sum[3] = scratch.inBytes();
        sum[4] = scratch.outBytes();
        return sum;
    }

    private synchronized void fill(final ServiceKey service, final InetAddr address, final int port, final Counters c)
    {
        final String key = key(service, address, port);
        final long[] t = totals(service, address, port);
        final long[] base = baselines.getOrDefault(key, new long[5]);
        c.reset().conns(t[0] - base[0]).inPackets(t[1] - base[1]).outPackets(t[2] - base[2])
            .inBytes(t[3] - base[3]).outBytes(t[4] - base[4])
            .activeConns(t[5]).inactiveConns(t[6]).persistentConns(t[7]);
        final RateEstimator estimator = estimators.get(key);
        if (estimator != null)
        {
            estimator.read(c);
        }
    }

    @Override
    public void service(final ServiceKey key, final Counters into)
    {
        fill(key, null, 0, into);
    }

    @Override
    public void server(final ServiceKey key, final InetAddr address, final int port, final Counters into)
    {
        fill(key, address, port, into);
    }

    @Override
    public synchronized void zero(final ServiceKey key)
    {
        for (final Worker worker : workers)
        {
            for (final VirtualService vs : worker.services())
            {
                if (key == null || vs.key().equals(key))
                {
                    zeroOne(vs.key(), null, 0);
                    for (int i = 0; i < vs.serverCount(); i++)
                    {
                        zeroOne(vs.key(), vs.server(i).address(), vs.server(i).port());
                    }
                }
            }
        }
    }

    private void zeroOne(final ServiceKey service, final InetAddr address, final int port)
    {
        final String key = key(service, address, port);
        final long[] t = totals(service, address, port);
        baselines.put(key, new long[] {t[0], t[1], t[2], t[3], t[4]});
        estimators.computeIfAbsent(key, k -> new RateEstimator()).zero(t[0], t[1], t[2], t[3], t[4]);
    }

    /**
     * One tick of IPVS's estimation timer (every 2 s) over every configured service and real server.
     *
     * @param table the current table.
     */
    synchronized void sample(final ServiceTable table)
    {
        for (final ServiceSpec spec : table.services())
        {
            sampleOne(spec.key(), null, 0);
            spec.servers().forEach(d -> sampleOne(spec.key(), d.address(), d.port()));
        }
    }

    private void sampleOne(final ServiceKey service, final InetAddr address, final int port)
    {
        final long[] t = totals(service, address, port);
        estimators.computeIfAbsent(key(service, address, port), k ->
        {
            final RateEstimator e = new RateEstimator();
            e.zero(t[0], t[1], t[2], t[3], t[4]);
            return e;
        }).sample(t[0], t[1], t[2], t[3], t[4]);
    }

    @Override
    public List<ConnectionEntry> connections()
    {
        final ConcurrentLinkedQueue<ConnectionEntry> entries = new ConcurrentLinkedQueue<>();
        final CountDownLatch done = new CountDownLatch(workers.size());
        for (final Worker worker : workers)
        {
            final boolean queued = worker.submit((table, nowNs) ->
            {
                table.forEach((t, e) -> entries.add(entry(t, e, nowNs)));
                done.countDown();
            });
            if (!queued)
            {
                done.countDown();
            }
        }
        try
        {
            done.await(LIST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(entries);
    }

    private static ConnectionEntry entry(final ConnectionTable t, final int e, final long nowNs)
    {
        return new ConnectionEntry(
            t.isTemplate(e) && t.protocol(e) == 0 ? "IP" : ServiceKey.protocolName(t.protocol(e)),
            t.clientAddress(e), t.clientPort(e), t.virtualAddress(e), t.virtualPort(e),
            t.destinationAddress(e), t.destinationPort(e), t.stateName(e),
            Math.max(0, TimeUnit.NANOSECONDS.toSeconds(t.expiresAtNs(e) - nowNs)));
    }
}
