package org.jvs.director.vrrp;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jvs.director.config.model.VrrpScriptConfig;

/**
 * One {@code vrrp_script}, run every {@code interval} through {@code /bin/sh -c} without waiting for it: the
 * VRRP agent polls; exit status 0 is success, anything else, a start failure or running past {@code timeout}
 * (the interval when unset; then killed) is failure. Never two runs of one script at once.
 */
final class TrackScriptRun
{
    /** No result this poll. */
    static final int NONE = -1;
    /** The script failed. */
    static final int FAILED = 0;
    /** The script exited 0. */
    static final int OK = 1;

    private final VrrpScriptConfig config;
    private final long intervalNs;
    private final long timeoutNs;
    private final Consumer<String> log;
    private Process process;
    private long startedNs;
    private long nextRunNs;
    private boolean reportedStartFailure;

    TrackScriptRun(final VrrpScriptConfig config, final Consumer<String> log)
    {
        this.config = config;
        this.intervalNs = TimeUnit.SECONDS.toNanos(Math.max(1, config.intervalS()));
        this.timeoutNs = config.timeoutS() > 0 ? TimeUnit.SECONDS.toNanos(config.timeoutS()) : intervalNs;
        this.log = log;
    }

    String name()
    {
        return config.name();
    }

    VrrpScriptConfig config()
    {
        return config;
    }

    /**
     * @param nowNs time now.
     * @return {@link #OK}, {@link #FAILED} or {@link #NONE}.
     */
    int poll(final long nowNs)
    {
        if (null != process)
        {
            if (!process.isAlive())
            {
                final int status = process.exitValue();
                process = null;
                return status == 0 ? OK : FAILED;
            }
            if (nowNs - startedNs >= timeoutNs)
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process = null;
                log.accept("vrrp_script " + config.name() + ": killed after its timeout");
                return FAILED;
            }
            return NONE;
        }
        if (nowNs - nextRunNs < 0)
        {
            return NONE;
        }
        nextRunNs = nowNs + intervalNs;
        startedNs = nowNs;
        try
        {
            process = new ProcessBuilder("/bin/sh", "-c", config.script())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            return NONE;
        }
        catch (final IOException ex)
        {
            if (!reportedStartFailure)
            {
                reportedStartFailure = true;
                log.accept("vrrp_script " + config.name() + ": could not start '" + config.script() + "': " +
                    ex.getMessage());
            }
            return FAILED;
        }
    }

    void close()
    {
        if (null != process)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process = null;
        }
    }
}
