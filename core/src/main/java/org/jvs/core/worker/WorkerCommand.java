package org.jvs.core.worker;

import org.jvs.core.conn.ConnectionTable;

/**
 * Something the control plane needs done on a worker's own thread (STYLE.md section 3): listing or syncing
 * connections, reading state only the worker may touch. Drained, a few at a time, at the top of the worker's
 * duty cycle.
 */
@FunctionalInterface
public interface WorkerCommand
{
    /**
     * @param table the worker's connection table.
     * @param nowNs the worker's time.
     */
    void run(ConnectionTable table, long nowNs);
}
