package org.jvs.director.control;

/**
 * A {@link RuleSet} operation refused, with the words ipvsadm prints for the errno the kernel would return
 * (libipvs's {@code ipvs_strerror} table, or {@code strerror} for errnos it does not list).
 */
public final class RuleSetException extends RuntimeException
{
    /** ESRCH from {@code -E}, {@code -D}, {@code -Z}, {@code -L -t}. */
    public static final String NO_SUCH_SERVICE = "No such service";
    /** ESRCH from {@code -a}, {@code -e}, {@code -d}. */
    public static final String SERVICE_NOT_DEFINED = "Service not defined";
    /** EEXIST from {@code -A}. */
    public static final String SERVICE_EXISTS = "Service already exists";
    /** EEXIST from {@code -a}. */
    public static final String DEST_EXISTS = "Destination already exists";
    /** ENOENT from {@code -e}, {@code -d}. */
    public static final String NO_SUCH_DEST = "No such destination";
    /** ENOENT from {@code -A}, {@code -E}: unknown scheduler or persistence engine. */
    public static final String SCHEDULER_NOT_FOUND = "Scheduler or persistence engine not found";
    /** EINVAL. */
    public static final String INVALID =
        "Invalid operation.  Possibly wrong module version, address not unicast, ...";
    /** ERANGE (lower threshold above upper, negative weight): not in libipvs's table, so strerror's words. */
    public static final String OUT_OF_RANGE = "Numerical result out of range";

    private static final long serialVersionUID = 1L;

    /**
     * @param message one of this class's constants.
     */
    public RuleSetException(final String message)
    {
        super(message);
    }
}
