package org.jvs.director.check;

/**
 * A checker that cannot run as configured; the message lists each problem as {@code file:line: error: ...}.
 */
public final class HealthCheckConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the problems, one a line.
     */
    public HealthCheckConfigException(final String message)
    {
        super(message);
    }
}
