package org.jvs.director.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system command (ip, nft, ethtool) on the control plane, bounded in time, and returns its output.
 */
public final class Shell
{
    private static final long TIMEOUT_S = 10;

    private Shell()
    {
    }

    /**
     * @param command the command and its arguments.
     * @return standard output.
     * @throws IOException when it fails or times out, with the command and its error output.
     */
    public static String run(final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(false).start();
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer within " + TIMEOUT_S + " s");
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", ex);
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + ": " + err.trim());
        }
        return out;
    }
}
