package org.jvs.director;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jvs.director.cli.Command;

/**
 * {@code jvs SUBCOMMAND ...}: the one entry point of the runnable jar ({@code bin/jvs}, {@code bin/jvsadm}).
 */
public final class Main
{
    /** Subcommand name to its class and one line of help. Classes are loaded only when run. */
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static
    {
        COMMANDS.put("director", new String[] {"org.jvs.director.DirectorCommand",
            "run a director: jvs director --config FILE | --rules FILE --interface IF ..."});
        COMMANDS.put("jvsadm", new String[] {"org.jvs.director.admin.JvsAdm",
            "the ipvsadm-compatible admin tool (bin/jvsadm runs this)"});
        COMMANDS.put("schedsim", new String[] {"org.jvs.director.schedsim.SchedSimCommand",
            "replay a scheduler scenario through the real schedulers: jvs schedsim [FILE]"});
        COMMANDS.put("replay", new String[] {"org.jvs.director.replay.ReplayCommand",
            "forward a pcap capture through the packet path into a pcap file: jvs replay --rules F IN OUT"});
        COMMANDS.put("realserver", new String[] {"org.jvs.director.realserver.RealServerCommand",
            "real-server helpers: jvs realserver tun-decap IFNAME"});
        COMMANDS.put("genhash", new String[] {"org.jvs.director.check.GenhashCommand",
            "print a page's digest as keepalived's genhash does: jvs genhash -s HOST -p PORT -u URL"});
    }

    private Main()
    {
    }

    /**
     * @param args subcommand and its arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args subcommand and its arguments.
     * @param out  standard output.
     * @param err  standard error.
     * @return exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0]) || "help".equals(args[0]))
        {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        final String[] entry = COMMANDS.get(args[0]);
        if (entry == null)
        {
            err.println("jvs: unknown subcommand '" + args[0] + "' (jvs --help lists them)");
            return 2;
        }
        final Command command;
        try
        {
            command = (Command)Class.forName(entry[0]).getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            err.println("jvs: subcommand '" + args[0] + "' is not part of this build yet");
            return 1;
        }
        try
        {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        catch (final Exception ex)
        {
            err.println("jvs " + args[0] + ": " + ex);
            return 1;
        }
    }

    private static boolean isBuilt(final String className)
    {
        try
        {
            Class.forName(className, false, Main.class.getClassLoader());
            return true;
        }
        catch (final ClassNotFoundException ex)
        {
            return false;
        }
    }

    private static void usage(final PrintStream out)
    {
        out.println("usage: jvs SUBCOMMAND [ARGS...]");
        out.println();
        out.println("subcommands:");
        for (final Map.Entry<String, String[]> e : COMMANDS.entrySet())
        {
            if (isBuilt(e.getValue()[0]))
            {
                out.printf("  %-11s %s%n", e.getKey(), e.getValue()[1]);
            }
        }
    }
}
