package org.jvs.director.control;

import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;

/**
 * Where {@code jvsadm -L} finds counters: implemented by the data plane, which sums its workers' counters
 * (each worker owns its own, STYLE.md section 3). Called on the control socket's thread, never on a packet
 * path.
 */
public interface StatsSource
{
    /** No counters: every value reads 0 and {@link #zero} does nothing. */
    StatsSource NONE = new StatsSource()
    {
        @Override
        public void service(final ServiceKey key, final Counters into)
        {
            into.reset();
        }

        @Override
        public void server(final ServiceKey key, final InetAddr address, final int port, final Counters into)
        {
            into.reset();
        }

        @Override
        public void zero(final ServiceKey key)
        {
        }
    };

    /**
     * Fill in a virtual service's totals and rates (connection counts are not shown for services).
     *
     * @param key  the service.
     * @param into reset and filled in; all 0 when the data plane does not know the service yet.
     */
    void service(ServiceKey key, Counters into);

    /**
     * Fill in a real server's totals, rates and connection counts.
     *
     * @param key     its service.
     * @param address RIP.
     * @param port    real port.
     * @param into    reset and filled in; all 0 when unknown.
     */
    void server(ServiceKey key, InetAddr address, int port, Counters into);

    /**
     * {@code ipvsadm -Z}: zero the totals (and the rate estimators) of a service and its real servers, or of
     * every service.
     *
     * @param key the service, or null for all.
     */
    void zero(ServiceKey key);
}
