package org.jvs.director;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.jvs.director.check.HealthCheckValidator;
import org.jvs.director.cli.Command;
import org.jvs.director.config.ConfigTest;
import org.jvs.director.runtime.Director;
import org.jvs.director.runtime.DirectorOptions;
import org.jvs.director.runtime.Log;

import sun.misc.Signal;

/**
 * {@code jvs director}: run a director until SIGTERM or SIGINT; SIGHUP reloads the configuration file.
 * {@code jvs director --config-test FILE} checks a keepalived.conf as keepalived's {@code -t} does.
 */
public final class DirectorCommand implements Command
{
    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (args.length >= 1 && ("--help".equals(args[0]) || "-h".equals(args[0])))
        {
            out.println(DirectorOptions.usage());
            return 0;
        }
        if (args.length >= 1 && ("--config-test".equals(args[0]) || "-t".equals(args[0])))
        {
            if (args.length != 2)
            {
                err.println("jvs director: --config-test needs exactly one FILE");
                return 2;
            }
            return ConfigTest.run(Path.of(args[1]), HealthCheckValidator::validate, out, err);
        }
        final DirectorOptions options;
        try
        {
            options = DirectorOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("jvs director: " + ex.getMessage());
            err.println(DirectorOptions.usage());
            return 2;
        }
        final Log log = new Log(options.logFile() == null ? err :
            new PrintStream(new FileOutputStream(options.logFile().toFile(), true), true, StandardCharsets.UTF_8));
        return runUntilStopped(options, log, err);
    }

    private static int runUntilStopped(final DirectorOptions options, final Log log, final PrintStream err)
        throws InterruptedException
    {
        final Director director = new Director(options, log);
        final CountDownLatch stopped = new CountDownLatch(1);
        // Before start: a stop asked for while the director is still starting is a clean, draining stop too.
        Signal.handle(new Signal("TERM"), s -> stopped.countDown());
        Signal.handle(new Signal("INT"), s -> stopped.countDown());
        try
        {
            director.start();
        }
        catch (final Exception ex)
        {
            err.println("jvs director: " + ex.getMessage());
            director.close();
            return 1;
        }
        Signal.handle(new Signal("HUP"), s -> reloadQuietly(director));
        stopped.await();
        director.close();
        return 0;
    }

    private static void reloadQuietly(final Director director)
    {
        try
        {
            director.reload();
        }
        catch (final RuntimeException ex)
        {
            // Director.reload logged why; the running configuration stays.
            return;
        }
    }
}
