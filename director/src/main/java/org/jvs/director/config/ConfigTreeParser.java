package org.jvs.director.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the statement tree of keepalived.conf from its tokens: a statement is a keyword and the values after it
 * up to the end of the line, a {@code {} or a {@code }}; a {@code {} opens the statement's block, which the
 * matching {@code }} closes. As in keepalived, text after a brace on the same line is a statement of its own,
 * and a block's {@code {} may stand alone on the next line. Unbalanced braces are errors.
 */
public final class ConfigTreeParser
{
    private final Diagnostics diagnostics;
    private List<ConfigToken> tokens;
    private int position;

    /**
     * @param diagnostics where errors go.
     */
    public ConfigTreeParser(final Diagnostics diagnostics)
    {
        this.diagnostics = diagnostics;
    }

    /**
     * @param tokens tokens ending with EOF, as {@link ConfigLexer#read} gives them.
     * @return the top-level statements.
     */
    public List<ConfigNode> parse(final List<ConfigToken> tokens)
    {
        this.tokens = tokens;
        this.position = 0;
        final List<ConfigNode> top = new ArrayList<>();
        parseStatements(null, top);
        return List.copyOf(top);
    }

    private Location parseStatements(final ConfigNode parent, final List<ConfigNode> out)
    {
        ConfigNode previous = null;
        boolean previousEnded = false;
        while (true)
        {
            final ConfigToken token = tokens.get(position++);
            switch (token.kind())
            {
                case EOF:
                    position--;
                    if (parent != null)
                    {
                        diagnostics.error(parent.location(), "block '" + parent.text() + "' is not closed" +
                            " (expected '}' before the end of " + token.location().file() + ")");
                    }
                    return null;
                case EOL:
                    previousEnded = true;
                    break;
                case CLOSE:
                    if (parent != null)
                    {
                        return token.location();
                    }
                    diagnostics.error(token.location(), "unexpected '}': no block is open" +
                        " (expected a keyword, or one '}' fewer)");
                    break;
                case OPEN:
                    if (previous != null && !previous.hasBlock() && previousEnded)
                    {
                        openBlock(previous);
                    }
                    else
                    {
                        diagnostics.error(token.location(), "'{' without a keyword before it" +
                            " (expected 'keyword [values] {')");
                        openBlock(new ConfigNode(token, List.of()));
                    }
                    previous = null;
                    break;
                case WORD:
                    previous = statement(token);
                    previousEnded = false;
                    out.add(previous);
                    if (previous.hasBlock())
                    {
                        previous = null;
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown token kind " + token.kind());
            }
        }
    }

    private ConfigNode statement(final ConfigToken keyword)
    {
        final List<ConfigToken> args = new ArrayList<>();
        while (tokens.get(position).kind() == ConfigToken.Kind.WORD)
        {
            args.add(tokens.get(position++));
        }
        final ConfigNode node = new ConfigNode(keyword, args);
        if (tokens.get(position).kind() == ConfigToken.Kind.OPEN)
        {
            position++;
            openBlock(node);
        }
        return node;
    }

    private void openBlock(final ConfigNode node)
    {
        final List<ConfigNode> children = new ArrayList<>();
        final Location closeLocation = parseStatements(node, children);
        node.block(children, closeLocation);
    }
}
