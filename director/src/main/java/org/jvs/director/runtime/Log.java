package org.jvs.director.runtime;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The director's log: one line per state change (service added, weight changed, reload, VRRP transition),
 * never per packet. Timestamped like keepalived's. Control plane only.
 */
public final class Log
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PrintStream out;

    /**
     * @param out where lines go (stderr or a file).
     */
    public Log(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * @param line what changed.
     */
    public synchronized void info(final String line)
    {
        out.println(TIME.format(LocalDateTime.now()) + " jvs: " + line);
        out.flush();
    }
}
