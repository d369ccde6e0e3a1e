package org.jvs.director.schedsim;

/**
 * A scheduler scenario asked for something a director would refuse (unknown scheduler, unknown server,
 * a connection that does not exist...), or a line that cannot be read. The message says what is wrong;
 * {@link SchedSimScript} puts {@code FILE:line:} in front of it.
 */
public final class ScenarioException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, without the location.
     */
    public ScenarioException(final String message)
    {
        super(message);
    }
}
