package org.jvs.director.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.agrona.concurrent.Agent;
import org.jvs.director.config.ServiceTableBuilder;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.control.RuleSet;
import org.jvs.director.net.ScriptRunner;

/**
 * The health-check management agent: runs every real server's checkers from one thread with one
 * {@link Selector} (no thread per check), counts results as keepalived does and changes the {@link RuleSet} on
 * each transition. Run it under an AgentRunner with a sleeping idle strategy.
 */
public final class HealthChecker implements Agent
{
    /** Time limit of notify and quorum scripts. */
    public static final long SCRIPT_TIMEOUT_NS = 10_000_000_000L;
    /** SMTP_CHECK's HELO name when neither helo_name nor global smtp_helo_name is set. */
    public static final String DEFAULT_HELO = "smtpchecker.keepalived.org";

    private final RuleSet rules;
    private final Consumer<String> log;
    private final LongConsumer latenessNs;
    private final Selector selector;
    private final ScriptRunner scripts;
    private final AtomicReference<KeepalivedConfig> pending = new AtomicReference<>();
    private final List<VirtualServerState> virtualServers = new ArrayList<>();
    private final List<CheckerState> checkers = new ArrayList<>();
    private volatile long attempts;

    /**
     * @param config     the loaded configuration (its real servers are in the rule table).
     * @param rules      the rule table to change.
     * @param log        one line per transition.
     * @param latenessNs told how late each attempt started after it was due (a benchmark's probe), or null.
     */
    public HealthChecker(final KeepalivedConfig config, final RuleSet rules, final Consumer<String> log,
        final LongConsumer latenessNs)
    {
        this.rules = rules;
        this.log = log;
        this.latenessNs = latenessNs;
        this.scripts = new ScriptRunner(SCRIPT_TIMEOUT_NS, log);
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        pending.set(config);
    }

    /**
     * Take a reloaded configuration on the agent's next duty cycle; checkers that did not change keep their state.
     *
     * @param config the new configuration (already in the rule table).
     */
    public void reload(final KeepalivedConfig config)
    {
        pending.set(config);
    }

    /**
     * @return attempts started so far.
     */
    public long attempts()
    {
        return attempts;
    }

    @Override
    public String roleName()
    {
        return "health-check";
    }

    @Override
    public int doWork() throws IOException
    {
        final long nowNs = System.nanoTime();
        int work = 0;
        final KeepalivedConfig config = pending.getAndSet(null);
        if (config != null)
        {
            rebuild(config, nowNs);
            work++;
        }
        if (selector.selectNow() > 0)
        {
            for (final SelectionKey key : selector.selectedKeys())
            {
                if (key.isValid())
                {
                    ((Probe)key.attachment()).onReady(key, nowNs);
                }
                work++;
            }
            selector.selectedKeys().clear();
        }
        for (int i = 0, n = checkers.size(); i < n; i++)
        {
            work += drive(checkers.get(i), nowNs);
        }
        return work + scripts.poll(nowNs);
    }

    private int drive(final CheckerState checker, final long nowNs)
    {
        final Probe probe = checker.probe();
        if (probe == null)
        {
            if (nowNs - checker.nextDueNs() < 0)
            {
                return 0;
            }
            final long startNs = System.nanoTime();
            if (latenessNs != null)
            {
                latenessNs.accept(startNs - checker.nextDueNs());
            }
            attempts++;
            begin(checker, 0, startNs);
            return 1;
        }
        probe.poll(nowNs);
        if (!probe.done())
        {
            return 0;
        }
        if (probe.failure() == null && checker.step() + 1 < checker.steps())
        {
            begin(checker, checker.step() + 1, nowNs);
            return 1;
        }
        onResult(checker, probe, nowNs);
        return 1;
    }

    private void begin(final CheckerState checker, final int step, final long nowNs)
    {
        final Probe probe = checker.newProbe(step);
        checker.step(step);
        checker.probe(probe);
        probe.start(selector, nowNs);
    }

    private void onResult(final CheckerState checker, final Probe probe, final long nowNs)
    {
        final RealServerState server = checker.server();
        final boolean wasAlive = server.alive();
        final int oldWeight = server.weight();
        if (probe.dynamicWeight() >= 0)
        {
            server.weight(probe.dynamicWeight());
        }
        final boolean changed = checker.onResult(probe.failure(), nowNs);
        final boolean alive = server.alive();
        if (changed)
        {
            log.accept(checker.name() + " of " + server.name() + (checker.up() ? " up" : " down: " +
                checker.reason()) + effect(server, wasAlive, alive));
        }
        if (wasAlive != alive)
        {
            scripts.run(alive ? "notify_up" : "notify_down",
                alive ? server.config().notifyUp() : server.config().notifyDown(), nowNs);
        }
        else if (alive && oldWeight != server.weight())
        {
            log.accept(server.name() + ": misc_dynamic weight " + oldWeight + " -> " + server.weight());
        }
        if (changed || wasAlive != alive || oldWeight != server.weight())
        {
            server.virtualServer().sync(rules, scripts, log, nowNs);
        }
    }

    private static String effect(final RealServerState server, final boolean wasAlive, final boolean alive)
    {
        if (wasAlive == alive)
        {
            return alive ? "" : "; real server stays down (" + server.downReason() + ")";
        }
        if (alive)
        {
            return "; real server back with weight " + server.weight();
        }
        return server.inhibit() ? "; real server set to weight 0 (inhibit_on_failure)" : "; real server removed";
    }

    private void rebuild(final KeepalivedConfig config, final long nowNs)
    {
        final Map<String, CheckerState> old = new HashMap<>();
        for (final CheckerState checker : checkers)
        {
            if (checker.probe() != null)
            {
                checker.probe().cancel();
            }
            old.put(identity(checker.server().virtualServer().config(), checker.server().config(),
                checker.config()), checker);
        }
        final Map<String, Boolean> quorum = new HashMap<>();
        for (final VirtualServerState state : virtualServers)
        {
            quorum.put(state.config().name(), state.quorumUp());
        }
        checkers.clear();
        virtualServers.clear();
        for (final VirtualServerConfig vs : config.virtualServers())
        {
            final VirtualServerState state = new VirtualServerState(vs, ServiceTableBuilder.keys(vs, config));
            state.quorumUp(quorum.getOrDefault(vs.name(), Boolean.TRUE));
            for (final RealServerConfig rs : vs.realServers())
            {
                state.realServers().add(realServer(vs, rs, state, old, nowNs, helo(config)));
            }
            virtualServers.add(state);
        }
        for (final VirtualServerState state : virtualServers)
        {
            state.sync(rules, scripts, log, nowNs);
        }
    }

    private RealServerState realServer(final VirtualServerConfig vs, final RealServerConfig rs,
        final VirtualServerState state, final Map<String, CheckerState> old, final long nowNs, final String helo)
    {
        final RealServerState server =
            new RealServerState(rs, state, rs.inhibitOnFailure() || vs.options().inhibitOnFailure());
        for (final CheckerConfig checkerConfig : rs.checkers())
        {
            if (!HealthCheckValidator.runs(checkerConfig.kind()))
            {
                continue;
            }
            final CheckerState checker =
                new CheckerState(vs, checkerConfig, CheckSettings.resolve(vs, rs, checkerConfig), server, helo);
            checker.schedule(nowNs);
            final CheckerState before = old.get(identity(vs, rs, checkerConfig));
            if (before != null)
            {
                checker.inherit(before);
            }
            else if (!checker.up())
            {
                log.accept(checker.name() + " of " + server.name() + " starts down (alpha)");
            }
            server.checkers().add(checker);
            checkers.add(checker);
        }
        return server;
    }

    private static String helo(final KeepalivedConfig config)
    {
        final String global = config.globalDefs() == null ? null : config.globalDefs().smtpHeloName();
        return global != null ? global : DEFAULT_HELO;
    }

    private static String identity(final VirtualServerConfig vs, final RealServerConfig rs,
        final CheckerConfig checker)
    {
        return vs.name() + "|" + rs.name() + "|" + checker.kind() + "|" + stripLocation(checker);
    }

    private static String stripLocation(final CheckerConfig checker)
    {
        final CheckerConfig.Common c = checker.common();
        return c.connectIp() + ":" + c.connectPort() + "/" + c.bindTo() + ":" + c.bindPort() + "/" +
            c.connectTimeoutMs() + "/" + c.retry() + "/" + c.delayBeforeRetryMs() + "/" + c.delayLoopMs() + "/" +
            (checker instanceof CheckerConfig.Misc misc ? misc.miscPath() : "") +
            (checker instanceof CheckerConfig.Http http ? http.urls().size() : "");
    }

    @Override
    public void onClose()
    {
        for (final CheckerState checker : checkers)
        {
            if (checker.probe() != null)
            {
                checker.probe().cancel();
            }
        }
        scripts.close(true);
        try
        {
            selector.close();
        }
        catch (final IOException ignored)
        {
            // shutting down
        }
    }
}
