package org.jvs.director.admin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.ServiceKey;
import org.jvs.director.control.RuleSetException;

/**
 * Runs jvsadm command lines against the daemon's {@link AdminContext}, as ipvsadm's {@code process_options}
 * runs them against the kernel: same output, same messages, same exit statuses (0 success; 2 for a refused
 * command line; 255 when the operation itself is refused, as ipvsadm returns -1 from {@code main}; 1 when
 * {@code -L -t} names no service). The control socket runs this inside the daemon for each request.
 */
public final class AdminExecutor
{
    /** Exit status of a refused operation: ipvsadm's {@code main} returns -1. */
    public static final int EXIT_REFUSED = 255;

    private final AdminContext context;
    private final ListFormatter formatter;

    /**
     * @param context what the commands act on.
     */
    public AdminExecutor(final AdminContext context)
    {
        this.context = context;
        this.formatter = new ListFormatter(context);
    }

    /**
     * @param args  the command line, without the program name.
     * @param input standard input's lines (read by {@code -R}).
     * @param out   standard output.
     * @param err   standard error.
     * @return the exit status.
     */
    public int execute(final String[] args, final List<String> input, final PrintStream out, final PrintStream err)
    {
        try
        {
            if (args.length == 0)
            {
                formatter.listAll(0, out);
                return 0;
            }
            return process(args, input, false, out, err);
        }
        catch (final UsageException ex)
        {
            err.println(ex.getMessage());
            return ex.exitStatus();
        }
    }

    private int process(
        final String[] args, final List<String> input, final boolean readingInput, final PrintStream out,
        final PrintStream err)
    {
        final Invocation inv = ArgParser.parse(args);
        switch (inv.command)
        {
            case HELP:
                Usage.print(out);
                return 0;
            case VERSION:
                out.println(Usage.VERSION);
                return 0;
            case LIST:
                list(inv, out);
                return 0;
            case SAVE:
                formatter.listAll(inv.format | Invocation.FMT_RULE, out);
                return 0;
            case RESTORE:
                if (readingInput)
                {
                    throw ArgParser.tryHelp();
                }
                return restore(input, out, err);
            case RELOAD:
                return reload(out, err);
            case VRRP:
                return vrrp(out, err);
            case START_DAEMON:
            case STOP_DAEMON:
                return daemon(inv, err);
            default:
                return change(inv, err);
        }
    }

    private void list(final Invocation inv, final PrintStream out)
    {
        if (inv.has(AdminOption.CONNECTION))
        {
            formatter.listConnections(inv.format, out);
        }
        else if (inv.has(AdminOption.SERVICE))
        {
            try
            {
                formatter.listService(context.rules().service(inv.serviceKey()), inv.format, out);
            }
            catch (final RuleSetException ex)
            {
                throw new UsageException(ex.getMessage(), 1);
            }
        }
        else if (inv.has(AdminOption.TIMEOUT))
        {
            ListFormatter.listTimeout(context.rules().timeouts(), out);
        }
        else if (inv.has(AdminOption.DAEMON))
        {
            context.sync().list((inv.format & Invocation.FMT_STATS) != 0).forEach(out::println);
        }
        else
        {
            formatter.listAll(inv.format, out);
        }
    }

    /**
     * {@code --start-daemon master|backup --mcast-interface IF [--syncid N]} and {@code --stop-daemon}; refused
     * with ipvsadm's messages ("Daemon has already run", "No daemon is running") and exit status 255.
     */
    private int daemon(final Invocation inv, final PrintStream err)
    {
        try
        {
            if (inv.command == AdminCommand.START_DAEMON)
            {
                if (inv.mcastInterface == null)
                {
                    throw new IllegalArgumentException("--start-daemon needs --mcast-interface IF");
                }
                context.sync().start(inv.daemonMaster, inv.mcastInterface, inv.syncId, inv.syncMaxLength,
                    inv.mcastGroup, inv.mcastPort, inv.mcastTtl);
            }
            else
            {
                context.sync().stop(inv.daemonMaster);
            }
            return 0;
        }
        catch (final IllegalStateException | IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return EXIT_REFUSED;
        }
    }

    /**
     * ipvsadm's {@code restore_table}: each line is a command line; a refused command line stops everything
     * (exit 2), a refused operation is reported and the next line runs; the status is the last line's. All
     * changes reach the workers as one table.
     */
    private int restore(final List<String> input, final PrintStream out, final PrintStream err)
    {
        final int[] result = {0};
        context.rules().batch(() ->
        {
            for (final String line : input)
            {
                final String[] words = words(line);
                if (words.length > 0)
                {
                    result[0] = process(words, List.of(), true, out, err);
                }
            }
        });
        return result[0];
    }

    /**
     * ipvsadm's {@code config_stream_read}: whitespace-separated words, the word "ipvsadm" (or "jvsadm")
     * skipped, and everything from a word starting with '#' on ignored.
     */
    static String[] words(final String line)
    {
        final List<String> words = new ArrayList<>();
        for (final String word : line.trim().split("[ \t\r]+"))
        {
            if (word.startsWith("#"))
            {
                break;
            }
            if (!word.isEmpty() && !"ipvsadm".equals(word) && !ArgParser.PROGRAM.equals(word))
            {
                words.add(word);
            }
        }
        return words.toArray(new String[0]);
    }

    private int vrrp(final PrintStream out, final PrintStream err)
    {
        final String report = context.vrrp().report();
        if (null == report)
        {
            err.println("jvsadm: this director runs no VRRP (no vrrp_instance in its configuration)");
            return 1;
        }
        out.print(report);
        return 0;
    }

    private int reload(final PrintStream out, final PrintStream err)
    {
        try
        {
            out.println(context.reload().reload());
            return 0;
        }
        catch (final Exception ex)
        {
            err.println("jvsadm: reload failed: " + ex.getMessage());
            return 1;
        }
    }

    private int change(final Invocation inv, final PrintStream err)
    {
        try
        {
            apply(inv);
            return 0;
        }
        catch (final RuleSetException ex)
        {
            err.println(ex.getMessage());
            return EXIT_REFUSED;
        }
    }

    private void apply(final Invocation inv)
    {
        final ServiceKey key = inv.serviceKey();
        switch (inv.command)
        {
            case FLUSH:
                context.rules().clear();
                break;
            case ADD:
                checkPersistenceEngine(inv);
                context.rules().addService(inv.serviceSpec());
                break;
            case EDIT:
                checkPersistenceEngine(inv);
                context.rules().editService(inv.serviceSpec());
                break;
            case DELETE:
                context.rules().deleteService(key);
                break;
            case ZERO:
                if (key != null)
                {
                    context.rules().service(key);
                }
                context.stats().zero(key);
                break;
            case ADD_DEST:
                context.rules().addServer(key, inv.destSpec());
                break;
            case EDIT_DEST:
                context.rules().editServer(key, inv.destSpec());
                break;
            case DELETE_DEST:
                context.rules().deleteServer(key, inv.destAddress, inv.destPort);
                break;
            case TIMEOUT:
                context.rules().setTimeouts(inv.tcpTimeoutS, inv.tcpFinTimeoutS, inv.udpTimeoutS);
                break;
            default:
                throw new IllegalStateException("not a table change: " + inv.command);
        }
    }

    /**
     * jvs has no persistence engines (the kernel's only one is sip): {@code --pe} is refused as the kernel
     * refuses an unknown one.
     */
    private static void checkPersistenceEngine(final Invocation inv)
    {
        if (!inv.persistenceEngine.isEmpty())
        {
            throw new RuleSetException(RuleSetException.SCHEDULER_NOT_FOUND);
        }
    }
}
