package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The tokenizer and the statement tree, on text as keepalived reads it.
 */
class ConfigSyntaxTest
{
    private final Diagnostics diagnostics = new Diagnostics();

    private String tokens(final String line)
    {
        final List<ConfigToken> out = new ArrayList<>();
        new ConfigLexer(diagnostics).tokenizeLine(line, new Location("t.conf", 7), out);
        return out.stream().map(t -> t.kind() == ConfigToken.Kind.WORD ? "[" + t.text() + "]" : t.text())
            .collect(Collectors.joining(" "));
    }

    @Test
    void braceWithoutSpaceIsItsOwnToken()
    {
        assertEquals("[real_server] [192.168.100.9] [3306] {", tokens("    real_server 192.168.100.9 3306{"));
        assertEquals("[url] { [path] [/] }", tokens("url { path / }"));
        assertEquals("}", tokens("     }"));
    }

    @Test
    void hashAndBangStartCommentsAnywhereOutsideQuotes()
    {
        assertEquals("[lb_algo] [rr]", tokens("    lb_algo rr # 设置负载调度的算法为wlc"));
        assertEquals("", tokens("! Configuration File for keepalived"));
        assertEquals("", tokens("     #ipvsadm -A -t 124.42.60.78 80 -s wrr -p 50"));
        assertEquals("[auth_pass] [ab]", tokens("auth_pass ab!cd"));
        assertEquals("[authentication] {", tokens("    authentication {   #这里配置的密码最多为8位"));
    }

    @Test
    void quotesKeepSpacesAndCommentCharacters()
    {
        assertEquals("[misc_path] [/bin/check -p 80 #1]", tokens("misc_path \"/bin/check -p 80 #1\" # comment"));
        assertEquals("[notify] [a b]", tokens("notify 'a b'"));
        assertEquals("[x] [a#b]", tokens("x a\\#b"));
        assertFalse(diagnostics.hasErrors());
    }

    @Test
    void pastedNonBreakingSpacesAreSpacesWithAWarning()
    {
        assertEquals("[weight] [3]", tokens("\u00A0\u00A0weight\u30003"));
        assertEquals(List.of("t.conf:7: warning: non-breaking or full-width space read as a space (keepalived would" +
            " read it as part of a word: retype it as a plain space)"),
            diagnostics.list().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void unterminatedQuoteIsAnError()
    {
        tokens("script \"/bin/true");
        assertEquals(List.of("t.conf:7: error: unterminated quote: \"/bin/true (expected a closing \")"),
            diagnostics.list().stream().map(Diagnostic::toString).toList());
    }

    private List<ConfigNode> tree(final String... lines)
    {
        final List<ConfigToken> out = new ArrayList<>();
        final ConfigLexer lexer = new ConfigLexer(diagnostics);
        for (int i = 0; i < lines.length; i++)
        {
            final Location location = new Location("t.conf", i + 1);
            final int before = out.size();
            lexer.tokenizeLine(lines[i], location, out);
            if (out.size() > before)
            {
                out.add(new ConfigToken(ConfigToken.Kind.EOL, "", false, location));
            }
        }
        out.add(new ConfigToken(ConfigToken.Kind.EOF, "", false, new Location("t.conf", 0)));
        return new ConfigTreeParser(diagnostics).parse(out);
    }

    private List<String> messages()
    {
        return diagnostics.list().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void blocksNestAndCarryTheirLines()
    {
        final List<ConfigNode> top = tree(
            "virtual_server 198.18.0.100 80 {",
            "    lb_algo rr",
            "    real_server 198.18.1.1 80{ weight 2",
            "        TCP_CHECK { connect_timeout 3 }",
            "    }",
            "}");
        assertTrue(messages().isEmpty(), messages().toString());
        assertEquals(1, top.size());
        final ConfigNode vs = top.get(0);
        assertEquals("virtual_server 198.18.0.100 80", vs.text());
        assertEquals(6, vs.closeLocation().line());
        final ConfigNode rs = vs.children().get(1);
        assertEquals("real_server", rs.keyword());
        assertEquals(3, rs.location().line());
        assertEquals("weight 2", rs.children().get(0).text());
        final ConfigNode check = rs.children().get(1);
        assertEquals("TCP_CHECK", check.keyword());
        assertEquals("t.conf:4", check.children().get(0).location().toString());
        assertEquals(5, rs.closeLocation().line());
    }

    @Test
    void openingBraceMayStandOnTheNextLine()
    {
        final List<ConfigNode> top = tree("global_defs", "{", "  router_id A", "}");
        assertTrue(messages().isEmpty(), messages().toString());
        assertEquals(1, top.size());
        assertEquals("router_id A", top.get(0).children().get(0).text());
    }

    @Test
    void extraClosingBraceIsAnError()
    {
        tree("virtual_server 198.18.0.100 80 {", "}", "}");
        assertEquals(List.of(
            "t.conf:3: error: unexpected '}': no block is open (expected a keyword, or one '}' fewer)"), messages());
    }

    @Test
    void unclosedBlockIsAnErrorAtItsOpeningLine()
    {
        tree("global_defs {", "  router_id A", "vrrp_instance VI_1 {", "}");
        assertEquals(List.of(
            "t.conf:1: error: block 'global_defs' is not closed (expected '}' before the end of t.conf)"), messages());
    }

    @Test
    void braceWithoutKeywordIsAnError()
    {
        tree("global_defs {", "}", "{", "}");
        assertEquals(List.of("t.conf:3: error: '{' without a keyword before it (expected 'keyword [values] {')"),
            messages());
    }
}
