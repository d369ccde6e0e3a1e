package org.jvs.director.config;

import java.util.List;

/**
 * One statement of keepalived.conf: a keyword, its values, and, for a block, the statements inside its braces.
 * keepalived's syntax is not typed; what a keyword means is decided by the binders that read these nodes.
 */
public final class ConfigNode
{
    private final ConfigToken keyword;
    private final List<ConfigToken> args;
    private List<ConfigNode> children;
    private Location closeLocation;

    /**
     * @param keyword the first word of the statement.
     * @param args    the words after it on the same line.
     */
    public ConfigNode(final ConfigToken keyword, final List<ConfigToken> args)
    {
        this.keyword = keyword;
        this.args = List.copyOf(args);
    }

    /**
     * @return the keyword as written.
     */
    public String keyword()
    {
        return keyword.text();
    }

    /**
     * @return where the keyword stands.
     */
    public Location location()
    {
        return keyword.location();
    }

    /**
     * @return the values after the keyword.
     */
    public List<ConfigToken> args()
    {
        return args;
    }

    /**
     * @return number of values after the keyword.
     */
    public int argCount()
    {
        return args.size();
    }

    /**
     * @param index 0-based index of a value.
     * @return the value's text.
     */
    public String arg(final int index)
    {
        return args.get(index).text();
    }

    /**
     * @return the values joined by single spaces (a script with its arguments, a quoted command).
     */
    public String joinedArgs()
    {
        final StringBuilder sb = new StringBuilder();
        for (final ConfigToken arg : args)
        {
            if (sb.length() > 0)
            {
                sb.append(' ');
            }
            sb.append(arg.text());
        }
        return sb.toString();
    }

    /**
     * @return true when the statement opens a block.
     */
    public boolean hasBlock()
    {
        return children != null;
    }

    /**
     * @return the statements inside the block, empty when there is no block.
     */
    public List<ConfigNode> children()
    {
        return children == null ? List.of() : children;
    }

    /**
     * @return where the block's closing brace stands, or null when there is no block or it was never closed.
     */
    public Location closeLocation()
    {
        return closeLocation;
    }

    /**
     * @return the statement as written on its first line: keyword and values.
     */
    public String text()
    {
        return args.isEmpty() ? keyword() : keyword() + " " + joinedArgs();
    }

    void block(final List<ConfigNode> children, final Location closeLocation)
    {
        this.children = List.copyOf(children);
        this.closeLocation = closeLocation;
    }

    @Override
    public String toString()
    {
        return location() + " " + text() + (hasBlock() ? " {" + children.size() + "}" : "");
    }
}
