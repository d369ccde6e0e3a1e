package org.jvs.director.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code jvs director} was asked to do.
 */
public final class DirectorOptions
{
    /** Default connection entries per worker. */
    public static final int DEFAULT_CONNECTIONS = 1 << 18;

    Path config;
    Path rules;
    final List<String> interfaces = new ArrayList<>();
    Path socket = Path.of("/run/jvs/jvs.sock");
    String socketGroup;
    int workers = 1;
    String port = System.getProperty("os.name", "").startsWith("Linux") ? "afpacket" : "pcap4j";
    String idle = "backoff";
    Path logFile;
    int connections = DEFAULT_CONNECTIONS;
    final List<String> staticArp = new ArrayList<>();
    boolean keepOffloads;
    boolean kernelFilter = true;
    int ringMiB = 8;
    int frameBytes = 2048;

    /**
     * Read {@code jvs director}'s arguments.
     *
     * @param args the arguments after {@code director}.
     * @return the options.
     * @throws IllegalArgumentException naming the offending argument.
     */
    public static DirectorOptions parse(final String[] args)
    {
        final DirectorOptions o = new DirectorOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--config", "-f" -> o.config = Path.of(value(args, ++i, arg));
                case "--rules" -> o.rules = Path.of(value(args, ++i, arg));
                case "--interface", "-i" -> o.interfaces.add(value(args, ++i, arg));
                case "--socket" -> o.socket = Path.of(value(args, ++i, arg));
                case "--socket-group" -> o.socketGroup = value(args, ++i, arg);
                case "--workers" -> o.workers = number(value(args, ++i, arg), arg, 1, 64);
                case "--port" -> o.port = choice(value(args, ++i, arg), arg, "pcap4j", "afpacket");
                case "--idle" -> o.idle = choice(value(args, ++i, arg), arg, "poll", "backoff", "sleep", "busy");
                case "--log" -> o.logFile = Path.of(value(args, ++i, arg));
                case "--connections" -> o.connections = number(value(args, ++i, arg), arg, 16, 1 << 26);
                case "--static-arp" -> o.staticArp.add(value(args, ++i, arg));
                case "--keep-offloads" -> o.keepOffloads = true;
                case "--no-kernel-filter" -> o.kernelFilter = false;
                case "--ring-mib" -> o.ringMiB = number(value(args, ++i, arg), arg, 1, 1024);
                case "--frame-bytes" -> o.frameBytes = frameBytes(value(args, ++i, arg), arg);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "' (jvs director --help)");
            }
        }
        if (o.interfaces.isEmpty())
        {
            throw new IllegalArgumentException("at least one --interface IF is needed");
        }
        if ((o.config == null) == (o.rules == null))
        {
            throw new IllegalArgumentException("give exactly one of --config FILE (keepalived.conf) or --rules FILE");
        }
        return o;
    }

    private static int frameBytes(final String text, final String option)
    {
        final int n = number(text, option, 128, 65536);
        if (Integer.bitCount(n) != 1)
        {
            throw new IllegalArgumentException(option + " " + text + ": must be a power of two");
        }
        return n;
    }

    private static String value(final String[] args, final int i, final String option)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static int number(final String text, final String option, final int min, final int max)
    {
        try
        {
            final int n = Integer.parseInt(text);
            if (n < min || n > max)
            {
                throw new IllegalArgumentException(option + " " + text + ": must be " + min + ".." + max);
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " " + text + ": not a number", ex);
        }
    }

    private static String choice(final String text, final String option, final String... allowed)
    {
        for (final String a : allowed)
        {
            if (a.equals(text))
            {
                return text;
            }
        }
        throw new IllegalArgumentException(option + " " + text + ": must be one of " + String.join(", ", allowed));
    }

    /**
     * @return the log file, or null for standard error.
     */
    public Path logFile()
    {
        return logFile;
    }

    /**
     * @return usage text of {@code jvs director}.
     */
    public static String usage()
    {
        return String.join("\n",
            "usage: jvs director (--config FILE | --rules FILE) --interface IF [--interface IF ...] [options]",
            "       jvs director --config-test FILE",
            "  --config FILE        keepalived.conf (virtual_server, real_server, ...)",
            "  --rules FILE         rules in ipvsadm's save format (what ipvsadm -S -n prints)",
            "  --interface IF       an interface jvs forwards on (repeat for NAT's real-server side)",
            "  --socket PATH        control socket for jvsadm (default /run/jvs/jvs.sock)",
            "  --socket-group NAME  group allowed on the control socket besides root",
            "  --workers N          forwarding workers (default 1)",
            "  --port afpacket|pcap4j  packet port: afpacket (AF_PACKET TPACKET_V2 rings through jnr-ffi, one",
            "                       socket per worker; the default on Linux) or pcap4j (libpcap; slower, portable)",
            "  --ring-mib N         afpacket: receive ring per socket in MiB (default 8)",
            "  --frame-bytes N      afpacket: ring slot size, a power of two (default 2048; longer frames are",
            "                       skipped, so below MTU + 80 only for benchmarks)",
            "  --idle backoff|poll|sleep|busy  idle strategy of the packet agents (default backoff; poll: AF_PACKET",
            "                             workers sleep in poll(2) on their sockets, lower latency at low load)",
            "  --connections N      connection entries per worker (default " + DEFAULT_CONNECTIONS + ")",
            "  --static-arp IP=MAC  a static neighbour (repeatable)",
            "  --keep-offloads      leave the interfaces' checksum/segmentation offloads as they are",
            "  --no-kernel-filter   do not install the nftables netdev table (jvs_director) that hides the",
            "                       traffic jvs forwards from this host's kernel",
            "  --log FILE           log to FILE instead of standard error");
    }
}
