package org.jvs.director.check;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;
import org.jvs.core.service.DestSpec;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.config.ConfigLoadResult;
import org.jvs.director.config.KeepalivedConfigLoader;
import org.jvs.director.config.ServiceTableBuilder;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.control.RuleSet;

/**
 * Test helpers: a configuration written to a file and loaded as the daemon loads it, the real RuleSet with that
 * configuration's table, loopback HTTP servers, and bounded polls.
 */
final class CheckHarness implements AutoCloseable
{
    static final InetAddr LOOPBACK = InetAddr.parse("127.0.0.1");

    final List<String> log = new CopyOnWriteArrayList<>();
    final RuleSet rules = new RuleSet(new ServiceTableRef(), Set.of("rr", "wlc")::contains);
    private final Path dir;
    private HealthChecks checks;

    CheckHarness(final Path dir)
    {
        this.dir = dir;
    }

    static KeepalivedConfig load(final Path dir, final String text) throws IOException
    {
        final Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        final ConfigLoadResult result = new KeepalivedConfigLoader(Set.of("rr", "wlc")).load(file);
        assertTrue(result.ok(), () -> "config did not load: " + result.errors());
        return result.config();
    }

    HealthChecks start(final String text) throws IOException
    {
        final KeepalivedConfig config = load(dir, text);
        rules.replaceAll(ServiceTableBuilder.build(config, 1).services());
        checks = HealthChecks.start(config, rules, line -> log.add(line));
        return checks;
    }

    /**
     * Reload as the director does: the new table goes in whole (every real server listed), then the checks.
     *
     * @param text the new configuration.
     * @throws IOException when it cannot be written.
     */
    void reload(final String text) throws IOException
    {
        final KeepalivedConfig config = load(dir, text);
        rules.replaceAll(ServiceTableBuilder.build(config, 2).services());
        checks.reload(config);
    }

    /**
     * @param port a real server's port on 127.0.0.1.
     * @return its weight in the published table, -1 when it is not in the service.
     */
    int weight(final int port)
    {
        final ServiceSpec service = rules.table().services().get(0);
        final DestSpec dest = service.find(LOOPBACK, port);
        return dest == null ? -1 : dest.weight();
    }

    int weight(final String address, final int port)
    {
        final DestSpec dest = rules.table().services().get(0).find(InetAddr.parse(address), port);
        return dest == null ? -1 : dest.weight();
    }

    boolean logged(final String text)
    {
        return log.stream().anyMatch(line -> line.contains(text));
    }

    static void await(final BooleanSupplier condition, final long timeoutMs, final Supplier<String> what)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("not within " + timeoutMs + " ms: " + what.get());
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static HttpServer http(final int port, final int status, final Supplier<String> body) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", exchange ->
        {
            final byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    /**
     * A port free now, below the ephemeral range (32768 and up on Linux), so that no outgoing connection (ours or
     * another test's) takes it before the test binds it again.
     *
     * @return the port.
     * @throws IOException when none is found in 200 tries.
     */
    static int freePort() throws IOException
    {
        for (int i = 0; i < 200; i++)
        {
            final int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1")))
            {
                return socket.getLocalPort();
            }
            catch (final java.net.BindException ex)
            {
                // taken: try another
            }
        }
        throw new IOException("no free port found in 20000-31999");
    }

    @Override
    public void close()
    {
        if (checks != null)
        {
            checks.close();
        }
    }
}
