package org.jvs.core.conn;

/**
 * Told of each live entry of a {@link ConnectionTable} by {@link ConnectionTable#forEach}: what the control plane
 * uses to list connections ({@code ipvsadm -L -n -c}) or to sync them. Called on the table's owning worker thread.
 */
@FunctionalInterface
public interface ConnectionVisitor
{
    /**
     * @param table the table.
     * @param entry a live entry (connection or template); read it through the table's accessors.
     */
    void onEntry(ConnectionTable table, int entry);
}
