package org.jvs.core.service;

/**
 * Told when a real server's load or usability changes (connection counts, weight, thresholds, overload,
 * availability), so a scheduler can keep an index of servers by load instead of scanning the whole list
 * for each decision. Called on the owning worker's thread; must not allocate.
 */
@FunctionalInterface
public interface LoadObserver
{
    /**
     * @param server the server whose counts or settings changed.
     */
    void onLoadChanged(RealServer server);
}
