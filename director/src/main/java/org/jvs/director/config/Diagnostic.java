package org.jvs.director.config;

/**
 * One finding about a configuration, printed as a compiler would: {@code FILE:LINE: error: MESSAGE}.
 *
 * @param severity error (the configuration does not load) or warning (it loads, something is ignored).
 * @param location where.
 * @param message  what, with what was expected for an error.
 */
public record Diagnostic(Severity severity, Location location, String message)
{
    /**
     * How bad a finding is.
     */
    public enum Severity
    {
        /** The configuration loads; something in it is ignored, deprecated or not acted on yet. */
        WARNING("warning"),
        /** The configuration does not load. */
        ERROR("error");

        private final String word;

        Severity(final String word)
        {
            this.word = word;
        }

        /**
         * @return the word printed after the location.
         */
        public String word()
        {
            return word;
        }
    }

    /**
     * @return true for an error.
     */
    public boolean isError()
    {
        return severity == Severity.ERROR;
    }

    /**
     * @return {@code FILE:LINE: error: MESSAGE}.
     */
    @Override
    public String toString()
    {
        return location + ": " + severity.word() + ": " + message;
    }
}
