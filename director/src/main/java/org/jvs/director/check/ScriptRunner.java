package org.jvs.director.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs notify_up/notify_down and quorum_up/quorum_down scripts through {@code /bin/sh -c} without waiting for
 * them, and kills one still running after its time limit.
 */
final class ScriptRunner
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
    ScriptRunner(final long timeoutNs, final Consumer<String> log)
    {
        this.timeoutNs = timeoutNs;
        this.log = log;
    }

    /**
     * @param what    which script ("notify_up"...).
     * @param command its command line, null for none.
     * @param nowNs   now.
     */
    void run(final String what, final String command, final long nowNs)
    {
        if (command == null)
        {
            return;
        }
        try
        {
            final Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            running.add(new Running(what + " " + command, process, nowNs + timeoutNs));
        }
        catch (final IOException ex)
        {
            log.accept(what + " script '" + command + "' could not start: " + ex.getMessage());
        }
    }

    /**
     * @param nowNs now.
     * @return scripts reaped.
     */
    int poll(final long nowNs)
    {
        int work = 0;
        for (int i = running.size() - 1; i >= 0; i--)
        {
            final Running script = running.get(i);
            if (!script.process().isAlive())
            {
                running.remove(i);
                work++;
            }
            else if (nowNs - script.deadlineNs() >= 0)
            {
                kill(script.process());
                log.accept(script.command() + ": killed after its time limit");
                running.remove(i);
                work++;
            }
        }
        return work;
    }

    void close()
    {
        for (final Running script : running)
        {
            kill(script.process());
        }
        running.clear();
    }

    private static void kill(final Process process)
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
