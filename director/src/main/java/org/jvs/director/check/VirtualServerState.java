package org.jvs.director.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.control.RuleSet;
import org.jvs.director.net.ScriptRunner;
import org.jvs.director.control.RuleSetException;

/**
 * A virtual server under checks: its quorum state and what its live real servers, inhibited ones and sorry
 * server should look like in the rule table, applied as keepalived applies them to IPVS (remove or weight 0 on
 * failure, add back on recovery, the sorry server while the quorum is lost, alive servers out meanwhile).
 */
final class VirtualServerState
{
    private static final int ABSENT = -1;

    private final VirtualServerConfig config;
    private final List<ServiceKey> keys;
    private final List<RealServerState> realServers = new ArrayList<>();
    private boolean quorumUp = true;

    VirtualServerState(final VirtualServerConfig config, final List<ServiceKey> keys)
    {
        this.config = config;
        this.keys = List.copyOf(keys);
    }

    VirtualServerConfig config()
    {
        return config;
    }

    List<RealServerState> realServers()
    {
        return realServers;
    }

    boolean quorumUp()
    {
        return quorumUp;
    }

    /**
     * @param up the quorum state carried over a reload.
     */
    void quorumUp(final boolean up)
    {
        quorumUp = up;
    }

    /**
     * Re-evaluate the quorum, run its scripts on a change, and bring the rule table in line.
     *
     * @param rules   the rule table.
     * @param scripts where quorum scripts run.
     * @param log     where transitions are told.
     * @param nowNs   now.
     */
    void sync(final RuleSet rules, final ScriptRunner scripts, final Consumer<String> log, final long nowNs)
    {
        long aliveWeight = 0;
        for (final RealServerState server : realServers)
        {
            if (server.alive())
            {
                aliveWeight += server.weight();
            }
        }
        final VirtualServerConfig.Options options = config.options();
        if (quorumUp && aliveWeight < (long)options.quorum() - options.hysteresis())
        {
            quorumUp = false;
            log.accept("virtual server " + config.name() + ": quorum lost (live weight " + aliveWeight +
                " < quorum " + options.quorum() + " - hysteresis " + options.hysteresis() + ")" + sorryText(true));
            scripts.run("quorum_down", options.quorumDown(), nowNs);
        }
        else if (!quorumUp && aliveWeight >= (long)options.quorum() + options.hysteresis())
        {
            quorumUp = true;
            log.accept("virtual server " + config.name() + ": quorum gained (live weight " + aliveWeight +
                " >= quorum " + options.quorum() + " + hysteresis " + options.hysteresis() + ")" +
                sorryText(false));
            scripts.run("quorum_up", options.quorumUp(), nowNs);
        }
        apply(rules, log);
    }

    private String sorryText(final boolean lost)
    {
        final VirtualServerConfig.SorryServer sorry = config.sorryServer();
        if (sorry == null)
        {
            return "";
        }
        return lost ? ", sorry server " + sorry.address() + " " + sorry.port() + " takes the traffic" :
            ", sorry server " + sorry.address() + " " + sorry.port() + " withdrawn";
    }

    private void apply(final RuleSet rules, final Consumer<String> log)
    {
        final VirtualServerConfig.SorryServer sorry = config.sorryServer();
        final boolean useSorry = sorry != null && !quorumUp;
        rules.batch(() ->
        {
            for (final RealServerState server : realServers)
            {
                final int want = server.alive() && !useSorry ? server.weight() : server.inhibit() ? 0 : ABSENT;
                final RealServerConfig rs = server.config();
                final ForwardMethod method = rs.forwardMethod() != null ? rs.forwardMethod() : config.lbKind();
                final DestSpec dest = new DestSpec(rs.address(), rs.port(), method, Math.max(0, want),
                    rs.upperThreshold(), rs.lowerThreshold());
                ensure(rules, dest, want, log);
            }
            if (sorry != null)
            {
                final int want = useSorry ? 1 : sorry.inhibit() ? 0 : ABSENT;
                ensure(rules, new DestSpec(sorry.address(), sorry.port(), config.lbKind(), Math.max(0, want), 0, 0),
                    want, log);
            }
        });
    }

    private void ensure(final RuleSet rules, final DestSpec dest, final int weight, final Consumer<String> log)
    {
        for (final ServiceKey key : keys)
        {
            try
            {
                final ServiceSpec service = rules.service(key);
                final DestSpec present = service.find(dest.address(), dest.port());
                if (weight == ABSENT && present != null)
                {
                    rules.deleteServer(key, dest.address(), dest.port());
                }
                else if (weight != ABSENT && present == null)
                {
                    rules.addServer(key, dest);
                }
                else if (weight != ABSENT && present.weight() != weight)
                {
                    rules.editServer(key, present.withWeight(weight));
                }
            }
            catch (final RuleSetException ex)
            {
                log.accept("virtual server " + config.name() + ": cannot update " + name(dest.address()) + " " +
                    dest.port() + " in " + key + ": " + ex.getMessage());
            }
        }
    }

    private static String name(final InetAddr address)
    {
        return address.isIpv6() ? "[" + address + "]" : address.toString();
    }
}
