package org.jvs.core.service;

/**
 * Where the current {@link ServiceTable} is published: one volatile reference, written by the control plane,
 * read by the workers.
 */
public final class ServiceTableRef
{
    private volatile ServiceTable current = ServiceTable.EMPTY;

    /**
     * @return the table published last.
     */
    public ServiceTable current()
    {
        return current;
    }

    /**
     * Publish a table (one volatile write).
     *
     * @param table the new table; its version must be higher than the current one's.
     */
    public void publish(final ServiceTable table)
    {
        if (table.version() <= current.version())
        {
            throw new IllegalArgumentException(
                "table version " + table.version() + " is not after " + current.version());
        }
        current = table;
    }
}
