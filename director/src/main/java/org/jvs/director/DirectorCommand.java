package org.jvs.director;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import jnr.ffi.LibraryLoader;
import jnr.ffi.types.intptr_t;
import org.jvs.director.check.HealthCheckValidator;
import org.jvs.director.cli.Command;
import org.jvs.director.config.ConfigTest;
import org.jvs.director.runtime.Director;
import org.jvs.director.runtime.DirectorOptions;
import org.jvs.director.runtime.Log;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code jvs director}: run a director until SIGTERM or SIGINT; SIGHUP reloads the configuration file.
 * {@code jvs director --config-test FILE} checks a keepalived.conf as keepalived's {@code -t} does.
 */
public final class DirectorCommand implements Command
{
    private static final long SIG_DFL = 0;

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
        handle("TERM", s -> stopped.countDown(), log);
        handle("INT", s -> stopped.countDown(), log);
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
        handle("HUP", s -> reloadQuietly(director), log);
        stopped.await();
        director.close();
        return 0;
    }

    /**
     * Catches a signal even when jvs was started with it ignored ({@code nohup} ignores SIGHUP, a shell's
     * {@code &} SIGINT): the JVM will not catch an ignored signal, so its default disposition is given back first,
     * as keepalived installs its handlers whatever it inherited. Without that a SIGHUP reload would be lost
     * without a word.
     */
    private static void handle(final String name, final SignalHandler handler, final Log log)
    {
        final Signal signal = new Signal(name);
        if (Signal.handle(signal, handler) == SignalHandler.SIG_IGN)
        {
            LibraryLoader.create(SignalLibC.class).load("c").signal(signal.getNumber(), SIG_DFL);
            Signal.handle(signal, handler);
            log.info("SIG" + name + " was ignored by whoever started jvs; caught again");
        }
    }

    /** libc's signal(2), to undo an inherited SIG_IGN. */
    public interface SignalLibC
    {
        /**
         * @param number  the signal.
         * @param handler SIG_DFL (0) here.
         * @return the previous handler.
         */
        @intptr_t long signal(int number, @intptr_t long handler);
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
