package org.jvs.director.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an argument vector into options the way popt does for ipvsadm: long options ({@code --weight 3},
 * {@code --weight=3}), clusters of short ones ({@code -Ln}, {@code -At 198.18.0.1:80}, {@code -w3}), an
 * optional value ({@code -p}, {@code -p 600}), and leftover arguments kept for later ({@code --set 900 120 300}).
 * Options come one at a time ({@link #next}), so an error in a later option shows only after the earlier ones
 * were handled, as with popt.
 */
final class OptionTokenizer
{
    /** popt's words for a missing value. */
    static final String MISSING_ARGUMENT = "missing argument";
    /** popt's words for an unknown option. */
    static final String UNKNOWN_OPTION = "unknown option";

    /** How an option takes a value. */
    enum Arity
    {
        NONE, REQUIRED, OPTIONAL
    }

    /**
     * An option ipvsadm knows.
     *
     * @param longName  name after {@code --}.
     * @param shortName its letter, or 0.
     * @param arity     whether it takes a value.
     */
    record Spec(String longName, char shortName, Arity arity)
    {
    }

    /**
     * One option found.
     *
     * @param spec  which option.
     * @param value its value, or null.
     * @param text  how it was written ({@code -w}, {@code --weight}), for error messages.
     */
    record Token(Spec spec, String value, String text)
    {
    }

    /** An option popt could not parse: {@code text: reason}. */
    static final class PoptError extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        PoptError(final String text, final String reason)
        {
            super(text + ": " + reason);
        }
    }

    private final List<Spec> specs;
    private final String[] args;
    private final List<String> leftovers = new ArrayList<>();
    private int index;
    private String cluster;
    private int clusterIndex;
    private boolean onlyLeftovers;

    /**
     * @param specs the options known.
     * @param args  the argument vector, without the program name.
     */
    OptionTokenizer(final List<Spec> specs, final String[] args)
    {
        this.specs = specs;
        this.args = args;
    }

    /**
     * @return the next option, or null when there are no more.
     * @throws PoptError for an unknown option or a missing value.
     */
    Token next()
    {
        if (cluster != null)
        {
            return nextInCluster();
        }
        while (index < args.length)
        {
            final String arg = args[index++];
            if (onlyLeftovers || arg.length() < 2 || arg.charAt(0) != '-')
            {
                leftovers.add(arg);
            }
            else if ("--".equals(arg))
            {
                onlyLeftovers = true;
            }
            else if (arg.startsWith("--"))
            {
                return longOption(arg);
            }
            else
            {
                cluster = arg;
                clusterIndex = 1;
                return nextInCluster();
            }
        }
        return null;
    }

    /**
     * @return the arguments that were not options, in order (complete once {@link #next} returned null).
     */
    List<String> leftovers()
    {
        return leftovers;
    }

    private Token longOption(final String arg)
    {
        final int equals = arg.indexOf('=');
        final String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
        final String text = "--" + name;
        for (final Spec spec : specs)
        {
            if (spec.longName().equals(name))
            {
                if (equals >= 0)
                {
                    if (spec.arity() == Arity.NONE)
                    {
                        throw new PoptError(text, UNKNOWN_OPTION);
                    }
                    return new Token(spec, arg.substring(equals + 1), text);
                }
                return new Token(spec, value(spec, text, null), text);
            }
        }
        throw new PoptError(text, UNKNOWN_OPTION);
    }

    private Token nextInCluster()
    {
        final char letter = cluster.charAt(clusterIndex++);
        final String rest = cluster.substring(clusterIndex);
        final boolean last = clusterIndex >= cluster.length();
        final String text = "-" + letter;
        Spec found = null;
        for (final Spec spec : specs)
        {
            if (spec.shortName() == letter)
            {
                found = spec;
                break;
            }
        }
        if (found == null)
        {
            cluster = null;
            throw new PoptError(text, UNKNOWN_OPTION);
        }
        if (found.arity() == Arity.NONE)
        {
            if (last)
            {
                cluster = null;
            }
            return new Token(found, null, text);
        }
        cluster = null;
        return new Token(found, value(found, text, last ? null : rest), text);
    }

    private String value(final Spec spec, final String text, final String attached)
    {
        if (spec.arity() == Arity.NONE || attached != null)
        {
            return attached;
        }
        final boolean available = index < args.length;
        if (spec.arity() == Arity.OPTIONAL)
        {
            return available && !args[index].startsWith("-") ? args[index++] : null;
        }
        if (!available)
        {
            throw new PoptError(text, MISSING_ARGUMENT);
        }
        return args[index++];
    }
}
