package org.jvs.director.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.VirtualServerConfig;

/**
 * keepalived's {@code -t} ({@code --config-test}) for jvs: load a keepalived.conf, print every warning and error
 * with its file:line on standard error, and a one-line summary; exit 0 only when the configuration would load.
 */
public final class ConfigTest
{
    private ConfigTest()
    {
    }

    /**
     * @param file the configuration file.
     * @param out  where the summary goes.
     * @param err  where the findings go.
     * @return 0 when the configuration would load, else 1.
     */
    public static int run(final Path file, final PrintStream out, final PrintStream err)
    {
        return run(file, KeepalivedConfigLoader.knownSchedulers(), config -> List.of(), out, err);
    }

    /**
     * @param file   the configuration file.
     * @param checks what else to check in a configuration that loads (the health checkers' validation).
     * @param out    where the summary goes.
     * @param err    where the findings go.
     * @return 0 when the configuration would load and run, else 1.
     */
    public static int run(final Path file, final Function<KeepalivedConfig, List<Diagnostic>> checks,
        final PrintStream out, final PrintStream err)
    {
        return run(file, KeepalivedConfigLoader.knownSchedulers(), checks, out, err);
    }

    /**
     * @param file       the configuration file.
     * @param schedulers the lb_algo names to accept.
     * @param out        where the summary goes.
     * @param err        where the findings go.
     * @return 0 when the configuration would load, else 1.
     */
    public static int run(final Path file, final Set<String> schedulers, final PrintStream out, final PrintStream err)
    {
        return run(file, schedulers, config -> List.of(), out, err);
    }

    private static int run(final Path file, final Set<String> schedulers,
        final Function<KeepalivedConfig, List<Diagnostic>> checks, final PrintStream out, final PrintStream err)
    {
        final ConfigLoadResult result = new KeepalivedConfigLoader(schedulers).load(file);
        result.diagnostics().forEach(err::println);
        int errors = result.errors().size();
        int warnings = result.warnings().size();
        if (errors == 0)
        {
            for (final Diagnostic diagnostic : checks.apply(result.config()))
            {
                err.println(diagnostic);
                if (diagnostic.isError())
                {
                    errors++;
                }
                else
                {
                    warnings++;
                }
            }
        }
        if (errors > 0)
        {
            err.println(file + ": configuration does not load: " + errors + " error" + plural(errors) + ", " +
                warnings + " warning" + plural(warnings));
            return 1;
        }
        final KeepalivedConfig config = result.config();
        int realServers = 0;
        for (final VirtualServerConfig virtualServer : config.virtualServers())
        {
            realServers += virtualServer.realServers().size();
        }
        out.println(file + ": configuration OK: " + count(config.virtualServers().size(), "virtual_server") + ", " +
            count(realServers, "real_server") + ", " + count(config.vrrpInstances().size(), "vrrp_instance") +
            ", " + warnings + " warning" + plural(warnings));
        return 0;
    }

    private static String count(final int n, final String what)
    {
        return n + " " + what + plural(n);
    }

    private static String plural(final int n)
    {
        return n == 1 ? "" : "s";
    }
}
