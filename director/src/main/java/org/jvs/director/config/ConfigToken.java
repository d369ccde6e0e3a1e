package org.jvs.director.config;

/**
 * One token of keepalived.conf with its file:line.
 *
 * @param kind     a word, a brace, or the end of a line.
 * @param text     the word (quotes removed, escapes applied), {@code "{"}, {@code "}"} or empty.
 * @param quoted   true when any part of the word was quoted.
 * @param location where it stands.
 */
public record ConfigToken(Kind kind, String text, boolean quoted, Location location)
{
    /**
     * What a token is.
     */
    public enum Kind
    {
        /** A keyword or a value. */
        WORD,
        /** {@code {}: a block opens. */
        OPEN,
        /** {@code }}: a block closes. */
        CLOSE,
        /** The end of a line: one keyword per line. */
        EOL,
        /** The end of the configuration. */
        EOF
    }

    /**
     * @return the text as it was written (for messages).
     */
    @Override
    public String toString()
    {
        return kind == Kind.EOL ? "end of line" : kind == Kind.EOF ? "end of file" : text;
    }
}
