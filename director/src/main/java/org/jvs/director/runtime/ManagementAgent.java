package org.jvs.director.runtime;

import org.agrona.concurrent.Agent;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.control.RuleSet;
import org.jvs.director.control.Timeouts;

/**
 * The director's housekeeping ("mgmt", a sleeping agent): samples the rate estimators every 2 s as IPVS's
 * estimation timer does, carries {@code --set} timeouts to the data plane, and logs each change of the service
 * table once (and hands it to whoever follows it: the kernel filter).
 */
final class ManagementAgent implements Agent
{
    private static final long SAMPLE_INTERVAL_MS = 2000;

    private final RuleSet rules;
    private final ServiceTableRef tables;
    private final org.jvs.core.conn.Timeouts dataPlaneTimeouts;
    private final DataPlaneStats stats;
    private final Log log;
    private final java.util.function.Consumer<ServiceTable> onTableChange;
    private ServiceTable logged = ServiceTable.EMPTY;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private long nextSampleMs;

    ManagementAgent(
        final RuleSet rules,
        final ServiceTableRef tables,
        final org.jvs.core.conn.Timeouts dataPlaneTimeouts,
        final DataPlaneStats stats,
        final Log log,
        final java.util.function.Consumer<ServiceTable> onTableChange)
    {
        this.onTableChange = onTableChange;
        this.rules = rules;
        this.tables = tables;
        this.dataPlaneTimeouts = dataPlaneTimeouts;
        this.stats = stats;
        this.log = log;
    }

    @Override
    public String roleName()
    {
        return "mgmt";
    }

    @Override
    public int doWork()
    {
        int work = 0;
        final ServiceTable current = tables.current();
        if (current != logged)
        {
            TableLog.changes(logged, current).forEach(log::info);
            onTableChange.accept(current);
            logged = current;
            work++;
        }
        final Timeouts wanted = rules.timeouts();
        if (!wanted.equals(timeouts))
        {
            dataPlaneTimeouts.set(wanted.tcpS(), wanted.tcpFinS(), wanted.udpS());
            log.info("timeouts (tcp tcpfin udp) now " + wanted.tcpS() + " " + wanted.tcpFinS() + " " + wanted.udpS());
            timeouts = wanted;
            work++;
        }
        final long nowMs = System.currentTimeMillis();
        if (nowMs >= nextSampleMs)
        {
            stats.sample(current);
            nextSampleMs = nowMs + SAMPLE_INTERVAL_MS;
            work++;
        }
        return work;
    }
}
