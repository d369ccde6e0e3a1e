package org.jvs.director.vrrp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs notify_master/backup/fault and notify commands of instances and sync groups through {@code /bin/sh -c}
 * without waiting, as keepalived does ({@code notify} gets "INSTANCE|GROUP NAME STATE PRIORITY" appended), and
 * kills one still running after the time limit.
 */
final class NotifyScripts
{
    private final long timeoutNs;
    private final Consumer<String> log;
    private final List<Running> running = new ArrayList<>();

    private record Running(String command, Process process, long deadlineNs)
    {
    }

    /**
     * @param timeoutNs time limit of each script.
     * @param log       where failures are told.
     */
    NotifyScripts(final long timeoutNs, final Consumer<String> log)
    {
        this.timeoutNs = timeoutNs;
        this.log = log;
    }

    /**
     * @param command a command line, null for none.
     * @param nowNs   now.
     */
    void run(final String command, final long nowNs)
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
            running.add(new Running(command, process, nowNs + timeoutNs));
        }
        catch (final IOException ex)
        {
            log.accept("notify script '" + command + "' could not start: " + ex.getMessage());
        }
    }

    /**
     * @param nowNs now.
     * @return scripts reaped or killed.
     */
    int poll(final long nowNs)
    {
        int work = 0;
        for (int i = running.size() - 1; i >= 0; i--)
        {
            final Running script = running.get(i);
            if (!script.process().isAlive())
            {
                if (script.process().exitValue() != 0)
                {
                    log.accept("notify script '" + script.command() + "' exited " + script.process().exitValue());
                }
                running.remove(i);
                work++;
            }
            else if (nowNs - script.deadlineNs() >= 0)
            {
                script.process().descendants().forEach(ProcessHandle::destroyForcibly);
                script.process().destroyForcibly();
                log.accept("notify script '" + script.command() + "': killed after its time limit");
                running.remove(i);
                work++;
            }
        }
        return work;
    }

    /**
     * Leave running scripts alone (a notify on shutdown may still be at work) but stop tracking them.
     */
    void close()
    {
        running.clear();
    }
}
