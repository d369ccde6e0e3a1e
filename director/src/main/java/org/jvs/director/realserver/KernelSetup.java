package org.jvs.director.realserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The real server's kernel settings tun-decap needs, each undone by {@link #close} in reverse order:
 * <ul>
 * <li>the TUN device up, with the capture interface's MTU ({@code ip link set dev NAME mtu M up});</li>
 * <li>reverse-path filtering off for it and for "all" (the kernel uses the larger of the two), since the
 * client's address (CIP) is not routed via the TUN device;</li>
 * <li>an nftables table of its own that drops IP protocol 4 arriving on the capture interface in the input
 * hook, so the kernel, which has no ipip module, does not answer each IPIP packet with ICMP protocol
 * unreachable. AF_PACKET capture (libpcap) sees the frame before netfilter, so the capture is unaffected.</li>
 * </ul>
 * Control plane only: runs {@code ip} and {@code nft} as child processes, bounded in time.
 */
public final class KernelSetup implements AutoCloseable
{
    private static final Path PROC_SYS = Paths.get("/proc/sys");
    private static final long COMMAND_TIMEOUT_MS = 10_000;

    private final Deque<Runnable> undo = new ArrayDeque<>();

    /**
     * @param interfaceName capture interface, e.g. "eth0".
     * @return the name of the nftables table (family ip) tun-decap uses for it.
     */
    public static String nftTableName(final String interfaceName)
    {
        return "jvs_tun_decap_" + interfaceName.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * @param interfaceName capture interface.
     * @return the nft script that (re)creates the table; replaces a table a killed earlier run left behind.
     */
    public static String nftScript(final String interfaceName)
    {
        final String table = nftTableName(interfaceName);
        return "table ip " + table + "\n" +
            "delete table ip " + table + "\n" +
            "table ip " + table + " {\n" +
            "  chain input {\n" +
            "    type filter hook input priority -300; policy accept;\n" +
            "    iifname \"" + interfaceName + "\" ip protocol 4 counter drop\n" +
            "  }\n" +
            "}\n";
    }

    /**
     * @param deviceName a device to set up.
     * @param mtu        its MTU (the capture interface's, so any inner packet that arrived fits).
     * @throws IllegalStateException naming the command when it fails.
     */
    public void linkUp(final String deviceName, final int mtu)
    {
        run(null, "ip", "link", "set", "dev", deviceName, "mtu", Integer.toString(mtu), "up");
    }

    /**
     * Write a sysctl under /proc/sys, remembering the old value to restore on close.
     *
     * @param name  e.g. "net/ipv4/conf/all/rp_filter".
     * @param value new value.
     * @param restore true to restore the old value on close (false for a device that goes away anyway).
     * @throws IllegalStateException naming the file when it cannot be written.
     */
    public void sysctl(final String name, final String value, final boolean restore)
    {
        final Path path = PROC_SYS.resolve(name);
        try
        {
            final String old = Files.readString(path, StandardCharsets.US_ASCII).trim();
            if (old.equals(value))
            {
                return;
            }
            Files.writeString(path, value, StandardCharsets.US_ASCII);
            if (restore)
            {
                undo.push(() -> writeQuietly(path, old));
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot set " + path + " to " + value + ": " + ex, ex);
        }
    }

    /**
     * @param name a sysctl under /proc/sys.
     * @return true when it exists (e.g. IPv6 is compiled in).
     */
    public static boolean hasSysctl(final String name)
    {
        return Files.exists(PROC_SYS.resolve(name));
    }

    /**
     * Install the nftables table that drops protocol 4 on the capture interface.
     *
     * @param interfaceName capture interface.
     * @throws IllegalStateException with nft's message when it fails.
     */
    public void dropIpipInput(final String interfaceName)
    {
        run(nftScript(interfaceName), "nft", "-f", "-");
        final String table = nftTableName(interfaceName);
        undo.push(() -> runQuietly("nft", "delete", "table", "ip", table));
    }

    /**
     * Undo everything, newest first. Failures are ignored (the state is being torn down).
     */
    @Override
    public void close()
    {
        while (!undo.isEmpty())
        {
            undo.pop().run();
        }
    }

    private static void writeQuietly(final Path path, final String value)
    {
        try
        {
            Files.writeString(path, value, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            System.err.println("tun-decap: could not restore " + path + " to " + value + ": " + ex);
        }
    }

    private static void runQuietly(final String... command)
    {
        try
        {
            run(null, command);
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("tun-decap: " + ex.getMessage());
        }
    }

    /**
     * Run a command to completion, bounded in time.
     *
     * @param input   fed to its standard input, or null.
     * @param command program and arguments.
     * @return its output (standard output and error).
     * @throws IllegalStateException naming the command, its exit status and output when it fails.
     */
    static String run(final String input, final String... command)
    {
        final String name = String.join(" ", command);
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream())
            {
                if (input != null)
                {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("'" + name + "' did not finish within " + COMMAND_TIMEOUT_MS + " ms");
            }
            final String output;
            try (InputStream stdout = process.getInputStream())
            {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException("'" + name + "' failed (exit " + process.exitValue() + ")" +
                    (output.isEmpty() ? "" : ": " + output));
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run '" + name + "': " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + name + "'", ex);
        }
    }
}
