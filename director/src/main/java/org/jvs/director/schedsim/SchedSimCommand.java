package org.jvs.director.schedsim;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.director.cli.Command;

/**
 * {@code jvs schedsim [FILE]}: replay a scheduler scenario through the real schedulers and print, for each
 * {@code conn} line, {@code k NAME} (the real server chosen) or {@code k -} (none). Reads standard input when
 * FILE is absent or {@code -}. The whole scenario is played before anything is printed, so bad input prints
 * only its message ({@code FILE:line: what}) on standard error, with exit status 2.
 */
public final class SchedSimCommand implements Command
{
    private static final String USAGE = "usage: jvs schedsim [FILE]   (a scenario; standard input when absent)";

    /**
     * For {@link org.jvs.director.Main}.
     */
    public SchedSimCommand()
    {
    }

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws IOException
    {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0])))
        {
            out.println(USAGE);
            return 0;
        }
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-") && !"-".equals(args[0])))
        {
            err.println(USAGE);
            return 2;
        }
        final boolean stdin = args.length == 0 || "-".equals(args[0]);
        final String source = stdin ? "<stdin>" : args[0];
        final List<String> lines;
        try (Reader reader = stdin ?
            new InputStreamReader(System.in, StandardCharsets.UTF_8) :
            Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8))
        {
            lines = SchedSimScript.run(new SchedSim(new SchedulerRegistry()), reader, source);
        }
        catch (final NoSuchFileException ex)
        {
            err.println("jvs schedsim: " + source + ": no such file");
            return 2;
        }
        catch (final IOException ex)
        {
            err.println("jvs schedsim: " + source + ": cannot read: " + ex.getMessage());
            return 2;
        }
        catch (final ScenarioException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        for (final String line : lines)
        {
            out.println(line);
        }
        return 0;
    }
}
