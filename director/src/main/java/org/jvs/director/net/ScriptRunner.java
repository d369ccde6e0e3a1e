package org.jvs.director.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs keepalived's scripts (notify_up/down, quorum_up/down, notify_master/backup/fault, notify) through
 * {@code /bin/sh -c} without waiting for them, as keepalived does: an agent starts them and polls; one that exits
 * non-zero is told, one still running after its time limit is killed with whatever it started.
 */
public final class ScriptRunner
{
    private final long timeoutNs;
    private final Consumer<String> log;
    private final List<Running> running = new ArrayList<>();

    private record Running(String name, Process process, long deadlineNs)
    {
    }

    /**
     * @param timeoutNs time limit of each script.
     * @param log       where failures are told.
     */
    public ScriptRunner(final long timeoutNs, final Consumer<String> log)
    {
        this.timeoutNs = timeoutNs;
        this.log = log;
    }

    /**
     * @param what    which script ("notify_up", "notify_master"...), for the log.
     * @param command its command line, null for none.
     * @param nowNs   now.
     */
    public void run(final String what, final String command, final long nowNs)
    {
        if (null == command)
        {
            return;
        }
        try
        {
            final Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            running.add(new Running(what + " script '" + command + "'", process, nowNs + timeoutNs));
        }
        catch (final IOException ex)
        {
            log.accept(what + " script '" + command + "' could not start: " + ex.getMessage());
        }
    }

    /**
     * @param nowNs now.
     * @return scripts reaped or killed.
     */
    public int poll(final long nowNs)
    {
        int work = 0;
        for (int i = running.size() - 1; i >= 0; i--)
        {
            final Running script = running.get(i);
            if (!script.process().isAlive())
            {
                if (script.process().exitValue() != 0)
                {
                    log.accept(script.name() + " exited " + script.process().exitValue());
                }
                running.remove(i);
                work++;
            }
            else if (nowNs - script.deadlineNs() >= 0)
            {
                kill(script.process());
                log.accept(script.name() + ": killed after its time limit");
                running.remove(i);
                work++;
            }
        }
        return work;
    }

    /**
     * Stop tracking the scripts still running.
     *
     * @param kill true to kill them; false to let them finish (a notify of the last transition at shutdown).
     */
    public void close(final boolean kill)
    {
        if (kill)
        {
            for (final Running script : running)
            {
                kill(script.process());
            }
        }
        running.clear();
    }

    private static void kill(final Process process)
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
