package org.jvs.bench.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.check.HealthChecks;
import org.jvs.director.config.ConfigLoadResult;
import org.jvs.director.config.KeepalivedConfigLoader;
import org.jvs.director.config.ServiceTableBuilder;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.control.RuleSet;

/**
 * A benchmark-style run of the health checker: N real servers, each a loopback listener, checked with TCP_CHECK
 * every second by one {@code HealthChecks} agent for a number of seconds. Prints the attempts per second achieved
 * against those wanted (N / delay_loop), how late attempts started after they were due, and any server that went
 * down (none should: every listener stays up).
 * <p>
 * {@code java -cp bench/target/benchmarks.jar org.jvs.bench.check.HealthCheckBench [servers] [seconds] [warmup]}
 * (warmup in seconds on every checker: first attempts spread at random over it, as keepalived does).
 */
public final class HealthCheckBench
{
    private static final int DEFAULT_SERVERS = 1000;
    private static final int DEFAULT_SECONDS = 20;
    private static final int SETTLE_S = 3;
    private static final String[] WARMUP = {"none"};

    private HealthCheckBench()
    {
    }

    /**
     * @param args [servers] [seconds].
     * @throws Exception on a setup failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int servers = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SERVERS;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
        final String warmup = args.length > 2 ? args[2] : null;
        WARMUP[0] = warmup == null ? "none" : warmup + " s";
        final List<ServerSocketChannel> listeners = new ArrayList<>();
        final Selector acceptSelector = Selector.open();
        for (int i = 0; i < servers; i++)
        {
            final ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 256);
            listener.configureBlocking(false);
            listener.register(acceptSelector, SelectionKey.OP_ACCEPT);
            listeners.add(listener);
        }
        final long endNs = System.nanoTime() + (seconds + 5L) * 1_000_000_000L;
        final AtomicLong accepted = new AtomicLong();
        final Thread acceptor = new Thread(() -> accept(acceptSelector, endNs, accepted), "bench-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();

        final KeepalivedConfig config = config(listeners, warmup);
        final RuleSet rules = new RuleSet(new ServiceTableRef(), KeepalivedConfigLoader.knownSchedulers()::contains);
        rules.replaceAll(ServiceTableBuilder.build(config, 1).services());
        final long[] lateness = new long[servers * (seconds + SETTLE_S + 2) * 2];
        final AtomicInteger recorded = new AtomicInteger();
        final AtomicInteger downs = new AtomicInteger();
        final long measureFromNs = System.nanoTime() + SETTLE_S * 1_000_000_000L;
        final long measureToNs = measureFromNs + seconds * 1_000_000_000L;
        final long startNs = System.nanoTime();
        long attemptsAtStart = 0;
        long attemptsAtEnd = 0;
        try (HealthChecks checks = HealthChecks.start(config, rules, line -> onLog(line, downs), latenessNs ->
        {
            final long now = System.nanoTime();
            final int i = recorded.get();
            if (now - measureFromNs >= 0 && now - measureToNs < 0 && i < lateness.length)
            {
                lateness[i] = latenessNs;
                recorded.lazySet(i + 1);
            }
        }))
        {
            waitUntil(measureFromNs);
            attemptsAtStart = checks.checker().attempts();
            waitUntil(measureToNs);
            attemptsAtEnd = checks.checker().attempts();
        }
        report(servers, seconds, attemptsAtEnd - attemptsAtStart, Arrays.copyOf(lateness, recorded.get()),
            downs.get(), rules.table().services().get(0).servers().size(), accepted.get());
        System.out.println("total run " + (System.nanoTime() - startNs) / 1_000_000 + " ms");
        for (final ServerSocketChannel listener : listeners)
        {
            listener.close();
        }
        acceptSelector.close();
    }

    private static void onLog(final String line, final AtomicInteger downs)
    {
        if (line.contains(" down: "))
        {
            downs.incrementAndGet();
            if (downs.get() <= 5)
            {
                System.out.println("log: " + line);
            }
        }
    }

    private static KeepalivedConfig config(final List<ServerSocketChannel> listeners, final String warmup)
        throws IOException
    {
        final StringBuilder text = new StringBuilder("virtual_server 198.18.0.1 80 {\n  delay_loop 1\n" +
            "  lb_algo rr\n  lb_kind NAT\n");
        for (final ServerSocketChannel listener : listeners)
        {
            final int port = ((InetSocketAddress)listener.getLocalAddress()).getPort();
            text.append("  real_server 127.0.0.1 ").append(port).append(" {\n    weight 1\n    TCP_CHECK {\n")
                .append("      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n")
                .append(warmup == null ? "" : "      warmup " + warmup + "\n").append("    }\n  }\n");
        }
        text.append("}\n");
        final Path file = Files.createTempFile("jvs-bench-check", ".conf");
        try
        {
            Files.writeString(file, text);
            final ConfigLoadResult result = new KeepalivedConfigLoader().load(file);
            if (!result.ok())
            {
                throw new IllegalStateException("bench config: " + result.errors());
            }
            return result.config();
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    private static void accept(final Selector selector, final long endNs, final AtomicLong accepted)
    {
        try
        {
            while (System.nanoTime() - endNs < 0)
            {
                selector.select(100);
                for (final SelectionKey key : selector.selectedKeys())
                {
                    final SocketChannel channel = ((ServerSocketChannel)key.channel()).accept();
                    if (channel != null)
                    {
                        channel.close();
                        accepted.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException | java.nio.channels.ClosedSelectorException ex)
        {
            // the run is over
        }
    }

    private static void waitUntil(final long deadlineNs) throws InterruptedException
    {
        for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime())
        {
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }

    private static void report(final int servers, final int seconds, final long attempts, final long[] lateness,
        final int downs, final int listed, final long accepted)
    {
        Arrays.sort(lateness);
        System.out.printf("servers %d, TCP_CHECK delay_loop 1 s, warmup %s, measured %d s after %d s settling%n",
            servers, WARMUP[0], seconds, SETTLE_S);
        System.out.printf("attempts/s achieved %.1f, wanted %d (%.1f%%)%n", attempts / (double)seconds, servers,
            100.0 * attempts / ((double)servers * seconds));
        System.out.printf("lateness of %d attempts (ms): p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
            lateness.length, pct(lateness, 0.50), pct(lateness, 0.90), pct(lateness, 0.99), pct(lateness, 0.999),
            lateness.length == 0 ? 0.0 : lateness[lateness.length - 1] / 1e6);
        System.out.printf("checker transitions to down: %d, real servers listed at the end: %d of %d, " +
            "connections accepted: %d%n", downs, listed, servers, accepted);
    }

    private static double pct(final long[] sorted, final double q)
    {
        if (sorted.length == 0)
        {
            return 0;
        }
        return sorted[(int)Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
