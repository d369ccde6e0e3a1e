package org.jvs.director.check;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.jvs.director.config.Diagnostic;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.control.RuleSet;

/**
 * The health checks of a running director: {@link #start} validates the checkers, then runs one
 * {@link HealthChecker} agent on its own thread with a sleeping idle strategy. {@link #reload} hands it a new
 * configuration, {@link #close} stops it.
 */
public final class HealthChecks implements AutoCloseable
{
    private static final long IDLE_SLEEP_MS = 1;

    private final HealthChecker checker;
    private final AgentRunner runner;

    private HealthChecks(final HealthChecker checker, final Consumer<String> log)
    {
        this.checker = checker;
        final ErrorHandler errors = ex -> log.accept("health-check agent error: " + ex);
        this.runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MS), errors, null, checker);
        AgentRunner.startOnThread(runner);
    }

    /**
     * @param config the loaded configuration, whose services are in the rule table.
     * @param rules  the rule table.
     * @param log    one line per transition.
     * @return the running checks.
     * @throws HealthCheckConfigException when a checker is misconfigured (every error, with file:line).
     */
    public static HealthChecks start(final KeepalivedConfig config, final RuleSet rules, final Consumer<String> log)
    {
        return start(config, rules, log, null);
    }

    /**
     * @param config     the loaded configuration.
     * @param rules      the rule table.
     * @param log        one line per transition.
     * @param latenessNs told how late each attempt started (benchmarks), or null.
     * @return the running checks.
     */
    public static HealthChecks start(final KeepalivedConfig config, final RuleSet rules, final Consumer<String> log,
        final LongConsumer latenessNs)
    {
        check(config, log);
        return new HealthChecks(new HealthChecker(config, rules, log, latenessNs), log);
    }

    /**
     * Apply a reloaded configuration (already in the rule table): unchanged checkers keep their state, servers
     * that are down are taken out again.
     *
     * @param config the new configuration.
     * @throws HealthCheckConfigException when a checker of it is misconfigured (the old checks go on).
     */
    public void reload(final KeepalivedConfig config)
    {
        check(config, s ->
        {
        });
        checker.reload(config);
    }

    /**
     * @return the agent (its attempt count).
     */
    public HealthChecker checker()
    {
        return checker;
    }

    private static void check(final KeepalivedConfig config, final Consumer<String> log)
    {
        final List<Diagnostic> found = HealthCheckValidator.validate(config);
        final StringBuilder errors = new StringBuilder();
        for (final Diagnostic diagnostic : found)
        {
            if (diagnostic.isError())
            {
                errors.append(errors.length() == 0 ? "" : "\n").append(diagnostic);
            }
            else
            {
                log.accept(diagnostic.toString());
            }
        }
        if (errors.length() > 0)
        {
            throw new HealthCheckConfigException(errors.toString());
        }
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
