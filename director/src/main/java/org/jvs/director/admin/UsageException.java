package org.jvs.director.admin;

/**
 * jvsadm stops before doing anything, as ipvsadm's {@code fail()}, {@code tryhelp_exit()} or a popt error
 * would: the message is printed to standard error and the process exits with the status given.
 */
final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    /**
     * @param message    printed as it is, followed by a newline.
     * @param exitStatus 2 for ipvsadm's {@code fail(2, ...)}, 255 for its {@code exit(-1)} paths.
     */
    UsageException(final String message, final int exitStatus)
    {
        super(message);
        this.exitStatus = exitStatus;
    }

    /**
     * @return the exit status.
     */
    int exitStatus()
    {
        return exitStatus;
    }
}
