package org.jvs.director.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvs.core.service.InetAddr;

/**
 * What the binders of one load share: the diagnostics, the scheduler names lb_algo may use, where each known
 * keyword belongs (to report one that stands in the wrong block), and the real_server blocks found outside any
 * virtual_server (to say which service they left empty). Also the value readers every binder uses; each
 * reports a bad value as an error naming the keyword, the value and what was expected.
 */
final class BindContext
{
    private final Diagnostics diagnostics;
    private final Set<String> schedulers;
    private final Map<String, String> homes = new HashMap<>();
    private final Map<Location, List<Location>> strayRealServers = new LinkedHashMap<>();

    BindContext(final Diagnostics diagnostics, final Set<String> schedulers)
    {
        this.diagnostics = diagnostics;
        this.schedulers = schedulers;
    }

    Diagnostics diagnostics()
    {
        return diagnostics;
    }

    Set<String> schedulers()
    {
        return schedulers;
    }

    void error(final ConfigNode node, final String message)
    {
        diagnostics.error(node.location(), message);
    }

    void warning(final ConfigNode node, final String message)
    {
        diagnostics.warning(node.location(), message);
    }

    void home(final String keyword, final String block)
    {
        homes.putIfAbsent(keyword, block);
    }

    String homeOf(final String keyword)
    {
        return homes.get(keyword);
    }

    void strayRealServer(final Location virtualServer, final Location realServer)
    {
        strayRealServers.computeIfAbsent(virtualServer, k -> new ArrayList<>()).add(realServer);
    }

    List<Location> strayRealServersAfter(final Location virtualServer)
    {
        return strayRealServers.getOrDefault(virtualServer, List.of());
    }

    /**
     * Check the number of values after a keyword: too few is an error, too many a warning (keepalived ignores
     * the extra words).
     *
     * @return true when there are at least {@code min}.
     */
    boolean args(final ConfigNode node, final int min, final int max, final String usage)
    {
        if (node.argCount() < min)
        {
            error(node, "'" + node.text() + "' is missing " + (min == 1 ? "its value" : "values") +
                " (expected '" + usage + "')");
            return false;
        }
        if (node.argCount() > max)
        {
            warning(node, "extra values after '" + node.keyword() + "' ignored: '" +
                node.args().subList(max, node.argCount()).stream().map(ConfigToken::text)
                    .reduce((a, b) -> a + " " + b).orElse("") + "' (expected '" + usage + "')");
        }
        return true;
    }

    /**
     * @return the integer, or {@code fallback} after an error.
     */
    int integer(final ConfigNode node, final int index, final String what, final long min, final long max,
        final int fallback)
    {
        final String expected = " (expected an integer from " + min + " to " + max + ")";
        if (node.argCount() <= index)
        {
            error(node, "'" + node.text() + "' is missing its " + what + expected);
            return fallback;
        }
        final String text = node.arg(index);
        if (!text.matches("-?[0-9]{1,10}"))
        {
            error(node, "bad number '" + text + "' for " + what + expected);
            return fallback;
        }
        final long value = Long.parseLong(text);
        if (value < min || value > max)
        {
            error(node, what + " " + text + " is out of range" + expected);
            return fallback;
        }
        return (int)value;
    }

    /**
     * A time in seconds with up to three decimals, as keepalived's timers ({@code 1.5} is 1500 ms).
     *
     * @return milliseconds, or {@code fallback} after an error.
     */
    long millis(final ConfigNode node, final int index, final String what, final long maxS, final long fallback)
    {
        final String expected = " (expected seconds from 0 to " + maxS + ", up to 3 decimals)";
        if (node.argCount() <= index)
        {
            error(node, "'" + node.text() + "' is missing its " + what + expected);
            return fallback;
        }
        final String text = node.arg(index);
        if (!text.matches("[0-9]{1,9}(\\.[0-9]{0,3})?"))
        {
            error(node, "bad number '" + text + "' for " + what + expected);
            return fallback;
        }
        final int dot = text.indexOf('.');
        final long whole = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
        final String fraction = dot < 0 ? "" : (text.substring(dot + 1) + "000").substring(0, 3);
        final long ms = whole * 1000 + (fraction.isEmpty() ? 0 : Long.parseLong(fraction));
        if (ms > maxS * 1000)
        {
            error(node, what + " " + text + " is out of range" + expected);
            return fallback;
        }
        return ms;
    }

    /**
     * @return the address, or null after an error.
     */
    InetAddr address(final ConfigNode node, final int index, final String what)
    {
        final String expected = " (expected a numeric IPv4 or IPv6 address)";
        if (node.argCount() <= index)
        {
            error(node, "'" + node.text() + "' is missing its " + what + expected);
            return null;
        }
        try
        {
            return InetAddr.parse(node.arg(index));
        }
        catch (final IllegalArgumentException ex)
        {
            error(node, "bad IP address '" + node.arg(index) + "' for " + what + expected);
            return null;
        }
    }

    /**
     * A keyword that is a flag: alone, or followed by on/off, true/false, yes/no.
     *
     * @return the flag's value (true when alone), false after an error.
     */
    boolean flag(final ConfigNode node)
    {
        if (node.argCount() == 0)
        {
            return true;
        }
        switch (node.arg(0))
        {
            case "on":
            case "true":
            case "yes":
                return true;
            case "off":
            case "false":
            case "no":
                return false;
            default:
                error(node, "bad value '" + node.arg(0) + "' for " + node.keyword() +
                    " (expected nothing, or one of on, off, true, false, yes, no)");
                return false;
        }
    }

    /**
     * @return the values as one command line, or null after an error.
     */
    String command(final ConfigNode node)
    {
        return args(node, 1, Integer.MAX_VALUE, node.keyword() + " COMMAND [ARGS...]") ? node.joinedArgs() : null;
    }

    /**
     * @return the one value, or null after an error.
     */
    String word(final ConfigNode node, final String usage)
    {
        return args(node, 1, 1, usage) ? node.arg(0) : null;
    }
}
