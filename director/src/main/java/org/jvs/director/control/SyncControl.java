package org.jvs.director.control;

import java.util.List;

/**
 * The director's connection-sync daemons as {@code jvsadm --start-daemon}, {@code --stop-daemon} and
 * {@code -L --daemon} drive them (ipvsadm's {@code IP_VS_SO_SET_STARTDAEMON} and friends).
 */
public interface SyncControl
{
    /** No sync in this process (tests, rule checks): starting is refused. */
    SyncControl NONE = new SyncControl()
    {
        @Override
        public void start(
            final boolean master, final String mcastInterface, final int syncId, final int maxLength, final int group,
            final int port, final int ttl)
        {
            throw new IllegalStateException("connection sync is not available here");
        }

        @Override
        public void stop(final boolean master)
        {
            throw new IllegalStateException("No daemon is running");
        }

        @Override
        public List<String> list(final boolean counters)
        {
            return List.of();
        }
    };

    /**
     * @param master         true for the master daemon, false for the backup one.
     * @param mcastInterface the interface sync messages go out on or come in from.
     * @param syncId         the sync id (a backup with 0 takes any).
     * @param maxLength      {@code --sync-maxlen}, 0 for the MTU's.
     * @param group          {@code --mcast-group}, an IPv4 multicast group in host order, 0 for 224.0.0.81.
     * @param port           {@code --mcast-port}, 0 for 8848.
     * @param ttl            {@code --mcast-ttl}, 0 for 1.
     * @throws IllegalStateException    "Daemon has already run" when that daemon runs.
     * @throws IllegalArgumentException when the interface is unusable (named in the message).
     */
    void start(boolean master, String mcastInterface, int syncId, int maxLength, int group, int port, int ttl);

    /**
     * @param master true for the master daemon, false for the backup one.
     * @throws IllegalStateException "No daemon is running" when it does not run.
     */
    void stop(boolean master);

    /**
     * @param counters true to add each daemon's counters, one indented line each.
     * @return ipvsadm's lines, {@code master sync daemon (mcast=eth1, syncid=1)}, master first.
     */
    List<String> list(boolean counters);
}
