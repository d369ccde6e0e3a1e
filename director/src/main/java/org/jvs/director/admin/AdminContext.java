package org.jvs.director.admin;

import org.jvs.director.control.ConnectionSource;
import org.jvs.director.control.ReloadHandler;
import org.jvs.director.control.RuleSet;
import org.jvs.director.control.StatsSource;
import org.jvs.director.control.SyncControl;
import org.jvs.director.control.VrrpReport;

/**
 * What jvsadm's commands act on inside the daemon.
 *
 * @param rules               the rule table.
 * @param stats               counters and rates from the data plane.
 * @param connections         the connection entries from the data plane.
 * @param reload              what {@code --reload} runs.
 * @param connectionTableSize the {@code size=} of the listing's header (IPVS prints its connection hash
 *                            table's size, 4096 by default).
 * @param vrrp                what {@code --vrrp} prints.
 * @param sync                the connection-sync daemons ({@code --start-daemon}, {@code -L --daemon}).
 */
public record AdminContext(
    RuleSet rules, StatsSource stats, ConnectionSource connections, ReloadHandler reload, int connectionTableSize,
    VrrpReport vrrp, SyncControl sync)
{
    /** IPVS's default connection table size ({@code CONFIG_IP_VS_TAB_BITS} 12). */
    public static final int DEFAULT_TABLE_SIZE = 4096;

    /**
     * A context without VRRP and connection sync.
     *
     * @param rules               the rule table.
     * @param stats               counters and rates from the data plane.
     * @param connections         the connection entries from the data plane.
     * @param reload              what {@code --reload} runs.
     * @param connectionTableSize the {@code size=} of the listing's header.
     */
    public AdminContext(
        final RuleSet rules, final StatsSource stats, final ConnectionSource connections, final ReloadHandler reload,
        final int connectionTableSize)
    {
        this(rules, stats, connections, reload, connectionTableSize, VrrpReport.NONE, SyncControl.NONE);
    }

    /**
     * @param rules the rule table; no counters, no connections, nothing to reload.
     * @return a context.
     */
    public static AdminContext of(final RuleSet rules)
    {
        return new AdminContext(rules, StatsSource.NONE, ConnectionSource.NONE, ReloadHandler.NONE,
            DEFAULT_TABLE_SIZE);
    }
}
