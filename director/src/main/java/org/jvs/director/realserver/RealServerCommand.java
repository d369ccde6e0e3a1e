package org.jvs.director.realserver;

import java.io.PrintStream;
import java.util.Arrays;

import org.jvs.director.cli.Command;

/**
 * {@code jvs realserver SUBCOMMAND}: helpers a real server runs. Today one: {@code tun-decap}, the user-space
 * IPIP decapsulator for LVS-TUN real servers whose kernel has no ipip module (docs/tun-realserver.md).
 */
public final class RealServerCommand implements Command
{
    private static final String USAGE =
        "usage: jvs realserver tun-decap IFNAME [--vip A.B.C.D ...] [--tun-name NAME] [--quiet]\n" +
        "  Decapsulate LVS-TUN (IP-in-IP) packets arriving on IFNAME in user space and hand the inner packets\n" +
        "  to the kernel through a TUN device (default " + TunDecapOptions.DEFAULT_TUN_NAME + "), for kernels " +
        "without the ipip module.\n" +
        "  --vip A.B.C.D   accept only inner packets to this VIP (repeatable; default: any destination)\n" +
        "  --tun-name NAME TUN device to create (default " + TunDecapOptions.DEFAULT_TUN_NAME + ")\n" +
        "  --quiet         print only the ready line ('tun-decap: IFNAME -> NAME ready') on stdout\n" +
        "  Runs until SIGTERM/SIGINT; needs root (TUN device, sysctls, nftables). See docs/tun-realserver.md.";

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (args.length == 0)
        {
            err.println("jvs realserver: missing subcommand (tun-decap)");
            err.println(USAGE);
            return 2;
        }
        if ("--help".equals(args[0]) || "-h".equals(args[0]) || "help".equals(args[0]))
        {
            out.println(USAGE);
            return 0;
        }
        if (!"tun-decap".equals(args[0]))
        {
            err.println("jvs realserver: unknown subcommand '" + args[0] + "' (want tun-decap)");
            return 2;
        }
        final TunDecapOptions options;
        try
        {
            options = TunDecapOptions.parse(Arrays.copyOfRange(args, 1, args.length));
            if (options.help())
            {
                out.println(USAGE);
                return 0;
            }
            TunDecap.requireInterface(options.interfaceName());
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("jvs realserver " + ex.getMessage());
            err.println("(jvs realserver --help shows the usage)");
            return 2;
        }
        try
        {
            return new TunDecap(options, out, err).run();
        }
        catch (final IllegalStateException | IllegalArgumentException ex)
        {
            err.println("jvs realserver tun-decap: " + ex.getMessage());
            return 1;
        }
    }
}
