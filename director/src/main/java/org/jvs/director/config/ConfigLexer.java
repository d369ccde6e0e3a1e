package org.jvs.director.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Splits keepalived.conf into tokens as keepalived reads it: line by line, one keyword per line; {@code #} and
 * {@code !} start a comment anywhere outside quotes; {@code "..."} and {@code '...'} quote; a backslash escapes
 * the next character; {@code {} and {@code }} are tokens of their own even without spaces around them
 * ({@code real_server 192.168.100.9 3306{}). A line {@code include PATTERN} is replaced by the tokens of every
 * file the pattern names, relative to the including file's directory (keepalived changes into that directory
 * while it reads a file), matched files in sorted order, nested at most {@link #MAX_INCLUDE_DEPTH} deep.
 */
public final class ConfigLexer
{
    /** How deep includes may nest (the top file is depth 0). */
    public static final int MAX_INCLUDE_DEPTH = 8;

    private final Diagnostics diagnostics;
    private final Deque<Path> includeStack = new ArrayDeque<>();

    /**
     * @param diagnostics where errors and warnings go.
     */
    public ConfigLexer(final Diagnostics diagnostics)
    {
        this.diagnostics = diagnostics;
    }

    /**
     * @param file the configuration file.
     * @return its tokens, includes expanded, ending with one EOF token.
     */
    public List<ConfigToken> read(final Path file)
    {
        final List<ConfigToken> tokens = new ArrayList<>();
        final Location whole = new Location(file.toString(), 0);
        if (Files.isDirectory(file))
        {
            diagnostics.error(whole, "is a directory (expected a configuration file)");
        }
        else
        {
            final String text = readText(file, whole, "cannot read configuration file");
            if (text != null)
            {
                readText(file, file.toString(), text, tokens);
            }
        }
        tokens.add(new ConfigToken(ConfigToken.Kind.EOF, "", false, new Location(file.toString(), 0)));
        return tokens;
    }

    private String readText(final Path file, final Location where, final String what)
    {
        try
        {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            diagnostics.error(where, what + " '" + file + "': no such file (expected an existing, readable file)");
        }
        catch (final IOException ex)
        {
            diagnostics.error(where, what + " '" + file + "': " + ex.getMessage() + " (expected a readable file)");
        }
        return null;
    }

    private void readText(final Path file, final String shownName, final String text, final List<ConfigToken> out)
    {
        includeStack.push(file.toAbsolutePath().normalize());
        final String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\n", -1);
        final List<ConfigToken> lineTokens = new ArrayList<>();
        for (int i = 0; i < lines.length; i++)
        {
            final Location location = new Location(shownName, i + 1);
            lineTokens.clear();
            tokenizeLine(stripCr(lines[i]), location, lineTokens);
            if (lineTokens.isEmpty())
            {
                continue;
            }
            final ConfigToken first = lineTokens.get(0);
            if (first.kind() == ConfigToken.Kind.WORD && !first.quoted() && "include".equals(first.text()))
            {
                lineTokens.clear();
                tokenizeLine(stripCr(lines[i]), location, lineTokens, false);
                include(file, shownName, lineTokens, location, out);
                continue;
            }
            out.addAll(lineTokens);
            out.add(new ConfigToken(ConfigToken.Kind.EOL, "", false, location));
        }
        includeStack.pop();
    }

    private static String stripCr(final String line)
    {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Split one line into tokens.
     *
     * @param line     the line, without its newline.
     * @param location where the line stands.
     * @param out      where the tokens go.
     */
    void tokenizeLine(final String line, final Location location, final List<ConfigToken> out)
    {
        tokenizeLine(line, location, out, true);
    }

    /**
     * @param braces false for an include line, whose {@code {a,b}} is a glob (keepalived reads include lines
     *               before it splits braces).
     */
    private void tokenizeLine(
        final String line, final Location location, final List<ConfigToken> out, final boolean braces)
    {
        final Word word = new Word(location, out);
        char quote = 0;
        int i = 0;
        boolean oddSpace = false;
        while (i < line.length())
        {
            char c = line.charAt(i++);
            if ((c == '\u00A0' || c == '\u3000') && quote == 0)
            {
                oddSpace = true;
                c = ' ';
            }
            if (c == '\\' && i < line.length())
            {
                word.append(line.charAt(i++));
            }
            else if (quote != 0)
            {
                quote = c == quote ? 0 : word.append(c, quote);
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
                word.quoted();
            }
            else if (c == '#' || c == '!')
            {
                break;
            }
            else if (Character.isWhitespace(c) || (braces && (c == '{' || c == '}')))
            {
                word.flush();
                if (c != '{' && c != '}')
                {
                    continue;
                }
                final ConfigToken.Kind kind = c == '{' ? ConfigToken.Kind.OPEN : ConfigToken.Kind.CLOSE;
                out.add(new ConfigToken(kind, String.valueOf(c), false, location));
            }
            else
            {
                word.append(c);
            }
        }
        if (oddSpace)
        {
            diagnostics.warning(location, "non-breaking or full-width space read as a space (keepalived would read" +
                " it as part of a word: retype it as a plain space)");
        }
        if (quote != 0)
        {
            diagnostics.error(location, "unterminated quote: " + quote + word.text() +
                " (expected a closing " + quote + ")");
        }
        word.flush();
    }

    /**
     * The word being read on a line.
     */
    private static final class Word
    {
        private final StringBuilder text = new StringBuilder();
        private final Location location;
        private final List<ConfigToken> out;
        private boolean inWord;
        private boolean quoted;

        Word(final Location location, final List<ConfigToken> out)
        {
            this.location = location;
            this.out = out;
        }

        void append(final char c)
        {
            text.append(c);
            inWord = true;
        }

        char append(final char c, final char quote)
        {
            append(c);
            return quote;
        }

        void quoted()
        {
            quoted = true;
            inWord = true;
        }

        String text()
        {
            return text.toString();
        }

        void flush()
        {
            if (inWord)
            {
                out.add(new ConfigToken(ConfigToken.Kind.WORD, text.toString(), quoted, location));
                text.setLength(0);
                inWord = false;
                quoted = false;
            }
        }
    }

    private void include(
        final Path includingFile,
        final String includingName,
        final List<ConfigToken> lineTokens,
        final Location location,
        final List<ConfigToken> out)
    {
        if (lineTokens.size() != 2 || lineTokens.get(1).kind() != ConfigToken.Kind.WORD)
        {
            diagnostics.error(location, "include needs one file name or pattern (expected 'include FILE')");
            return;
        }
        if (includeStack.size() > MAX_INCLUDE_DEPTH)
        {
            diagnostics.error(location, "includes nested more than " + MAX_INCLUDE_DEPTH +
                " deep (expected no include loop)");
            return;
        }
        final String pattern = lineTokens.get(1).text();
        final Path parent = includingFile.getParent();
        final Path resolved = parent == null ? Path.of(pattern) : parent.resolve(pattern);
        final boolean isGlob = pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
        final List<Path> files = isGlob ? glob(resolved, location) : List.of(resolved);
        if (isGlob && files.isEmpty())
        {
            diagnostics.warning(location, "include '" + pattern + "' matched no file (looked for " + resolved + ")");
        }
        for (final Path file : files)
        {
            includeOne(file, pattern, location, out);
        }
    }

    private void includeOne(final Path file, final String pattern, final Location location, final List<ConfigToken> out)
    {
        if (includeStack.contains(file.toAbsolutePath().normalize()))
        {
            diagnostics.error(location, "include loop: '" + file + "' is already being read" +
                " (expected no include loop)");
            return;
        }
        if (Files.isDirectory(file))
        {
            diagnostics.error(location, "include '" + pattern + "' names a directory '" + file +
                "' (expected a file or a pattern such as " + pattern + "/*.conf)");
            return;
        }
        final String text = readText(file, location, "cannot read include file");
        if (text != null)
        {
            readText(file, file.toString(), text, out);
        }
    }

    private List<Path> glob(final Path resolvedPattern, final Location location)
    {
        Path base = resolvedPattern.getRoot();
        int depth = 0;
        boolean inGlob = false;
        for (final Path element : resolvedPattern)
        {
            final String name = element.toString();
            if (!inGlob && name.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '{'))
            {
                base = base == null ? element : base.resolve(element);
            }
            else
            {
                inGlob = true;
                depth++;
            }
        }
        final Path baseDir = base;
        final Path walkFrom = baseDir == null ? Path.of(".") : baseDir;
        final String matchPattern = baseDir == null ? "./" + resolvedPattern : resolvedPattern.toString();
        final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + matchPattern);
        if (!Files.isDirectory(walkFrom))
        {
            return List.of();
        }
        try (Stream<Path> found = Files.walk(walkFrom, depth))
        {
            return found.filter(p -> matcher.matches(p) && Files.isRegularFile(p))
                .map(p -> baseDir == null ? walkFrom.relativize(p) : p)
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            diagnostics.error(location, "cannot list '" + walkFrom + "' for include: " + ex.getMessage() +
                " (expected a readable directory)");
            return List.of();
        }
    }
}
