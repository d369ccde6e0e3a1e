package org.jvs.director.check;

import java.io.IOException;
import java.nio.channels.Selector;

/**
 * MISC_CHECK: run misc_path through {@code /bin/sh -c}, polled (never waited for) until it exits or misc_timeout
 * passes. Exit 0 is up, 1 down; with misc_dynamic, 2..255 is up with weight = code - 2.
 */
final class MiscProbe extends Probe
{
    private final String command;
    private final long timeoutNs;
    private final boolean dynamic;
    private Process process;
    private long deadlineNs;

    /**
     * @param command   misc_path.
     * @param timeoutNs misc_timeout.
     * @param dynamic   misc_dynamic.
     */
    MiscProbe(final String command, final long timeoutNs, final boolean dynamic)
    {
        this.command = command;
        this.timeoutNs = timeoutNs;
        this.dynamic = dynamic;
    }

    @Override
    void start(final Selector selector, final long nowNs)
    {
        deadlineNs = nowNs + timeoutNs;
        try
        {
            process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (final IOException ex)
        {
            fail("misc_path could not start: " + ex.getMessage());
        }
    }

    @Override
    void poll(final long nowNs)
    {
        if (done())
        {
            return;
        }
        if (!process.isAlive())
        {
            onExit(process.exitValue());
        }
        else if (nowNs - deadlineNs >= 0)
        {
            fail("misc_path timeout");
        }
    }

    private void onExit(final int code)
    {
        if (code == 0)
        {
            succeed();
        }
        else if (dynamic && code >= 2 && code <= 255)
        {
            succeed(code - 2);
        }
        else
        {
            fail("misc_path exit " + code);
        }
    }

    @Override
    void cancel()
    {
        if (process != null && process.isAlive())
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
