package org.jvs.director.schedsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * Reads a scheduler scenario ({@code .sim}) and plays it on a {@link SchedSim}, one directive per line:
 * <pre>
 *   service &lt;tcp|udp&gt; &lt;VIP&gt;:&lt;port&gt; &lt;scheduler&gt; [flag ...]
 *                      flags: sh-port sh-fallback mh-port mh-fallback
 *   server &lt;name&gt; &lt;RIP&gt;:&lt;port&gt; weight &lt;w&gt; [upper &lt;n&gt;] [lower &lt;n&gt;]
 *   conn &lt;CIP&gt;:&lt;cport&gt; [&lt;DIP&gt;:&lt;dport&gt;]
 *                      prints "k name", or "k -" when no server is chosen
 *   establish &lt;k&gt;
 *   close &lt;k&gt;
 *   weight &lt;name&gt; &lt;w&gt;
 *   remove &lt;name&gt;
 * </pre>
 * {@code #} starts a comment; blank lines are ignored; IPv6 addresses are written in brackets. The first refused
 * or unreadable line stops the run with a {@link ScenarioException} whose message starts with {@code FILE:line:}.
 */
public final class SchedSimScript
{
    private static final String SERVICE_USAGE = "service <tcp|udp> <VIP>:<port> <scheduler> [flag ...]";
    private static final String SERVER_USAGE = "server <name> <RIP>:<port> weight <w> [upper <n>] [lower <n>]";
    private static final String CONN_USAGE = "conn <CIP>:<cport> [<DIP>:<dport>]";

    private final SchedSim sim;
    private final String source;
    private final List<String> output = new ArrayList<>();

    /**
     * @param sim    the engine to drive.
     * @param source the file name shown in messages ({@code <stdin>} for standard input).
     */
    public SchedSimScript(final SchedSim sim, final String source)
    {
        this.sim = sim;
        this.source = source;
    }

    /**
     * Play a whole scenario.
     *
     * @param sim    the engine.
     * @param reader the scenario text.
     * @param source the file name for messages.
     * @return one line per {@code conn}, in order.
     * @throws IOException        when reading fails.
     * @throws ScenarioException  {@code FILE:line: what is wrong}, at the first bad line.
     */
    public static List<String> run(final SchedSim sim, final Reader reader, final String source) throws IOException
    {
        final SchedSimScript script = new SchedSimScript(sim, source);
        final BufferedReader lines = reader instanceof BufferedReader ?
            (BufferedReader)reader : new BufferedReader(reader);
        int lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null)
        {
            lineNumber++;
            script.line(lineNumber, line);
        }
        return script.output();
    }

    /**
     * Play one line.
     *
     * @param lineNumber 1-based, for messages.
     * @param line       the text.
     * @throws ScenarioException {@code FILE:line: what is wrong}.
     */
    public void line(final int lineNumber, final String line)
    {
        final int hash = line.indexOf('#');
        final String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (text.isEmpty())
        {
            return;
        }
        try
        {
            directive(text.split("\\s+"));
        }
        catch (final ScenarioException ex)
        {
            throw new ScenarioException(source + ":" + lineNumber + ": " + ex.getMessage());
        }
    }

    /**
     * @return the lines printed so far.
     */
    public List<String> output()
    {
        return output;
    }

    private void directive(final String[] words)
    {
        switch (words[0])
        {
            case "service":
                service(words);
                break;
            case "server":
                server(words);
                break;
            case "conn":
                conn(words);
                break;
            case "establish":
                sim.establish(connNumber(words, "establish <k>"));
                break;
            case "close":
                sim.close(connNumber(words, "close <k>"));
                break;
            case "weight":
                arity(words, 3, 3, "weight <name> <w>");
                sim.weight(words[1], number(words[2], "weight"));
                break;
            case "remove":
                arity(words, 2, 2, "remove <name>");
                sim.remove(words[1]);
                break;
            default:
                throw new ScenarioException("unknown directive '" + words[0]
                    + "' (service, server, conn, establish, close, weight, remove)");
        }
    }

    private void service(final String[] words)
    {
        arity(words, 4, Integer.MAX_VALUE, SERVICE_USAGE);
        final int protocol;
        if ("tcp".equalsIgnoreCase(words[1]))
        {
            protocol = ServiceKey.TCP;
        }
        else if ("udp".equalsIgnoreCase(words[1]))
        {
            protocol = ServiceKey.UDP;
        }
        else
        {
            throw new ScenarioException("protocol must be tcp or udp, not '" + words[1] + "'");
        }
        final Endpoint vip = endpoint(words[2]);
        final String scheduler = words[3];
        int flags = 0;
        for (int i = 4; i < words.length; i++)
        {
            for (final String flag : words[i].split(","))
            {
                flags |= schedulerFlag(flag, scheduler);
            }
        }
        sim.service(protocol, vip.address, vip.port, scheduler, flags);
    }

    private static int schedulerFlag(final String flag, final String scheduler)
    {
        final int bit;
        final String owner;
        switch (flag)
        {
            case "sh-fallback":
                bit = VirtualService.F_SCHED1;
                owner = "sh";
                break;
            case "sh-port":
                bit = VirtualService.F_SCHED2;
                owner = "sh";
                break;
            case "mh-fallback":
                bit = VirtualService.F_SCHED1;
                owner = "mh";
                break;
            case "mh-port":
                bit = VirtualService.F_SCHED2;
                owner = "mh";
                break;
            default:
                throw new ScenarioException("invalid scheduler flag '" + flag
                    + "' (sh-port, sh-fallback, mh-port, mh-fallback)");
        }
        if (!owner.equals(scheduler))
        {
            throw new ScenarioException("scheduler flag '" + flag + "' is only for the " + owner
                + " scheduler, not " + scheduler);
        }
        return bit;
    }

    private void server(final String[] words)
    {
        arity(words, 5, 9, SERVER_USAGE);
        if (words.length % 2 == 0)
        {
            throw new ScenarioException("expected '" + SERVER_USAGE + "'");
        }
        final Endpoint rip = endpoint(words[2]);
        int weight = -1;
        int upper = -1;
        int lower = -1;
        for (int i = 3; i < words.length; i += 2)
        {
            final int value = number(words[i + 1], words[i]);
            switch (words[i])
            {
                case "weight":
                    weight = once(weight, value, "weight");
                    break;
                case "upper":
                    upper = once(upper, value, "upper");
                    break;
                case "lower":
                    lower = once(lower, value, "lower");
                    break;
                default:
                    throw new ScenarioException("unknown server option '" + words[i] + "' (weight, upper, lower)");
            }
        }
        if (weight < 0)
        {
            throw new ScenarioException("server " + words[1] + ": missing 'weight <w>'");
        }
        sim.server(words[1], rip.address, rip.port, weight, Math.max(upper, 0), Math.max(lower, 0));
    }

    private static int once(final int previous, final int value, final String option)
    {
        if (previous >= 0)
        {
            throw new ScenarioException("'" + option + "' given twice");
        }
        return value;
    }

    private void conn(final String[] words)
    {
        arity(words, 2, 3, CONN_USAGE);
        final Endpoint client = endpoint(words[1]);
        final RealServer server;
        if (words.length == 3)
        {
            final Endpoint destination = endpoint(words[2]);
            server = sim.conn(client.address, client.port, destination.address, destination.port);
        }
        else
        {
            server = sim.conn(client.address, client.port);
        }
        output.add(sim.connCount() + " " + (server == null ? "-" : sim.nameOf(server)));
    }

    private static int connNumber(final String[] words, final String usage)
    {
        arity(words, 2, 2, usage);
        return number(words[1], "connection number");
    }

    private static void arity(final String[] words, final int min, final int max, final String usage)
    {
        if (words.length < min || words.length > max)
        {
            throw new ScenarioException("expected '" + usage + "'");
        }
    }

    private static int number(final String text, final String what)
    {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw new ScenarioException("bad " + what + " '" + text + "' (expected a number)");
        }
        final long value = Long.parseLong(text);
        if (value > Integer.MAX_VALUE)
        {
            throw new ScenarioException("bad " + what + " '" + text + "' (too large)");
        }
        return (int)value;
    }

    static Endpoint endpoint(final String text)
    {
        final String host;
        final String port;
        if (text.startsWith("["))
        {
            final int close = text.indexOf("]:");
            if (close < 0)
            {
                throw badAddress(text);
            }
            host = text.substring(0, close + 1);
            port = text.substring(close + 2);
        }
        else
        {
            final int colon = text.indexOf(':');
            if (colon < 0 || colon != text.lastIndexOf(':'))
            {
                throw badAddress(text);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        final InetAddr address;
        try
        {
            address = InetAddr.parse(host);
        }
        catch (final IllegalArgumentException ex)
        {
            throw badAddress(text);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
            || Integer.parseInt(port) > 65535)
        {
            throw new ScenarioException("bad port in '" + text + "' (0..65535)");
        }
        return new Endpoint(address, Integer.parseInt(port));
    }

    private static ScenarioException badAddress(final String text)
    {
        return new ScenarioException("bad address '" + text + "' (expected IPv4:port or [IPv6]:port)");
    }

    /**
     * An address and a port read from {@code IP:port} or {@code [IPv6]:port}.
     */
    static final class Endpoint
    {
        final InetAddr address;
        final int port;

        Endpoint(final InetAddr address, final int port)
        {
            this.address = address;
            this.port = port;
        }
    }
}
