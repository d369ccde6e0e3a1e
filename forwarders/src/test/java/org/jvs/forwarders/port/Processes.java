package org.jvs.forwarders.port;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command for a test, bounded in time, output captured through files.
 */
public final class Processes
{
    private static final long TIMEOUT_MS = 60_000;

    private Processes()
    {
    }

    /**
     * @param command the command.
     * @return its standard output.
     * @throws IllegalStateException when it fails, with its output.
     */
    public static String runOk(final String... command)
    {
        final String[] result = run(command);
        if (!"0".equals(result[0]))
        {
            throw new IllegalStateException(String.join(" ", command) + ": exit " + result[0] + "\n" +
                result[1] + result[2]);
        }
        return result[1];
    }

    /**
     * @param command the command.
     * @return exit code (as text), standard output, standard error.
     */
    public static String[] run(final String... command)
    {
        File out = null;
        File err = null;
        try
        {
            out = File.createTempFile("jvs-test-out", ".txt");
            err = File.createTempFile("jvs-test-err", ".txt");
            final Process process = new ProcessBuilder(List.of(command))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out)
                .redirectError(err)
                .start();
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": still running after " + TIMEOUT_MS +
                    " ms");
            }
            return new String[] {Integer.toString(process.exitValue()),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8)};
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), ex);
        }
        finally
        {
            if (out != null)
            {
                out.delete();
            }
            if (err != null)
            {
                err.delete();
            }
        }
    }
}
