package org.jvs.director.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keywords one kind of keepalived block accepts, each with its handler, and what jvs says about it: acted
 * on (silent), parsed but not acted on yet (a warning naming what is missing), or deprecated (a warning).
 * Binding a block runs the handler of each statement in order; a statement whose keyword the block does not
 * know is misplaced (an error, when the keyword belongs to another block) or unknown (a warning, as
 * keepalived's "Unknown keyword").
 *
 * @param <B> the builder the handlers fill.
 */
final class Block<B>
{
    /**
     * Reads one statement into the builder.
     *
     * @param <B> builder type.
     */
    @FunctionalInterface
    interface Handler<B>
    {
        /**
         * @param node    the statement.
         * @param builder what it fills.
         */
        void bind(ConfigNode node, B builder);
    }

    /**
     * Called for a keyword the block does not know, before the generic report; returns true when it reported.
     */
    @FunctionalInterface
    interface Misplaced
    {
        /**
         * @param node the statement.
         * @return true when it was reported.
         */
        boolean report(ConfigNode node);
    }

    private record Entry<B>(Handler<B> handler, boolean needsBlock, String warning)
    {
    }

    private final String name;
    private final BindContext context;
    private final Map<String, Entry<B>> entries = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private Misplaced misplaced = node -> false;

    Block(final String name, final BindContext context)
    {
        this.name = name;
        this.context = context;
    }

    String name()
    {
        return name;
    }

    Block<B> value(final String keyword, final Handler<B> handler)
    {
        return add(keyword, handler, false, null);
    }

    Block<B> block(final String keyword, final Handler<B> handler)
    {
        return add(keyword, handler, true, null);
    }

    Block<B> pendingValue(final String keyword, final String why, final Handler<B> handler)
    {
        return add(keyword, handler, false, "'" + keyword + "' is parsed but jvs does not act on it yet (" + why + ")");
    }

    Block<B> pendingBlock(final String keyword, final String why, final Handler<B> handler)
    {
        return add(keyword, handler, true, "'" + keyword + "' is parsed but jvs does not act on it yet (" + why + ")");
    }

    Block<B> deprecated(final String keyword, final String why)
    {
        return add(keyword, (n, b) -> { }, false, "'" + keyword + "' is deprecated and ignored (" + why + ")");
    }

    Block<B> alias(final String oldName, final String keyword)
    {
        aliases.put(oldName, keyword);
        context.home(oldName, name);
        return this;
    }

    Block<B> misplaced(final Misplaced misplaced)
    {
        this.misplaced = misplaced;
        return this;
    }

    private Block<B> add(final String keyword, final Handler<B> handler, final boolean needsBlock,
        final String warning)
    {
        entries.put(keyword, new Entry<>(handler, needsBlock, warning));
        context.home(keyword, name);
        return this;
    }

    /**
     * Bind every statement inside {@code parent}'s block.
     *
     * @param statements the statements.
     * @param builder    what they fill.
     * @param keywords   where each keyword was set (filled).
     */
    void bind(final List<ConfigNode> statements, final B builder, final Map<String, Location> keywords)
    {
        for (final ConfigNode node : statements)
        {
            final String keyword = aliases.getOrDefault(node.keyword(), node.keyword());
            final Entry<B> entry = entries.get(keyword);
            if (entry == null)
            {
                unknown(node);
                continue;
            }
            if (entry.needsBlock() && !node.hasBlock())
            {
                context.error(node, "'" + node.text() + "' needs a block (expected '{' after '" + node.text() + "')");
                continue;
            }
            if (!entry.needsBlock() && node.hasBlock())
            {
                context.error(node, "'" + node.keyword() + "' takes no block (expected '" + node.text() +
                    "' on one line, without '{')");
                continue;
            }
            keywords.put(keyword, node.location());
            if (entry.warning() != null)
            {
                context.warning(node, entry.warning());
            }
            entry.handler().bind(node, builder);
        }
    }

    private void unknown(final ConfigNode node)
    {
        if (misplaced.report(node))
        {
            return;
        }
        final String home = context.homeOf(node.keyword());
        if (home != null)
        {
            final String expected = home.isEmpty() ?
                " (expected at the top level, outside any block; is a '}' missing before it?)" :
                " (expected inside a " + home + " block)";
            if (node.hasBlock())
            {
                context.error(node, "'" + node.keyword() + "' does not belong in " + where() + expected);
            }
            else
            {
                context.warning(node, "'" + node.keyword() + "' does not belong in " + where() + ": ignored" +
                    expected);
            }
            return;
        }
        final String suggestion = closest(node.keyword());
        context.warning(node, "unknown keyword '" + node.keyword() + "' in " + where() + ": ignored" +
            (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
    }

    private String where()
    {
        return name.isEmpty() ? "the top level" : name;
    }

    private String closest(final String keyword)
    {
        final List<String> known = new ArrayList<>(entries.keySet());
        known.addAll(aliases.keySet());
        String best = null;
        int bestDistance = Math.max(3, keyword.length() / 4) + 1;
        for (final String candidate : known)
        {
            final int distance = distance(keyword, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    static int distance(final String a, final String b)
    {
        final int[] previous = new int[b.length() + 1];
        final int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            System.arraycopy(current, 0, previous, 0, current.length);
        }
        return previous[b.length()];
    }
}
