package org.jvs.director.check;

import java.util.ArrayList;
import java.util.List;

import org.jvs.director.config.model.RealServerConfig;

/**
 * A real server under checks: alive while every one of its checkers is up; its weight is the configured one, or
 * the last one a MISC_CHECK with misc_dynamic asked for.
 */
final class RealServerState
{
    private final RealServerConfig config;
    private final VirtualServerState virtualServer;
    private final List<CheckerState> checkers = new ArrayList<>();
    private final boolean inhibit;
    private int weight;

    RealServerState(final RealServerConfig config, final VirtualServerState virtualServer, final boolean inhibit)
    {
        this.config = config;
        this.virtualServer = virtualServer;
        this.inhibit = inhibit;
        this.weight = config.weight();
    }

    boolean alive()
    {
        for (final CheckerState checker : checkers)
        {
            if (!checker.up())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the reason of the first checker that is down, or null.
     */
    String downReason()
    {
        for (final CheckerState checker : checkers)
        {
            if (!checker.up())
            {
                return checker.name() + ": " + checker.reason();
            }
        }
        return null;
    }

    RealServerConfig config()
    {
        return config;
    }

    VirtualServerState virtualServer()
    {
        return virtualServer;
    }

    List<CheckerState> checkers()
    {
        return checkers;
    }

    boolean inhibit()
    {
        return inhibit;
    }

    int weight()
    {
        return weight;
    }

    void weight(final int weight)
    {
        this.weight = weight;
    }

    String name()
    {
        return "real server " + config.name() + " of virtual server " + virtualServer.config().name();
    }
}
