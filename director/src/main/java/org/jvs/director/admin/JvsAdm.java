package org.jvs.director.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jvs.director.cli.Command;
import org.jvs.director.control.ControlClient;
import org.jvs.director.control.ControlProtocol;
import org.jvs.director.control.ControlServer;

/**
 * {@code jvsadm} ({@code bin/jvsadm}, {@code jvs jvsadm}): ipvsadm's command lines and output for a running jvs
 * director. A thin client: it checks the command line here (so a typo needs no daemon), reads standard input
 * for {@code -R}, sends the command line over the control socket, and prints what the daemon's
 * {@link AdminExecutor} printed, with its exit status. {@code --socket PATH}, else {@code $JVS_SOCKET}, else
 * {@code /run/jvs/jvs.sock} names the socket.
 */
public final class JvsAdm implements Command
{
    /** Environment variable naming the control socket. */
    public static final String SOCKET_ENV = "JVS_SOCKET";
    /** How long the client waits for the daemon's answer. */
    public static final long TIMEOUT_MS = 120_000;
    /** Exit status when the daemon cannot be reached (ipvsadm's when IPVS cannot be initialised). */
    public static final int EXIT_UNREACHABLE = 2;

    private final Map<String, String> environment;
    private final InputStream stdin;

    /**
     * For {@link org.jvs.director.Main}: the process's environment and standard input.
     */
    public JvsAdm()
    {
        this(System.getenv(), System.in);
    }

    /**
     * @param environment where {@code JVS_SOCKET} is looked up.
     * @param stdin       what {@code -R} reads.
     */
    public JvsAdm(final Map<String, String> environment, final InputStream stdin)
    {
        this.environment = environment;
        this.stdin = stdin;
    }

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws IOException
    {
        final List<String> rest = new ArrayList<>();
        String socket = environment.getOrDefault(SOCKET_ENV, ControlServer.DEFAULT_SOCKET_PATH);
        for (int i = 0; i < args.length; i++)
        {
            if ("--socket".equals(args[i]))
            {
                if (i + 1 >= args.length)
                {
                    err.println("--socket: missing argument");
                    return ArgParser.EXIT_MINUS_ONE;
                }
                socket = args[++i];
            }
            else if (args[i].startsWith("--socket="))
            {
                socket = args[i].substring("--socket=".length());
            }
            else
            {
                rest.add(args[i]);
            }
        }
        List<String> input = List.of();
        if (!rest.isEmpty())
        {
            final Invocation inv;
            try
            {
                inv = ArgParser.parse(rest.toArray(new String[0]));
            }
            catch (final UsageException ex)
            {
                err.println(ex.getMessage());
                return ex.exitStatus();
            }
            if (inv.command == AdminCommand.HELP)
            {
                Usage.print(out);
                return 0;
            }
            if (inv.command == AdminCommand.VERSION)
            {
                out.println(Usage.VERSION);
                return 0;
            }
            if (inv.command == AdminCommand.RESTORE)
            {
                input = readInput();
            }
        }
        return send(Path.of(socket), rest, input, out, err);
    }

    private List<String> readInput() throws IOException
    {
        final List<String> lines = new ArrayList<>();
        final BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine())
        {
            lines.add(line);
        }
        return lines;
    }

    private static int send(
        final Path socket, final List<String> args, final List<String> input, final PrintStream out,
        final PrintStream err)
    {
        final ControlProtocol.Response response;
        try
        {
            response = new ControlClient(socket, TIMEOUT_MS).send(args, input);
        }
        catch (final IOException | ControlProtocol.ProtocolException ex)
        {
            err.println("Can't talk to the jvs director on " + socket + ": " + ex.getMessage());
            err.println("Is the director running? (jvs director ...; jvsadm --socket PATH or $" + SOCKET_ENV +
                " names another socket)");
            return EXIT_UNREACHABLE;
        }
        for (final String line : response.lines())
        {
            final PrintStream stream = !line.isEmpty() && line.charAt(0) == ControlProtocol.STDERR ? err : out;
            stream.print(line.length() > 2 ? line.substring(2) : "");
            stream.print('\n');
        }
        out.flush();
        err.flush();
        return response.exitStatus();
    }
}
