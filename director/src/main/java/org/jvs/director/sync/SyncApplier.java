package org.jvs.director.sync;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.ConnectionTuple;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.jvs.core.worker.ConnectionSync;

/**
 * Applies decoded entries to a backup's {@link ConnectionTable}: a new connection is made with
 * {@link ConnectionTable#createSynced} (the master's flags, state, timeout) with its real server's forwarding
 * handler, so it forwards once this director owns the VIPs; a known connection takes the master's state, activity
 * and timeout ({@link ConnectionTable#updateSynced}), a known template its timeout.
 * Run on the table's owning worker (one writer per structure); {@link #now(long)} before each message.
 */
public final class SyncApplier implements SyncEntryHandler
{
    /** IPVS's timeout for a synced entry sent without one and without a state table: 3 minutes. */
    private static final long DEFAULT_TEMPLATE_TIMEOUT_NS = 180_000_000_000L;

    private final ConnectionTable table;
    private final SyncResolver resolver;
    private final ConnectionSync sync;
    private final ConnectionTuple tuple = new ConnectionTuple();
    private long nowNs;
    private long created;
    private long refreshed;
    private long noService;
    private long noServer;
    private long tableFull;

    /**
     * @param table    the backup's table.
     * @param resolver finds services and servers.
     */
    public SyncApplier(final ConnectionTable table, final SyncResolver resolver)
    {
        this(table, resolver, null);
    }

    /**
     * @param table    the backup's table.
     * @param resolver finds services and servers.
     * @param sync     the worker's sync master side, whose counters start anew for each entry made (or null).
     */
    public SyncApplier(final ConnectionTable table, final SyncResolver resolver, final ConnectionSync sync)
    {
        this.table = table;
        this.resolver = resolver;
        this.sync = sync;
    }

    /**
     * @param nowNs time of the message being applied.
     * @return this.
     */
    public SyncApplier now(final long nowNs)
    {
        this.nowNs = nowNs;
        return this;
    }

    @Override
    public void onEntry(final int syncId, final SyncEntry entry)
    {
        final long timeoutNs = timeoutNs(entry);
        final int existing = find(entry);
        if (existing != ConnectionTable.NONE)
        {
            if (table.isTemplate(existing))
            {
                table.timeoutNs(existing, timeoutNs);
                table.rearm(existing, nowNs);
            }
            else
            {
                table.updateSynced(existing, entry.flags(), entry.state(), timeoutNs, nowNs);
            }
            refreshed++;
            return;
        }
        final VirtualService service = resolver.service(entry);
        if (null == service)
        {
            noService++;
            return;
        }
        final RealServer server = resolver.server(service, entry);
        if (null == server)
        {
            noServer++;
            return;
        }
        final int e = table.createSynced(entry.tuple(tuple), entry.flags(), entry.state(), timeoutNs, server, service,
            nowNs);
        if (e == ConnectionTable.NONE)
        {
            tableFull++;
            return;
        }
        table.handler(e, server.forwardMethod().ordinal());
        if (null != sync)
        {
            sync.onCreate(e);
        }
        created++;
    }

    /**
     * {@code ip_vs_proc_conn}: the message's timeout, or, when it is 0, the state's (TCP, UDP), 3 minutes for a
     * template.
     */
    private long timeoutNs(final SyncEntry entry)
    {
        if (entry.timeoutS() > 0)
        {
            return entry.timeoutS() * 1_000_000_000L;
        }
        if ((entry.flags() & ConnectionTable.F_TEMPLATE) != 0)
        {
            return DEFAULT_TEMPLATE_TIMEOUT_NS;
        }
        if (entry.protocol() == ServiceKey.TCP && entry.state() >= 0 && entry.state() < TcpStates.STATE_COUNT)
        {
            return table.timeouts().tcpNs(entry.state());
        }
        return entry.protocol() == ServiceKey.TCP ? DEFAULT_TEMPLATE_TIMEOUT_NS : table.timeouts().udpNs();
    }

    private int find(final SyncEntry entry)
    {
        if ((entry.flags() & ConnectionTable.F_TEMPLATE) != 0)
        {
            return table.lookupTemplate(entry.protocol(), entry.family(), entry.clientHi(), entry.clientLo(),
                entry.virtualHi(), entry.virtualLo(), entry.virtualPort(), nowNs);
        }
        return table.lookupIn(entry.protocol(), entry.family(), entry.clientHi(), entry.clientLo(),
            entry.clientPort(), entry.virtualHi(), entry.virtualLo(), entry.virtualPort(), nowNs);
    }

    public long created()
    {
        return created;
    }

    public long refreshed()
    {
        return refreshed;
    }

    public long noService()
    {
        return noService;
    }

    public long noServer()
    {
        return noServer;
    }

    public long tableFull()
    {
        return tableFull;
    }
}
