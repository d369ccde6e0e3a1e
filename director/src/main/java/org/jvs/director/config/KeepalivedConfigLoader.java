package org.jvs.director.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.director.config.model.KeepalivedConfig;

/**
 * Loads a keepalived.conf: tokens (includes expanded), statement tree, typed model, whole-config checks. Every
 * finding comes back with its file:line; errors mean the configuration must not be used.
 * <pre>{@code
 * ConfigLoadResult result = new KeepalivedConfigLoader().load(Path.of("/etc/keepalived/keepalived.conf"));
 * result.diagnostics().forEach(System.err::println);
 * ServiceTable table = ServiceTableBuilder.build(result.orThrow(), 1);
 * }</pre>
 */
public final class KeepalivedConfigLoader
{
    /** The 14 IPVS scheduler names, used when no scheduler is registered on the class path. */
    public static final List<String> IPVS_SCHEDULERS =
        List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");

    private final Set<String> schedulers;

    /**
     * A loader that accepts the lb_algo names of {@link SchedulerRegistry}, or IPVS's 14 when none is registered.
     */
    public KeepalivedConfigLoader()
    {
        this(knownSchedulers());
    }

    /**
     * @param schedulers the lb_algo names to accept.
     */
    public KeepalivedConfigLoader(final Set<String> schedulers)
    {
        this.schedulers = Set.copyOf(schedulers);
    }

    /**
     * @return the registered scheduler names, or {@link #IPVS_SCHEDULERS} when none is registered.
     */
    public static Set<String> knownSchedulers()
    {
        return knownSchedulers(new SchedulerRegistry());
    }

    /**
     * @param registry where schedulers are registered.
     * @return its scheduler names, or {@link #IPVS_SCHEDULERS} when it has none.
     */
    public static Set<String> knownSchedulers(final SchedulerRegistry registry)
    {
        final Set<String> names = new TreeSet<>();
        registry.names().forEach(names::add);
        return names.isEmpty() ? new TreeSet<>(IPVS_SCHEDULERS) : names;
    }

    /**
     * @param file the configuration file.
     * @return the model (best effort when there are errors) and every finding.
     */
    public ConfigLoadResult load(final Path file)
    {
        final Diagnostics diagnostics = new Diagnostics();
        final List<ConfigToken> tokens = new ConfigLexer(diagnostics).read(file);
        final List<ConfigNode> statements = new ConfigTreeParser(diagnostics).parse(tokens);
        final BindContext context = new BindContext(diagnostics, schedulers);
        final KeepalivedConfig config = new ConfigBinder(context).bind(statements);
        new ConfigValidator(context).validate(config);
        return new ConfigLoadResult(file, config, diagnostics.list());
    }
}
