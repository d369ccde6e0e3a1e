package org.jvs.director.runtime;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;

/**
 * The log lines for one change of the service table: services added and removed, real servers added, removed
 * and changed, one line each.
 */
final class TableLog
{
    private TableLog()
    {
    }

    /**
     * @param before the table before.
     * @param after  the table after.
     * @return one line per change.
     */
    static List<String> changes(final ServiceTable before, final ServiceTable after)
    {
        final List<String> lines = new ArrayList<>();
        for (final ServiceSpec spec : after.services())
        {
            final ServiceSpec old = before.find(spec.key());
            if (old == null)
            {
                lines.add("service " + spec.key() + " added (" + spec.schedulerName() +
                    (spec.isPersistent() ? ", persistent " + spec.persistenceTimeoutS() : "") + ")");
            }
            else if (!old.schedulerName().equals(spec.schedulerName()) ||
                old.persistenceTimeoutS() != spec.persistenceTimeoutS())
            {
                lines.add("service " + spec.key() + " changed (" + spec.schedulerName() + ")");
            }
            serverChanges(spec, old, lines);
        }
        for (final ServiceSpec old : before.services())
        {
            if (after.find(old.key()) == null)
            {
                lines.add("service " + old.key() + " removed");
            }
        }
        return lines;
    }

    private static void serverChanges(final ServiceSpec spec, final ServiceSpec old, final List<String> lines)
    {
        for (final DestSpec dest : spec.servers())
        {
            final DestSpec was = old == null ? null : old.find(dest.address(), dest.port());
            if (was == null)
            {
                lines.add("real server " + dest.address() + ":" + dest.port() + " added to " + spec.key() +
                    " (" + dest.forwardMethod().ipvsadmName() + ", weight " + dest.weight() + ")");
            }
            else if (was.weight() != dest.weight())
            {
                lines.add("real server " + dest.address() + ":" + dest.port() + " of " + spec.key() +
                    ": weight " + was.weight() + " -> " + dest.weight());
            }
        }
        if (old != null)
        {
            for (final DestSpec was : old.servers())
            {
                if (spec.find(was.address(), was.port()) == null)
                {
                    lines.add("real server " + was.address() + ":" + was.port() + " removed from " + spec.key());
                }
            }
        }
    }
}
